import type { EngineStore, EngineTx } from '../engine/ports';
import { engineTables, type LocalflowDB } from './database';
import { DexieRecordTx } from './recordTx';

/** The engine's storage port over Dexie: each engine transaction is one IndexedDB transaction. */
export function createEngineStore(db: LocalflowDB, now: () => number = Date.now, onEvents?: () => void): EngineStore {
  return {
    async transaction(fn) {
      let events = 0;
      const result = await db.transaction('rw', engineTables(db), async () => {
        const records = new DexieRecordTx(db, now);
        const tx: EngineTx = {
          records,
          getRun: (id) => db.runs.get(id),
          putRun: async (run) => { await db.runs.put(run); },
          getWorkflow: (id) => db.workflows.get(id),
          putWorkflow: async (w) => { await db.workflows.put(w); },
          getVersion: (id) => db.versions.get(id),
          activeVersions: () => db.versions.where('status').equals('active').toArray(),
          addTimer: async (t) => { await db.timers.put(t); },
          deleteTimer: (id) => db.timers.delete(id),
          timersOfRun: (runId) => db.timers.where('runId').equals(runId).toArray(),
          getTimer: (id) => db.timers.get(id),
          eventsAfter: (seq, limit) => db.events.where('seq').above(seq).limit(limit).toArray(),
          deleteEventsThrough: (seq) => db.events.where('seq').belowOrEqual(seq).delete().then(() => undefined),
          getCursor: async (name) => Number((await db.meta.get(`cursor:${name}`))?.value ?? 0),
          setCursor: async (name, value) => { await db.meta.put({ key: `cursor:${name}`, value }); },
        };
        const value = await fn(tx);
        events = await records.flush();
        return value;
      });
      if (events > 0) onEvents?.();
      return result;
    },
    async runnableRunIds() {
      // Run ids are UUIDv7: key order is creation order.
      const ids = await db.runs.where('status').anyOf('queued', 'running', 'stopping').primaryKeys();
      return ids.sort();
    },
    dueTimers: (at, limit) => db.timers.where('dueAt').belowOrEqual(at).limit(limit).toArray(),
    async nextTimerDueAt() {
      return (await db.timers.orderBy('dueAt').first())?.dueAt;
    },
  };
}
