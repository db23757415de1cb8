import { describe, expect, it } from 'vitest';
import { Engine, type EngineOptions } from '../../../src/engine/engine';
import type { EngineStore } from '../../../src/engine/ports';
import { onPersonCreated, step, welcomeNewPeople, workflowFile } from '../helpers';
import { setup, type TestEnv } from './env';

/** A second workflow on the same event: a note about each new person. */
const noted = workflowFile(
  onPersonCreated(['n']),
  [step('n', 'CREATE_RECORD', { objectName: 'note', objectRecord: { title: 'New {{trigger.recordId}}' } })],
  'Note',
);

const person = (firstName: string) => ({ name: { firstName, lastName: 'Saved' } });

/** Another engine over the same database (another tab's, or the same tab's after a restart). */
function engineOf(env: TestEnv, options: EngineOptions = {}): Engine {
  return new Engine(env.db.engineStore(env.clock.now), {
    clock: env.clock,
    onError: (e) => {
      throw e;
    },
    ...options,
  });
}

async function tasksOf(env: TestEnv) {
  return (await env.db.records.toArray()).filter((r) => r.object === 'task' && /^Welcome /.test(String(r.data.title)));
}

/**
 * A person's save made by the engine (`Engine.writeRecords`, what the UI's writes go through):
 * the runs it triggers start in its own transaction, never through the outbox.
 */
describe('a record write starts its runs in its own transaction', () => {
  it('runs the first steps before the save returns, with no outbox event and no engine loop', async () => {
    const env = await setup();
    await env.install(welcomeNewPeople);
    // Not started: the loop never runs; the write itself does the work.
    const saved = await env.engine.writeRecords({ kind: 'create', object: 'person', data: person('Ada') });
    const [run] = await env.db.runs.toArray();
    expect(run).toMatchObject({ status: 'completed', triggerPayload: { recordId: saved.id } });
    expect(run.triggerEventId).toEqual(expect.any(String));
    expect((await tasksOf(env)).map((r) => r.data.title)).toEqual(['Welcome Ada']);
    expect((await env.db.records.get(saved.id))?.data.jobTitle).toBe('welcomed');
    expect(await env.db.events.count()).toBe(0);
  });

  it('a tab that does not lead leaves an external step to the engine that does, which calls it once', async () => {
    let calls = 0;
    const runCode = async () => ({ ok: true as const, value: ++calls, logs: [] });
    const env = await setup({ services: { runCode } });
    await env.install(workflowFile(onPersonCreated(['c']), [step('c', 'CODE', { code: 'x' })]));
    await env.engine.writeRecords({ kind: 'create', object: 'person', data: person('Grace') });
    let [run] = await env.db.runs.toArray();
    // Started, its code step not begun (begun, it would count as cut off by a closing tab).
    expect(run.status).toBe('running');
    expect(run.state.stepInfos.c?.status ?? 'NOT_STARTED').toBe('NOT_STARTED');
    expect(calls).toBe(0);
    const leader = engineOf(env, { services: { runCode } });
    leader.start();
    await leader.idle();
    [run] = await env.db.runs.toArray();
    expect(run.status).toBe('completed');
    expect(run.state.stepInfos.c).toMatchObject({ status: 'SUCCESS', output: { result: 1 } });
    expect(run.state.stepInfos.c.interrupted).toBeUndefined();
    expect(calls).toBe(1);
  });

  it('the engine that leads calls an external step once the save commits', async () => {
    let calls = 0;
    const runCode = async () => ({ ok: true as const, value: ++calls, logs: [] });
    const env = await setup({ services: { runCode } });
    await env.install(workflowFile(onPersonCreated(['c']), [step('c', 'CODE', { code: 'x' })]));
    env.engine.start();
    await env.engine.writeRecords({ kind: 'create', object: 'person', data: person('Grace') });
    await env.engine.idle();
    const [run] = await env.db.runs.toArray();
    expect(run.state.stepInfos.c).toMatchObject({ status: 'SUCCESS', output: { result: 1 } });
    expect(run.state.stepInfos.c.interrupted).toBeUndefined();
    expect(calls).toBe(1);
  });

  it('while older events wait in the outbox, its events join them: runs start in event order', async () => {
    const env = await setup();
    await env.install(welcomeNewPeople);
    // Written by another writer (the service worker's webhook) while no engine ran.
    const first = await env.records.create('person', person('First'));
    const second = await env.engine.writeRecords({ kind: 'create', object: 'person', data: person('Second') });
    expect(await env.db.events.count()).toBe(2);
    expect(await env.db.runs.count()).toBe(0);
    env.engine.start();
    await env.engine.idle();
    const runs = (await env.db.runs.toArray()).sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(runs.map((r) => (r.triggerPayload as { recordId: string }).recordId)).toEqual([first.id, second.id]);
    expect(runs.every((r) => r.status === 'completed')).toBe(true);
  });

  it('a workflow that throws never fails the save: the write is kept, its event left to the outbox', async () => {
    const errors: unknown[] = [];
    let broken = true;
    const env = await setup({
      probes: {
        beforeStep: () => {
          if (broken) throw new Error('a bug in a step');
        },
      },
      onError: (e) => errors.push(e),
    });
    await env.install(welcomeNewPeople);
    const saved = await env.engine.writeRecords({ kind: 'create', object: 'person', data: person('Kept') });
    expect(await env.db.records.get(saved.id)).toBeDefined();
    expect(await env.db.events.count()).toBe(1);
    expect(await env.db.runs.count()).toBe(0);
    expect(errors.map(String)).toEqual(['Error: a bug in a step']);
    broken = false;
    env.engine.start();
    await env.engine.idle();
    expect(await env.db.runs.count()).toBe(1);
    expect((await tasksOf(env)).map((r) => r.data.title)).toEqual(['Welcome Kept']);
  });

  it('a write with more events than one batch leaves them to the outbox, where each starts its run once', async () => {
    const env = await setup();
    await env.install(welcomeNewPeople);
    const people = Array.from({ length: 501 }, (_, i) => person(`B${i}`));
    await env.engine.writeRecords({ kind: 'createMany', object: 'person', data: people });
    expect(await env.db.events.count()).toBe(501);
    expect(await env.db.runs.count()).toBe(0);
    env.engine.start();
    await env.engine.idle();
    expect(await env.db.runs.count()).toBe(501);
    expect(await tasksOf(env)).toHaveLength(501);
    expect(await env.db.events.count()).toBe(0);
  });

  it('updates and deletes start the runs listening to them, and answer as the record was written', async () => {
    const env = await setup();
    const listen = (event: string, title: string) =>
      workflowFile(
        { type: 'DATABASE_EVENT', name: event, settings: { eventName: event }, nextStepIds: ['n'] },
        [step('n', 'CREATE_RECORD', { objectName: 'note', objectRecord: { title: `${title} {{trigger.recordId}}` } })],
        title,
      );
    await env.install(listen('person.updated', 'Updated'));
    await env.install(listen('person.deleted', 'Deleted'));
    const [a, b, c] = await env.records.createMany('person', [person('A'), person('B'), person('C')]);
    const updated = await env.engine.writeRecords({
      kind: 'update',
      object: 'person',
      id: a.id,
      patch: { city: 'Brno' },
    });
    expect(updated).toMatchObject({ id: a.id, city: 'Brno' });
    const deleted = await env.engine.writeRecords({ kind: 'delete', object: 'person', id: b.id });
    expect(deleted).toMatchObject({ id: b.id });
    await env.engine.writeRecords({ kind: 'deleteMany', object: 'person', ids: [c.id] });
    const notes = (await env.db.records.toArray())
      .map((r) => String(r.data.title))
      .filter((title) => /^(Updated|Deleted) /.test(title))
      .sort();
    expect(notes).toEqual([`Deleted ${b.id}`, `Deleted ${c.id}`, `Updated ${a.id}`].sort());
    expect(await env.db.events.count()).toBe(0);
  });

  it('a value the object refuses fails the save with its reason, and nothing is written', async () => {
    const env = await setup();
    await env.install(welcomeNewPeople);
    await expect(
      env.engine.writeRecords({ kind: 'create', object: 'person', data: { ...person('Bad'), company: 'no-such-id' } }),
    ).rejects.toThrow(/points to no company/);
    expect(await env.db.runs.count()).toBe(0);
    expect(await env.db.events.count()).toBe(0);
  });

  for (const k of [1, 2, 7, 20, 39, 40])
    it(`a crash at step ${k} of a save's runs loses the save whole; made again, each person is welcomed once`, async () => {
      const env = await setup();
      await env.install(welcomeNewPeople);
      const people = Array.from({ length: 20 }, (_, i) => person(`P${i}`));
      let steps = 0;
      let crashed = false;
      // The tab closes mid-transaction: it never commits, and this tab's storage is gone.
      const store = env.db.engineStore(env.clock.now);
      const closing: EngineStore = {
        ...store,
        transaction: (fn) =>
          crashed
            ? Promise.reject(Object.assign(new Error('closed'), { name: 'DatabaseClosedError' }))
            : store.transaction(fn),
      };
      const tab = new Engine(closing, {
        clock: env.clock,
        probes: {
          beforeStep: () => {
            if (++steps === k) {
              crashed = true;
              throw new Error('tab closed');
            }
          },
        },
        onError: () => {},
      });
      await expect(tab.writeRecords({ kind: 'createMany', object: 'person', data: people })).rejects.toThrow('closed');
      expect(
        (await env.db.records.toArray()).filter(
          (r) => r.object === 'person' && /^P\d/.test(String((r.data.name as { firstName: string }).firstName)),
        ),
      ).toHaveLength(0);
      expect(await env.db.runs.count()).toBe(0);
      expect(await env.db.events.count()).toBe(0);
      // The person saves again in a new tab.
      const again = engineOf(env);
      again.start();
      await again.writeRecords({ kind: 'createMany', object: 'person', data: people });
      await again.idle();
      const runs = await env.db.runs.toArray();
      expect(runs).toHaveLength(20);
      expect(runs.every((r) => r.status === 'completed')).toBe(true);
      expect((await tasksOf(env)).map((r) => r.data.title).sort()).toEqual(
        people.map((p) => `Welcome ${p.name.firstName}`).sort(),
      );
    });

  it('three engines and a plain writer racing: each event runs once per workflow', async () => {
    const env = await setup();
    await env.install(welcomeNewPeople);
    await env.install(noted);
    const engines = [env.engine, engineOf(env), engineOf(env)];
    for (const e of engines) e.start();
    const saved = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        i % 4 === 3
          ? env.records.create('person', person(`R${i}`))
          : engines[i % 4].writeRecords({ kind: 'create', object: 'person', data: person(`R${i}`) }),
      ),
    );
    for (const e of engines) e.kick();
    while (engines.some((e) => e.isBusy)) await Promise.all(engines.map((e) => e.idle()));
    const runs = await env.db.runs.toArray();
    const pairs = runs.map((r) => `${(r.triggerPayload as { recordId: string }).recordId} ${r.workflowId}`);
    expect(runs).toHaveLength(48);
    expect(new Set(pairs).size).toBe(48);
    expect(new Set(runs.map((r) => (r.triggerPayload as { recordId: string }).recordId))).toEqual(
      new Set(saved.map((p) => p.id)),
    );
    expect(runs.every((r) => r.status === 'completed')).toBe(true);
    expect(await tasksOf(env)).toHaveLength(24);
    expect(await env.db.events.count()).toBe(0);
  });
});
