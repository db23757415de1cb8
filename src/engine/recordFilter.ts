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
 * groups, each condition naming a field by `fieldName`. The conditions in `answered` (an
 * `IndexedSearch`'s, which its range holds exactly) are taken as met, not checked again.
 */
export function recordFilter(
  filters: RecordFilters,
  now: number,
  answered?: ReadonlySet<RecordFilter>,
): (record: RecordView) => boolean {
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
  if (!root) {
    const checked = answered ? filters.recordFilters.filter((f) => !answered.has(f)) : filters.recordFilters;
    return (record) => checked.every((f) => recordConditionHolds(f, leftOf(record, f), right.get(f), now));
  }
  return (record) =>
    tree(root, (f) => answered?.has(f) || recordConditionHolds(f, leftOf(record, f), right.get(f), now));
}

const DAY = 86_400_000;
/** Years 0000–9999: where a day's text (`utcDay`, which the filter compares) is its date. */
const PLAIN_DAYS = [-62_167_219_200_000, 253_402_300_800_000] as const;
/** The day (UTC) the time `t` falls on, as the filter reads a time (`new Date(t)`: to the millisecond, toward zero). */
const wholeDay = (t: number): [number, number] | null => {
  const start = Math.floor(Math.trunc(t) / DAY) * DAY;
  return start >= PLAIN_DAYS[0] && start < PLAIN_DAYS[1] ? [start, start + DAY - 1] : null;
};

/**
 * The whole milliseconds (inclusive) a date condition accepts, exactly, when it bounds them:
 * the filter reads a record's time to the millisecond (its ISO text), so `IS_AFTER r` is every
 * time from the first whole millisecond after `r`. `right` is the condition's value as a time.
 */
function dateBound(operand: RecordFilter['operand'], time: number | null, now: number): [number, number] | null {
  // No time (or a number that is none): the filter decides.
  const right = time !== null && Number.isFinite(time) ? time : null;
  switch (operand) {
    case 'IS_AFTER':
      return right === null ? null : [Math.floor(right) + 1, Infinity];
    case 'IS_BEFORE':
      return right === null ? null : [-Infinity, Math.ceil(right) - 1];
    case 'IS':
      return right === null ? null : wholeDay(right);
    case 'IS_IN_PAST':
      return [-Infinity, Math.ceil(now) - 1];
    case 'IS_IN_FUTURE':
      return [Math.floor(now) + 1, Infinity];
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

/** A search's part of an index, and the conditions that part holds exactly (see `indexedSearch`). */
export interface IndexedSearch {
  range: IndexedRange;
  answered: ReadonlySet<RecordFilter>;
}

/**
 * The part of an indexed field (createdAt, updatedAt) that the records these filters accept lie
 * within, when the filters say so (date conditions every match must meet: at the top level of
 * an AND, or of a filter without groups), and those conditions: the range holds exactly the
 * records that meet them (`IndexedRange`), so the filter need not check them again
 * (`recordFilter`'s `answered`). Undefined when nothing bounds the search.
 */
export function indexedSearch(filters: RecordFilters, now: number): IndexedSearch | undefined {
  const required = requiredFilters(filters);
  let best: IndexedSearch | undefined;
  for (const field of INDEXED) {
    let lower = -Infinity,
      upper = Infinity;
    const answered = new Set<RecordFilter>();
    for (const f of required) {
      if (f.fieldName !== field || f.subFieldName || (f.type !== 'DATE_TIME' && f.type !== 'DATE')) continue;
      const bound = dateBound(f.operand, toTime(f.value), now);
      if (!bound) continue;
      lower = Math.max(lower, bound[0]);
      upper = Math.min(upper, bound[1]);
      answered.add(f);
    }
    if (answered.size === 0) continue;
    if (!best || upper - lower < best.range.upper - best.range.lower)
      best = { range: { field, lower, upper }, answered };
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
