import type { FilterGroup } from '../schema/filter';
import type { RecordView } from '../schema/record';
import { evaluateFilter } from './filter';
import { lookup } from './resolver';

/** A predicate over records: each condition's `left` is a field path such as `name.firstName`. */
export function recordFilter(filter: FilterGroup, now: number): (record: RecordView) => boolean {
  return (record) =>
    evaluateFilter(filter, {
      left: (c) => lookup(record, c.left.replace(/^\{\{|\}\}$/g, '').split('.')),
      right: (c) => c.right,
      now,
    });
}
