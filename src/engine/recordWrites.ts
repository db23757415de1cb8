import type { RecordTx } from './ports';
import type { RecordView } from '../schema/record';

/**
 * A record write from outside a run (a person's save, an import, a webhook's caller), as data:
 * it crosses to the engine worker (worker/api.ts), which makes it and starts the runs it
 * triggers in one transaction (`Engine.writeRecords`), or a host makes it in a transaction of
 * its own (`TxRecordWrites`). Each write is all or nothing.
 */
export type RecordWrite =
  | { kind: 'create'; object: string; data: Record<string, unknown> }
  /** Many records (a CSV import): all are written, or none. Each fires record-created triggers. */
  | { kind: 'createMany'; object: string; data: Record<string, unknown>[] }
  | { kind: 'update'; object: string; id: string; patch: Record<string, unknown> }
  | { kind: 'delete'; object: string; id: string }
  | { kind: 'deleteMany'; object: string; ids: string[] };

/** What each kind of write answers: the records as written (deleted ones as they were). */
export interface RecordWriteResults {
  create: RecordView;
  createMany: RecordView[];
  update: RecordView;
  delete: RecordView;
  deleteMany: void;
}

export type RecordWriteResult<W extends RecordWrite> = RecordWriteResults[W['kind']];

/** Makes the write in this transaction (its events are staged with it). */
export async function applyRecordWrite<W extends RecordWrite>(tx: RecordTx, write: W): Promise<RecordWriteResult<W>> {
  const w: RecordWrite = write;
  let result: RecordWriteResults[RecordWrite['kind']];
  switch (w.kind) {
    case 'create':
      result = await tx.create(w.object, w.data, null);
      break;
    case 'createMany': {
      const out: RecordView[] = [];
      for (const d of w.data) out.push(await tx.create(w.object, d, null));
      result = out;
      break;
    }
    case 'update':
      result = await tx.update(w.object, w.id, w.patch, null);
      break;
    case 'delete':
      result = await tx.delete(w.object, w.id, null);
      break;
    case 'deleteMany':
      for (const id of w.ids) await tx.delete(w.object, id, null);
      result = undefined;
      break;
  }
  return result as RecordWriteResult<W>;
}

/** Record writes by name; each is one `RecordWrite` handed to `apply`. */
export abstract class RecordWrites {
  /** Makes the write, all or nothing. */
  abstract apply<W extends RecordWrite>(write: W): Promise<RecordWriteResult<W>>;

  create(object: string, data: Record<string, unknown>): Promise<RecordView> {
    return this.apply({ kind: 'create', object, data });
  }

  /** Many records in one transaction (a CSV import): all are written, or none. Each fires record-created triggers. */
  createMany(object: string, data: Record<string, unknown>[]): Promise<RecordView[]> {
    return this.apply({ kind: 'createMany', object, data });
  }

  update(object: string, id: string, patch: Record<string, unknown>): Promise<RecordView> {
    return this.apply({ kind: 'update', object, id, patch });
  }

  delete(object: string, id: string): Promise<RecordView> {
    return this.apply({ kind: 'delete', object, id });
  }

  deleteMany(object: string, ids: string[]): Promise<void> {
    return this.apply({ kind: 'deleteMany', object, ids });
  }
}
