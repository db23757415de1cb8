import { formatNumber } from '../../i18n/format';
import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { useState } from 'react';

const SHOWN_CHARS = 20_000;

/**
 * Any value as indented JSON, whatever a run holds: cycles, BigInt, functions and symbols are
 * written out as text rather than breaking the page.
 */
export function safeJson(value: unknown): string {
  const seen = new WeakSet<object>();
  try {
    return (
      JSON.stringify(
        value,
        (_key, v: unknown) => {
          if (typeof v === 'bigint') return `${v}n`;
          if (typeof v === 'function' || typeof v === 'symbol') return `[${typeof v}]`;
          if (v && typeof v === 'object') {
            if (seen.has(v)) return '[circular]';
            seen.add(v);
          }
          return v;
        },
        2,
      ) ?? 'undefined'
    );
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return t`(cannot be shown: ${reason})`;
  }
}

/** A value as indented JSON, for step inputs and outputs; a long one is cut, with "Show more". */
export function JsonView({ value, label }: { value: unknown; label: string }) {
  const [shown, setShown] = useState(SHOWN_CHARS);
  if (value === undefined) return null;
  const text = safeJson(value);
  const cut = text.length > shown;
  return (
    <div className="json-view">
      <div className="json-label">{label}</div>
      <pre tabIndex={0} aria-label={label}>
        {cut ? t`${text.slice(0, shown)}\n… (${formatNumber(text.length - shown)} more characters)` : text}
      </pre>
      {cut && (
        <button type="button" className="small" onClick={() => setShown((n) => n * 5)}>
          <Trans>Show more</Trans>
        </button>
      )}
    </div>
  );
}
