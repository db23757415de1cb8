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

/**
 * Saving a records page as the app drew it (see `PagePicture`): `prepare` reads the page's
 * rows as this script does and resolves null unless they are the ones the app drew (`drawn`),
 * else to `save`, which keeps the page's markup for the next cold load of this address.
 */
export interface PictureSaver {
  prepare(
    object: string,
    drawn: { total: number; rows: Pick<RecordRow, 'id' | 'updatedAt'>[] },
    narrowQuery: string,
  ): Promise<((html: string) => void) | null>;
}

declare global {
  interface Window {
    /** Set by this script: the first rows, once read (null: none to read). */
    localflowFirstRows?: FirstRows | null;
    localflowFirstRowsRead?: Promise<FirstRows | null>;
    localflowPictures?: PictureSaver;
    /**
     * The picture on screen, if any: its shadow root is closed (nothing that looks for the app's
     * elements finds them twice), so what it shows is reachable here only (benchmarks, tests).
     */
    localflowPicture?: ShadowRoot;
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

function objectOfPath(path: string): string | null {
  if (path === '/' || path === '') return 'person';
  const m = /^\/objects\/([^/]+)\/?$/.exec(path);
  return m ? decodeURIComponent(m[1]) : null;
}

/**
 * Reads the first rows; `onRows` is called once the rows, the objects and the related records
 * are read, before the count (which walks the whole index: a moment on a big table).
 */
function read(object: string, onRows?: (rows: FirstRows) => void): Promise<FirstRows | null> {
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
          readRelated();
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

/**
 * A records page as the app last drew it in this browser (its shell and table, as markup), shown
 * on a cold load while the app's code still loads, and only when everything it was drawn from is
 * what the database holds now: the same newest rows (ids and times of change) and count, the
 * same related records, the same objects' definitions, the same language settings, the same
 * build of the app, the same address and the same narrow or wide layout. It is a picture: inert
 * and hidden from assistive technology, gone as soon as the app's own table has rows and its
 * navigation its objects (or after a few seconds).
 */
interface PagePicture {
  v: 1;
  path: string;
  /** What the drawing depends on besides the count (see `contentOf`). */
  content: string;
  /** The object's count of records the drawing says (in its page bar). */
  total: number;
  narrowQuery: string;
  narrow: boolean;
  html: string;
}

const PICTURE_KEY = 'localflow.pagePicture';

/** Everything a records page's drawing depends on besides its layout and count, as one string. */
function contentOf(first: FirstRows): string {
  const stamp = (rows: RecordRow[]) => rows.map((r) => `${r.id}@${r.updatedAt}`);
  let language = '';
  try {
    language = localStorage.getItem('localflow.locale') ?? '';
  } catch {
    // No storage: the browser's languages decide.
  }
  return JSON.stringify([
    // The app's build (its entry script's hashed name): another build may draw the page otherwise.
    document.querySelector('script[type="module"][src]')?.getAttribute('src'),
    first.object,
    stamp(first.rows),
    stamp(first.related).sort(),
    first.objects,
    language,
    navigator.languages,
  ]);
}

/**
 * Shows the saved picture of this page if it was drawn from these rows; its page bar (which says
 * the count) stays hidden until `counted` confirms the count. Returns `counted`.
 */
function showPicture(first: FirstRows): ((total: number) => void) | undefined {
  let stored: PagePicture;
  try {
    stored = JSON.parse(localStorage.getItem(PICTURE_KEY) ?? 'null') as PagePicture;
  } catch {
    return;
  }
  const root = document.getElementById('root');
  if (
    stored?.v !== 1 ||
    stored.path !== location.pathname ||
    matchMedia(stored.narrowQuery).matches !== stored.narrow ||
    stored.content !== contentOf(first) ||
    !root ||
    root.childElementCount > 0
  )
    return;
  const picture = document.createElement('div');
  picture.className = 'page-picture';
  picture.inert = true;
  picture.setAttribute('aria-hidden', 'true');
  const shown = picture.attachShadow({ mode: 'closed' });
  const styles = new CSSStyleSheet();
  styles.replaceSync(pageStyles());
  shown.adoptedStyleSheets = [styles];
  shown.append(inertMarkup(stored.html));
  const pages = shown.querySelector<HTMLElement>('.pagination');
  if (pages) pages.style.visibility = 'hidden';
  root.after(picture);
  window.localflowPicture = shown;
  const done = () => {
    observer.disconnect();
    clearTimeout(timer);
    picture.remove();
    delete window.localflowPicture;
  };
  // The app's table drawn with its rows, and its navigation with the objects (or its page not a
  // table after all): the picture goes.
  const observer = new MutationObserver(() => {
    const page = root.querySelector('main .page');
    if (
      (page && !page.querySelector('table.records')) ||
      root.querySelector('[role="alert"]') ||
      (page?.querySelector('table.records tbody tr') && root.querySelector('nav a[href^="/objects/"]'))
    )
      done();
  });
  observer.observe(root, { childList: true, subtree: true });
  const timer = setTimeout(done, 5000);
  return (total) => {
    if (pages && total === stored.total) pages.style.visibility = '';
  };
}

/** The page's style sheets as text (loaded: a script in the head runs once they are). */
function pageStyles(): string {
  let text = '';
  for (const sheet of document.styleSheets)
    try {
      for (const rule of sheet.cssRules) text += rule.cssText + '\n';
    } catch {
      // Another origin's sheet: not the app's.
    }
  return text;
}

/**
 * The picture's markup as nodes, without anything that could run: it is the app's own drawing,
 * but it comes back from storage, which should never be a way to run code in the page.
 */
function inertMarkup(html: string): DocumentFragment {
  const template = document.createElement('template');
  template.innerHTML = html;
  for (const element of template.content.querySelectorAll('script, iframe, object, embed, frame')) element.remove();
  for (const element of template.content.querySelectorAll('*'))
    for (const { name, value } of [...element.attributes])
      if (/^on/i.test(name) || /^\s*javascript:/i.test(value)) element.removeAttribute(name);
  return template.content;
}

window.localflowPictures = {
  async prepare(object, drawn, narrowQuery) {
    const first = await read(object);
    const same =
      first?.total === drawn.total &&
      first.rows.length === drawn.rows.length &&
      first.rows.every((r, i) => r.id === drawn.rows[i].id && r.updatedAt === drawn.rows[i].updatedAt);
    if (!same) return null;
    return (html) => {
      const stored: PagePicture = {
        v: 1,
        path: location.pathname,
        content: contentOf(first),
        total: first.total,
        narrowQuery,
        narrow: matchMedia(narrowQuery).matches,
        html,
      };
      try {
        localStorage.setItem(PICTURE_KEY, JSON.stringify(stored));
      } catch {
        // Storage full or refused: the next load draws the page without a picture first.
      }
    };
  },
};

const object = window.top === window.self ? objectOfPath(location.pathname) : null;
if (object) {
  let counted: ((total: number) => void) | undefined;
  const paint = (rows: FirstRows) => {
    try {
      counted = showPicture(rows);
    } catch {
      // No picture then (an error here would abort the read the app's table starts from).
    }
  };
  window.localflowFirstRowsRead = read(object, paint).then((value) => {
    if (value) counted?.(value.total);
    return (window.localflowFirstRows = value);
  });
  // A table writes amounts (currency fields) with Intl, and a page's first Intl number format
  // costs it 30–40 ms (its data loads; later ones, any language or currency, well under 1 ms):
  // made now, while the app's code is still loading, instead of in the table's first render.
  setTimeout(() => new Intl.NumberFormat().format(1234.5));
}
