import { t } from '@lingui/core/macro';
import { db, workflows } from '../client/db';
import { fileNameFor, toWorkflowFile } from '../share/workflowFile';

/** Saves a file the app made (a download the browser keeps). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Downloads a workflow's current version as a JSON file. */
export async function downloadWorkflow(workflowId: string): Promise<void> {
  const w = await db.workflows.get(workflowId);
  const version = await workflows.currentVersion(workflowId);
  if (!w || !version) throw new Error(t`This workflow has no version to export.`);
  const file = toWorkflowFile(w.name, version.trigger, version.steps, w.description);
  downloadBlob(new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' }), fileNameFor(w.name));
}
