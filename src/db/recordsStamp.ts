import type Dexie from 'dexie';
import type { DBCore, DBCoreMutateRequest, DBCoreTransaction, Middleware } from 'dexie';
import { uuidv7 } from '../engine/ids';
import type { RecordRow } from '../schema/record';
import type { KeyValue } from './database';
import type { NativeStores } from './nativeStores';
import type { CarriedRows, RecordTxCore } from './recordCore';

/**
 * The `meta` row that changes with every write to the records store, in the writing
 * transaction: whoever wrote (an engine, a tab, the service worker, a restore, a test), the
 * stamp read in a later transaction differs from one noted earlier whenever a record may have
 * changed in between. An engine keeps rows it read while the stamp it noted still holds
 * (`KeptRecords`).
 */
export const RECORDS_STAMP = 'records-stamp';

/** The stamp each transaction that wrote records left (one per transaction, however many writes). */
const written = new WeakMap<DBCoreTransaction, string>();

/**
 * Installs the stamp on a database. It works below Dexie's tables, so no write to records can
 * miss it: a read-write transaction over records is widened to `meta` (Dexie's implicit
 * one-table transactions included), and its first change to records puts a new stamp.
 */
export function installRecordsStamp(db: Dexie): void {
  const middleware: Middleware<DBCore> = {
    stack: 'dbcore',
    name: 'recordsStamp',
    create: (down) => ({
      ...down,
      transaction: (stores, mode, options) =>
        down.transaction(
          mode === 'readwrite' && stores.includes('records') && !stores.includes('meta') ? [...stores, 'meta'] : stores,
          mode,
          options,
        ),
      table(name) {
        const table = down.table(name);
        if (name !== 'records') return table;
        return {
          ...table,
          mutate(req: DBCoreMutateRequest) {
            if (written.has(req.trans)) return table.mutate(req);
            const stamp = uuidv7();
            written.set(req.trans, stamp);
            const put = down
              .table('meta')
              .mutate({ type: 'put', trans: req.trans, values: [{ key: RECORDS_STAMP, value: stamp }] });
            return Promise.all([table.mutate(req), put]).then(([result]) => result);
          },
        };
      },
    }),
  };
  db.use(middleware);
}

/** The most rows kept from one transaction to the next (an iterator's most items); over it, none. */
const KEPT_LIMIT = 10_000;

/**
 * Record rows an engine's transactions read or wrote, kept for its next transaction while the
 * stamp is the one they left: a loop's later groups find their records in memory instead of
 * reading them again. A set of rows is never changed in place once another transaction may hold
 * it, except by the transaction that found it valid.
 */
export class KeptRecords {
  private kept: { readonly stamp: string; readonly rows: Map<string, RecordRow> } | undefined;

  /**
   * At the start of a read-write transaction, before its writes: reads the stamp. `carried` is
   * for the transaction's records (`RecordTxOptions`); `ended`, once its records are flushed,
   * gives what to call when it has committed.
   */
  begin(native: NativeStores): { carried?: CarriedRows; ended(records: RecordTxCore): Promise<() => void> } {
    const base = this.kept;
    const read = native.get<KeyValue>('meta', RECORDS_STAMP).then((row) => row?.value as string | undefined);
    read.catch(() => {});
    return {
      carried: base && { rows: base.rows, valid: read.then((stamp) => stamp === base.stamp) },
      ended: async (records) => {
        const stamp = await read;
        return () => this.keep(base, stamp, written.get(native.idb) ?? stamp, records.known());
      },
    };
  }

  /**
   * After a transaction that read stamp `read` and left stamp `end`: the rows kept before too
   * when they held in it, then its own.
   */
  private keep(
    base: KeptRecords['kept'],
    read: string | undefined,
    end: string | undefined,
    known: ReadonlyMap<string, RecordRow | undefined>,
  ): void {
    if (end === undefined) {
      this.kept = undefined;
      return;
    }
    const rows = base && base.stamp === read ? base.rows : new Map<string, RecordRow>();
    for (const [id, row] of known) {
      if (row) rows.set(id, row);
      else rows.delete(id);
    }
    this.kept = rows.size <= KEPT_LIMIT ? { stamp: end, rows } : undefined;
  }
}
