import { describe, expect, it } from 'vitest';
import { STANDARD_OBJECTS } from '../../../src/db/standardObjects';
import { textConditions } from '../../../src/engine/recordFilter';
import type { RecordFilters } from '../../../src/schema/filter';
import { manualGlobal, step, workflowFile } from '../helpers';
import { WORKFLOW_FORMAT_VERSION } from '../../../src/schema/workflowFormat';
import { freshWorkspace } from '../workspaces';
import { setup } from './env';

/**
 * FIND_RECORDS with text conditions: a store may check them itself (the runner's SQL does, on
 * ASCII text), but finds exactly what the filter alone finds — whatever the case, non-ASCII
 * letters (the Kelvin sign folds to "k" in JavaScript, not in Postgres's C locale), values that
 * are not text, LIKE's own characters, and this run's own writes.
 */

const NAMES = [
  'Qonto',
  'QONTO SAS',
  'Le Qonto',
  'Qönto',
  '\u212Aonto',
  'Konto',
  '100% Qonto',
  '1000 Qonto',
  'a\\b',
  'q_nto',
];

const where = (operand: string, value: string): RecordFilters => ({
  recordFilterGroups: [],
  recordFilters: [{ id: 'f', fieldName: 'name', type: 'TEXT', operand, value } as never],
});
/** The same condition as the editor writes it in a step (the workflow file's migration makes Twenty's lists). */
const condition = (operand: string, value: string) => ({
  operator: 'AND',
  conditions: [{ left: 'name', operand, right: value, type: 'TEXT' }],
});

/**
 * Runs FIND_RECORDS with each filter (after `before`'s steps) over the companies above; returns
 * the names each found. `twenty`: the filters in Twenty's shape (a file of the current format,
 * each condition typed by its field) rather than the editor's (older files: untyped).
 */
async function find(
  filters: [operand: string, value: string][],
  options: { twenty?: boolean; before?: unknown[] } = {},
) {
  const before = options.before ?? [];
  const db = await freshWorkspace(false);
  await db.putRows({
    objects: STANDARD_OBJECTS,
    records: [
      ...NAMES.map((name, i) => ({ id: `c-${i}`, object: 'company', data: { name }, createdAt: i, updatedAt: i })),
      // Not text, though the field is.
      { id: 'c-number', object: 'company', data: { name: 42 }, createdAt: 100, updatedAt: 100 },
    ],
  });
  const steps = filters.map(([operand, value], i) =>
    step(
      `f${i}`,
      'FIND_RECORDS',
      { objectName: 'company', filter: options.twenty ? where(operand, value) : condition(operand, value), limit: 100 },
      i + 1 < filters.length ? [`f${i + 1}`] : [],
    ),
  );
  const env = await setup({ db });
  const file = workflowFile(manualGlobal([before.length ? 'w' : 'f0']), [...before, ...steps]);
  const id = await env.install(options.twenty ? { ...file, version: WORKFLOW_FORMAT_VERSION } : file);
  env.engine.start();
  const [runId] = await env.engine.runManual({ workflowId: id });
  await env.engine.idle();
  const run = (await db.run(runId))!;
  expect(run.status).toBe('completed');
  return filters.map((_, i) =>
    (run.state.stepInfos[`f${i}`].output as { all: { name: unknown }[] }).all.map((c) => c.name),
  );
}

const SEARCHES: [operand: string, value: string][] = [
  ['CONTAINS', 'qonto'],
  ['IS', 'Qonto'],
  ['STARTS_WITH', 'QONTO'],
  ['ENDS_WITH', 'onto'],
  ['CONTAINS', 'konto'],
  ['CONTAINS', '100%'],
  ['CONTAINS', 'a\\b'],
  ['CONTAINS', 'q_nto'],
  ['CONTAINS', '42'],
];

describe('FIND_RECORDS on a text field', () => {
  it.each([
    ['the editor', false],
    ["Twenty's", true],
  ])('finds what the filter finds, whichever store checks the conditions (filters in %s shape)', async (_, twenty) => {
    const found = await find(SEARCHES, { twenty });
    expect(found).toEqual([
      ['Qonto', 'QONTO SAS', 'Le Qonto', '100% Qonto', '1000 Qonto'],
      ['Qonto'],
      ['Qonto', 'QONTO SAS'],
      ['Qonto', 'Le Qonto', '\u212Aonto', 'Konto', '100% Qonto', '1000 Qonto'],
      ['\u212Aonto', 'Konto'],
      ['100% Qonto'],
      ['a\\b'],
      ['q_nto'],
      [42],
    ]);
  });

  it("sees this run's own writes: a record renamed into the search and one renamed out of it", async () => {
    const [found] = await find([['CONTAINS', 'qonto']], {
      before: [
        step(
          'w',
          'UPDATE_RECORD',
          { objectName: 'company', objectRecordId: 'c-5', objectRecord: { name: 'Qonto now' } },
          ['w2'],
        ),
        step(
          'w2',
          'UPDATE_RECORD',
          { objectName: 'company', objectRecordId: 'c-0', objectRecord: { name: 'Renamed' } },
          ['f0'],
        ),
      ],
    });
    expect(found).toEqual(['QONTO SAS', 'Le Qonto', 'Qonto now', '100% Qonto', '1000 Qonto']);
  });

  it('hands a store only plain conditions every match must meet', () => {
    expect(textConditions(where('CONTAINS', 'Qonto'))).toEqual([
      { field: 'name', operand: 'CONTAINS', value: 'qonto' },
    ]);
    // A JSON list means "any of"; non-ASCII and other operands are the filter's alone.
    expect(textConditions(where('CONTAINS', '["a","b"]'))).toEqual([]);
    expect(textConditions(where('CONTAINS', 'Qönto'))).toEqual([]);
    expect(textConditions(where('DOES_NOT_CONTAIN', 'a'))).toEqual([]);
    // Not required of every match: one side of an OR.
    expect(
      textConditions({
        recordFilterGroups: [{ id: 'g', logicalOperator: 'OR' } as never],
        recordFilters: [
          {
            id: 'f',
            fieldName: 'name',
            type: 'TEXT',
            operand: 'CONTAINS',
            value: 'a',
            recordFilterGroupId: 'g',
          } as never,
        ],
      }),
    ).toEqual([]);
  });
});
