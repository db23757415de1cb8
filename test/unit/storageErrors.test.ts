import type { DBCore, DBCoreMutateRequest } from 'dexie';
import { describe, expect, it } from 'vitest';
import { describeError } from '../../src/client/errors';
import { createEngineStore } from '../../src/db/engineStore';
import { NativeStores, request } from '../../src/db/nativeStores';
import { Engine } from '../../src/engine/engine';
import { freshDb, installWorkflow, onPersonCreated, setup, step, workflowFile } from './helpers';

/** Makes every write to `records` fail as a full disk would, while `full.on` is true. */
function fillDisk(db: ReturnType<typeof freshDb>) {
  const full = { on: false };
  db.use({
    stack: 'dbcore',
    name: 'full-disk',
    create: (down: DBCore): DBCore => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        return {
          ...table,
          mutate: (req: DBCoreMutateRequest) =>
            full.on && name === 'records'
              ? Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))
              : table.mutate(req),
        };
      },
    }),
  });
  return full;
}

describe('storage errors', () => {
  it('a record write on a full disk is refused with a clear message, and nothing is half-written', async () => {
    const db = freshDb();
    const full = fillDisk(db);
    const env = setup({ db });
    await installWorkflow(
      env.workflows,
      workflowFile(onPersonCreated(['t']), [
        step('t', 'CREATE_RECORD', { objectName: 'task', objectRecord: { title: 'x' } }),
      ]),
    );
    const before = await db.records.count();
    full.on = true;
    const error = await env.records.create('person', { name: 'No Room' }).catch((e) => e);
    expect(describeError(error)).toContain('storage for Localflow is full, so this change was not saved');
    expect(await db.records.count()).toBe(before);
    expect(await db.events.count()).toBe(0); // the outbox row went with it
    full.on = false;
    await env.records.create('person', { name: 'Room Again' });
    expect(await db.records.count()).toBe(before + 1);
  });

  it('a full disk mid-run rolls the group back; the run finishes once space is back', async () => {
    const db = freshDb();
    const full = fillDisk(db);
    const env = setup({ db });
    const id = await installWorkflow(
      env.workflows,
      workflowFile({ type: 'MANUAL', name: 'Go', settings: { availability: { type: 'GLOBAL' } }, nextStepIds: ['a'] }, [
        step('a', 'CREATE_RECORD', { objectName: 'note', objectRecord: { title: 'disk test' } }),
      ]),
    );
    const errors: unknown[] = [];
    const engine = new Engine(createEngineStore(db, env.clock.now), {
      clock: env.clock,
      onError: (e) => errors.push(e),
    });
    engine.start();
    full.on = true;
    const [runId] = await engine.runManual({ workflowId: id });
    await engine.idle();
    expect(describeError(errors[0])).toContain('storage for Localflow is full');
    expect((await db.runs.get(runId))?.status).toBe('queued');
    full.on = false;
    engine.kick();
    await engine.idle();
    expect((await db.runs.get(runId))?.status).toBe('completed');
    expect((await db.records.toArray()).filter((r) => r.data.title === 'disk test')).toHaveLength(1);
  });
});

describe("IndexedDB's own requests (db/nativeStores.ts)", () => {
  it('a failed request rejects with its error and takes the whole transaction back', async () => {
    const db = freshDb(false);
    await db.meta.put({ key: 'kept', value: 1 });
    const error = await db
      .transaction('rw', [db.meta, db.events], async (trans) => {
        const native = new NativeStores(trans);
        await native.put('meta', { key: 'kept', value: 2 });
        expect(await native.get('meta', 'kept')).toEqual({ key: 'kept', value: 2 });
        await trans.table('meta').put({ key: 'other', value: 3 });
        // The same key twice: IndexedDB refuses the second add.
        await request(native.store('meta').add({ key: 'kept', value: 4 }));
      })
      .catch((e: unknown) => e);
    expect((error as Error).name).toBe('ConstraintError');
    expect(await db.meta.get('kept')).toEqual({ key: 'kept', value: 1 });
    expect(await db.meta.get('other')).toBeUndefined();
  });
});
