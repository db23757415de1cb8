import Dexie from 'dexie';
import { storedBounds, type IndexedRange } from '../engine/ports';
import type { ObjectMetadata } from '../schema/objectMetadata';
import type { RecordEvent, RecordRow } from '../schema/record';
import type { EngineTables } from './database';
import type { NativeStores } from './nativeStores';
import { RecordTxCore, type RecordStorage, type RecordTxOptions } from './recordCore';

/**
 * The records of one Dexie transaction, as `RecordTxCore` reads and writes them: reads with
 * IndexedDB's own requests (`NativeStores`), writes through Dexie (its change notices keep live
 * queries current).
 */
function dexieRecords(db: Pick<EngineTables, 'records' | 'events'>, native: NativeStores): RecordStorage {
  return {
    object: (name) => native.get<ObjectMetadata>('objects', name),
    get: (id) => native.get<RecordRow>('records', id),
    async getMany(ids) {
      // Ids made in sequence sit together in the primary key: one range read usually covers them.
      const sorted = [...ids].sort();
      const range = IDBKeyRange.bound(sorted[0], sorted[sorted.length - 1]);
      const found = new Map<string, RecordRow>();
      for (const row of await native.getAll<RecordRow>('records', range, ids.length * 2)) found.set(row.id, row);
      const rest = ids.filter((id) => !found.has(id));
      if (rest.length > 0)
        (await native.getMany<RecordRow>('records', rest)).forEach((row, i) => row && found.set(rest[i], row));
      return ids.map((id) => found.get(id));
    },
    scan(object, range?: IndexedRange) {
      const [after, before] = range ? storedBounds(range) : [];
      return native.getAll<RecordRow>(
        'records',
        range
          ? IDBKeyRange.bound([object, after], [object, before], true, true)
          : IDBKeyRange.bound([object, Dexie.minKey], [object, Dexie.maxKey]),
        undefined,
        range?.field === 'updatedAt' ? '[object+updatedAt]' : '[object+createdAt]',
      );
    },
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
 * Give it tables bound to a transaction (`boundTables`) covering records, events and objects,
 * and that transaction's `NativeStores`.
 */
export class DexieRecordTx extends RecordTxCore {
  constructor(
    db: Pick<EngineTables, 'records' | 'events'>,
    native: NativeStores,
    listened: Promise<Set<string>> | 'all',
    now: () => number = Date.now,
    options?: RecordTxOptions,
  ) {
    super(dexieRecords(db, native), listened, now, options);
  }
}
