import type { RecordEvent } from '../schema/record';
import { KeptRecords } from './recordsStamp';
import {
  FINISHED_RUN_STATUSES,
  runValueOf,
  storedRunValue,
  type RunRow,
  type StoredRunRow,
  type StoredRunValueRow,
  type TimerRow,
} from '../schema/run';
import type { WorkflowRow } from '../schema/workflowRows';
import { runRetention } from './retention';
import { dryRun, type DryRunResult } from '../engine/dryRun';
import type { EngineStore, EngineTx } from '../engine/ports';
import { boundTables, ENGINE_TABLES, type KeyValue, type LocalflowDB } from './database';
import { NativeStores } from './nativeStores';
import { frozenVersion, keptActiveVersions } from './keptVersions';
import { DexieRecordTx } from './recordTx';
import { flowOfVersion } from '../engine/graph';
import { copyRun, packedRun, storedRun } from './storedShapes';

/** The engine's storage port over Dexie: each engine transaction is one IndexedDB transaction. */
export function createEngineStore(db: LocalflowDB, now: () => number = Date.now, onEvents?: () => void): EngineStore {
  const kept = new KeptRecords();
  return {
    async transaction(fn) {
      let events = 0;
      let committed = () => {};
      const result = await db.transaction('rw', [...ENGINE_TABLES], async (trans) => {
        const t = boundTables(trans);
        const native = new NativeStores(trans);
        // The rows kept from the last transaction, if they still hold.
        const keeping = kept.begin(native);
        // Versions are not written by the engine: one read of the active ones serves the
        // outbox (which events need a row) and the triggers.
        const active = keptActiveVersions(t, native);
        const records = new DexieRecordTx(t, native, active.then(DexieRecordTx.listenedBy), now, {
          carried: keeping.carried,
          writeAhead: true,
        });
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
          // Its key only: the run itself (unpacked, lifted) is not needed to know it is there.
          hasRun: async (id) => runs.has(id) || (await native.getAllKeys('runs', IDBKeyRange.only(id))).length > 0,
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
            const row = await native.get<StoredRunValueRow>('runValues', id);
            return row && runValueOf(row);
          },
          putRunValue: (row) => queue(t.runValues.put(storedRunValue(row))),
          getWorkflow: async (id) => workflows.get(id) ?? native.get<WorkflowRow>('workflows', id),
          putWorkflow: async (w) => {
            workflows.set(w.id, w);
          },
          // An active version is already in memory; any other (a draft to test) is read.
          getVersion: async (id) => (await active).find((v) => v.id === id) ?? t.versions.get(id),
          activeVersions: () => active.then((versions) => [...versions]),
          addTimer: (timer) => queue(t.timers.put(timer)),
          deleteTimer: (id) => queue(t.timers.delete(id)),
          timersOfRun: (runId) => native.getAll<TimerRow>('timers', IDBKeyRange.only(runId), undefined, 'runId'),
          getTimer: (id) => native.get<TimerRow>('timers', id),
          eventsAfter: (seq, limit) => native.getAll<RecordEvent>('events', IDBKeyRange.lowerBound(seq, true), limit),
          deleteEventsThrough: (seq) => queue(native.delete('events', IDBKeyRange.upperBound(seq))),
          getCursor: async (name) => Number((await native.get<KeyValue>('meta', `cursor:${name}`))?.value ?? 0),
          setCursor: (name, value) => queue(native.put('meta', { key: `cursor:${name}`, value })),
          getNote: async (key) => {
            const row = await native.get<KeyValue>('meta', `note:${key}`);
            return typeof row?.value === 'string' ? row.value : undefined;
          },
          putNote: (key, value) => queue(native.put('meta', { key: `note:${key}`, value })),
        };
        const value = await fn(tx);
        // One bulk write each: a group of 100 runs costs one request's overhead in Dexie, not 100.
        if (runs.size) void queue(t.runs.bulkPut([...runs.values()].map((run) => packedRun(storedRun(run)))));
        if (workflows.size) void queue(t.workflows.bulkPut([...workflows.values()]));
        events = await records.flush();
        await Promise.all(pending);
        committed = await keeping.ended(records);
        return value;
      });
      // What it read and wrote is now what is stored, under the stamp it leaves.
      committed();
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
    return dryRun(new DexieRecordTx(t, new NativeStores(trans), 'all', () => now), flow, payload, now);
  });
}
