import type { ObjectMetadata } from '../schema/objectMetadata';
import type { RecordRow } from '../schema/record';

/**
 * The first page of a records table, read while the app's code is still loading: part of the
 * page's head script (see head.ts), which reads it with IndexedDB itself, so the table can show
 * it as soon as React renders, before Dexie has opened. The page's live query then reads the same
 * rows and keeps them up to date; these are only its first answer.
 *
 * It never creates the database (a first start leaves that to the app, which seeds it) and
 * closes its connection when done or when the app asks for a newer version.
 */
export interface FirstRows {
  object: string;
  /** How many records the object has, and its newest 50 (as the table lists them). */
  total: number;
  rows: RecordRow[];
  /** The object's definition and the objects of its relations, as stored. */
  objects: ObjectMetadata[];
  /** The records the rows' relations point to (for their titles). */
  related: RecordRow[];
}

declare global {
  interface Window {
    /** Set by this script: the first rows, once read (null: none to read). */
    localflowFirstRows?: FirstRows | null;
    localflowFirstRowsRead?: Promise<FirstRows | null>;
  }
}

const PAGE_SIZE = 50;

/** IndexedDB's `getAllRecords` (Chromium 141 on; not in TypeScript's DOM types yet). */
interface NewestFirst {
  getAllRecords(options: {
    query: IDBKeyRange;
    count: number;
    direction: IDBCursorDirection;
  }): IDBRequest<{ value: RecordRow }[]>;
}

/** The object whose table a path shows (`/` opens People), or null. */
export function objectOfPath(path: string): string | null {
  if (path === '/' || path === '') return 'person';
  const m = /^\/objects\/([^/]+)\/?$/.exec(path);
  return m ? decodeURIComponent(m[1]) : null;
}

/**
 * Reads the first rows; `onRows` is called once the rows, the objects and the related records
 * are read, before the count (which walks the whole index: a moment on a big table).
 */
export function read(object: string, onRows?: (rows: FirstRows) => void): Promise<FirstRows | null> {
  return new Promise((resolve) => {
    let request: IDBOpenDBRequest;
    try {
      request = indexedDB.open('localflow');
    } catch {
      return resolve(null);
    }
    // No database yet: leave it to the app (opening would create an empty one).
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onerror = () => resolve(null);
    request.onblocked = () => resolve(null);
    request.onsuccess = () => {
      const db = request.result;
      db.onversionchange = () => db.close();
      const done = (value: FirstRows | null) => {
        db.close();
        resolve(value);
      };
      if (!db.objectStoreNames.contains('records') || !db.objectStoreNames.contains('objects')) return done(null);
      try {
        const tx = db.transaction(['records', 'objects'], 'readonly');
        const records = tx.objectStore('records');
        const range = IDBKeyRange.bound([object, -Infinity], [object, Infinity]);
        const out: FirstRows = { object, total: 0, rows: [], objects: [], related: [] };
        let rowsRead = false;
        let objectsRead = false;
        const readRelatedAndCount = () => {
          if (!rowsRead || !objectsRead) return;
          const meta = out.objects.find((o) => o.name === object);
          const ids = new Set<string>();
          for (const field of meta?.fields ?? []) {
            if (field.type !== 'RELATION') continue;
            for (const row of out.rows) {
              const value = row.data[field.name];
              if (typeof value === 'string' && value) ids.add(value);
              else if (Array.isArray(value))
                for (const t of value as { id?: unknown }[]) if (typeof t?.id === 'string') ids.add(t.id);
            }
          }
          let left = ids.size;
          const allRead = () => meta && onRows?.(out);
          for (const id of ids)
            records.get(id).onsuccess = (e) => {
              const row = (e.target as IDBRequest<RecordRow | undefined>).result;
              if (row) out.related.push(row);
              if (--left === 0) allRead();
            };
          if (left === 0) allRead();
          // Asked last: a transaction answers its requests in order, and this one takes longest.
          records.index('[object+createdAt]').count(range).onsuccess = (e) => {
            out.total = (e.target as IDBRequest<number>).result;
          };
        };
        const index = records.index('[object+createdAt]') as IDBIndex & Partial<NewestFirst>;
        const got = (rows: RecordRow[]) => {
          out.rows = rows;
          rowsRead = true;
          readRelatedAndCount();
        };
        if (index.getAllRecords) {
          // The newest 50 in one request (each request's answer waits for this page's thread,
          // busy loading the app).
          index.getAllRecords({ query: range, count: PAGE_SIZE, direction: 'prev' }).onsuccess = (e) =>
            got((e.target as IDBRequest<{ value: RecordRow }[]>).result.map((r) => r.value));
        } else {
          // Without it, in two requests, not fifty: the 50th newest key, then every row from it on.
          let advanced = false;
          index.openKeyCursor(range, 'prev').onsuccess = (e) => {
            const cursor = (e.target as IDBRequest<IDBCursor | null>).result;
            if (cursor && !advanced) {
              advanced = true;
              cursor.advance(PAGE_SIZE - 1);
              return;
            }
            const from = cursor ? IDBKeyRange.bound(cursor.key, [object, Infinity]) : range;
            index.getAll(from).onsuccess = (e) =>
              got((e.target as IDBRequest<RecordRow[]>).result.reverse().slice(0, PAGE_SIZE));
          };
        }
        tx.objectStore('objects').getAll().onsuccess = (e) => {
          out.objects = (e.target as IDBRequest<ObjectMetadata[]>).result;
          objectsRead = true;
          readRelatedAndCount();
        };
        tx.oncomplete = () => done(out.objects.some((o) => o.name === object) ? out : null);
        tx.onerror = tx.onabort = () => done(null);
      } catch {
        done(null);
      }
    };
  });
}
