import { t } from '@lingui/core/macro';
import type { RecordFilter, RecordFilters } from '../schema/filter';
import type { RecordView } from '../schema/record';
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
  return (record) => {
    const holds = (f: RecordFilter) => recordConditionHolds(f, leftOf(record, f), f.value, now);
    return root ? tree(root, holds) : filters.recordFilters.every(holds);
  };
}
