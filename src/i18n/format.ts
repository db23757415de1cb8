import { i18n } from '@lingui/core';

/** The UI's language for Intl (before one is active: the browser's). */
const locale = () => i18n.locale || undefined;

/** Number formats by language and options: a table of amounts formats many values alike. */
const numberFormats = new Map<string, Intl.NumberFormat>();

/** A number as the UI's language writes it ("250,000" / "250 000"). */
export function formatNumber(n: number, options?: Intl.NumberFormatOptions): string {
  const key = `${locale() ?? ''}|${options ? JSON.stringify(options) : ''}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locale(), options)));
  return format.format(n);
}

/** A moment, date and time, as the UI's language writes it. */
export function formatDateTime(value: string | number | Date, options?: Intl.DateTimeFormatOptions): string {
  return new Date(value).toLocaleString(locale(), options);
}

/** A date without the time, as the UI's language writes it. */
export function formatDate(value: string | number | Date, options?: Intl.DateTimeFormatOptions): string {
  return new Date(value).toLocaleDateString(locale(), options);
}
