import { useEffect, useRef } from 'react';

/** The page's heading as text (the editor's heading is its name field). */
function headingText(h1: HTMLElement): string {
  const input = h1.querySelector('input');
  const text = (input ? input.value : h1.textContent) ?? '';
  // Without the icon some headings start with ("◉ People").
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[^\p{L}\p{N}]+/u, '');
}

/**
 * After each page change: the document's title follows the page's heading ("People · Localflow"),
 * kept in step as the heading changes, and focus moves to the heading — unless the person has
 * already moved it into the page or a dialog, which is left alone.
 */
export function useRouteFocus(path: string) {
  /** The previous page's heading: it may still be on screen while the next page loads. */
  const previous = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const main = document.getElementById('main');
    if (!main) return;
    const stale = previous.current;
    let focused = false;
    let frame = 0;
    const sync = () => {
      frame = 0;
      const h1 = main.querySelector<HTMLElement>('h1');
      if (!h1 || h1 === stale) return;
      previous.current = h1;
      const text = headingText(h1);
      const title = text ? `${text} · Localflow` : 'Localflow';
      if (document.title !== title) document.title = title;
      if (focused) return;
      focused = true;
      const at = document.activeElement;
      const free = !at || at === document.body || at === main || !!at.closest('nav[aria-label="Main"]');
      if (free && !document.querySelector('dialog[open]')) {
        if (!h1.hasAttribute('tabindex')) h1.tabIndex = -1;
        h1.focus({ preventScroll: true });
      }
    };
    const observer = new MutationObserver(() => {
      if (!frame) frame = requestAnimationFrame(sync);
    });
    observer.observe(main, { subtree: true, childList: true, characterData: true });
    // The editor's name field changes its value, not the DOM.
    const onInput = () => {
      if (!frame) frame = requestAnimationFrame(sync);
    };
    main.addEventListener('input', onInput);
    sync();
    return () => {
      observer.disconnect();
      main.removeEventListener('input', onInput);
      cancelAnimationFrame(frame);
    };
  }, [path]);
}
