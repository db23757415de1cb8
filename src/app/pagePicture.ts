import { useEffect } from 'react';
import type { RecordRow } from '../schema/record';
import { NARROW } from './hooks';

/**
 * Keeps a picture of a records page as drawn (the shell and its first page of rows), for the
 * next cold load to show while the app's code loads (src/boot/pagePicture.ts shows it only if
 * the database still holds what it was drawn from). Saved when the browser is idle after the
 * live rows were drawn, and only of the plain first page: no search, sort, selection, dialog,
 * open menu or cell being edited. `ready` says the page is in that state.
 */
export function usePagePicture(
  object: string,
  drawn: { total: number; rows: Pick<RecordRow, 'id' | 'updatedAt'>[] } | undefined,
  ready: boolean,
): void {
  useEffect(() => {
    const saver = window.localflowPictures;
    if (!ready || !drawn?.rows.length || !saver) return;
    let current = true;
    const handle = requestIdleCallback(
      () =>
        void saver.prepare(object, drawn, NARROW).then((save) => {
          const html = current && save ? pictureOfShell() : null;
          if (html) save!(html);
        }),
      { timeout: 2000 },
    );
    return () => {
      current = false;
      cancelIdleCallback(handle);
    };
  }, [object, drawn, ready]);
}

/** The shell's markup without what changes apart from the page's data (or null: not now). */
function pictureOfShell(): string | null {
  const shell = document.querySelector('#root > .shell');
  if (
    !shell ||
    shell.classList.contains('nav-open') ||
    !shell.querySelector('#main-nav a[href^="/objects/"]') ||
    shell.querySelector('td.editing, dialog[open], [role="dialog"]')
  )
    return null;
  const picture = shell.cloneNode(true) as Element;
  // What the page's data does not decide: left out, or (where leaving it out would move what is
  // around it) kept as blank space.
  picture.querySelectorAll('[data-picture="omit"], .toast, dialog').forEach((e) => e.remove());
  picture.querySelectorAll<HTMLElement>('[data-picture="blank"]').forEach((e) => (e.style.visibility = 'hidden'));
  return picture.outerHTML;
}
