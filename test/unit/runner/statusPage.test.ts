import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, type SqlDatabase } from '../../../src/runner/sql/database';
import { putRuns } from '../../../src/runner/sql/rows';
import { RUNS_PER_PAGE, statusPage } from '../../../src/runner/statusPage';
import type { RunRow } from '../../../src/schema/run';

/** The runner's status page lists runs 50 a page, newest first, with links to older and back. */

let db: SqlDatabase;
beforeAll(async () => {
  db = await openPglite();
}, 60_000);
afterAll(() => db?.close());

const run = (i: number) =>
  ({
    id: `run-${String(i).padStart(3, '0')}`,
    workflowId: 'w',
    versionId: 'v',
    workflowName: `Run number ${i}`,
    status: 'completed',
    flow: { trigger: {}, steps: [] },
    triggerPayload: {},
    state: { stepInfos: {}, ready: [], arrivals: {}, loops: {} },
    depth: 0,
    // Two runs share each millisecond: the id orders them.
    createdAt: 1_000 + Math.floor(i / 2),
    updatedAt: 1_000 + Math.floor(i / 2),
  }) as unknown as RunRow;

describe('the status page', () => {
  it('pages through 120 runs, 50 at a time, each run once', async () => {
    await db.transaction((s) =>
      putRuns(
        s,
        Array.from({ length: 120 }, (_, i) => run(i)),
        null,
      ),
    );
    const seen: string[] = [];
    let path: string | null = null;
    const pages: number[] = [];
    for (;;) {
      const html = await statusPage(db, 'http://127.0.0.1:4190/', path);
      const names = [...html.matchAll(/>Run number (\d+)</g)].map((m) => m[1]);
      seen.push(...names);
      pages.push(names.length);
      if (path) expect(html).toContain('<a href="/">Latest runs</a>');
      const older = /href="\/\?before=([^"]+)">Older runs</.exec(html);
      if (!older) break;
      path = decodeURIComponent(older[1]);
    }
    expect(pages).toEqual([RUNS_PER_PAGE, RUNS_PER_PAGE, 20]);
    expect(seen).toEqual(Array.from({ length: 120 }, (_, i) => String(119 - i)));
  });
});
