import { db, workflows } from '../client/db';
import type { WorkflowFile } from '../schema/workflow';

/** The editor's checks of a step (schema, objects and fields, variables), loaded with the first use. */
async function editorChecks() {
  const [{ stepProblems }, objectRows] = await Promise.all([import('./editor/validate'), db.objects.toArray()]);
  const objects = new Map(objectRows.map((o) => [o.name, o]));
  return (version: Parameters<typeof stepProblems>[0], step: Parameters<typeof stepProblems>[1]) =>
    stepProblems(version, step, objects)[0] ?? null;
}

/**
 * Activates a workflow's draft after checking every step's settings again, as the editor
 * does (schema, objects and fields, variables of steps that run before), rather than trusting
 * the flag the editor saved. The checks load with the first activation.
 */
export async function activateWorkflow(workflowId: string): Promise<void> {
  await workflows.activate(workflowId, await editorChecks());
}

/** Imports a file as a draft, each step marked valid or not by the editor's checks (never by the file). */
export async function importWorkflow(file: WorkflowFile): Promise<string> {
  return workflows.importFile(file, await editorChecks());
}
