import { t } from '@lingui/core/macro';
import { describeError } from '../../client/errors';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

interface Toast {
  id: number;
  kind: 'info' | 'error';
  text: string;
}
const ToastContext = createContext<(kind: Toast['kind'], text: string) => void>(() => {});
const ToastListContext = createContext<{ toasts: Toast[]; dismiss(id: number): void }>({
  toasts: [],
  dismiss: () => {},
});

/**
 * Short confirmations (role=status, gone after 4 s) and errors (role=alert, kept until dismissed:
 * an error is never missed). `ToastList` shows them where the page puts it.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const dismiss = useCallback((id: number) => setToasts((t) => t.filter((x) => x.id !== id)), []);
  const push = useCallback(
    (kind: Toast['kind'], text: string) => {
      const id = Date.now() + Math.random();
      // The same error again replaces the one shown.
      setToasts((t) => [...t.filter((x) => !(x.kind === kind && x.text === text)), { id, kind, text }]);
      if (kind === 'info') setTimeout(() => dismiss(id), 4000);
    },
    [dismiss],
  );
  const list = useMemo(() => ({ toasts, dismiss }), [toasts, dismiss]);
  return (
    <ToastContext.Provider value={push}>
      <ToastListContext.Provider value={list}>{children}</ToastListContext.Provider>
    </ToastContext.Provider>
  );
}

/**
 * The toasts, in the page's flow above its content: they push it down and never cover it. The two
 * live regions are always in the page, so screen readers announce what arrives in them
 * (confirmations politely, errors at once).
 */
export function ToastList() {
  const { toasts, dismiss } = useContext(ToastListContext);
  const region = (kind: Toast['kind']) =>
    toasts
      .filter((item) => item.kind === kind)
      .map((toast) => (
        <div key={toast.id} className={`toast ${toast.kind}`} role={kind === 'error' ? 'alert' : 'status'}>
          {toast.text}
          <button type="button" className="icon-button" aria-label={t`Dismiss`} onClick={() => dismiss(toast.id)}>
            ✕
          </button>
        </div>
      ));
  return (
    <div className="toasts">
      <div aria-live="polite" className="toast-region">
        {region('info')}
      </div>
      <div aria-live="assertive" className="toast-region">
        {region('error')}
      </div>
    </div>
  );
}

export function useToast() {
  const push = useContext(ToastContext);
  return useMemo(
    () => ({
      info: (text: string) => push('info', text),
      error: (error: unknown) => push('error', describeError(error)),
    }),
    [push],
  );
}
