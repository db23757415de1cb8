import type { ObjectMetadata } from '../schema/objectMetadata';
import type { RecordRow } from '../schema/record';

/**
 * The first page of a records table, read while the app's code is still loading: this tiny
 * script (no imports) runs first and reads it with IndexedDB itself, so the table can show it
 * as soon as React renders, before Dexie has opened. The page's live query then reads the same
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

function objectOfPath(path: string): string | null {
  if (path === '/' || path === '') return 'person';
  const m = /^\/objects\/([^/]+)\/?$/.exec(path);
  return m ? decodeURIComponent(m[1]) : null;
}

function read(object: string): Promise<FirstRows | null> {
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
        const readRelated = () => {
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
          for (const id of ids)
            records.get(id).onsuccess = (e) => {
              const row = (e.target as IDBRequest<RecordRow | undefined>).result;
              if (row) out.related.push(row);
            };
        };
        records.index('[object+createdAt]').count(range).onsuccess = (e) => {
          out.total = (e.target as IDBRequest<number>).result;
        };
        // The newest 50 in two requests, not fifty (a cursor's every step waits for this page's
        // thread, busy loading the app): the 50th newest key, then every row from it on.
        const index = records.index('[object+createdAt]');
        let advanced = false;
        index.openKeyCursor(range, 'prev').onsuccess = (e) => {
          const cursor = (e.target as IDBRequest<IDBCursor | null>).result;
          if (cursor && !advanced) {
            advanced = true;
            cursor.advance(PAGE_SIZE - 1);
            return;
          }
          const from = cursor ? IDBKeyRange.bound(cursor.key, [object, Infinity]) : range;
          index.getAll(from).onsuccess = (e) => {
            const rows = (e.target as IDBRequest<RecordRow[]>).result;
            out.rows = rows.reverse().slice(0, PAGE_SIZE);
            rowsRead = true;
            readRelated();
          };
        };
        tx.objectStore('objects').getAll().onsuccess = (e) => {
          out.objects = (e.target as IDBRequest<ObjectMetadata[]>).result;
          objectsRead = true;
          readRelated();
        };
        tx.oncomplete = () => done(out.objects.some((o) => o.name === object) ? out : null);
        tx.onerror = tx.onabort = () => done(null);
      } catch {
        done(null);
      }
    };
  });
}

const object = window.top === window.self ? objectOfPath(location.pathname) : null;
if (object) {
  window.localflowFirstRowsRead = read(object).then((value) => (window.localflowFirstRows = value));
  // A table writes amounts (currency fields) with Intl, and a page's first Intl number format
  // costs it 30–40 ms (its data loads; later ones, any language or currency, well under 1 ms):
  // made now, while the app's code is still loading, instead of in the table's first render.
  setTimeout(() => new Intl.NumberFormat().format(1234.5));
}
