import { useEffect, useRef, useState } from 'react';
import type { EditorHandle } from './cm';

/** Loads the CodeMirror chunk of variable fields (once); the editor page asks early, so fields open at once. */
export const loadEditors = () => import('./cm');
/** Loads the code editor's chunk (CodeMirror with JavaScript). */
export const loadCodeEditor = () => import('./cm/code');

/**
 * Mounts a CodeMirror editor made by `create` into the returned host element once the chunk
 * has loaded, keeps its text equal to `value`, and reports edits through the latest `onChange`.
 */
export function useEditorHandle<M, H extends EditorHandle>(
  load: () => Promise<M>,
  value: string,
  onChange: (v: string) => void,
  create: (cm: M, host: HTMLElement, onChange: (v: string) => void) => H,
) {
  const host = useRef<HTMLDivElement>(null);
  const [handle, setHandle] = useState<H | null>(null);
  const latest = useRef({ value, onChange });
  useEffect(() => {
    latest.current = { value, onChange };
  });
  useEffect(() => {
    let made: H | null = null;
    let gone = false;
    void load().then((cm) => {
      if (gone || !host.current) return;
      made = create(cm, host.current, (v) => latest.current.onChange(v));
      made.setValue(latest.current.value);
      setHandle(made);
    });
    return () => {
      gone = true;
      made?.destroy();
    };
    // Made once per field; value and callbacks are followed below and through `latest`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => handle?.setValue(value), [handle, value]);
  return { host, handle };
}
