import Dexie from 'dexie';
import { boundTables, type LocalflowDB } from './database';
import { TxRecordWrites, type RecordTxCore } from './recordCore';
import { NativeStores } from './nativeStores';
import { keptActiveVersions } from './keptVersions';
import { DexieRecordTx } from './recordTx';

/**
 * Record writes in a transaction of their own, their events left to the outbox (tests and
 * benchmarks stand for other writers with it; the app's own go through the engine worker:
 * `Engine.writeRecords`). `afterWrite` tells the engine there is something to read.
 */
export class RecordRepository extends TxRecordWrites {
  /** @param afterWrite told after each write how many outbox events it added. */
  constructor(
    private readonly db: LocalflowDB,
    private readonly afterWrite: (events: number) => void = () => {},
  ) {
    super();
  }

  protected async write<T>(fn: (tx: RecordTxCore) => Promise<T>): Promise<T> {
    const db = this.db;
    let events = 0;
    const stores = [db.records, db.events, db.objects, db.versions, db.meta];
    const result = await db.transaction('rw', stores, async (trans) => {
      const tables = boundTables(trans, ['records', 'events', 'objects', 'versions', 'meta']);
      const native = new NativeStores(trans);
      const listened = keptActiveVersions(tables, native).then(DexieRecordTx.listenedBy);
      const tx = new DexieRecordTx(tables, native, listened);
      const value = await fn(tx);
      events = await tx.flush();
      // Told before the commit, outside this transaction: a transaction the engine opens now
      // is queued behind this one by IndexedDB, so it sees the events without waiting for
      // this commit to reach JavaScript first.
      if (events > 0) Dexie.ignoreTransaction(() => this.afterWrite(events));
      return value;
    });
    if (events === 0) this.afterWrite(0);
    return result;
  }
}
