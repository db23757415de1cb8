import { FINISHED_RUN_STATUSES, runValueOf, storedRunValue, type RunRow, type StoredRunRow } from '../schema/run';
import type { VersionRow, WorkflowRow } from '../schema/workflowRows';
import { runRetention } from './retention';
import { dryRun, type DryRunResult } from '../engine/dryRun';
import type { EngineStore, EngineTx } from '../engine/ports';
import { boundTables, ENGINE_TABLES, type EngineTables, type LocalflowDB } from './database';
import { DexieRecordTx } from './recordTx';
import { copyRun, flowOfVersion, storedRun } from './storedShapes';
import { RESTORE_EPOCH } from './workspace';

/** The engine's storage port over Dexie: each engine transaction is one IndexedDB transaction. */
export function createEngineStore(db: LocalflowDB, now: () => number = Date.now, onEvents?: () => void): EngineStore {
  return {
    async transaction(fn) {
      let events = 0;
      const result = await db.transaction('rw', [...ENGINE_TABLES], async (trans) => {
        const t = boundTables(trans);
        // Versions are not written by the engine: one read of the active ones serves the
        // outbox (which events need a row) and the triggers.
        const active = keptActiveVersions(t);
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
        // Runs read ahead for a group (`prefetchRuns`): each is handed to one `getRun`.
        const ahead = new Map<string, StoredRunRow | undefined>();
        const queue = async (request: Promise<unknown>) => {
          request.catch(() => {});
          pending.push(request);
        };
        const tx: EngineTx = {
          records,
          getRun: async (id) => {
            const written = runs.get(id);
            if (written) return copyRun(written);
            const row = ahead.has(id) ? ahead.get(id) : await t.runs.get(id);
            ahead.delete(id);
            if (!row || row.flow) return row as RunRow | undefined;
            // Its flow is its version's, which has left the draft state: kept in memory once read
            // (after this transaction's read of the epoch, which a restore moves).
            await active;
            const version = await frozenVersion(t, row.versionId);
            return version && { ...row, flow: flowOfVersion(version) };
          },
          hasRun: async (id) => runs.has(id) || (await t.runs.get(id)) !== undefined,
          prefetchRuns: async (ids) => {
            const wanted = ids.filter((id) => !runs.has(id) && !ahead.has(id));
            const rows = wanted.length > 0 ? await t.runs.bulkGet(wanted) : [];
            wanted.forEach((id, i) => ahead.set(id, rows[i]));
            return ids.flatMap((id) => {
              const row = runs.get(id) ?? ahead.get(id);
              return row ? [row as RunRow] : [];
            });
          },
          putRun: async (run) => {
            runs.set(run.id, copyRun(run));
          },
          getRunValue: async (id) => {
            const row = await t.runValues.get(id);
            return row && runValueOf(row);
          },
          putRunValue: (row) => queue(t.runValues.put(storedRunValue(row))),
          getWorkflow: async (id) => workflows.get(id) ?? t.workflows.get(id),
          putWorkflow: async (w) => {
            workflows.set(w.id, w);
          },
          // An active version is already in memory; any other (a draft to test) is read.
          getVersion: async (id) => (await active).find((v) => v.id === id) ?? t.versions.get(id),
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
        // One bulk write each: a group of 100 runs costs one request's overhead in Dexie, not 100.
        if (runs.size) void queue(t.runs.bulkPut([...runs.values()].map(storedRun)));
        if (workflows.size) void queue(t.workflows.bulkPut([...workflows.values()]));
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

/**
 * Versions that have left the draft state, per database, by id, with the epoch they were read
 * in. Their trigger and steps are fixed (only a draft is edited, and a draft becomes active,
 * never back), so each is read once; only a restore replaces them, and it moves the epoch.
 */
const frozenVersions = new WeakMap<object, { epoch: unknown; byId: Map<string, VersionRow> }>();

/**
 * The active versions: their ids from the status index, their rows from memory when read before
 * (a version of 100 steps is ~50 KB, read by every engine transaction otherwise).
 */
async function keptActiveVersions(t: Pick<EngineTables, 'versions' | 'meta'>): Promise<VersionRow[]> {
  const [ids, epoch] = await Promise.all([
    t.versions.where('status').equals('active').primaryKeys(),
    t.meta.get(RESTORE_EPOCH).then((row) => row?.value),
  ]);
  let kept = frozenVersions.get(t.versions.db);
  if (!kept || kept.epoch !== epoch) frozenVersions.set(t.versions.db, (kept = { epoch, byId: new Map() }));
  const missing = ids.filter((id) => !kept.byId.has(id));
  if (missing.length > 0)
    for (const v of await t.versions.bulkGet(missing)) if (v && v.status !== 'draft') kept.byId.set(v.id, v);
  // Rows are shared between transactions: the engine only reads them.
  return ids.flatMap((id) => {
    const v = kept.byId.get(id);
    return v ? [{ ...v, status: 'active' as const }] : [];
  });
}

/** A version that has left the draft state, from memory when read before (call after `keptActiveVersions`). */
async function frozenVersion(t: Pick<EngineTables, 'versions'>, id: string): Promise<VersionRow | undefined> {
  const kept = frozenVersions.get(t.versions.db)?.byId;
  const known = kept?.get(id);
  if (known) return known;
  const v = await t.versions.get(id);
  if (v && v.status !== 'draft') kept?.set(v.id, v);
  return v;
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
