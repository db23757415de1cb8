import { i18n } from '@lingui/core';

/** The UI's language for Intl (before one is active: the browser's). */
const locale = () => i18n.locale || undefined;

/**
 * Formats by language and options, made once: creating an Intl format is far dearer than
 * using one, and a table formats many values alike.
 */
const formats = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.Collator>();

function format<F extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.Collator>(
  kind: string,
  options: object | undefined,
  make: (locale: string | undefined) => F,
): F {
  const key = `${kind}|${locale() ?? ''}|${options ? JSON.stringify(options) : ''}`;
  let made = formats.get(key) as F | undefined;
  if (!made) formats.set(key, (made = make(locale())));
  return made;
}

/**
 * How the UI's languages group a whole number's digits, as Intl writes them (a unit test holds
 * these to Intl's output): the first Intl number format costs a page 30–40 ms here (its data
 * loads), and a table's first render writes its row count ("1–50 of 100,000") with it.
 */
const DIGIT_GROUPS: Record<string, string> = { en: ',', cs: '\u00a0' };

function groupDigits(n: number, separator: string): string {
  const digits = String(Math.abs(n));
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3) out += separator + digits.slice(i, i + 3);
  return n < 0 ? `-${out}` : out;
}

/** A number as the UI's language writes it ("250,000" / "250 000"). */
export function formatNumber(n: number, options?: Intl.NumberFormatOptions): string {
  if (!options && Number.isSafeInteger(n) && !Object.is(n, -0)) {
    // Small whole numbers read the same in every language the UI speaks.
    if (Math.abs(n) < 1000) return String(n);
    const separator = DIGIT_GROUPS[locale() ?? ''];
    if (separator !== undefined) return groupDigits(n, separator);
  }
  return format('number', options, (l) => new Intl.NumberFormat(l, options)).format(n);
}

const DATE_FIELDS = ['weekday', 'year', 'month', 'day', 'dateStyle'] as const;
const TIME_FIELDS = ['dayPeriod', 'hour', 'minute', 'second', 'fractionalSecondDigits', 'timeStyle'] as const;

/** What Date's toLocaleString / toLocaleDateString show when `options` names no part. */
function withDefaults(options: Intl.DateTimeFormatOptions | undefined, time: boolean): Intl.DateTimeFormatOptions {
  const o = options ?? {};
  const named = DATE_FIELDS.some((f) => f in o) || (time && TIME_FIELDS.some((f) => f in o));
  if (named) return o;
  const date = { year: 'numeric', month: 'numeric', day: 'numeric' } as const;
  return time ? { ...o, ...date, hour: 'numeric', minute: 'numeric', second: 'numeric' } : { ...o, ...date };
}

/** As Date's own methods write it (invalid dates included), with a format made once. */
function formatMoment(value: string | number | Date, options: Intl.DateTimeFormatOptions): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return 'Invalid Date';
  return format('date', options, (l) => new Intl.DateTimeFormat(l, options)).format(date);
}

/** A moment, date and time, as the UI's language writes it. */
export function formatDateTime(value: string | number | Date, options?: Intl.DateTimeFormatOptions): string {
  return formatMoment(value, withDefaults(options, true));
}

/** A date without the time, as the UI's language writes it. */
export function formatDate(value: string | number | Date, options?: Intl.DateTimeFormatOptions): string {
  return formatMoment(value, withDefaults(options, false));
}

/** Compares two names as the UI's language sorts them ("Č" after "C" in Czech). */
export function compareText(a: string, b: string): number {
  return format('collator', undefined, (l) => new Intl.Collator(l)).compare(a, b);
}
