import { FINISHED_RUN_STATUSES, type RunRow } from '../schema/run';
import type { WorkflowRow } from '../schema/workflowRows';
import { runRetention } from './retention';
import { dryRun, type DryRunResult } from '../engine/dryRun';
import type { EngineStore, EngineTx } from '../engine/ports';
import { boundTables, ENGINE_TABLES, type LocalflowDB } from './database';
import { DexieRecordTx } from './recordTx';

/** The engine's storage port over Dexie: each engine transaction is one IndexedDB transaction. */
export function createEngineStore(db: LocalflowDB, now: () => number = Date.now, onEvents?: () => void): EngineStore {
  return {
    async transaction(fn) {
      let events = 0;
      const result = await db.transaction('rw', [...ENGINE_TABLES], async (trans) => {
        const t = boundTables(trans);
        // Versions are not written by the engine: one read of the active ones serves the
        // outbox (which events need a row) and the triggers.
        const active = DexieRecordTx.activeVersions(t);
        const records = new DexieRecordTx(t, active.then(DexieRecordTx.listenedBy), now);
        // Runs written in this transaction are read back from memory (a new run advanced at once)
        // and stored once, as last written, when the transaction's work is done: a run created
        // and advanced together is cloned into IndexedDB once, not once per write.
        const runs = new Map<string, RunRow>();
        // Likewise a workflow (each new run notes when it ran last).
        const workflows = new Map<string, WorkflowRow>();
        // Writes are not waited for one by one: IndexedDB runs a transaction's requests in the
        // order they were made (later reads see them); all must succeed before it commits.
        const pending: Promise<unknown>[] = [];
        const queue = async (request: Promise<unknown>) => {
          request.catch(() => {});
          pending.push(request);
        };
        const tx: EngineTx = {
          records,
          getRun: async (id) => {
            const written = runs.get(id);
            return written ? copyRun(written) : t.runs.get(id);
          },
          putRun: async (run) => {
            runs.set(run.id, copyRun(run));
          },
          getRunValue: async (id) => (await t.runValues.get(id))?.value,
          putRunValue: (row) => queue(t.runValues.put(row)),
          getWorkflow: async (id) => workflows.get(id) ?? t.workflows.get(id),
          putWorkflow: async (w) => {
            workflows.set(w.id, w);
          },
          getVersion: (id) => t.versions.get(id),
          activeVersions: () => active.then((versions) => [...versions]),
          addTimer: (timer) => queue(t.timers.put(timer)),
          deleteTimer: (id) => queue(t.timers.delete(id)),
          timersOfRun: (runId) => t.timers.where('runId').equals(runId).toArray(),
          getTimer: (id) => t.timers.get(id),
          eventsAfter: (seq, limit) => t.events.where('seq').above(seq).limit(limit).toArray(),
          deleteEventsThrough: (seq) => queue(t.events.where('seq').belowOrEqual(seq).delete()),
          getCursor: async (name) => Number((await t.meta.get(`cursor:${name}`))?.value ?? 0),
          setCursor: (name, value) => queue(t.meta.put({ key: `cursor:${name}`, value })),
          getNote: async (key) => {
            const row = await t.meta.get(`note:${key}`);
            return typeof row?.value === 'string' ? row.value : undefined;
          },
          putNote: (key, value) => queue(t.meta.put({ key: `note:${key}`, value })),
        };
        const value = await fn(tx);
        for (const run of runs.values()) void queue(t.runs.put(run));
        for (const workflow of workflows.values()) void queue(t.workflows.put(workflow));
        events = await records.flush();
        await Promise.all(pending);
        return value;
      });
      if (events > 0) onEvents?.();
      return result;
    },
    async pruneRuns() {
      const keep = await runRetention(db);
      return db.transaction('rw', [db.workflows, db.runs, db.runValues, db.timers], async () => {
        let deleted = 0;
        for (const workflowId of await db.workflows.toCollection().primaryKeys()) {
          const range = db.runs
            .where('[workflowId+createdAt]')
            .between([workflowId, -Infinity], [workflowId, Infinity]);
          const count = await range.count();
          if (count <= keep) continue;
          // Oldest first; only finished runs go.
          const ids = (await range.limit(count - keep).toArray())
            .filter((r) => FINISHED_RUN_STATUSES.includes(r.status))
            .map((r) => r.id);
          if (ids.length === 0) continue;
          await db.runValues.where('runId').anyOf(ids).delete();
          await db.timers.where('runId').anyOf(ids).delete();
          await db.runs.bulkDelete(ids);
          deleted += ids.length;
        }
        return deleted;
      });
    },
    pendingWork(at, timerLimit) {
      // One read-only transaction, its requests in flight together.
      return db.transaction('r', [db.events, db.timers, db.runs], async () => {
        const [outbox, dueTimers, runIds, next] = await Promise.all([
          db.events.count().then((n) => n > 0),
          db.timers.where('dueAt').belowOrEqual(at).limit(timerLimit).toArray(),
          // Run ids are UUIDv7: key order is creation order.
          db.runs
            .where('status')
            .anyOf('queued', 'running', 'stopping')
            .primaryKeys()
            .then((ids) => ids.sort()),
          db.timers.orderBy('dueAt').first(),
        ]);
        return { outbox, dueTimers, runIds, nextDueAt: next?.dueAt };
      });
    },
    async nextTimerDueAt() {
      return (await db.timers.orderBy('dueAt').first())?.dueAt;
    },
  };
}

/** A dry run over this database: reads records, stages writes, commits nothing. */
export function dryRunOnDb(
  db: LocalflowDB,
  flow: Parameters<typeof dryRun>[1],
  payload: unknown,
  now = Date.now(),
): Promise<DryRunResult> {
  return db.transaction('r', [db.records, db.objects, db.events], (trans) => {
    const t = boundTables(trans, ['records', 'objects', 'events']);
    return dryRun(new DexieRecordTx(t, 'all', () => now), flow, payload, now);
  });
}

/**
 * A run as written, its progress copied (what the runner changes in place: step infos, the
 * ready list, arrivals, loops), so a later change to either copy cannot reach the other before
 * it is stored. Outputs, items and the flow are never changed in place and are shared.
 */
function copyRun(run: RunRow): RunRow {
  const { state } = run;
  const copyEach = <T extends object>(o: Record<string, T>) => {
    const out: Record<string, T> = {};
    for (const key in o) out[key] = { ...o[key] };
    return out;
  };
  return {
    ...run,
    state: {
      ...state,
      ready: [...state.ready],
      stepInfos: copyEach(state.stepInfos),
      arrivals: copyEach(state.arrivals),
      loops: copyEach(state.loops),
    },
  };
}
