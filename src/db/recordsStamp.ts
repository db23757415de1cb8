import type Dexie from 'dexie';
import type { DBCore, DBCoreMutateRequest, DBCoreTransaction, Middleware } from 'dexie';

/**
 * The `meta` row that changes with every write to the records store, in the writing
 * transaction: whoever wrote (an engine, a tab, the service worker, a restore, a test), the
 * stamp read in a later transaction differs from one noted earlier whenever a record may have
 * changed in between. An engine keeps rows it read while the stamp it noted still holds
 * (see `RecordCarry` in engineStore.ts).
 */
export const RECORDS_STAMP = 'records-stamp';

/** The stamp each transaction that wrote records left (one per transaction, however many writes). */
const written = new WeakMap<DBCoreTransaction, string>();

/** The stamp this transaction wrote, if it wrote records. */
export function stampWrittenBy(trans: DBCoreTransaction): string | undefined {
  return written.get(trans);
}

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
            const stamp = crypto.randomUUID();
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
