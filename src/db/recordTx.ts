import Dexie from 'dexie';
import type { IndexedRange } from '../engine/ports';
import type { ObjectMetadata } from '../schema/objectMetadata';
import type { RecordEvent, RecordRow } from '../schema/record';
import type { VersionRow } from '../schema/workflowRows';
import type { EngineTables, KeyValue } from './database';
import type { NativeStores } from './nativeReads';
import { RESTORE_EPOCH } from './workspace';
import { RecordTxCore, type RecordStorage } from './recordCore';

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
    scan: (object, range?: IndexedRange) =>
      native.getAll<RecordRow>(
        'records',
        IDBKeyRange.bound([object, range?.lower ?? Dexie.minKey], [object, range?.upper ?? Dexie.maxKey]),
        undefined,
        range?.field === 'updatedAt' ? '[object+updatedAt]' : '[object+createdAt]',
      ),
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
  ) {
    super(dexieRecords(db, native), listened, now);
  }
}

/**
 * Versions that have left the draft state, per database, by id, with the epoch they were read
 * in. Their trigger and steps are fixed (only a draft is edited, and a draft becomes active,
 * never back), so each is read once; only a restore replaces them, and it moves the epoch.
 */
const frozenVersions = new WeakMap<object, { epoch: unknown; byId: Map<string, VersionRow> }>();

/**
 * The active versions: their ids from the status index, their rows from memory when read before
 * (a version of 100 steps is ~50 KB, read by every engine transaction and record write otherwise).
 */
export async function keptActiveVersions(
  t: Pick<EngineTables, 'versions'>,
  native: NativeStores,
): Promise<VersionRow[]> {
  const [ids, epoch] = await Promise.all([
    native.getAllKeys('versions', IDBKeyRange.only('active'), 'status') as Promise<string[]>,
    native.get<KeyValue>('meta', RESTORE_EPOCH).then((row) => row?.value),
  ]);
  let kept = frozenVersions.get(t.versions.db);
  if (!kept || kept.epoch !== epoch) frozenVersions.set(t.versions.db, (kept = { epoch, byId: new Map() }));
  const missing = ids.filter((id) => !kept.byId.has(id));
  if (missing.length > 0)
    for (const v of await t.versions.bulkGet(missing)) if (v && v.status !== 'draft') kept.byId.set(v.id, v);
  // Rows are shared between transactions: their readers only read them.
  return ids.flatMap((id) => {
    const v = kept.byId.get(id);
    if (!v) return [];
    // The same object each time (a run's flow and graph are worked out once per version object).
    let active = asActive.get(v);
    if (!active) asActive.set(v, (active = { ...v, status: 'active' }));
    return [active];
  });
}

const asActive = new WeakMap<VersionRow, VersionRow>();

/** A version that has left the draft state, from memory when read before (call after `keptActiveVersions`). */
export async function frozenVersion(t: Pick<EngineTables, 'versions'>, id: string): Promise<VersionRow | undefined> {
  const kept = frozenVersions.get(t.versions.db)?.byId;
  const known = kept?.get(id);
  if (known) return known;
  const v = await t.versions.get(id);
  if (v && v.status !== 'draft') kept?.set(v.id, v);
  return v;
}
