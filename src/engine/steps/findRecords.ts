import { textOf } from '../filter';
import { recordFilter } from '../recordFilter';
import { lookup } from '../resolver';
import type { RecordView } from '../../schema/record';
import type { StepDefinition } from './types';

export const findRecords: StepDefinition<'FIND_RECORDS'> = {
  type: 'FIND_RECORDS',
  outputs: ({ settings: { input } }) => [
    { path: 'all', label: 'All records', recordList: input.objectName },
    { path: 'totalCount', label: 'Number found' },
    { path: 'first', label: 'First', record: input.objectName },
  ],
  async execute(ctx) {
    const { objectName, filter, orderBy, limit } = ctx.step.settings.input;
    const resolvedFilter = filter ? (ctx.resolve(filter) as typeof filter) : undefined;
    const matches = await ctx.records.find(
      objectName,
      resolvedFilter ? recordFilter(resolvedFilter, ctx.now) : undefined,
    );
    if (orderBy?.length) matches.sort(compareBy(orderBy));
    const records = matches.slice(0, limit);
    return {
      input: { objectName, filter: resolvedFilter, orderBy, limit },
      output: { first: records[0] ?? null, all: records, totalCount: matches.length },
    };
  },
};

export function compareBy(orderBy: { field: string; direction: 'ASC' | 'DESC' }[]) {
  return (a: RecordView, b: RecordView): number => {
    for (const { field, direction } of orderBy) {
      const c = compareValues(lookup(a, field.split('.')), lookup(b, field.split('.')));
      if (c !== 0) return direction === 'DESC' ? -c : c;
    }
    return 0;
  };
}

/** Empty values sort last; numbers (and currency amounts) by value; the rest as text. */
export function compareValues(a: unknown, b: unknown): number {
  const empty = (v: unknown) => v === null || v === undefined || v === '';
  if (empty(a) || empty(b)) return empty(a) === empty(b) ? 0 : empty(a) ? 1 : -1;
  const num = (v: unknown) =>
    typeof v === 'number'
      ? v
      : v && typeof v === 'object' && 'amountMicros' in v
        ? Number((v as { amountMicros: unknown }).amountMicros)
        : NaN;
  const na = num(a),
    nb = num(b);
  if (!Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
  return textOf(a).localeCompare(textOf(b), undefined, { numeric: true, sensitivity: 'base' });
}
