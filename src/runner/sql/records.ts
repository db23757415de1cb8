import { RecordTxCore, TxRecordWrites, type RecordStorage } from '../../db/recordCore';
import { storedBounds, type IndexedRange, type TextCondition } from '../../engine/ports';
import type { ObjectMetadata } from '../../schema/objectMetadata';
import type { RecordRow, RecordView } from '../../schema/record';
import type { VersionRow } from '../../schema/workflowRows';
import type { SqlDatabase, SqlSession } from './database';
import { readVersions } from './rows';

interface RecordColumns {
  id: string;
  object: string;
  data: Record<string, unknown>;
  created_at: number;
  updated_at: number;
}

const COLUMNS = 'id, object, data, created_at, updated_at';
const toRow = (r: RecordColumns): RecordRow => ({
  id: r.id,
  object: r.object,
  data: r.data,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/**
 * The records of one SQL transaction, as `RecordTxCore` reads and writes them; those it writes
 * carry `writtenBy` (the runner writing them).
 */
export function sqlRecords(s: SqlSession, writtenBy: string | null = null): RecordStorage {
  return {
    async object(name) {
      const [row] = await s.query<{ body: ObjectMetadata }>('SELECT body FROM objects WHERE name = $1', [name]);
      return row?.body;
    },
    async get(id) {
      const [row] = await s.query<RecordColumns>(`SELECT ${COLUMNS} FROM records WHERE id = $1`, [id]);
      return row && toRow(row);
    },
    async getMany(ids) {
      const rows = await s.query<RecordColumns>(
        `SELECT ${COLUMNS} FROM records WHERE id IN (SELECT json_array_elements_text($1::json))`,
        [JSON.stringify(ids)],
      );
      const byId = new Map(rows.map((r) => [r.id, toRow(r)]));
      return ids.map((id) => byId.get(id));
    },
    async scan(object, range?: IndexedRange, text: TextCondition[] = []) {
      const field = range?.field === 'updatedAt' ? 'updated_at' : 'created_at';
      const params: unknown[] = [object];
      const where = ['object = $1'];
      if (range) {
        params.push(...storedBounds(range));
        where.push(`${field} > $2 AND ${field} < $3`);
      }
      // Text conditions checked here, on ASCII text (which lower() folds as the filter does);
      // other values pass, for the filter to decide.
      for (const c of text) {
        params.push(c.field, likePattern(c));
        const key = `$${params.length - 1}::text`;
        where.push(
          `(json_typeof(data -> ${key}) IS DISTINCT FROM 'string' OR (data ->> ${key}) ~ '[^\\x01-\\x7f]' OR lower(data ->> ${key}) LIKE $${params.length} ESCAPE '\\')`,
        );
      }
      const rows = await s.query<RecordColumns>(
        `SELECT ${COLUMNS} FROM records WHERE ${where.join(' AND ')} ORDER BY ${field}, id`,
        params,
      );
      return rows.map(toRow);
    },
    async write(puts, deletes, events) {
      // One statement each, whatever their number (row by row costs ten times as much).
      if (puts.length)
        await s.query(
          `INSERT INTO records (${COLUMNS}, written_by)
           SELECT r.id, r.object, r.data, r."createdAt", r."updatedAt", $2
           FROM json_to_recordset($1::json) AS r(id text, object text, data json, "createdAt" float8, "updatedAt" float8)
           ON CONFLICT (id) DO UPDATE SET object = excluded.object, data = excluded.data,
             created_at = excluded.created_at, updated_at = excluded.updated_at, written_by = excluded.written_by`,
          [JSON.stringify(puts), writtenBy],
        );
      if (deletes.length)
        await s.query('DELETE FROM records WHERE id IN (SELECT json_array_elements_text($1::json))', [
          JSON.stringify(deletes),
        ]);
      if (events.length)
        await s.query(
          'INSERT INTO events (body) SELECT e FROM json_array_elements($1::json) WITH ORDINALITY AS x(e, n) ORDER BY n',
          [JSON.stringify(events)],
        );
    },
  };
}

/** The record events the active workflows listen to (read in this transaction). */
export async function listenedEvents(s: SqlSession): Promise<Set<string>> {
  return RecordTxCore.listenedBy(await activeVersions(s));
}

export function activeVersions(s: SqlSession): Promise<VersionRow[]> {
  return readVersions(s, "status = 'active'");
}

/**
 * Record writes from outside a run (an import, a webhook's caller, a test): each write and its
 * outbox events commit in one transaction. `afterWrite` is told how many events it added.
 */
export class SqlRecordRepository extends TxRecordWrites {
  constructor(
    private readonly db: SqlDatabase,
    private readonly afterWrite: (events: number) => void = () => {},
    private readonly now: () => number = Date.now,
    /** Who writes (kept on each record written: `written_by`). */
    private readonly writtenBy: string | null = null,
  ) {
    super();
  }

  protected async write<T>(fn: (tx: RecordTxCore) => Promise<T>): Promise<T> {
    let events = 0;
    const value = await this.db.transaction(async (s) => {
      const tx = new RecordTxCore(sqlRecords(s, this.writtenBy), listenedEvents(s), this.now);
      const result = await fn(tx);
      events = await tx.flush();
      return result;
    });
    this.afterWrite(events);
    return value;
  }

  /** Every record of the object, oldest first. */
  list(object: string): Promise<RecordView[]> {
    return this.db.transaction((s) => new RecordTxCore(sqlRecords(s), 'all', this.now).find(object));
  }
}

/** A LIKE pattern for a text condition (its value already lower case). */
function likePattern(c: TextCondition): string {
  const v = c.value.replace(/[\\%_]/g, (ch) => `\\${ch}`);
  return c.operand === 'IS'
    ? v
    : c.operand === 'STARTS_WITH'
      ? `${v}%`
      : c.operand === 'ENDS_WITH'
        ? `%${v}`
        : `%${v}%`;
}
