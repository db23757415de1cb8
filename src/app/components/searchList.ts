import { useState, type KeyboardEvent } from 'react';

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

/**
 * The state of a search-driven list: what is typed, which option is active (back to the first
 * on each keystroke), and whether a text holds every word typed.
 */
export function useSearchList() {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return {
    query,
    active,
    setActive,
    search(next: string) {
      setQuery(next);
      setActive(0);
    },
    matches: (text: string) => words.every((w) => text.toLowerCase().includes(w)),
  };
}
