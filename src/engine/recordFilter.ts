import type { RecordFilter, RecordFilterGroup, RecordFilters } from '../schema/filter';
import type { RecordView } from '../schema/record';
import { lookup } from './resolver';
import { StepError } from './steps/types';
import { recordConditionHolds } from './twentyFilter';

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
  if (unnamed)
    throw new StepError(
      `the condition on “${unnamed.label || unnamed.id}” names a field of a Twenty workspace: choose the field in the editor`,
    );
  const groups = filters.recordFilterGroups;
  const root: RecordFilterGroup | undefined = groups.find((g) => !g.parentRecordFilterGroupId);
  return (record) => {
    const holds = (f: RecordFilter) => recordConditionHolds(f, leftOf(record, f), f.value, now);
    if (!root) return filters.recordFilters.every(holds);
    const evaluate = (group: RecordFilterGroup): boolean => {
      const results = [
        ...filters.recordFilters.filter((f) => f.recordFilterGroupId === group.id).map((f) => () => holds(f)),
        ...groups.filter((g) => g.parentRecordFilterGroupId === group.id).map((g) => () => evaluate(g)),
      ];
      if (results.length === 0) return true;
      return group.logicalOperator === 'AND' ? results.every((r) => r()) : results.some((r) => r());
    };
    return evaluate(root);
  };
}
