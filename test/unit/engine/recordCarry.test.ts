import { describe, expect, it } from 'vitest';
import { Engine } from '../../../src/engine/engine';
import type { EngineStore } from '../../../src/engine/ports';
import { companyLoop, manualGlobal, step, workflowFile } from '../helpers';
import { crashAtStep, recordsOf, setup, type TestEnv } from './env';

/**
 * A loop's groups of steps each commit on their own; between two of them, another writer may
 * change the records the loop has still to reach. An engine that keeps rows from one group to
 * the next (IndexedDB's, engineStore.ts) must see those changes as one that reads every group.
 */
const COMPANIES = 30;
const loopFlow = workflowFile(manualGlobal(['find']), companyLoop({ limit: 1000 }));
/** Each company update starts one run of this, which writes one note: the count of writes. */
const countUpdates = workflowFile(
  { type: 'DATABASE_EVENT', name: 'Company updated', settings: { eventName: 'company.updated' }, nextStepIds: ['n'] },
  [step('n', 'CREATE_RECORD', { objectName: 'note', objectRecord: { title: 'updated {{trigger.recordId}}' } })],
);
const GROUP = { maxSteps: 10 }; // five turns of the loop per group

async function start(withCounter = false) {
  const env = await setup({ group: GROUP });
  const existing = (await recordsOf(env.db, 'company')).length;
  await env.records.createMany(
    'company',
    Array.from({ length: COMPANIES - existing }, (_, i) => ({ name: `Company ${i}`, employees: 1000 + i })),
  );
  const workflowId = await env.install(loopFlow);
  if (withCounter) await env.install(countUpdates);
  const [runId] = await env.engine.runManual({ workflowId });
  return { env, runId };
}

/** An engine over `store` that stops before its `k`th step (when that group is over). */
function engineStoppingAt(env: TestEnv, store: EngineStore, k: number) {
  let steps = 0;
  const engine = new Engine(store, {
    clock: env.clock,
    group: GROUP,
    probes: {
      beforeStep: () => {
        if (++steps === k) engine.stop();
      },
    },
  });
  return engine;
}

async function finish(env: TestEnv, store: EngineStore, group = GROUP) {
  const engine = new Engine(store, { clock: env.clock, group });
  engine.start();
  await engine.idle();
}

/** A loop over 600 companies in one group: the store sends its writes ahead (every 250 rows) before the commit. */
const MANY = 600;
async function startMany(names: (i: number) => string) {
  const env = await setup({ group: { maxSteps: 5000 } });
  await env.records.deleteMany(
    'company',
    (await recordsOf(env.db, 'company')).map((c) => c.id),
  );
  await env.records.createMany(
    'company',
    Array.from({ length: MANY }, (_, i) => ({ name: names(i), employees: 100_000 + i })),
  );
  return env;
}

describe('writes sent ahead of the commit', () => {
  it('a group that fails after sending some of its writes ahead is rolled back whole; the restart writes each once', async () => {
    const env = await startMany((i) => `Company ${i}`);
    const workflowId = await env.install(loopFlow);
    await env.install(countUpdates);
    const [runId] = await env.engine.runManual({ workflowId });
    const store = env.db.engineStore(env.clock.now);
    // Past 400 updates (1 + 2 × 400 steps): at least one batch of writes was sent.
    const errors = await crashAtStep(store, { clock: env.clock, group: { maxSteps: 5000 }, k: 802, runId });
    expect(errors).toHaveLength(1);
    expect((await recordsOf(env.db, 'company')).filter((c) => Number(c.data.employees) < 100_000)).toHaveLength(0);

    await finish(env, store, { maxSteps: 5000 });
    expect((await env.db.run(runId))!.status).toBe('completed');
    const companies = await recordsOf(env.db, 'company');
    expect(companies.map((c) => Number(c.data.employees)).sort((a, b) => a - b)).toEqual(
      Array.from({ length: MANY }, (_, i) => i),
    );
    const notes = (await recordsOf(env.db, 'note')).filter((n) => String(n.data.title).startsWith('updated '));
    expect(notes).toHaveLength(MANY);
    expect(new Set(notes.map((n) => n.data.title)).size).toBe(MANY);
  }, 30_000);

  it('a step that fails after writes were sent ahead undoes its own writes only', async () => {
    // The update sets employees from the name: one name is not a number, and its turn fails.
    const env = await startMany((i) => (i === 400 ? 'four hundred' : String(i)));
    const workflowId = await env.install(
      workflowFile(
        manualGlobal(['find']),
        companyLoop({ limit: 1000 }, { employees: '{{loop.currentItem.name}}', idealCustomerProfile: true }),
      ),
    );
    env.engine.start();
    const [runId] = await env.engine.runManual({ workflowId });
    await env.engine.idle();
    const run = (await env.db.run(runId))!;
    expect(run.status).toBe('failed');
    const companies = await recordsOf(env.db, 'company');
    const seen = companies.filter((c) => c.data.idealCustomerProfile === true);
    expect(seen).toHaveLength(400);
    expect(seen.every((c) => Number(c.data.employees) === Number(c.data.name))).toBe(true);
    const failing = companies.find((c) => c.data.name === 'four hundred')!;
    expect(failing.data).toMatchObject({ employees: 100_400 });
    expect(failing.data.idealCustomerProfile).not.toBe(true);
  });
});

describe('records kept from one group of steps to the next', () => {
  it('a change another writer makes between two groups is kept, and a record it deletes stays deleted', async () => {
    const { env, runId } = await start();
    const store = env.db.engineStore(env.clock.now);
    const first = engineStoppingAt(env, store, 12); // find + 5 turns, then stops in the second group
    first.start();
    await first.idle();
    const before = await recordsOf(env.db, 'company');
    expect(before.filter((c) => Number(c.data.employees) < 1000).length).toBeGreaterThan(0);
    const ahead = before.filter((c) => Number(c.data.employees) >= 1000);
    expect(ahead.length).toBeGreaterThan(10);
    const [renamed, deleted] = [ahead[3], ahead[6]];

    // Another writer (another tab's save, a webhook) changes one record the loop has not reached
    // and deletes another.
    await env.records.update('company', renamed.id, { name: 'Renamed between groups' });
    await env.records.delete('company', deleted.id);

    await finish(env, store);
    const after = await recordsOf(env.db, 'company');
    expect(after.find((c) => c.id === deleted.id)).toBeUndefined();
    expect(after).toHaveLength(COMPANIES - 1);
    const row = after.find((c) => c.id === renamed.id)!;
    expect(row.data.name).toBe('Renamed between groups');
    expect(Number(row.data.employees)).toBeLessThan(1000);
    // The loop's turn on the deleted record fails the run (it is gone), as without any rows kept.
    const run = (await env.db.run(runId))!;
    expect(run.status).toBe('failed');
    expect(run.error).toContain(deleted.id);
  });

  for (const k of [2, 7, 12, 13, 31, 60]) {
    it(`a group that fails at step ${k} is rolled back; the same store then finishes, each record written once`, async () => {
      const { env, runId } = await start(true);
      const store = env.db.engineStore(env.clock.now);
      const errors = await crashAtStep(store, { clock: env.clock, group: GROUP, k });
      expect(errors).toHaveLength(1);

      await finish(env, store);
      expect((await env.db.run(runId))!.status).toBe('completed');
      const companies = await recordsOf(env.db, 'company');
      expect(companies.map((c) => c.data.employees).sort((a, b) => Number(a) - Number(b))).toEqual(
        Array.from({ length: COMPANIES }, (_, i) => i),
      );
      // One update event each: one counting run and one note per company.
      const notes = (await recordsOf(env.db, 'note')).filter((n) => String(n.data.title).startsWith('updated '));
      expect(notes).toHaveLength(COMPANIES);
      expect(new Set(notes.map((n) => n.data.title)).size).toBe(COMPANIES);
    });
  }
});
