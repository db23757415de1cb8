import { describe, expect, it, vi } from 'vitest';
import { STANDARD_OBJECTS } from '../../../src/db/standardObjects';
import { boundTables } from '../../../src/db/database';
import { NativeStores } from '../../../src/db/nativeStores';
import { DexieRecordTx } from '../../../src/db/recordTx';
import { indexedSearch, recordFilter } from '../../../src/engine/recordFilter';
import type { RecordFilter, RecordFilters } from '../../../src/schema/filter';
import { withinRange } from '../../../src/engine/ports';
import { toRecordView, type RecordRow } from '../../../src/schema/record';
import { ManualClock, manualGlobal, step, workflowFile } from '../helpers';
import { WORKFLOW_FORMAT_VERSION } from '../../../src/schema/workflowFormat';
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
const indexedRange = (filters: RecordFilters, now: number) => indexedSearch(filters, now)?.range;

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

describe('indexedSearch: the part of an index that holds the matches of its date conditions', () => {
  it('bounds createdAt or updatedAt by the date conditions every match must meet, to the millisecond', () => {
    expect(indexedRange(all(when('createdAt', 'IS_AFTER', iso(T0 + DAY))), NOW)).toEqual({
      field: 'createdAt',
      lower: T0 + DAY + 1,
      upper: Infinity,
    });
    const after = when('createdAt', 'IS_AFTER', iso(T0));
    const before = when('createdAt', 'IS_BEFORE', iso(T0 + 3 * DAY));
    const search = indexedSearch(all(after, before, when('updatedAt', 'IS_AFTER', iso(T0))), NOW);
    expect(search?.range).toEqual({ field: 'createdAt', lower: T0 + 1, upper: T0 + 3 * DAY - 1 });
    // The conditions the range holds, not the other field's.
    expect([...(search?.answered ?? [])]).toEqual([after, before]);
    // A day, whole (in UTC, as the filter compares days).
    expect(indexedRange(all(when('updatedAt', 'IS', iso(T0 + 5 * DAY + 3_600_000))), NOW)).toEqual({
      field: 'updatedAt',
      lower: T0 + 5 * DAY,
      upper: T0 + 6 * DAY - 1,
    });
    expect(indexedRange(all(when('updatedAt', 'IS_IN_PAST')), NOW)).toEqual({
      field: 'updatedAt',
      lower: -Infinity,
      upper: NOW - 1,
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
    expect(indexedRange(inRoot, NOW)?.lower).toBe(T0 + 1);
    // A relative range, an empty value, a text condition, another field: no bound.
    expect(indexedRange(all(when('createdAt', 'IS_RELATIVE', 'PAST_1_DAY')), NOW)).toBeUndefined();
    expect(indexedRange(all(when('createdAt', 'IS_AFTER', '')), NOW)).toBeUndefined();
    expect(indexedRange(all({ ...a, type: 'TEXT' }), NOW)).toBeUndefined();
    expect(indexedRange(all({ ...a, fieldName: 'closeDate' }), NOW)).toBeUndefined();
  });
});

/** A seeded random source (the same times on every run). */
function seeded(seed: number) {
  return () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
}
const DATE_OPERANDS = ['IS_AFTER', 'IS_BEFORE', 'IS', 'IS_IN_PAST', 'IS_IN_FUTURE', 'IS_TODAY'] as const;

/**
 * Times near `around`, on and beside whole milliseconds and days (stored times may have a
 * fraction, from a backup or the runner's float columns: a workflow reads them to the millisecond).
 */
function timeNear(random: () => number, around: number): number {
  const base = around + Math.round((random() - 0.5) * 4) * DAY + Math.round((random() - 0.5) * 4);
  const pick = random();
  return pick < 0.3 ? base : pick < 0.5 ? base + 0.5 : pick < 0.6 ? base - 0.25 : base + Math.floor(random() * DAY);
}

/**
 * Random date conditions on the indexed fields, with another condition the index cannot hold;
 * every other filter in groups: its date conditions in an AND at the top, and a nested OR of
 * another date condition (which the index cannot hold either) and that other condition.
 */
function randomFilters(random: () => number, around: number, count: number): RecordFilters[] {
  const dateCondition = (id: string) => {
    const operand = DATE_OPERANDS[Math.floor(random() * DATE_OPERANDS.length)];
    const value = random() < 0.2 ? timeNear(random, around) : iso(Math.floor(timeNear(random, around)));
    const field = random() < 0.7 ? 'createdAt' : 'updatedAt';
    // A time as a number (a variable's value), fraction and all, or as ISO text.
    return { ...when(field, operand, value as unknown as string), id };
  };
  const employees = (id: string) =>
    ({ ...when('employees', 'GREATER_THAN', '10'), type: 'NUMBER', id }) as RecordFilter;
  return Array.from({ length: count }, (_, k) => {
    const conditions = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, i) => dateCondition(`c${k}-${i}`));
    if (k % 2 === 0) {
      if (random() < 0.3) conditions.push(employees(`c${k}-e`));
      return all(...conditions);
    }
    return {
      recordFilterGroups: [
        { id: 'root', logicalOperator: 'AND' },
        { id: 'inner', logicalOperator: 'OR', parentRecordFilterGroupId: 'root' },
      ],
      recordFilters: [
        ...conditions.map((c) => ({ ...c, recordFilterGroupId: 'root' })),
        { ...dateCondition(`c${k}-or`), recordFilterGroupId: 'inner' },
        { ...employees(`c${k}-e`), recordFilterGroupId: 'inner' },
      ],
    };
  });
}

describe('a search through an index finds what checking every condition on every record finds', () => {
  it('with times to the millisecond or between, before 1970 or after, and now with a fraction', () => {
    const random = seeded(11);
    for (const around of [T0, -DAY / 2, 0]) {
      const rows: RecordRow[] = Array.from({ length: 300 }, (_, i) => ({
        id: `r-${i}`,
        object: 'company',
        createdAt: timeNear(random, around),
        updatedAt: timeNear(random, around),
        data: { employees: i % 20 },
      }));
      const views = rows.map(toRecordView);
      for (const now of [around + 3 * DAY + 0.5, around + 2 * DAY])
        for (const filters of randomFilters(random, around, 150)) {
          const expected = views.filter(recordFilter(filters, now)).map((r) => r.id);
          const search = indexedSearch(filters, now);
          const found = search
            ? rows
                .filter((r) => withinRange(search.range, r))
                .map(toRecordView)
                .filter(recordFilter(filters, now, search.answered))
            : views.filter(recordFilter(filters, now));
          expect(
            found.map((r) => r.id),
            JSON.stringify({ filters, now }),
          ).toEqual(expected);
        }
    }
  });

  it('leaves a day beyond the year 9999 to the filter (the text it compares is not a date there)', () => {
    expect(indexedSearch(all(when('createdAt', 'IS', iso(253_402_300_800_000 + 5 * DAY))), NOW)).toBeUndefined();
    expect(indexedSearch(all(when('createdAt', 'IS', iso(253_402_300_800_000 - DAY))), NOW)).toBeDefined();
  });

  it('in the store: a stored time with a fraction just outside a bound is read and decided', async () => {
    const db = await freshWorkspace(false);
    const random = seeded(5);
    const rows: RecordRow[] = Array.from({ length: 120 }, (_, i) => ({
      id: `r-${String(i).padStart(3, '0')}`,
      object: 'company',
      createdAt: timeNear(random, T0),
      updatedAt: timeNear(random, T0),
      data: { name: `Company ${i}`, employees: i % 20 },
    }));
    await db.putRows({ objects: STANDARD_OBJECTS, records: rows });
    const clock = new ManualClock(T0 + DAY);
    // Times as ISO text, as a file holds them (a number, a variable's value, is the test above's).
    const filters = [
      // Conditions that cannot all hold: nothing found (IndexedDB refuses a range ending before it starts).
      all(when('createdAt', 'IS_AFTER', iso(T0 + DAY)), when('createdAt', 'IS_BEFORE', iso(T0 - DAY))),
      ...randomFilters(random, T0, 24),
    ].map((f) => ({
      ...f,
      recordFilters: f.recordFilters.map((c) => ({
        ...c,
        value: typeof c.value === 'number' ? iso(c.value) : c.value,
      })),
    }));
    const steps = filters.map((filter, i) =>
      step(
        `f${i}`,
        'FIND_RECORDS',
        { objectName: 'company', filter, limit: 10_000 },
        i + 1 < filters.length ? [`f${i + 1}`] : [],
      ),
    );
    const env = await setup({ db, clock });
    // Twenty's record filter lists as they are, typed (the current format: no migration).
    const workflowId = await env.install({
      ...workflowFile(manualGlobal(['f0']), steps),
      version: WORKFLOW_FORMAT_VERSION,
    });
    env.engine.start();
    const [runId] = await env.engine.runManual({ workflowId });
    await env.engine.idle();
    const run = (await db.run(runId))!;
    expect(run.status, run.error).toBe('completed');
    const views = [...rows].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1)).map(toRecordView);
    let found = 0;
    filters.forEach((filter, i) => {
      const out = run.state.stepInfos[`f${i}`].output as { all: { id: string }[] };
      const expected = views.filter(recordFilter(filter, clock.now())).map((r) => r.id);
      expect(
        out.all.map((r) => r.id),
        JSON.stringify(filter),
      ).toEqual(expected);
      found += expected.length;
    });
    // The searches found something, and through the index.
    expect(found).toBeGreaterThan(50);
    expect(filters.filter((f) => indexedSearch(f, clock.now())).length).toBeGreaterThan(15);
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
