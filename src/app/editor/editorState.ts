import { t } from '@lingui/core/macro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { TRIGGER_ID } from '../../engine/graph';
import { Step } from '../../schema/workflow';
import { useToast } from '../components/Toasts';
import { pasteStep, type Draft } from './graphEdits';

const HISTORY = 100;
const CLIPBOARD_KEY = 'localflow.copiedStep';

/** The draft being edited with its undo and redo history (the last 100 changes). */
export function useDraftHistory(prepare: (next: Draft) => Draft, onChange: () => void) {
  const [draft, setDraft] = useState<Draft | null>(null);
  const [past, setPast] = useState<Draft[]>([]);
  const [future, setFuture] = useState<Draft[]>([]);
  const apply = useCallback(
    (next: Draft) => {
      if (!draft) return;
      setPast((p) => [...p, draft].slice(-HISTORY));
      setFuture([]);
      onChange();
      setDraft(prepare(next));
    },
    [draft, prepare, onChange],
  );
  const undo = useCallback(() => {
    if (!draft || past.length === 0) return;
    setFuture((f) => [draft, ...f]);
    setDraft(past[past.length - 1]);
    setPast((p) => p.slice(0, -1));
  }, [draft, past]);
  const redo = useCallback(() => {
    if (!draft || future.length === 0) return;
    setPast((p) => [...p, draft]);
    setDraft(future[0]);
    setFuture((f) => f.slice(1));
  }, [draft, future]);
  return { draft, load: setDraft, apply, undo, redo, canUndo: past.length > 0, canRedo: future.length > 0 };
}

/** Autosave: the draft is written shortly after each change; the state says whether it is. */
export function useAutosave(
  draft: Draft | null,
  save: (draft: Draft) => Promise<unknown>,
): 'unchanged' | 'saved' | 'saving' | 'error' {
  const toast = useToast();
  const [saveState, setSaveState] = useState<'unchanged' | 'saved' | 'saving' | 'error'>('unchanged');
  const saved = useRef<Draft | null>(null);
  const loaded = useRef<Draft | null>(null);
  const latest = useRef({ draft, save });
  useEffect(() => {
    latest.current = { draft, save };
  });
  // Leaving the editor within the debounce still saves the last change.
  useEffect(
    () => () => {
      const { draft: last, save: write } = latest.current;
      if (last && loaded.current && last !== saved.current) void write(last).catch(() => {});
    },
    [],
  );
  useEffect(() => {
    if (!draft) return;
    if (loaded.current === null) {
      loaded.current = saved.current = draft; // as loaded
      return;
    }
    if (saved.current === draft) {
      // Back to what is stored (undo before the save of a redo): nothing to write.
      setSaveState((s) => (s === 'unchanged' ? s : 'saved'));
      return;
    }
    setSaveState('saving');
    const h = setTimeout(() => {
      save(draft).then(
        () => {
          saved.current = draft;
          setSaveState('saved');
        },
        (e) => {
          setSaveState('error');
          toast.error(e);
        },
      );
    }, 300);
    return () => clearTimeout(h);
  }, [draft, save, toast]);
  return saveState;
}

/** Copy and paste of steps, across workflows and tabs (the copied step is kept in localStorage). */
export function useStepClipboard(draft: Draft | null, apply: (next: Draft) => void, select: (id: string) => void) {
  const toast = useToast();
  const copy = useCallback(
    (stepId: string) => {
      const s = draft?.steps.find((x) => x.id === stepId);
      if (!s) return;
      localStorage.setItem(CLIPBOARD_KEY, JSON.stringify(s));
      void navigator.clipboard?.writeText(JSON.stringify(s, null, 2)).catch(() => {});
      toast.info(t`Copied “${s.name}”.`);
    },
    [draft, toast],
  );
  const paste = useCallback(
    (afterId: string) => {
      if (!draft) return;
      const raw = localStorage.getItem(CLIPBOARD_KEY);
      const parsed = raw ? Step.safeParse(JSON.parse(raw)) : null;
      if (!parsed?.success) {
        toast.error(
          new Error(
            raw
              ? t`The copied step is not one this version can paste.`
              : t`Copy a step first (select it, then Ctrl+C).`,
          ),
        );
        return;
      }
      const r = pasteStep(draft, parsed.data, { after: afterId });
      apply(r.draft);
      select(r.id);
    },
    [draft, apply, select, toast],
  );
  return { copy, paste };
}

/** The editor's keys, outside text fields: Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y, Ctrl+C / Ctrl+V, Delete (a focused step). */
export function useEditorShortcuts(
  selected: string,
  actions: { undo(): void; redo(): void; copy(id: string): void; paste(id: string): void; remove(id: string): void },
) {
  const { undo, redo, copy, paste, remove } = actions;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing =
        e.target instanceof HTMLElement && e.target.closest('input, textarea, select, [contenteditable]') !== null;
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key.toLowerCase() === 'z' && !typing) {
        e.preventDefault();
        if (e.shiftKey) redo();
        else undo();
      } else if (mod && e.key.toLowerCase() === 'y' && !typing) {
        e.preventDefault();
        redo();
      } else if (
        mod &&
        e.key.toLowerCase() === 'c' &&
        !typing &&
        selected !== TRIGGER_ID &&
        window.getSelection()?.isCollapsed !== false
      ) {
        copy(selected);
      } else if (mod && e.key.toLowerCase() === 'v' && !typing) {
        e.preventDefault();
        paste(selected);
      } else if (e.key === 'Delete' || e.key === 'Backspace') {
        // Only a focused step: Delete on an edge, a button or the page deletes nothing.
        const node =
          e.target instanceof HTMLElement && !typing ? e.target.closest<HTMLElement>('.react-flow__node') : null;
        if (!node || node !== e.target || !node.dataset.id || node.dataset.id === TRIGGER_ID) return;
        e.preventDefault();
        remove(node.dataset.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo, remove, selected, copy, paste]);
}
