import { setupI18n } from '@lingui/core';
import { generateMessageId } from '@lingui/message-utils/generateMessageId';
import { describe, expect, it } from 'vitest';
import { messages as cs } from '../../src/locales/cs.po';
import { messages as en } from '../../src/locales/en.po';
import { readPo } from '../support/poCatalog';

const placeholders = (text: string) => new Set([...text.matchAll(/\{(\w+)[,}]/g)].map((m) => m[1]));
const tags = (text: string) => new Set([...text.matchAll(/<\/?\d+>/g)].map((m) => m[0]));
/** Values for a message's placeholders: counts for plurals (1, 3 and 5 reach every Czech form), text else. */
function sampleValues(text: string, count: number) {
  const values: Record<string, unknown> = {};
  for (const name of placeholders(text)) values[name] = new RegExp(`\\{${name}, plural`).test(text) ? count : 'x';
  return values;
}

describe('the UI catalogues (English source, Czech)', () => {
  const entries = readPo('src/locales/cs.po');

  it('translate every message into Czech, keeping its placeholders and tags', () => {
    expect(entries.length).toBeGreaterThan(700);
    const missing = entries.filter((e) => !e.translation).map((e) => e.source);
    expect(missing).toEqual([]);
    const mismatched = entries
      .filter((e) => {
        // Czech has no article: "When {article} {object} is created" drops {article}.
        const expected = [...placeholders(e.source)].filter((p) => p !== 'article');
        return (
          expected.some((p) => !placeholders(e.translation).has(p)) ||
          [...tags(e.source)].some((tag) => !tags(e.translation).has(tag))
        );
      })
      .map((e) => e.source);
    expect(mismatched).toEqual([]);
  });

  it('format every message in both languages (no broken ICU: plurals, numbers, braces)', () => {
    for (const [locale, messages] of [
      ['en', en],
      ['cs', cs],
    ] as const) {
      const i18n = setupI18n({ locale, messages: { [locale]: messages } });
      for (const id of Object.keys(messages)) {
        for (const count of [1, 3, 5]) {
          const text = i18n._(id, sampleValues(JSON.stringify(messages[id]), count));
          expect(typeof text, `${locale} ${id}`).toBe('string');
        }
      }
    }
  });

  it('use Czech plural forms: one, few and other', () => {
    const i18n = setupI18n({ locale: 'cs', messages: { cs } });
    const id = generateMessageId('{0, plural, one {# record} other {# records}}');
    expect([1, 3, 5].map((n) => i18n._(id, { 0: n }))).toEqual(['1 záznam', '3 záznamy', '5 záznamů']);
  });
});
