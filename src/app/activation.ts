import { db, workflows } from '../client/db';

/**
 * Activates a workflow's draft after checking every step's settings again, as the editor
 * does (schema, objects and fields, variables of steps that run before), rather than trusting
 * the flag the editor saved. The checks load with the first activation.
 */
export async function activateWorkflow(workflowId: string): Promise<void> {
  const [{ stepProblems }, objectRows] = await Promise.all([import('./editor/validate'), db.objects.toArray()]);
  const objects = new Map(objectRows.map((o) => [o.name, o]));
  await workflows.activate(workflowId, (version, step) => stepProblems(version, step, objects)[0] ?? null);
}
