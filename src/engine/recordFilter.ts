import { t } from '@lingui/core/macro';
import type { RecordFilter, RecordFilters } from '../schema/filter';
import type { RecordView } from '../schema/record';
import { toTime } from './filter';
import type { IndexedRange, TextCondition } from './ports';
import { lookup } from './resolver';
import { StepError } from './steps/types';
import { groupTree, recordConditionHolds } from './twentyFilter';

/** The value a record filter reads: the field (and its part), a relation by its id. */
function leftOf(record: RecordView, f: RecordFilter): unknown {
  const field = f.fieldName!;
  if (f.type === 'RELATION') return record[`${field}Id`] ?? (record[field] as { id?: unknown } | undefined)?.id;
  return lookup(record, [field, ...(f.subFieldName ? f.subFieldName.split('.') : [])]);
}

/**
 * A predicate over records for FIND_RECORDS (values already resolved): Twenty's record filter
 * groups, each condition naming a field by `fieldName`.
 */
export function recordFilter(filters: RecordFilters, now: number): (record: RecordView) => boolean {
  const unnamed = filters.recordFilters.find((f) => !f.fieldName);
  if (unnamed) {
    const name = unnamed.label || unnamed.id;
    throw new StepError(
      t`the condition on “${name}” names a field of a Twenty workspace: choose the field in the editor`,
    );
  }
  const groups = filters.recordFilterGroups;
  const root = groups.find((g) => !g.parentRecordFilterGroupId);
  // Read once for the whole search, not per record.
  const tree = groupTree(
    groups,
    (g) => g.parentRecordFilterGroupId,
    filters.recordFilters,
    (f) => f.recordFilterGroupId,
  );
  // A date on the right is read once for the whole search, not per record.
  const right = new Map<RecordFilter, unknown>();
  for (const f of filters.recordFilters)
    right.set(
      f,
      (f.type === 'DATE_TIME' || f.type === 'DATE') && ['IS', 'IS_BEFORE', 'IS_AFTER'].includes(f.operand)
        ? (toTime(f.value) ?? f.value)
        : f.value,
    );
  return (record) => {
    const holds = (f: RecordFilter) => recordConditionHolds(f, leftOf(record, f), right.get(f), now);
    return root ? tree(root, holds) : filters.recordFilters.every(holds);
  };
}

const DAY = 86_400_000;
const wholeDay = (t: number): [number, number] => {
  const start = Math.floor(t / DAY) * DAY;
  return [start, start + DAY - 1];
};

/** The times (inclusive) a date condition accepts, when it bounds them; `right` is its value as a time. */
function dateBound(operand: RecordFilter['operand'], right: number | null, now: number): [number, number] | null {
  switch (operand) {
    case 'IS_AFTER':
      return right === null ? null : [right, Infinity];
    case 'IS_BEFORE':
      return right === null ? null : [-Infinity, right];
    case 'IS':
      return right === null ? null : wholeDay(right);
    case 'IS_IN_PAST':
      return [-Infinity, now];
    case 'IS_IN_FUTURE':
      return [now, Infinity];
    case 'IS_TODAY':
      return wholeDay(now);
    default:
      return null;
  }
}
const INDEXED = ['createdAt', 'updatedAt'] as const;

/** The conditions every match must meet: the top level of an AND, or of a filter without groups. */
function requiredFilters(filters: RecordFilters): RecordFilter[] {
  const root = filters.recordFilterGroups.find((g) => !g.parentRecordFilterGroupId);
  if (root && root.logicalOperator !== 'AND') return [];
  return filters.recordFilters.filter((f) => !root || f.recordFilterGroupId === root.id);
}

/**
 * The bounds on an indexed field (createdAt, updatedAt) that every record these filters accept
 * lies within, when the filters say so (a date condition every match must meet: at the top
 * level of an AND, or of a filter without groups). The bounds may be wider than the condition
 * (whole days, inclusive): the filter still decides. Undefined when nothing bounds the search.
 */
export function indexedRange(filters: RecordFilters, now: number): IndexedRange | undefined {
  const required = requiredFilters(filters);
  let best: IndexedRange | undefined;
  for (const field of INDEXED) {
    let lower = -Infinity,
      upper = Infinity;
    for (const f of required) {
      if (f.fieldName !== field || f.subFieldName || (f.type !== 'DATE_TIME' && f.type !== 'DATE')) continue;
      const bound = dateBound(f.operand, toTime(f.value), now);
      if (!bound) continue;
      lower = Math.max(lower, bound[0]);
      upper = Math.min(upper, bound[1]);
    }
    if (lower === -Infinity && upper === Infinity) continue;
    if (!best || upper - lower < best.upper - best.lower) best = { field, lower, upper };
  }
  return best;
}

const TEXT_OPERANDS = new Set<TextCondition['operand']>(['CONTAINS', 'IS', 'STARTS_WITH', 'ENDS_WITH']);

/**
 * The text conditions every record these filters accept meets (see `TextCondition`): on a text
 * field itself, at the top level of an AND (or of a filter without groups), with a plain value
 * — printable ASCII, not a JSON list or object (which `contains` reads as "any of").
 */
export function textConditions(filters: RecordFilters): TextCondition[] {
  return requiredFilters(filters).flatMap((f) =>
    // A text field's conditions, or untyped ones (older files), whose IS is not a text comparison.
    (f.type === 'TEXT' || (f.type === 'unknown' && f.operand !== 'IS')) &&
    f.fieldName &&
    !f.subFieldName &&
    TEXT_OPERANDS.has(f.operand as TextCondition['operand']) &&
    typeof f.value === 'string' &&
    /^[\x20-\x7e]+$/.test(f.value) &&
    !/[[{"]/.test(f.value)
      ? [{ field: f.fieldName, operand: f.operand as TextCondition['operand'], value: f.value.toLowerCase() }]
      : [],
  );
}
