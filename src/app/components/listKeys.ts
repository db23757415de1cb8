import type { KeyboardEvent } from 'react';

/**
 * The keys of a search box that drives a list (a combobox): ↓/↑ move the active option, Enter
 * picks it, Escape closes when `close` is given. Used by Ctrl+K, the step chooser and the
 * variable picker.
 */
export function listKeys(
  count: number,
  active: number,
  move: (index: number) => void,
  pick: (index: number) => void,
  close?: () => void,
) {
  return (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') move(Math.min(active + 1, count - 1));
    else if (e.key === 'ArrowUp') move(Math.max(active - 1, 0));
    else if (e.key === 'Enter' && active >= 0 && active < count) pick(active);
    else if (e.key === 'Escape' && close) close();
    else return;
    e.preventDefault();
  };
}
