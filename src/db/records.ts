import Dexie from 'dexie';
import type { EventOrigin, RecordView } from '../schema/record';
import { boundTables, type LocalflowDB } from './database';
import { DexieRecordTx } from './recordTx';

/**
 * Record writes from the UI (or any tab). Each write and its outbox event commit in one
 * transaction; `afterWrite` tells the engine there is something to read.
 */
export class RecordRepository {
  /** @param afterWrite told after each write how many outbox events it added. */
  constructor(
    private readonly db: LocalflowDB,
    private readonly afterWrite: (events: number) => void = () => {},
  ) {}

  private async write<T>(fn: (tx: DexieRecordTx) => Promise<T>): Promise<T> {
    const db = this.db;
    let events = 0;
    const result = await db.transaction('rw', [db.records, db.events, db.objects, db.versions], async (trans) => {
      const tables = boundTables(trans, ['records', 'events', 'objects', 'versions']);
      const tx = new DexieRecordTx(tables, DexieRecordTx.activeVersions(tables).then(DexieRecordTx.listenedBy));
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

  create(object: string, data: Record<string, unknown>, origin: EventOrigin | null = null): Promise<RecordView> {
    return this.write((tx) => tx.create(object, data, origin));
  }

  /** Many records in one transaction (a CSV import): all are written, or none. Each fires record-created triggers. */
  createMany(object: string, data: Record<string, unknown>[]): Promise<RecordView[]> {
    return this.write(async (tx) => {
      const out: RecordView[] = [];
      for (const d of data) out.push(await tx.create(object, d, null));
      return out;
    });
  }

  async update(object: string, id: string, patch: Record<string, unknown>): Promise<RecordView> {
    return (await this.write((tx) => tx.update(object, id, patch, null))).after;
  }

  delete(object: string, id: string): Promise<RecordView> {
    return this.write((tx) => tx.delete(object, id, null));
  }

  deleteMany(object: string, ids: string[]): Promise<void> {
    return this.write(async (tx) => {
      for (const id of ids) await tx.delete(object, id, null);
    });
  }
}
