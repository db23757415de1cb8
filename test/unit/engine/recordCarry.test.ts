import { describe, expect, it } from 'vitest';
import { Engine } from '../../../src/engine/engine';
import type { EngineStore } from '../../../src/engine/ports';
import { manualGlobal, step, workflowFile } from '../helpers';
import { recordsOf, setup, type TestEnv } from './env';

/**
 * A loop's groups of steps each commit on their own; between two of them, another writer may
 * change the records the loop has still to reach. An engine that keeps rows from one group to
 * the next (IndexedDB's, engineStore.ts) must see those changes as one that reads every group.
 */
const COMPANIES = 30;
const loopFlow = workflowFile(manualGlobal(['find']), [
  step('find', 'FIND_RECORDS', { objectName: 'company', limit: 200 }, ['loop']),
  step('loop', 'ITERATOR', { items: '{{find.all}}', initialLoopStepIds: ['upd'] }),
  step(
    'upd',
    'UPDATE_RECORD',
    {
      objectName: 'company',
      objectRecordId: '{{loop.currentItem.id}}',
      objectRecord: { employees: '{{loop.currentItemIndex}}' },
    },
    ['loop'],
  ),
]);
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

async function finish(env: TestEnv, store: EngineStore) {
  const engine = new Engine(store, { clock: env.clock, group: GROUP });
  engine.start();
  await engine.idle();
}

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
      let steps = 0;
      const errors: unknown[] = [];
      const crashing = new Engine(store, {
        clock: env.clock,
        group: GROUP,
        probes: {
          beforeStep: () => {
            if (++steps === k) throw new Error('storage closed');
          },
        },
        onError: (e) => {
          errors.push(e);
          crashing.stop();
        },
      });
      crashing.start();
      await crashing.idle();
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
