import { t } from '@lingui/core/macro';
/** An error as a sentence a person can act on. Storage errors get a plain explanation. */
export function describeError(error: unknown): string {
  const chain: unknown[] = [];
  for (
    let e: unknown = error;
    e && chain.length < 5;
    e = (e as { inner?: unknown; cause?: unknown }).inner ?? (e as { cause?: unknown }).cause
  )
    chain.push(e);
  const names = chain.map((e) => (e as { name?: string }).name ?? '');
  if (names.some((n) => n === 'QuotaExceededError')) {
    return (
      t`The browser's storage for Localflow is full, so this change was not saved (nothing was lost). ` +
      t`Delete records or old runs, or allow this site more storage, then try again.`
    );
  }
  if (names.some((n) => n === 'InvalidStateError' || n === 'DatabaseClosedError')) {
    return t`The local database is not available (another tab may be upgrading it). Reload the page and try again.`;
  }
  return error instanceof Error ? error.message : String(error);
}
