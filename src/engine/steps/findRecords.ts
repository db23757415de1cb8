import { t } from '@lingui/core/macro';
import { textOf } from '../filter';
import { indexedSearch, recordFilter, textConditions } from '../recordFilter';
import { lookup } from '../resolver';
import type { RecordView } from '../../schema/record';
import type { StepOfType } from '../../schema/workflow';
import { StepError, type StepDefinition } from './types';

type FindRecordsInput = StepOfType<'FIND_RECORDS'>['settings']['input'];

export const findRecords: StepDefinition<'FIND_RECORDS'> = {
  type: 'FIND_RECORDS',
  outputs: ({ settings: { input } }) => [
    { path: 'all', label: t`All records`, recordList: input.objectName },
    { path: 'totalCount', label: t`Number found` },
    { path: 'first', label: t`First`, record: input.objectName },
  ],
  async execute(ctx) {
    const input = ctx.step.settings.input;
    const resolved = ctx.resolve(input) as typeof input;
    // The part of an index the search reads holds its date conditions exactly: not checked again.
    const indexed = resolved.filter ? indexedSearch(resolved.filter, ctx.now) : undefined;
    const matches = await ctx.records.find(
      input.objectName,
      resolved.filter ? recordFilter(resolved.filter, ctx.now, indexed?.answered) : undefined,
      indexed?.range,
      resolved.filter ? textConditions(resolved.filter) : undefined,
    );
    const sorts = sortsOf(resolved.orderBy);
    if (sorts.length) matches.sort(compareBy(sorts));
    const offset = count(resolved.offset, t`offset`, 0);
    const limit = count(resolved.limit, t`limit`, 100);
    const records = matches.slice(offset, offset + limit);
    return {
      input: resolved,
      output: { first: records[0] ?? null, all: records, totalCount: matches.length },
    };
  },
};

function count(value: unknown, what: string, fallback: number): number {
  if (value === undefined || value === null || value === '') return fallback;
  const n = Number(value);
  const text = String(value);
  if (!Number.isInteger(n) || n < 0) throw new StepError(t`${what}: “${text}” is not a whole number`);
  return Math.min(n, 10_000);
}

type Sort = { field: string; direction: 'ASC' | 'DESC' };

/** The sort order: Twenty's GraphQL order (by field name), else its sorts that name a field. */
function sortsOf(orderBy: FindRecordsInput['orderBy']): Sort[] {
  const gql = orderBy?.gqlOperationOrderBy ?? [];
  if (gql.length)
    return gql.flatMap((entry) =>
      Object.entries(entry).map(([field, how]) => ({
        field,
        direction: String(how).toLowerCase().startsWith('desc') ? ('DESC' as const) : ('ASC' as const),
      })),
    );
  return (orderBy?.recordSorts ?? [])
    .filter((s) => s.fieldName)
    .map((s) => ({ field: s.fieldName!, direction: s.direction === 'desc' ? 'DESC' : 'ASC' }));
}

export function compareBy(orderBy: Sort[]) {
  return (a: RecordView, b: RecordView): number => {
    for (const { field, direction } of orderBy) {
      const c = compareValues(lookup(a, field.split('.')), lookup(b, field.split('.')));
      if (c !== 0) return direction === 'DESC' ? -c : c;
    }
    return 0;
  };
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Empty values sort last; numbers (and currency amounts) by value; the rest as text (numbers in it by value). */
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
  return collator.compare(textOf(a), textOf(b));
}
