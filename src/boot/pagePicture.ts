import type { RecordRow } from '../schema/record';
import { read, type FirstRows } from './firstRows';

/**
 * Saving a records page as the app drew it (see `PagePicture`): `prepare` reads the page's
 * rows as the head script does (`read`) and resolves null unless they are the ones the app drew (`drawn`),
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
    localflowPictures?: PictureSaver;
    /**
     * The picture on screen, if any: its shadow root is closed (nothing that looks for the app's
     * elements finds them twice), so what it shows is reachable here only (benchmarks, tests).
     */
    localflowPicture?: ShadowRoot;
  }
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
export function showPicture(first: FirstRows): ((total: number) => void) | undefined {
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

/** What the app calls to keep a picture of the page it drew (`window.localflowPictures`). */
export const pictureSaver: PictureSaver = {
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
