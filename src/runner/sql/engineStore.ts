import { RecordTxCore } from '../../db/recordCore';
import { copyRun } from '../../db/storedShapes';
import { flowOfVersion } from '../../engine/graph';
import type { EngineStore, EngineTx } from '../../engine/ports';
import type { RecordEvent } from '../../schema/record';
import { FINISHED_RUN_STATUSES, type RunRow, type StoredRunRow, type TimerRow } from '../../schema/run';
import type { VersionRow, WorkflowRow } from '../../schema/workflowRows';
import { runRetention } from '../../db/retention';
import type { SqlDatabase } from './database';
import { activeVersions, sqlRecords } from './records';
import {
  LEASED_STATUSES,
  lockRuns,
  putRuns,
  putTimer,
  putWorkflows,
  readVersions,
  readWorkflow,
  sqlSettings,
  type Lease,
} from './rows';

export interface SqlStoreOptions {
  /** This runner's id in leases (default: one per store). */
  owner?: string;
  /** How long a lease lasts unless renewed (default 30 s). */
  leaseMs?: number;
}

export const DEFAULT_LEASE_MS = 30_000;

/**
 * The engine's storage port over SQL: each engine transaction is one database transaction.
 *
 * Several runners may share one Postgres server, so what decides that a piece of work is done
 * once is a row lock, taken where the engine reads what it is about to change: the outbox cursor
 * (consuming events), a run (advancing it) and a timer (firing it) are read `FOR UPDATE`. A
 * second runner reading the same row waits for the first to commit and then sees its writes
 * (a finished run, a moved cursor, a deleted timer), as a second tab's engine does in IndexedDB,
 * where transactions on the same tables never overlap.
 *
 * A run being advanced is also leased to its runner (`owner`, for `leaseMs`, renewed while it
 * works: see rows.ts): others do not list it as work, and a runner reading a run another holds
 * finds none — so an external call in flight on one runner is never taken for one that was cut
 * off and made again by another. A group of runs takes those no one else has locked (`SKIP LOCKED`).
 */
export function createSqlEngineStore(
  db: SqlDatabase,
  now: () => number = Date.now,
  onEvents?: () => void,
  options: SqlStoreOptions = {},
): EngineStore & { lease: Lease } {
  const lease: Lease = { owner: options.owner ?? crypto.randomUUID(), ms: options.leaseMs ?? DEFAULT_LEASE_MS, now };
  // Versions that have left the draft state never change: each is read once.
  const frozen = new Map<string, VersionRow>();
  const keepFrozen = (versions: VersionRow[]) => {
    for (const v of versions) if (v.status !== 'draft') frozen.set(v.id, v);
    return versions;
  };

  return {
    lease,
    async transaction(fn) {
      let events = 0;
      const value = await db.transaction(async (s) => {
        const active = activeVersions(s).then(keepFrozen);
        active.catch(() => {});
        const records = new RecordTxCore(sqlRecords(s, lease.owner), active.then(RecordTxCore.listenedBy), now);
        const runs = new Map<string, RunRow>();
        const workflows = new Map<string, WorkflowRow>();
        const ahead = new Map<string, StoredRunRow | undefined>();
        // Writes are not waited for one by one: the connection runs them in order, before any
        // later read; all must succeed before the commit.
        const pending: Promise<unknown>[] = [];
        const queue = async (request: Promise<unknown>) => {
          request.catch(() => {});
          pending.push(request);
        };
        const version = async (id: string) => {
          const known = frozen.get(id);
          if (known) return known;
          const [v] = keepFrozen(await readVersions(s, 'id = $1', [id]));
          return v;
        };
        const withFlow = async (row: StoredRunRow | undefined): Promise<RunRow | undefined> => {
          if (!row || row.flow) return row as RunRow | undefined;
          const v = await version(row.versionId);
          return v && { ...row, flow: flowOfVersion(v) };
        };
        const tx: EngineTx = {
          records,
          getRun: async (id) => {
            const written = runs.get(id);
            if (written) return copyRun(written);
            const row = ahead.has(id) ? ahead.get(id) : (await lockRuns(s, [id], lease)).get(id);
            ahead.delete(id);
            return withFlow(row);
          },
          hasRun: async (id) => runs.has(id) || (await s.query('SELECT 1 FROM runs WHERE id = $1', [id])).length > 0,
          prefetchRuns: async (ids) => {
            const wanted = ids.filter((id) => !runs.has(id) && !ahead.has(id));
            // A group takes the runs no other transaction holds; the others are someone else's now.
            const rows = wanted.length > 0 ? await lockRuns(s, wanted, lease, true) : new Map<string, StoredRunRow>();
            for (const id of wanted) ahead.set(id, rows.get(id));
            return ids.flatMap((id) => {
              const row = runs.get(id) ?? ahead.get(id);
              return row ? [row as RunRow] : [];
            });
          },
          putRun: async (run) => {
            runs.set(run.id, copyRun(run));
          },
          getRunValue: async (id) => {
            const [row] = await s.query<{ value: unknown }>('SELECT value FROM run_values WHERE id = $1', [id]);
            return row?.value ?? undefined;
          },
          putRunValue: (row) =>
            queue(
              s.query(
                `INSERT INTO run_values (id, run_id, value) VALUES ($1, $2, $3::json)
                 ON CONFLICT (id) DO UPDATE SET run_id = excluded.run_id, value = excluded.value`,
                [row.id, row.runId, JSON.stringify(row.value ?? null)],
              ),
            ),
          getWorkflow: async (id) => workflows.get(id) ?? readWorkflow(s, id),
          putWorkflow: async (w) => {
            workflows.set(w.id, w);
          },
          getVersion: async (id) => (await active).find((v) => v.id === id) ?? version(id),
          activeVersions: () => active.then((versions) => [...versions]),
          addTimer: (timer) => queue(putTimer(s, timer)),
          deleteTimer: (id) => queue(s.query('DELETE FROM timers WHERE id = $1', [id])),
          timersOfRun: async (runId) =>
            (await s.query<{ body: TimerRow }>('SELECT body FROM timers WHERE run_id = $1', [runId])).map(
              (r) => r.body,
            ),
          getTimer: async (id) => {
            // A timer another runner is firing is passed over (gone, as far as this one knows).
            const [row] = await s.query<{ body: TimerRow }>(
              'SELECT body FROM timers WHERE id = $1 FOR UPDATE SKIP LOCKED',
              [id],
            );
            return row?.body;
          },
          eventsAfter: async (seq, limit) =>
            (
              await s.query<{ seq: number; body: RecordEvent }>(
                'SELECT seq::float8 AS seq, body FROM events WHERE seq > $1 ORDER BY seq LIMIT $2',
                [seq, limit],
              )
            ).map((r) => ({ ...r.body, seq: r.seq })),
          deleteEventsThrough: (seq) => queue(s.query('DELETE FROM events WHERE seq <= $1', [seq])),
          getCursor: async (name) => {
            const key = `cursor:${name}`;
            const lock = () => s.query<{ value: unknown }>('SELECT value FROM meta WHERE key = $1 FOR UPDATE', [key]);
            let [row] = await lock();
            if (!row) {
              await s.query(`INSERT INTO meta (key, value) VALUES ($1, '0') ON CONFLICT (key) DO NOTHING`, [key]);
              [row] = await lock();
            }
            return Number(row?.value ?? 0);
          },
          setCursor: (name, value) => queue(putMeta(`cursor:${name}`, value)),
          getNote: async (key) => {
            const [row] = await s.query<{ value: unknown }>('SELECT value FROM meta WHERE key = $1', [`note:${key}`]);
            return typeof row?.value === 'string' ? row.value : undefined;
          },
          putNote: (key, value) => queue(putMeta(`note:${key}`, value)),
        };
        function putMeta(key: string, value: unknown) {
          return s.query(
            `INSERT INTO meta (key, value) VALUES ($1, $2::json) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
            [key, JSON.stringify(value)],
          );
        }
        const result = await fn(tx);
        if (runs.size) void queue(putRuns(s, [...runs.values()], lease));
        if (workflows.size) void queue(putWorkflows(s, [...workflows.values()]));
        events = await records.flush();
        await Promise.all(pending);
        return result;
      });
      if (events > 0) onEvents?.();
      return value;
    },

    async pruneRuns() {
      const keep = await runRetention(sqlSettings(db));
      return db.transaction(async (s) => {
        // Each workflow's newest `keep` stay; of the older ones, the finished go.
        const gone = await s.query<{ id: string }>(
          `DELETE FROM runs WHERE id IN (
             SELECT id FROM (
               SELECT id, status, row_number() OVER (PARTITION BY workflow_id ORDER BY created_at DESC, id DESC) AS n
               FROM runs) r
             WHERE r.n > $1 AND r.status IN (SELECT json_array_elements_text($2::json)))
           RETURNING id`,
          [keep, JSON.stringify(FINISHED_RUN_STATUSES)],
        );
        if (gone.length === 0) return 0;
        const ids = JSON.stringify(gone.map((r) => r.id));
        await s.query('DELETE FROM run_values WHERE run_id IN (SELECT json_array_elements_text($1::json))', [ids]);
        await s.query('DELETE FROM timers WHERE run_id IN (SELECT json_array_elements_text($1::json))', [ids]);
        return gone.length;
      });
    },

    pendingWork(at, timerLimit) {
      return db.transaction(async (s) => {
        const [outbox, dueTimers, runIds, next] = await Promise.all([
          s.query('SELECT 1 FROM events LIMIT 1').then((rows) => rows.length > 0),
          s
            .query<{ body: TimerRow }>('SELECT body FROM timers WHERE due_at <= $1 ORDER BY due_at LIMIT $2', [
              at,
              timerLimit,
            ])
            .then((rows) => rows.map((r) => r.body)),
          // Run ids are UUIDv7: their order is creation order. Runs another runner holds are its work.
          s
            .query<{ id: string }>(
              `SELECT id FROM runs WHERE status IN (SELECT json_array_elements_text($1::json))
               AND (lease_owner IS NULL OR lease_owner = $2 OR lease_until < $3) ORDER BY id`,
              [JSON.stringify(LEASED_STATUSES), lease.owner, at],
            )
            .then((rows) => rows.map((r) => r.id)),
          s.query<{ due: number | null }>('SELECT min(due_at) AS due FROM timers').then((rows) => rows[0]?.due),
        ]);
        return { outbox, dueTimers, runIds, nextDueAt: next ?? undefined };
      });
    },

    async nextTimerDueAt() {
      const [row] = await db.transaction((s) =>
        s.query<{ due: number | null }>('SELECT min(due_at) AS due FROM timers'),
      );
      return row?.due ?? undefined;
    },
  };
}
