import { i18n } from '@lingui/core';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/i18n/core';
import { formatNumber } from '../../src/i18n/format';

const previous = i18n.locale;
afterAll(() => i18n.activate(previous));

describe('formatNumber', () => {
  // Whole numbers are grouped by hand in the UI's languages (the first Intl format costs a page
  // 30–40 ms): it must write exactly what Intl writes.
  const numbers = [0, 7, -7, 999, -999, 1000, -1000, 1001, 9999, 10_000, 12_345, -123_456, 100_000, 999_999, 1_000_000];
  for (let i = 0; i < 300; i++) numbers.push(Math.round((Math.random() - 0.3) * 10 ** (1 + (i % 15))));
  numbers.push(Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 60, 0.5, -1234.5, 1e21);

  for (const locale of Object.keys(LOCALES)) {
    it(`writes numbers as Intl does in ${locale}`, () => {
      i18n.load(locale, {}); // merges: keeps any catalogue already there
      i18n.activate(locale);
      const intl = new Intl.NumberFormat(locale);
      for (const n of numbers) expect([n, formatNumber(n)]).toEqual([n, intl.format(n)]);
      expect(formatNumber(1234.5678, { maximumFractionDigits: 1 })).toBe(
        new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(1234.5678),
      );
    });
  }
});
