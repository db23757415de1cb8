import { STANDARD_OBJECTS } from '../../db/standardObjects';
import { activationProblem, type StepCheck } from '../../db/workflows';
import { nextScheduleTimer, scheduleTimerId } from '../../engine/scheduler';
import { newHookToken } from '../../engine/webhook';
import type { ObjectMetadata } from '../../schema/objectMetadata';
import type { WorkflowFile } from '../../schema/workflow';
import type { VersionRow, WorkflowRow } from '../../schema/workflowRows';
import type { SqlDatabase } from './database';
import { putTimer, putVersions, putWorkflows, readVersions, readWorkflow } from './rows';

/** Puts Twenty's standard objects in a workspace that has no objects yet. Returns whether it did. */
export async function seedStandardObjects(db: SqlDatabase): Promise<boolean> {
  return db.transaction(async (s) => {
    if ((await s.query('SELECT 1 FROM objects LIMIT 1')).length > 0) return false;
    await putObjects(db, STANDARD_OBJECTS, s);
    return true;
  });
}

export async function putObjects(
  db: SqlDatabase,
  objects: ObjectMetadata[],
  session?: Parameters<Parameters<SqlDatabase['transaction']>[0]>[0],
): Promise<void> {
  const write = (s: NonNullable<typeof session>) =>
    s.query(
      `INSERT INTO objects (name, body) SELECT o->>'name', o FROM json_array_elements($1::json) AS x(o)
       ON CONFLICT (name) DO UPDATE SET body = excluded.body`,
      [JSON.stringify(objects)],
    );
  if (session) await write(session);
  else await db.transaction(write);
}

/**
 * A workflow from a file, active at once (its schedule armed): the runner serves workflows, it
 * has no editor to keep drafts for. Refused, with the reason, when a step cannot run (`check`
 * decides each step's `valid` flag: a file's is never trusted).
 */
export async function installActiveWorkflow(
  db: SqlDatabase,
  file: WorkflowFile,
  check: StepCheck,
  now: () => number = Date.now,
): Promise<string> {
  const at = now();
  const workflowId = crypto.randomUUID();
  const graph = { trigger: file.trigger, steps: file.steps } as VersionRow;
  const version: VersionRow = {
    id: crypto.randomUUID(),
    workflowId,
    number: 1,
    status: 'active',
    trigger: file.trigger,
    steps: file.steps.map((s) => ({ ...s, valid: check(graph, s) === null })),
    createdAt: at,
    updatedAt: at,
  };
  const problem = activationProblem(version);
  if (problem) throw new Error(`"${file.name}" cannot be activated: ${problem}`);
  const workflow: WorkflowRow = {
    id: workflowId,
    name: file.name,
    ...(file.description ? { description: file.description } : {}),
    createdAt: at,
    updatedAt: at,
    activeVersionId: version.id,
    hookToken: newHookToken(),
  };
  await db.transaction(async (s) => {
    await putWorkflows(s, [workflow]);
    await putVersions(s, [version]);
    const timer = nextScheduleTimer(version, at);
    if (timer) await putTimer(s, timer);
  });
  return workflowId;
}

/**
 * Stops a workflow reacting (as the app's Deactivate does): its active version becomes
 * `deactivated` and its schedule is disarmed; runs already started go on. Returns false when
 * there is no such workflow.
 */
export async function deactivateWorkflow(
  db: SqlDatabase,
  workflowId: string,
  now: () => number = Date.now,
): Promise<boolean> {
  return db.transaction(async (s) => {
    const workflow = await readWorkflow(s, workflowId, true);
    if (!workflow) return false;
    if (!workflow.activeVersionId) return true;
    const at = now();
    const [version] = await readVersions(s, 'id = $1', [workflow.activeVersionId]);
    if (version) await putVersions(s, [{ ...version, status: 'deactivated', updatedAt: at }]);
    await s.query('DELETE FROM timers WHERE id = $1', [scheduleTimerId(workflow.activeVersionId)]);
    const next: WorkflowRow = { ...workflow, updatedAt: at };
    delete next.activeVersionId;
    await putWorkflows(s, [next]);
    return true;
  });
}
