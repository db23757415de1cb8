import { liftRunRow, liftVersionRow, storedRun } from '../../db/storedShapes';
import type { RunRow, StoredRunRow, TimerRow } from '../../schema/run';
import { WORKFLOW_CHAIN } from '../../schema/workflowMigrations';
import type { VersionRow, WorkflowRow } from '../../schema/workflowRows';
import type { SqlSession } from './database';

/**
 * The rows the engine keeps beside records, read and written whole (`body`), with the columns
 * it searches by kept beside them. Stored workflow graphs are lifted through the workflow
 * format's migrations when read, as in the browser (db/storedShapes.ts).
 */

/** Versions matching `where` (an SQL condition on the versions table). */
export async function readVersions(s: SqlSession, where: string, params: unknown[] = []): Promise<VersionRow[]> {
  const rows = await s.query<{ body: VersionRow }>(`SELECT body FROM versions WHERE ${where}`, params);
  return rows.map((r) => liftVersionRow(r.body));
}

export async function putVersions(s: SqlSession, versions: VersionRow[]): Promise<void> {
  if (versions.length === 0) return;
  const stamped = versions.map((v) => ({ ...v, formatVersion: v.formatVersion ?? WORKFLOW_CHAIN.current }));
  await s.query(
    `INSERT INTO versions (id, workflow_id, status, body)
     SELECT v->>'id', v->>'workflowId', v->>'status', v FROM json_array_elements($1::json) AS x(v)
     ON CONFLICT (id) DO UPDATE SET workflow_id = excluded.workflow_id, status = excluded.status, body = excluded.body`,
    [JSON.stringify(stamped)],
  );
}

export async function putWorkflows(s: SqlSession, workflows: WorkflowRow[]): Promise<void> {
  if (workflows.length === 0) return;
  await s.query(
    `INSERT INTO workflows (id, body) SELECT w->>'id', w FROM json_array_elements($1::json) AS x(w)
     ON CONFLICT (id) DO UPDATE SET body = excluded.body`,
    [JSON.stringify(workflows)],
  );
}

export async function readWorkflow(s: SqlSession, id: string): Promise<WorkflowRow | undefined> {
  const [row] = await s.query<{ body: WorkflowRow }>('SELECT body FROM workflows WHERE id = $1', [id]);
  return row?.body;
}

/**
 * Runs by id, locked for this transaction (`FOR UPDATE`, in id order so two runners locking
 * overlapping sets never wait on each other in a cycle): another runner reading one of them
 * waits for this transaction to end, then reads what it wrote.
 */
export async function lockRuns(s: SqlSession, ids: string[]): Promise<Map<string, StoredRunRow>> {
  const rows = await s.query<{ body: StoredRunRow }>(
    `SELECT body FROM runs WHERE id IN (SELECT json_array_elements_text($1::json)) ORDER BY id FOR UPDATE`,
    [JSON.stringify(ids)],
  );
  return new Map(rows.map((r) => [r.body.id, liftRunRow(r.body)]));
}

export async function putRuns(s: SqlSession, runs: RunRow[]): Promise<void> {
  if (runs.length === 0) return;
  await s.query(
    `INSERT INTO runs (id, workflow_id, status, created_at, body)
     SELECT r->>'id', r->>'workflowId', r->>'status', (r->>'createdAt')::float8, r FROM json_array_elements($1::json) AS x(r)
     ON CONFLICT (id) DO UPDATE SET status = excluded.status, body = excluded.body`,
    [JSON.stringify(runs.map(storedRun))],
  );
}

export async function putTimer(s: SqlSession, timer: TimerRow): Promise<void> {
  await s.query(
    `INSERT INTO timers (id, run_id, due_at, body) VALUES ($1, $2, $3, $4::json)
     ON CONFLICT (id) DO UPDATE SET run_id = excluded.run_id, due_at = excluded.due_at, body = excluded.body`,
    [timer.id, timer.runId, timer.dueAt, JSON.stringify(timer)],
  );
}
