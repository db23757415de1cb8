import { useEffect, useRef, type RefObject } from 'react';

/** The controls a grid's cells hold (a cell being edited keeps its own tab order). */
const CONTROLS = 'a[href], button, input';

function controlsOf(row: HTMLTableRowElement): HTMLElement[] {
  return [...row.querySelectorAll<HTMLElement>(CONTROLS)].filter((el) => !el.closest('.editing'));
}

function cellIndex(el: HTMLElement): number {
  const cell = el.closest('td, th') as HTMLTableCellElement | null;
  return cell ? cell.cellIndex : 0;
}

/**
 * A table of controls as one tab stop (WAI-ARIA grid pattern): Tab enters at the control last
 * used, arrow keys move between cells (←/→ through the row's controls, ↑/↓ to the same column),
 * Home/End to the row's ends, Ctrl+Home/End to the first and last rows. A cell being edited is
 * left alone. Rows may change at will: the tab stop follows.
 */
export function useRovingGrid(table: RefObject<HTMLTableElement | null>) {
  const current = useRef<HTMLElement | null>(null);
  /** Whether the person put focus there (else it is the default, which follows the rows). */
  const chosen = useRef(false);
  useEffect(() => {
    const el = table.current;
    if (!el) return;
    const rows = () => [...el.rows];
    const settle = () => {
      const all = rows().flatMap(controlsOf);
      if (!current.current || !all.includes(current.current) || !chosen.current) {
        // The first control of the first body row (else the header's).
        const first = el.tBodies[0]?.rows[0];
        current.current = (first && controlsOf(first)[0]) ?? all[0] ?? null;
      }
      for (const c of all) c.tabIndex = c === current.current ? 0 : -1;
    };
    settle();
    const observer = new MutationObserver(settle);
    observer.observe(el, { subtree: true, childList: true });
    const onFocusIn = (e: FocusEvent) => {
      const target = e.target as HTMLElement;
      if (target.closest('.editing') || !target.matches(CONTROLS)) return;
      current.current = target;
      chosen.current = true;
      settle();
    };
    const move = (to: HTMLElement | undefined, e: KeyboardEvent) => {
      if (!to) return;
      e.preventDefault();
      current.current = to;
      chosen.current = true;
      settle();
      to.focus();
    };
    const onKeyDown = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (target.closest('.editing') || !target.matches(CONTROLS) || e.altKey || e.metaKey) return;
      const all = rows();
      const row = target.closest('tr') as HTMLTableRowElement | null;
      if (!row) return;
      const r = all.indexOf(row);
      const controls = controlsOf(row);
      const i = controls.indexOf(target);
      const sameColumn = (other: HTMLTableRowElement | undefined) => {
        if (!other) return undefined;
        const list = controlsOf(other);
        const column = cellIndex(target);
        return list.find((c) => cellIndex(c) === column) ?? list.findLast((c) => cellIndex(c) < column) ?? list[0];
      };
      switch (e.key) {
        case 'ArrowRight':
          return move(controls[i + 1], e);
        case 'ArrowLeft':
          return move(controls[i - 1], e);
        case 'ArrowDown':
          return move(sameColumn(all[r + 1]), e);
        case 'ArrowUp':
          return move(sameColumn(all[r - 1]), e);
        case 'Home':
          return move(e.ctrlKey ? sameColumn(all[0]) : controls[0], e);
        case 'End':
          return move(e.ctrlKey ? sameColumn(all[all.length - 1]) : controls[controls.length - 1], e);
      }
    };
    el.addEventListener('focusin', onFocusIn);
    el.addEventListener('keydown', onKeyDown);
    return () => {
      observer.disconnect();
      el.removeEventListener('focusin', onFocusIn);
      el.removeEventListener('keydown', onKeyDown);
    };
  }, [table]);
}
