import { describe, expect, it } from 'vitest';
import { Engine } from '../../../src/engine/engine';
import { companyLoop, manualGlobal, ManualClock, step, workflowFile } from '../helpers';
import { crashAtStep, recordsOf, runSteps, setup } from './env';
import { freshWorkspace, type TestWorkspace } from '../workspaces';

const flow = workflowFile(manualGlobal(['c1']), [
  step('c1', 'CREATE_RECORD', { objectName: 'note', objectRecord: { title: 'first' } }, ['u1']),
  step(
    'u1',
    'UPDATE_RECORD',
    { objectName: 'note', objectRecordId: '{{c1.id}}', objectRecord: { title: 'first updated' } },
    ['loop'],
  ),
  step('loop', 'ITERATOR', { items: [1, 2, 3], initialLoopStepIds: ['n'] }, ['up']),
  step('n', 'CREATE_RECORD', { objectName: 'note', objectRecord: { title: 'item {{loop.currentItem}}' } }, ['loop']),
  step(
    'up',
    'UPSERT_RECORD',
    { objectName: 'company', objectRecord: { name: 'Upserted Co', employees: 7 }, matchFields: ['name'] },
    ['del'],
  ),
  step('del', 'DELETE_RECORD', { objectName: 'note', objectRecordId: '{{c1.id}}' }),
]);
const STEP_EXECUTIONS = 11; // c1, u1, loop ×4, n ×3, up, del

async function expectFinishedOnce(db: TestWorkspace, runId: string) {
  const run = (await db.runs.get(runId))!;
  expect(run.status).toBe('completed');
  const rows = await db.records.toArray();
  const titles = rows
    .filter((r) => r.object === 'note')
    .map((r) => r.data.title)
    .filter((t) => /^item|^first/.test(String(t)));
  expect(titles.sort()).toEqual(['item 1', 'item 2', 'item 3']);
  expect(rows.filter((r) => r.data.name === 'Upserted Co')).toHaveLength(1);
}

async function startRun(db: TestWorkspace) {
  const env = await setup({ db, group: { maxSteps: 1 } });
  const id = await env.install(flow);
  const [runId] = await env.engine.runManual({ workflowId: id });
  return { env, runId };
}

describe('durability', () => {
  for (let k = 1; k <= STEP_EXECUTIONS; k++) {
    it(`an engine stopped after step ${k} and restarted over the same database finishes the run, each record written once`, async () => {
      const db = await freshWorkspace();
      const { env, runId } = await startRun(db);
      let steps = 0;
      const first = new Engine(db.engineStore(env.clock.now), {
        clock: env.clock,
        group: { maxSteps: 1 },
        probes: {
          beforeStep: () => {
            if (++steps === k) first.stop();
          },
        },
      });
      first.start();
      await first.idle();
      const midway = (await db.runs.get(runId))!;
      expect(['queued', 'running', 'completed']).toContain(midway.status);

      const second = new Engine(db.engineStore(env.clock.now), { clock: env.clock, group: { maxSteps: 1 } });
      second.start();
      await second.idle();
      await expectFinishedOnce(db, runId);
    });
  }

  it('a crash inside a group of steps rolls the whole group back; the restart redoes it once', async () => {
    const db = await freshWorkspace();
    const { env, runId } = await startRun(db);
    const errors = await crashAtStep(db.engineStore(env.clock.now), {
      clock: env.clock,
      group: { maxSteps: 100 },
      k: 7,
    });
    expect(errors).toHaveLength(1);
    // Nothing of the aborted group is visible.
    expect((await db.records.toArray()).filter((r) => String(r.data.title).startsWith('item'))).toHaveLength(0);

    const restarted = new Engine(db.engineStore(env.clock.now), { clock: env.clock });
    restarted.start();
    await restarted.idle();
    await expectFinishedOnce(db, runId);
  });

  it('a waiting run survives an engine restart and fires when due', async () => {
    const db = await freshWorkspace();
    const clock = new ManualClock();
    const env = await setup({ db, clock });
    const {
      run: { id: runId },
    } = await runSteps(
      [
        step('w', 'DELAY', { delayType: 'DURATION', duration: { hours: 1 } }, ['n']),
        step('n', 'CREATE_RECORD', { objectName: 'note', objectRecord: { title: 'after an hour' } }),
      ],
      ['w'],
      env,
    );
    env.engine.stop();
    expect((await db.runs.get(runId))?.status).toBe('waiting');
    clock.time += 2 * 3600_000; // the app was closed past the due time
    const next = new Engine(db.engineStore(clock.now), { clock });
    next.start();
    await next.idle();
    expect((await db.runs.get(runId))?.status).toBe('completed');
    expect((await db.records.toArray()).filter((r) => r.data.title === 'after an hour')).toHaveLength(1);
  });

  it('stopping a run: no further steps, timers removed', async () => {
    const env = await setup();
    const {
      run: { id: runId },
    } = await runSteps(
      [
        step('w', 'DELAY', { delayType: 'DURATION', duration: { minutes: 1 } }, ['n']),
        step('n', 'CREATE_RECORD', { objectName: 'note', objectRecord: { title: 'never' } }),
      ],
      ['w'],
      env,
    );
    await env.engine.stopRun(runId);
    const run = (await env.db.runs.get(runId))!;
    expect(run.status).toBe('stopped');
    expect(run.state.stepInfos.w.status).toBe('STOPPED');
    expect(await env.db.timers.count()).toBe(0);
    env.clock.advance(120_000);
    await env.engine.idle();
    expect((await env.db.records.toArray()).filter((r) => r.data.title === 'never')).toHaveLength(0);
  });
});

describe('large run values', () => {
  it('a 3,000-record search is stored once, the loop re-reads it after a restart, and the run row stays small', async () => {
    const db = await freshWorkspace();
    const clock = new ManualClock();
    const now = clock.now();
    await db.putRows({
      records: Array.from({ length: 3000 }, (_, i) => ({
        id: `c${String(i).padStart(4, '0')}`,
        object: 'company',
        data: { name: `C${i}`, employees: 0 },
        createdAt: now + i,
        updatedAt: now + i,
      })),
    });
    const env = await setup({ db, clock, group: { maxSteps: 500 } });
    const id = await env.install(
      workflowFile(
        manualGlobal(['find']),
        companyLoop({
          filter: { operator: 'AND', conditions: [{ left: 'name', operand: 'STARTS_WITH', right: 'C' }] },
          limit: 5000,
        }),
      ),
    );
    const [runId] = await env.engine.runManual({ workflowId: id });
    let steps = 0;
    const first = new Engine(db.engineStore(clock.now), {
      clock,
      group: { maxSteps: 500 },
      probes: {
        beforeStep: () => {
          if (++steps === 1800) first.stop();
        },
      },
    });
    first.start();
    await first.idle();
    const stored = (await db.runs.get(runId))!;
    expect(stored.status).toBe('running');
    expect(stored.state.stepInfos.find.output).toHaveProperty('$runValue');
    expect(stored.state.loops.loop.items).toEqual({ $fromVariable: 'find.all' });
    expect(JSON.stringify(stored).length).toBeLessThan(20_000);
    expect(await db.runValues.count()).toBe(1);

    const second = new Engine(db.engineStore(clock.now), { clock });
    second.start();
    await second.idle();
    expect((await db.runs.get(runId))?.status).toBe('completed');
    const rows = (await recordsOf(db, 'company')).filter((r) => r.createdAt >= now && r.createdAt < now + 3000);
    expect(rows.filter((r, i) => r.data.employees === i)).toHaveLength(3000);
  }, 20_000);
});

describe('retry from the failed step', () => {
  it('a failed run continues from its failed step, inside a loop, without redoing what succeeded', async () => {
    const env = await setup();
    const id = await env.install(
      workflowFile(manualGlobal(['first']), [
        step('first', 'CREATE_RECORD', { objectName: 'note', objectRecord: { title: 'once' } }, ['loop']),
        step('loop', 'ITERATOR', { items: ['company-1', 'later', 'company-2'], initialLoopStepIds: ['upd'] }, [
          'after',
        ]),
        step(
          'upd',
          'UPDATE_RECORD',
          { objectName: 'company', objectRecordId: '{{loop.currentItem}}', objectRecord: { employees: 42 } },
          ['loop'],
        ),
        step('after', 'CREATE_RECORD', { objectName: 'note', objectRecord: { title: 'after' } }),
      ]),
    );
    env.engine.start();
    const [runId] = await env.engine.runManual({ workflowId: id });
    await env.engine.idle();
    expect((await env.db.runs.get(runId))?.status).toBe('failed');
    await expect(env.engine.stopRun(runId)).resolves.toBeUndefined();
    await env.db.putRows({
      records: [{ id: 'later', object: 'company', data: { name: 'Later' }, createdAt: 1, updatedAt: 1 }],
    });
    await env.engine.retryRun(runId);
    await env.engine.idle();
    const run = (await env.db.runs.get(runId))!;
    expect(run.status).toBe('completed');
    for (const id of ['company-1', 'later', 'company-2'])
      expect((await env.db.records.get(id))?.data.employees).toBe(42);
    const notes = (await env.db.records.toArray()).filter((r) => r.data.title === 'once' || r.data.title === 'after');
    expect(notes.map((n) => n.data.title).sort()).toEqual(['after', 'once']);
    expect((await env.db.records.get('company-2'))?.data.employees).toBe(42);
    await expect(env.engine.retryRun(runId)).rejects.toThrow('Only a failed run can be retried');
  });
});
