import Dexie from 'dexie';
import type { IndexedRange } from '../engine/ports';
import type { RecordEvent, RecordRow } from '../schema/record';
import type { VersionRow } from '../schema/workflowRows';
import type { EngineTables } from './database';
import { RecordTxCore, type RecordStorage } from './recordCore';

/** The records of one Dexie transaction, as `RecordTxCore` reads and writes them. */
function dexieRecords(db: Pick<EngineTables, 'objects' | 'records' | 'events'>): RecordStorage {
  return {
    object: (name) => db.objects.get(name),
    get: (id) => db.records.get(id),
    async getMany(ids) {
      // Ids made in sequence sit together in the primary key: one range read usually covers them.
      const sorted = [...ids].sort();
      const found = new Map<string, RecordRow>();
      for (const row of await db.records
        .where(':id')
        .between(sorted[0], sorted[sorted.length - 1], true, true)
        .limit(ids.length * 2)
        .toArray())
        found.set(row.id, row);
      const rest = ids.filter((id) => !found.has(id));
      if (rest.length > 0) (await db.records.bulkGet(rest)).forEach((row, i) => row && found.set(rest[i], row));
      return ids.map((id) => found.get(id));
    },
    scan: (object, range?: IndexedRange) =>
      db.records
        .where(range?.field === 'updatedAt' ? '[object+updatedAt]' : '[object+createdAt]')
        .between([object, range?.lower ?? Dexie.minKey], [object, range?.upper ?? Dexie.maxKey], true, true)
        .toArray(),
    async write(puts, deletes, events: RecordEvent[]) {
      // Issued together: IndexedDB keeps their order within the transaction.
      const writes: Promise<unknown>[] = [];
      if (puts.length) writes.push(db.records.bulkPut(puts));
      if (deletes.length) writes.push(db.records.bulkDelete(deletes));
      if (events.length) writes.push(db.events.bulkAdd(events));
      await Promise.all(writes);
    },
  };
}

/**
 * Record reads and writes inside one Dexie transaction (see `RecordTxCore`).
 * Give it tables bound to a 'rw' transaction (`boundTables`) covering records, events and objects.
 */
export class DexieRecordTx extends RecordTxCore {
  constructor(
    db: Pick<EngineTables, 'objects' | 'records' | 'events'>,
    listened: Promise<Set<string>> | 'all',
    now: () => number = Date.now,
  ) {
    super(dexieRecords(db), listened, now);
  }

  /** The active versions, read inside a write transaction (triggers and the outbox filter use them). */
  static activeVersions(db: Pick<EngineTables, 'versions'>): Promise<VersionRow[]> {
    return db.versions.where('status').equals('active').toArray();
  }
}
