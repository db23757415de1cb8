import { stepDefinition } from '../engine/steps';
import type { WorkflowFile } from '../schema/workflow';

/** What an imported workflow would do, shown before anything is written. */
export interface ImportPreview {
  name: string;
  trigger: { type: string; name: string };
  steps: { name: string; type: string }[];
  /** Objects whose records it creates, updates or deletes. */
  writes: string[];
  /** Hosts it sends requests to. */
  hosts: string[];
  containsCode: boolean;
}

export function previewWorkflow(file: WorkflowFile): ImportPreview {
  const writes = new Set<string>();
  const hosts = new Set<string>();
  let containsCode = false;
  for (const step of file.steps) {
    const input = step.settings.input as { objectName?: string; url?: unknown };
    if (stepDefinition(step.type).writesRecords && input.objectName) writes.add(input.objectName);
    if (typeof input.url === 'string') {
      try {
        hosts.add(new URL(input.url).host);
      } catch {
        hosts.add(input.url);
      }
    }
    if (step.type === 'CODE') containsCode = true;
  }
  return {
    name: file.name,
    trigger: { type: file.trigger.type, name: file.trigger.name },
    steps: file.steps.map((s) => ({ name: s.name, type: s.type })),
    writes: [...writes].sort(),
    hosts: [...hosts].sort(),
    containsCode,
  };
}
