import { liftRunRow, liftVersionRow, storedRun } from '../../db/storedShapes';
import type { RunRow, StoredRunRow, TimerRow } from '../../schema/run';
import { WORKFLOW_CHAIN } from '../../schema/workflowMigrations';
import type { VersionRow, WorkflowRow } from '../../schema/workflowRows';
import type { SettingsSource } from '../../db/settings';
import type { MailSource } from '../../db/mail';
import type { MailboxRow } from '../../schema/mail';
import type { SettingRow } from '../../schema/settings';
import type { SqlDatabase, SqlSession } from './database';

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

export async function readWorkflow(s: SqlSession, id: string, forUpdate = false): Promise<WorkflowRow | undefined> {
  const [row] = await s.query<{ body: WorkflowRow }>(
    `SELECT body FROM workflows WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return row?.body;
}

/** Who holds runs in this store, and for how long a lease lasts. */
export interface Lease {
  owner: string;
  ms: number;
  now: () => number;
}

/** Statuses in which a run is being advanced by a runner, and leased to it. */
export const LEASED_STATUSES = ['queued', 'running', 'stopping'];

/**
 * Runs by id, locked for this transaction (`FOR UPDATE`, in id order so two runners locking
 * overlapping sets never wait on each other in a cycle): another runner reading one of them
 * waits for this transaction to end, then reads what it wrote. With `skipLocked`, rows another
 * transaction holds are passed over instead (a group takes what is free).
 *
 * A run leased to another runner until later than now is left out, as if it were not there:
 * that runner is advancing it (maybe calling out), and only it may write it — the fence that
 * keeps a runner that lost its lease, or one that never had it, from writing the run.
 */
export async function lockRuns(
  s: SqlSession,
  ids: string[],
  lease: Lease,
  skipLocked = false,
): Promise<Map<string, StoredRunRow>> {
  const rows = await s.query<{ body: StoredRunRow; lease_owner: string | null; lease_until: number | null }>(
    `SELECT body, lease_owner, lease_until FROM runs WHERE id IN (SELECT json_array_elements_text($1::json))
     ORDER BY id FOR UPDATE${skipLocked ? ' SKIP LOCKED' : ''}`,
    [JSON.stringify(ids)],
  );
  const now = lease.now();
  return new Map(
    rows
      .filter((r) => !r.lease_owner || r.lease_owner === lease.owner || (r.lease_until ?? 0) < now)
      .map((r) => [r.body.id, liftRunRow(r.body)]),
  );
}

/**
 * Stores runs; those still being advanced are leased to this runner (`lease`), the others to
 * none (all to none without a lease: a restored backup's runs).
 */
export async function putRuns(s: SqlSession, runs: RunRow[], lease: Lease | null): Promise<void> {
  if (runs.length === 0) return;
  await s.query(
    `INSERT INTO runs (id, workflow_id, status, created_at, body, trigger_event_id, lease_owner, lease_until)
     SELECT r->>'id', r->>'workflowId', r->>'status', (r->>'createdAt')::float8, r, r->>'triggerEventId',
       CASE WHEN r->>'status' IN (SELECT json_array_elements_text($2::json)) THEN $3 END,
       CASE WHEN r->>'status' IN (SELECT json_array_elements_text($2::json)) THEN $4::float8 END
     FROM json_array_elements($1::json) AS x(r)
     ON CONFLICT (id) DO UPDATE SET status = excluded.status, body = excluded.body,
       lease_owner = excluded.lease_owner, lease_until = excluded.lease_until`,
    [
      JSON.stringify(runs.map(storedRun)),
      JSON.stringify(lease ? LEASED_STATUSES : []),
      lease?.owner ?? null,
      lease ? lease.now() + lease.ms : null,
    ],
  );
}

/** Extends this runner's leases (while it works); returns how many it holds. */
export async function renewLeases(s: SqlSession, lease: Lease): Promise<number> {
  const rows = await s.query('UPDATE runs SET lease_until = $2 WHERE lease_owner = $1 RETURNING id', [
    lease.owner,
    lease.now() + lease.ms,
  ]);
  return rows.length;
}

/** Gives this runner's leases up (it is stopping): others may take its runs at once. */
export async function releaseLeases(s: SqlSession, owner: string): Promise<number> {
  const rows = await s.query(
    'UPDATE runs SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = $1 RETURNING id',
    [owner],
  );
  return rows.length;
}

export async function putTimer(s: SqlSession, timer: TimerRow): Promise<void> {
  await s.query(
    `INSERT INTO timers (id, run_id, due_at, body) VALUES ($1, $2, $3, $4::json)
     ON CONFLICT (id) DO UPDATE SET run_id = excluded.run_id, due_at = excluded.due_at, body = excluded.body`,
    [timer.id, timer.runId, timer.dueAt, JSON.stringify(timer)],
  );
}

/** The runner's settings, as the app's setting readers take them (db/settings.ts). */
export function sqlSettings(db: SqlDatabase): SettingsSource {
  return {
    settings: {
      get: (key) =>
        db
          .transaction((s) => s.query<{ body: SettingRow }>('SELECT body FROM settings WHERE key = $1', [key]))
          .then(([row]) => row?.body),
    },
  };
}

/** Settings and the mail Outbox in the runner's database, as the step services read them. */
export function sqlMailSource(db: SqlDatabase): MailSource {
  return {
    ...sqlSettings(db),
    mailbox: {
      add: (row: MailboxRow) =>
        db.transaction((s) =>
          s.query('INSERT INTO mailbox (id, at, body) VALUES ($1, $2, $3::json)', [
            row.id,
            row.at,
            JSON.stringify(row),
          ]),
        ),
    },
  };
}
