import { describe, expect, it, onTestFinished } from 'vitest';
import { Engine } from '../../../src/engine/engine';
import { welcomeNewPeople } from '../helpers';
import { setup } from './env';
import { freshWorkspace, ON_SQL, type TestWorkspace } from '../workspaces';

const PEOPLE = 20;
const STEP_EXECUTIONS = PEOPLE * 2;

/**
 * Twenty people written at once: their runs start in the outbox's transaction ('inline'), or —
 * with fewer allowed inline — wait for the run loop and advance together, in groups ('groups').
 */
async function twentyNewPeople(db?: TestWorkspace) {
  const env = await setup({ db });
  await env.install(welcomeNewPeople);
  await env.records.createMany(
    'person',
    Array.from({ length: PEOPLE }, (_, i) => ({ name: { firstName: `P${i}`, lastName: 'Test' } })),
  );
  return env;
}

async function expectEachPersonWelcomedOnce(db: TestWorkspace) {
  const runs = await db.runs.toArray();
  expect(runs).toHaveLength(PEOPLE);
  expect(runs.every((r) => r.status === 'completed')).toBe(true);
  const rows = await db.records.toArray();
  const tasks = rows.filter((r) => r.object === 'task' && String(r.data.title).startsWith('Welcome P'));
  expect(tasks.map((r) => r.data.title).sort()).toEqual(
    Array.from({ length: PEOPLE }, (_, i) => `Welcome P${i}`).sort(),
  );
  const people = rows.filter(
    (r) => r.object === 'person' && (r.data.name as { lastName?: string })?.lastName === 'Test',
  );
  expect(people.every((p) => p.data.jobTitle === 'welcomed')).toBe(true);
  // One run per event and workflow: each person's creation started exactly one.
  const recordIds = runs.map((r) => (r.triggerPayload as { recordId: string }).recordId);
  expect(new Set(recordIds).size).toBe(PEOPLE);
}

describe('runs advanced together in one transaction', () => {
  for (const [mode, inlineRuns] of [
    ['groups', 0],
    ['inline', 100],
  ] as const)
    for (let k = 1; k <= STEP_EXECUTIONS; k += 3) {
      it(`${mode}: a crash at step ${k} of a batch of runs rolls it back whole; a restart runs each once`, async () => {
        const env = await twentyNewPeople();
        let steps = 0;
        const crashing = new Engine(env.db.engineStore(env.clock.now), {
          clock: env.clock,
          inlineRuns,
          probes: {
            // The tab closes: the engine stops, and the transaction in progress never commits.
            beforeStep: () => {
              if (++steps === k) {
                crashing.stop();
                throw new Error('tab closed');
              }
            },
          },
          onError: () => {},
        });
        crashing.start();
        await crashing.idle();
        // The twenty runs were advanced in one transaction: none of its writes is visible.
        const written = await env.db.records.toArray();
        expect(written.filter((r) => r.object === 'task' && String(r.data.title).startsWith('Welcome P'))).toHaveLength(
          0,
        );
        const runs = await env.db.runs.toArray();
        if (mode === 'inline') {
          // Created in the outbox's transaction: the events wait again, no run exists yet.
          expect(runs).toHaveLength(0);
          expect(await env.db.events.count()).toBe(PEOPLE);
        } else {
          expect(runs).toHaveLength(PEOPLE);
          expect(runs.every((r) => r.status === 'queued')).toBe(true);
        }

        const restarted = new Engine(env.db.engineStore(env.clock.now), { clock: env.clock, inlineRuns });
        restarted.start();
        await restarted.idle();
        await expectEachPersonWelcomedOnce(env.db);
      });
    }

  for (const [mode, inlineRuns] of [
    ['groups', 0],
    ['inline', 100],
  ] as const)
    // Counted in Dexie's own layer: IndexedDB's requests (on SQL, a batch is one statement).
    it.skipIf(ON_SQL)(
      `${mode}: a group's runs, and the people they were started for, are read in one batch each`,
      async () => {
        const db = await freshWorkspace();
        // Counts single reads and batch reads, per table, at the storage layer under the engine.
        const reads: Record<string, number> = {};
        const count = (key: string) => (reads[key] = (reads[key] ?? 0) + 1);
        db.dexie!.use({
          stack: 'dbcore',
          name: 'count reads',
          create: (down) => ({
            ...down,
            table: (name) => {
              const table = down.table(name);
              return {
                ...table,
                get: (req) => (count(`${name}.get`), table.get(req)),
                getMany: (req) => (count(`${name}.getMany`), table.getMany(req)),
              };
            },
          }),
        });
        // Records are read with IndexedDB's own requests (db/nativeStores.ts): counted there.
        const store = globalThis.IDBObjectStore.prototype;
        const { get, getAll } = store;
        store.get = function (this: IDBObjectStore, ...args: Parameters<typeof get>) {
          if (this.name === 'records') count('records.idb.get');
          return get.apply(this, args);
        };
        store.getAll = function (this: IDBObjectStore, ...args: Parameters<typeof getAll>) {
          if (this.name === 'records') count('records.idb.getAll');
          return getAll.apply(this, args);
        };
        onTestFinished(() => {
          Object.assign(store, { get, getAll });
        });
        const env = await twentyNewPeople(db);
        for (const key of Object.keys(reads)) delete reads[key];
        const engine = new Engine(env.db.engineStore(env.clock.now), {
          clock: env.clock,
          inlineRuns,
          onError: (e) => {
            throw e;
          },
        });
        engine.start();
        await engine.idle();
        const engineReads = { ...reads }; // not the check's own reads below
        await expectEachPersonWelcomedOnce(env.db);
        // Each of the twenty runs read its row (unless it was created in the same transaction) and
        // its person: batches, not forty reads.
        expect(engineReads['runs.get'] ?? 0).toBe(0);
        expect(engineReads['runs.getMany'] ?? 0).toBe(mode === 'groups' ? 1 : 0);
        expect(engineReads['records.get'] ?? 0).toBe(0);
        expect(engineReads['records.idb.get'] ?? 0).toBe(0);
        expect(engineReads['records.idb.getAll']).toBe(1);
      },
    );

  it('one run that fails does not hold up the others in its group', async () => {
    const env = await twentyNewPeople();
    const errors: unknown[] = [];
    let steps = 0;
    const engine = new Engine(env.db.engineStore(env.clock.now), {
      clock: env.clock,
      // The run loop's groups (new runs are not advanced in the outbox's transaction).
      inlineRuns: 0,
      probes: {
        // The fifth step of the first pass throws once: its group goes again run by run.
        beforeStep: () => {
          if (++steps === 5) throw new Error('a bug in one step');
        },
      },
      onError: (e) => errors.push(e),
    });
    engine.start();
    await engine.idle();
    expect(errors).toHaveLength(0);
    await expectEachPersonWelcomedOnce(env.db);
  });

  it('a run that cannot advance does not hold up the outbox: the others complete, it is failed', async () => {
    const env = await twentyNewPeople();
    let first = true;
    let broken: string | undefined;
    const engine = new Engine(env.db.engineStore(env.clock.now), {
      clock: env.clock,
      inlineRuns: 100,
      probes: {
        // A bug: the first step advanced in the outbox's transaction throws (the batch goes again,
        // its runs left to the run loop); then one run's steps throw every time.
        beforeStep: (runId) => {
          if (first) {
            first = false;
            throw new Error('a bug while advancing inline');
          }
          broken ??= runId;
          if (runId === broken) throw new Error('a bug in one run');
        },
      },
      onError: () => {},
    });
    engine.start();
    await engine.idle();
    expect(await env.db.events.count()).toBe(0);
    const runs = await env.db.runs.toArray();
    expect(runs).toHaveLength(PEOPLE);
    expect(runs.filter((r) => r.status === 'completed')).toHaveLength(PEOPLE - 1);
    expect(runs.find((r) => r.id === broken)?.status).toBe('failed');
  });

  for (const [mode, inlineRuns] of [
    ['inline', undefined],
    ['groups', 0],
  ] as const)
    it(`${mode}: three engines consuming and advancing at the same time run each event once`, async () => {
      const env = await twentyNewPeople();
      const engines = [0, 1, 2].map(
        (i) =>
          new Engine(env.db.engineStore(env.clock.now, `engine-${i}`), {
            clock: env.clock,
            inlineRuns,
            onError: (e) => {
              throw e;
            },
          }),
      );
      for (const e of engines) e.start();
      await Promise.all(engines.map((e) => e.idle()));
      await expectEachPersonWelcomedOnce(env.db);
      expect(await env.db.events.count()).toBe(0);
    });
});
