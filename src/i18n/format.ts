import { i18n } from '@lingui/core';

/** The UI's language for Intl (before one is active: the browser's). */
const locale = () => i18n.locale || undefined;

/** A number as the UI's language writes it ("250,000" / "250 000"). */
export function formatNumber(n: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(locale(), options).format(n);
}

/** A moment, date and time, as the UI's language writes it. */
export function formatDateTime(value: string | number | Date, options?: Intl.DateTimeFormatOptions): string {
  return new Date(value).toLocaleString(locale(), options);
}

/** A date without the time, as the UI's language writes it. */
export function formatDate(value: string | number | Date, options?: Intl.DateTimeFormatOptions): string {
  return new Date(value).toLocaleDateString(locale(), options);
}
