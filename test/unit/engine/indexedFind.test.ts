import { describe, expect, it, vi } from 'vitest';
import { STANDARD_OBJECTS } from '../../../src/db/standardObjects';
import { boundTables } from '../../../src/db/database';
import { NativeStores } from '../../../src/db/nativeStores';
import { DexieRecordTx } from '../../../src/db/recordTx';
import { indexedRange, recordFilter } from '../../../src/engine/recordFilter';
import type { RecordFilter, RecordFilters } from '../../../src/schema/filter';
import type { RecordRow } from '../../../src/schema/record';
import { step } from '../helpers';
import { runSteps, setup } from './env';
import { freshWorkspace, ON_SQL } from '../workspaces';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);
const NOW = Date.UTC(2026, 0, 20, 12);

const when = (fieldName: string, operand: string, value = ''): RecordFilter => ({
  id: `${fieldName}-${operand}-${value}`,
  fieldMetadataId: '',
  fieldName,
  type: 'DATE_TIME',
  label: '',
  operand: operand as RecordFilter['operand'],
  value,
});
const all = (...recordFilters: RecordFilter[]): RecordFilters => ({ recordFilterGroups: [], recordFilters });
const iso = (t: number) => new Date(t).toISOString();

/** 40 companies, one created each day from T0, each last updated ten days after it was created. */
function companies(): RecordRow[] {
  return Array.from({ length: 40 }, (_, i) => ({
    id: `c-${String(i).padStart(3, '0')}`,
    object: 'company',
    createdAt: T0 + i * DAY,
    updatedAt: T0 + (i + 10) * DAY,
    data: { name: `Company ${i}`, employees: i },
  }));
}

describe('indexedRange: the part of an index every match lies within', () => {
  it('bounds createdAt or updatedAt by the date conditions every match must meet', () => {
    expect(indexedRange(all(when('createdAt', 'IS_AFTER', iso(T0 + DAY))), NOW)).toEqual({
      field: 'createdAt',
      lower: T0 + DAY,
      upper: Infinity,
    });
    expect(
      indexedRange(all(when('createdAt', 'IS_AFTER', iso(T0)), when('createdAt', 'IS_BEFORE', iso(T0 + 3 * DAY))), NOW),
    ).toEqual({ field: 'createdAt', lower: T0, upper: T0 + 3 * DAY });
    // A day, whole (in UTC, as the filter compares days).
    expect(indexedRange(all(when('updatedAt', 'IS', iso(T0 + 5 * DAY + 3_600_000))), NOW)).toEqual({
      field: 'updatedAt',
      lower: T0 + 5 * DAY,
      upper: T0 + 6 * DAY - 1,
    });
    expect(indexedRange(all(when('updatedAt', 'IS_IN_PAST')), NOW)).toEqual({
      field: 'updatedAt',
      lower: -Infinity,
      upper: NOW,
    });
    // The narrower of two bounded fields.
    expect(indexedRange(all(when('createdAt', 'IS_IN_PAST'), when('updatedAt', 'IS_TODAY')), NOW)?.field).toBe(
      'updatedAt',
    );
  });

  it('bounds nothing a match need not meet, nor what it cannot read', () => {
    const a = when('createdAt', 'IS_AFTER', iso(T0));
    // Under OR, or in a nested group, a condition does not bound every match.
    const or: RecordFilters = {
      recordFilterGroups: [{ id: 'root', logicalOperator: 'OR' }],
      recordFilters: [{ ...a, recordFilterGroupId: 'root' }],
    };
    expect(indexedRange(or, NOW)).toBeUndefined();
    const nested: RecordFilters = {
      recordFilterGroups: [
        { id: 'root', logicalOperator: 'AND' },
        { id: 'inner', logicalOperator: 'OR', parentRecordFilterGroupId: 'root' },
      ],
      recordFilters: [{ ...a, recordFilterGroupId: 'inner' }],
    };
    expect(indexedRange(nested, NOW)).toBeUndefined();
    const inRoot: RecordFilters = { ...nested, recordFilters: [{ ...a, recordFilterGroupId: 'root' }] };
    expect(indexedRange(inRoot, NOW)?.lower).toBe(T0);
    // A relative range, an empty value, a text condition, another field: no bound.
    expect(indexedRange(all(when('createdAt', 'IS_RELATIVE', 'PAST_1_DAY')), NOW)).toBeUndefined();
    expect(indexedRange(all(when('createdAt', 'IS_AFTER', '')), NOW)).toBeUndefined();
    expect(indexedRange(all({ ...a, type: 'TEXT' }), NOW)).toBeUndefined();
    expect(indexedRange(all({ ...a, fieldName: 'closeDate' }), NOW)).toBeUndefined();
  });
});

describe('find with an indexed range', () => {
  const filters = [
    all(when('createdAt', 'IS_AFTER', iso(T0 + 30 * DAY))),
    all(when('createdAt', 'IS_AFTER', iso(T0 + 4 * DAY + 1)), when('createdAt', 'IS_BEFORE', iso(T0 + 9 * DAY))),
    all(when('createdAt', 'IS', iso(T0 + 12 * DAY))),
    all(when('updatedAt', 'IS_BEFORE', iso(T0 + 15 * DAY))),
    all(when('updatedAt', 'IS_IN_FUTURE')),
    all(when('createdAt', 'IS_IN_PAST'), when('updatedAt', 'IS_TODAY')),
  ];

  // IndexedDB's index ranges (SQL's indexes are the server's to choose).
  it.skipIf(ON_SQL)(
    'reads only that part of the index and finds what a full scan finds, oldest first, with this transaction’s writes',
    async () => {
      const db = (await freshWorkspace(false)).dexie!;
      await db.objects.bulkPut(STANDARD_OBJECTS);
      await db.records.bulkPut(companies());
      await db.transaction('rw', [db.records, db.events, db.objects], async (trans) => {
        const tables = boundTables(trans, ['records', 'events', 'objects']);
        const native = new NativeStores(trans);
        const tx = new DexieRecordTx(tables, native, 'all', () => NOW);
        // Written in this transaction: one moves into today's updates, one is deleted, one is new
        // (made now: not in the past, so not among today's updates that were made before now).
        await tx.update('company', 'c-002', { employees: 99 }, null);
        await tx.delete('company', 'c-035', null);
        await tx.create('company', { name: 'New today' }, null);
        const getAll = vi.spyOn(native, 'getAll');
        for (const f of filters) {
          const range = indexedRange(f, NOW)!;
          expect(range).toBeDefined();
          getAll.mockClear();
          const found = await tx.find('company', recordFilter(f, NOW), range);
          expect(getAll).toHaveBeenCalledWith('records', expect.anything(), undefined, `[object+${range.field}]`);
          const scanned = (await tx.find('company')).filter(recordFilter(f, NOW));
          expect(found.map((r) => r.id)).toEqual(scanned.map((r) => r.id));
        }
        const today = await tx.find('company', recordFilter(filters[5], NOW), indexedRange(filters[5], NOW));
        expect(today.map((r) => r.name).sort()).toEqual(['Company 2', 'Company 9']);
        expect(
          (await tx.find('company', undefined, { field: 'createdAt', lower: T0 + 34 * DAY, upper: T0 + 36 * DAY })).map(
            (r) => r.id,
          ),
        ).toEqual(['c-034', 'c-036']);
      });
    },
  );

  it('FIND_RECORDS on a creation date counts and returns what a search without the index would', async () => {
    const db = await freshWorkspace(false);
    await db.putRows({ objects: STANDARD_OBJECTS, records: companies() });
    const { info } = await runSteps(
      [
        step('f', 'FIND_RECORDS', {
          objectName: 'company',
          // As the editor writes it: a group of conditions (the file's migration makes Twenty's lists).
          filter: {
            operator: 'AND',
            conditions: [
              { left: 'createdAt', operand: 'IS_AFTER', right: iso(T0 + 14 * DAY), type: 'DATE_TIME' },
              { left: 'createdAt', operand: 'IS_BEFORE', right: iso(T0 + 20 * DAY), type: 'DATE_TIME' },
            ],
          },
          limit: 3,
        }),
      ],
      ['f'],
      await setup({ db }),
    );
    const out = info('f').output as { all: { name: string }[]; totalCount: number };
    expect(out.totalCount).toBe(5);
    expect(out.all.map((c) => c.name)).toEqual(['Company 15', 'Company 16', 'Company 17']);
  });
});
