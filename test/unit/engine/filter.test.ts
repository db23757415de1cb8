import { describe, expect, it } from 'vitest';
import { evaluateCondition, operandsForFieldType } from '../../../src/engine/filter';
import { evaluateStepFilters } from '../../../src/engine/twentyFilter';
import { treeToStepFilters } from '../../../src/schema/filterTree';
import { OPERANDS, type FilterGroup } from '../../../src/schema/filter';
import { FIELD_TYPES } from '../../../src/schema/objectMetadata';

const now = Date.UTC(2026, 10, 28, 12);
const is = (operand: Parameters<typeof evaluateCondition>[0], left: unknown, right?: unknown) =>
  evaluateCondition(operand, left, right, now);

describe('filter operands', () => {
  it('IS / IS_NOT on text, numbers, booleans, selects and composites', () => {
    expect(is('IS', 'Paris', 'Paris')).toBe(true);
    expect(is('IS', 'Paris', 'paris')).toBe(false);
    expect(is('IS', 12, '12')).toBe(true);
    expect(is('IS', true, 'true')).toBe(true);
    expect(is('IS', false, true)).toBe(false);
    expect(is('IS', { firstName: 'Ada', lastName: 'Lovelace' }, 'Ada Lovelace')).toBe(true);
    expect(is('IS', ['A', 'B'], 'B')).toBe(true);
    expect(is('IS_NOT', 'Paris', 'London')).toBe(true);
    expect(is('IS', null, '')).toBe(true);
  });

  it('CONTAINS, DOES_NOT_CONTAIN, STARTS_WITH, ENDS_WITH are case-insensitive and read composites', () => {
    expect(is('CONTAINS', 'Mistral AI', 'ai')).toBe(true);
    expect(is('CONTAINS', { primaryEmail: 'ada@mistral.ai', additionalEmails: ['ada@home.org'] }, 'home.org')).toBe(
      true,
    );
    expect(is('CONTAINS', { firstName: 'Ada', lastName: 'Lovelace' }, 'love')).toBe(true);
    expect(is('CONTAINS', ['RED', 'BLUE'], 'BLUE')).toBe(true);
    expect(is('CONTAINS', [{ object: 'person', id: 'p1' }], 'p1')).toBe(true);
    expect(is('DOES_NOT_CONTAIN', 'Mistral', 'x')).toBe(true);
    expect(is('STARTS_WITH', 'Mistral', 'mis')).toBe(true);
    expect(is('ENDS_WITH', 'https://qonto.com', '.COM')).toBe(true);
    expect(is('CONTAINS', null, 'x')).toBe(false);
  });

  it('numeric comparisons, currency in units, and dates', () => {
    expect(is('GREATER_THAN', 10, 5)).toBe(true);
    expect(is('GREATER_THAN', '10', '9')).toBe(true);
    expect(is('GREATER_THAN_OR_EQUAL', 5, 5)).toBe(true);
    expect(is('LESS_THAN', 4, 5)).toBe(true);
    expect(is('LESS_THAN_OR_EQUAL', 6, 5)).toBe(false);
    expect(is('GREATER_THAN', { amountMicros: 120_000_000_000, currencyCode: 'USD' }, 100_000)).toBe(true);
    expect(is('LESS_THAN', '2026-01-01', '2026-06-01')).toBe(true);
    expect(is('GREATER_THAN', 'abc', 5)).toBe(false);
  });

  it('dates: before, after, in past, in future, today', () => {
    expect(is('IS_BEFORE', '2026-01-01T00:00:00Z', '2026-02-01')).toBe(true);
    expect(is('IS_AFTER', '2026-03-01', '2026-02-01')).toBe(true);
    expect(is('IS_IN_PAST', '2020-01-01')).toBe(true);
    expect(is('IS_IN_FUTURE', '2030-01-01')).toBe(true);
    expect(is('IS_IN_FUTURE', 'not a date')).toBe(false);
    expect(is('IS_TODAY', new Date(now).toISOString())).toBe(true);
    expect(is('IS_TODAY', new Date(now - 2 * 86_400_000).toISOString())).toBe(false);
  });

  it('IS_EMPTY / IS_NOT_EMPTY know empty composites', () => {
    for (const empty of [
      null,
      undefined,
      '',
      [],
      { firstName: '', lastName: '' },
      { amountMicros: null, currencyCode: 'USD' },
      { primaryEmail: '', additionalEmails: [] },
    ]) {
      expect(is('IS_EMPTY', empty)).toBe(true);
    }
    expect(is('IS_NOT_EMPTY', { firstName: 'Ada', lastName: '' })).toBe(true);
    expect(is('IS_NOT_EMPTY', 0)).toBe(true);
  });

  it('every operand is handled and every field type offers operands', () => {
    for (const op of OPERANDS) expect(typeof is(op, 'x', 'y')).toBe('boolean');
    for (const t of FIELD_TYPES) expect(operandsForFieldType(t).length).toBeGreaterThan(0);
    expect(operandsForFieldType('CURRENCY')).toContain('GREATER_THAN');
    expect(operandsForFieldType('DATE_TIME')).toContain('IS_TODAY');
  });
});

describe('filter groups', () => {
  const values: Record<string, unknown> = { city: 'Paris', employees: 650, name: 'Mistral AI' };
  // Conditions read the values as variables; stored as Twenty's flat lists.
  const evaluateFilter = (group: FilterGroup) =>
    evaluateStepFilters(
      treeToStepFilters(group),
      (v) => (typeof v === 'string' && v.startsWith('{{') ? values[v.slice(2, -2)] : v),
      now,
    );

  it('nests AND and OR groups; an empty group passes', () => {
    const group: FilterGroup = {
      operator: 'AND',
      conditions: [
        { left: '{{city}}', operand: 'IS', right: 'Paris' },
        {
          operator: 'OR',
          conditions: [
            { left: '{{employees}}', operand: 'GREATER_THAN', right: 1000 },
            { left: '{{name}}', operand: 'CONTAINS', right: 'mistral' },
          ],
        },
      ],
    };
    expect(evaluateFilter(group)).toBe(true);
    expect(
      evaluateFilter({ ...group, operator: 'OR', conditions: [{ left: '{{city}}', operand: 'IS', right: 'Rome' }] }),
    ).toBe(false);
    expect(evaluateFilter({ operator: 'AND', conditions: [] })).toBe(true);
  });
});
