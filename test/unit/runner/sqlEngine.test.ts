import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineOptions } from '../../../src/engine/engine';
import { openPglite, openPostgres, type SqlDatabase } from '../../../src/runner/sql/database';
import { createSqlEngineStore } from '../../../src/runner/sql/engineStore';
import { putRuns } from '../../../src/runner/sql/rows';
import type { RunRow } from '../../../src/schema/run';
import { SqlRecordRepository, sqlRecords } from '../../../src/runner/sql/records';
import type { TextCondition } from '../../../src/engine/ports';
import { installActiveWorkflow, seedStandardObjects } from '../../../src/runner/sql/workspace';
import { Step } from '../../../src/schema/workflow';
import { readWorkflowFile } from '../../../src/share/workflowFile';
import { startPostgres, type TestPostgres } from '../../support/postgres';
import { companyLoop, ManualClock, manualGlobal, onPersonCreated, step, testEngine, workflowFile } from '../helpers';

/**
 * The engine, unchanged, on the runner's SQL store: on PGlite (Postgres in this process) and on
 * a Postgres server. The same runs give the same records, runs and timers as in IndexedDB.
 */

let server: TestPostgres;
let databases = 0;
beforeAll(async () => {
  server = await startPostgres();
}, 60_000);
afterAll(() => server?.stop());

const stores: [string, () => Promise<SqlDatabase>][] = [
  ['PGlite', () => openPglite()],
  ['a Postgres server', async () => openPostgres(await server.createDatabase(`engine_${++databases}`))],
];

const check = (_v: unknown, s: unknown) => (Step.safeParse(s).success ? null : 'its settings are invalid');

async function sqlSetup(db: SqlDatabase, options: EngineOptions = {}) {
  await seedStandardObjects(db);
  const clock = (options.clock as ManualClock | undefined) ?? new ManualClock();
  const store = createSqlEngineStore(db, clock.now);
  const engine = testEngine(store, clock, options);
  const records = new SqlRecordRepository(db, () => engine.kick({ outbox: true }), clock.now);
  const install = (file: unknown) => installActiveWorkflow(db, readWorkflowFile(file), check, clock.now);
  const runs = async () =>
    db.transaction((s) =>
      s.query<{ id: string; status: string; workflow_id: string }>(
        'SELECT id, status, workflow_id FROM runs ORDER BY id',
      ),
    );
  return { db, clock, store, engine, records, install, runs };
}

const taskPerPerson = workflowFile(onPersonCreated(['task']), [
  step('task', 'CREATE_RECORD', {
    objectName: 'task',
    objectRecord: { title: 'Call {{trigger.properties.after.name.firstName}}' },
  }),
]);

describe.each(stores)('the engine on %s', (_name, open) => {
  let db: SqlDatabase;
  beforeAll(async () => {
    db = await open();
  }, 60_000);
  afterAll(() => db?.close());

  it('a record event starts its workflow, whose step writes a record', async () => {
    const env = await sqlSetup(db);
    await env.install(taskPerPerson);
    env.engine.start();
    await env.records.create('person', { name: { firstName: 'Ada', lastName: 'Lovelace' } });
    await env.engine.idle();
    const tasks = await env.records.list('task');
    expect(tasks.map((t) => t.title)).toEqual(['Call Ada']);
    const runs = await env.runs();
    expect(runs.map((r) => r.status)).toEqual(['completed']);
    // What a runner writes carries its name; the person came from elsewhere.
    const origins = await db.transaction((s) =>
      s.query<{ object: string; written_by: string | null }>(
        `SELECT object, written_by FROM records WHERE object IN ('person', 'task') ORDER BY object`,
      ),
    );
    expect(origins).toEqual([
      { object: 'person', written_by: null },
      { object: 'task', written_by: (env.store as ReturnType<typeof createSqlEngineStore>).lease.owner },
    ]);
    env.engine.stop();
    // The outbox is consumed and emptied.
    const [left] = await db.transaction((s) => s.query<{ n: number }>('SELECT count(*)::int AS n FROM events'));
    expect(left.n).toBe(0);
    // One event starts each workflow once, by a unique key: a second run for it cannot be written.
    const [first] = await db.transaction((s) =>
      s.query<{ body: RunRow }>(`SELECT body FROM runs WHERE body->>'triggerEventId' IS NOT NULL`),
    );
    expect(first.body.triggerEventId).toMatch(/^[0-9a-f-]{36}$/);
    await expect(
      db.transaction((s) => putRuns(s, [{ ...first.body, id: crypto.randomUUID(), status: 'queued' }], null)),
    ).rejects.toThrow(/runs_event_workflow/);
  });

  it('a loop over 300 records found by a search updates each once; a delay waits for its timer', async () => {
    const env = await sqlSetup(db, { group: { maxSteps: 100 } });
    await env.records.createMany(
      'company',
      Array.from({ length: 300 }, (_, i) => ({ name: `Loop Co ${i}`, employees: 0 })),
    );
    const id = await env.install(
      workflowFile(manualGlobal(['find']), [
        ...companyLoop(
          {
            filter: { operator: 'AND', conditions: [{ left: 'name', operand: 'STARTS_WITH', right: 'Loop Co' }] },
            limit: 1000,
          },
          undefined,
          ['wait'],
        ),
        step('wait', 'DELAY', { delayType: 'DURATION', duration: { minutes: 5 } }, ['note']),
        step('note', 'CREATE_RECORD', { objectName: 'note', objectRecord: { title: 'loop done' } }),
      ]),
    );
    env.engine.start();
    const [runId] = await env.engine.runManual({ workflowId: id });
    await env.engine.idle();
    const companies = (await env.records.list('company')).filter((c) => String(c.name).startsWith('Loop Co'));
    expect(companies.map((c) => c.employees)).toEqual(companies.map((_, i) => i));
    const waiting = await env.runs();
    expect(waiting.find((r) => r.id === runId)?.status).toBe('waiting');
    const [timers] = await db.transaction((s) =>
      s.query<{ n: number }>('SELECT count(*)::int AS n FROM timers WHERE run_id = $1', [runId]),
    );
    expect(timers.n).toBe(1);
    env.clock.advance(6 * 60_000);
    await env.engine.idle();
    expect((await env.runs()).find((r) => r.id === runId)?.status).toBe('completed');
    expect((await env.records.list('note')).filter((n) => n.title === 'loop done')).toHaveLength(1);
    env.engine.stop();
  });

  it('a search checks its text conditions in SQL: only rows that may match are read', async () => {
    const env = await sqlSetup(db);
    const names = ['Scan Qonto', 'Scan QONTO', 'Scan Figma', 'Scan Notion', 'Scan Qönto', 'Scan 50% off'];
    await env.records.createMany(
      'company',
      names.map((name) => ({ name })),
    );
    const scan = (text: TextCondition[]) =>
      db.transaction(async (s) => (await sqlRecords(s, null).scan('company', undefined, text)).map((r) => r.data.name));
    const scanned = (await scan([{ field: 'name', operand: 'CONTAINS', value: 'scan' }])).filter((n) =>
      names.includes(n as string),
    );
    expect(scanned).toEqual(names);
    // Case ignored; non-ASCII text passed on for the filter to decide; LIKE's % taken as itself.
    expect(await scan([{ field: 'name', operand: 'CONTAINS', value: 'scan qonto' }])).toEqual([
      'Scan Qonto',
      'Scan QONTO',
      'Scan Qönto',
    ]);
    expect(await scan([{ field: 'name', operand: 'ENDS_WITH', value: '50% off' }])).toEqual([
      'Scan Qönto',
      'Scan 50% off',
    ]);
  });

  it('a transaction that fails leaves nothing behind', async () => {
    const env = await sqlSetup(db);
    const before = (await env.records.list('company')).length;
    await expect(
      env.store.transaction(async (tx) => {
        await tx.records.create('company', { name: 'Half written' }, null);
        await tx.putRunValue({ id: 'value-1', runId: 'run-1', value: { big: true } });
        // Written in this transaction: it reads its own writes.
        expect(await tx.getRunValue('value-1')).toEqual({ big: true });
        throw new Error('the process died here');
      }),
    ).rejects.toThrow('the process died here');
    expect((await env.records.list('company')).length).toBe(before);
    const [values] = await db.transaction((s) => s.query<{ n: number }>('SELECT count(*)::int AS n FROM run_values'));
    expect(values.n).toBe(0);
    await expect(env.records.create('company', { nope: 1 })).rejects.toThrow(/nope/);
  });
});

describe('several engines on one Postgres server', () => {
  it('three engines consuming the same outbox run each of 200 events once', async () => {
    const url = await server.createDatabase('race');
    const dbs = await Promise.all([openPostgres(url), openPostgres(url), openPostgres(url)]);
    try {
      const clock = new ManualClock();
      const envs = await Promise.all(dbs.map((db) => sqlSetup(db, { clock })));
      const workflowId = await envs[0].install(taskPerPerson);
      for (const env of envs) env.engine.start();
      // Events arrive through every engine's database connections, in batches.
      for (let batch = 0; batch < 10; batch++)
        await envs[batch % 3].records.createMany(
          'person',
          Array.from({ length: 20 }, (_, i) => ({ name: { firstName: `P${batch * 20 + i}`, lastName: 'Race' } })),
        );
      for (const env of envs) env.engine.kick({ outbox: true });
      await Promise.all(envs.map((env) => env.engine.idle()));
      await Promise.all(envs.map((env) => env.engine.idle()));
      const runs = await envs[0].runs();
      expect(runs.filter((r) => r.workflow_id === workflowId)).toHaveLength(200);
      expect(runs.every((r) => r.status === 'completed')).toBe(true);
      const titles = (await envs[0].records.list('task')).map((t) => t.title);
      expect(titles).toHaveLength(200);
      expect(new Set(titles).size).toBe(200);
      for (const env of envs) env.engine.stop();
    } finally {
      await Promise.all(dbs.map((db) => db.close()));
    }
  }, 60_000);
});
