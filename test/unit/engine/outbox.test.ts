import { describe, expect, it } from 'vitest';
import { Engine } from '../../../src/engine/engine';
import { onPersonCreated, step, workflowFile } from '../helpers';
import { setup } from './env';
import { freshWorkspace } from '../workspaces';

const welcome = workflowFile(onPersonCreated(['t']), [
  step('t', 'CREATE_RECORD', {
    objectName: 'task',
    objectRecord: { title: 'Welcome {{trigger.properties.after.name.firstName}}' },
  }),
]);

describe('triggers through the outbox', () => {
  it('each event triggers each workflow once, even with two engines consuming at the same time', async () => {
    const env = await setup();
    await env.install(welcome);
    for (let i = 0; i < 20; i++) await env.records.create('person', { name: `P${i} Test` });
    const other = new Engine(env.db.engineStore(env.clock.now, 'other'), { clock: env.clock });
    env.engine.start();
    other.start();
    await Promise.all([env.engine.idle(), other.idle()]);
    const runs = await env.db.runs.toArray();
    expect(runs).toHaveLength(20);
    expect(runs.every((r) => r.status === 'completed')).toBe(true);
    const tasks = (await env.db.records.toArray()).filter((r) => String(r.data.title).startsWith('Welcome P'));
    expect(tasks).toHaveLength(20);
    expect(await env.db.events.count()).toBe(0);
  });

  it('updated: watched fields and the trigger filter decide; before/after and updated fields are in the payload', async () => {
    const env = await setup();
    await env.install(
      workflowFile(
        {
          type: 'DATABASE_EVENT',
          name: 'Stage changed',
          nextStepIds: ['n'],
          settings: {
            eventName: 'opportunity.updated',
            fields: ['stage'],
            filter: { operator: 'AND', conditions: [{ left: 'stage', operand: 'IS', right: 'CUSTOMER' }] },
          },
        },
        [
          step('n', 'CREATE_RECORD', {
            objectName: 'note',
            objectRecord: { title: '{{trigger.properties.before.stage}} → {{trigger.properties.after.stage}}' },
          }),
        ],
      ),
    );
    env.engine.start();
    await env.records.update('opportunity', 'opportunity-1', { name: 'Renamed' }); // not a watched field
    await env.records.update('opportunity', 'opportunity-1', { stage: 'MEETING' }); // filter fails
    await env.records.update('opportunity', 'opportunity-1', { stage: 'CUSTOMER' });
    await env.records.update('opportunity', 'opportunity-1', { stage: 'CUSTOMER' }); // no change: no event
    await env.engine.idle();
    const runs = await env.db.runs.toArray();
    expect(runs).toHaveLength(1);
    expect(runs[0].triggerPayload).toMatchObject({
      name: 'opportunity.updated',
      properties: { updatedFields: ['stage'] },
    });
    expect(runs[0].state.stepInfos.n.output).toMatchObject({ title: 'MEETING → CUSTOMER' });
  });

  it('deleted and upserted events', async () => {
    const env = await setup();
    await env.install(
      workflowFile(
        { type: 'DATABASE_EVENT', name: 'Deleted', settings: { eventName: 'company.deleted' }, nextStepIds: ['n'] },
        [
          step('n', 'CREATE_RECORD', {
            objectName: 'note',
            objectRecord: { title: 'gone: {{trigger.properties.before.name}}' },
          }),
        ],
        'on delete',
      ),
    );
    await env.install(
      workflowFile(
        { type: 'DATABASE_EVENT', name: 'Upserted', settings: { eventName: 'company.upserted' }, nextStepIds: ['n'] },
        [
          step('n', 'CREATE_RECORD', {
            objectName: 'note',
            objectRecord: { title: 'upsert of {{trigger.properties.after.name}}' },
          }),
        ],
        'on upsert',
      ),
    );
    env.engine.start();
    const c = await env.records.create('company', { name: 'Acme' });
    await env.records.update('company', c.id, { employees: 3 });
    await env.records.delete('company', c.id);
    await env.engine.idle();
    const titles = (await env.db.records.toArray())
      .map((r) => r.data.title)
      .filter(Boolean)
      .sort();
    expect(titles).toEqual(expect.arrayContaining(['gone: Acme', 'upsert of Acme']));
    expect(titles.filter((t) => t === 'upsert of Acme')).toHaveLength(2);
  });

  it('the loop guard skips a self-triggering cascade past depth 5, visibly', async () => {
    const env = await setup();
    // Every task created creates another task: an endless cascade without the guard.
    await env.install(
      workflowFile(
        { type: 'DATABASE_EVENT', name: 'Task created', settings: { eventName: 'task.created' }, nextStepIds: ['t'] },
        [
          step('t', 'CREATE_RECORD', {
            objectName: 'task',
            objectRecord: { title: 'child of {{trigger.properties.after.title}}' },
          }),
        ],
      ),
    );
    env.engine.start();
    await env.records.create('task', { title: 'seed' });
    await env.engine.idle();
    const runs = (await env.db.runs.toArray()).sort((a, b) => a.depth - b.depth);
    expect(runs.map((r) => r.depth)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(runs.slice(0, 6).every((r) => r.status === 'completed')).toBe(true);
    expect(runs[6]).toMatchObject({ status: 'skipped', error: expect.stringContaining('Loop guard') });
    expect(runs[6].error).toContain('limit is 5');
  });

  it('maxEventsPerSecond: a burst of events starts its runs at that pace, the rest waiting in the outbox', async () => {
    const env = await setup({ maxEventsPerSecond: 10 });
    await env.install(welcome);
    env.engine.start();
    await env.records.createMany(
      'person',
      Array.from({ length: 25 }, (_, i) => ({ name: `P${i} Burst` })),
    );
    await env.engine.idle();
    expect(await env.db.runs.count()).toBe(10);
    expect(await env.db.events.count()).toBe(15);
    env.clock.advance(1000);
    await env.engine.idle();
    expect(await env.db.runs.count()).toBe(20);
    env.clock.advance(1000);
    await env.engine.idle();
    expect(await env.db.runs.count()).toBe(25);
    expect(await env.db.events.count()).toBe(0);
    expect((await env.db.runs.toArray()).every((r) => r.status === 'completed')).toBe(true);
    env.engine.stop();
  });

  it('events written while no engine runs are picked up when one starts', async () => {
    const db = await freshWorkspace();
    const env = await setup({ db });
    await env.install(welcome);
    await env.records.create('person', { name: 'Early Bird' });
    expect(await db.runs.count()).toBe(0);
    env.engine.start();
    await env.engine.idle();
    expect((await db.runs.toArray())[0].status).toBe('completed');
  });

  it('manual runs: one per selected record, with the record in the payload', async () => {
    const env = await setup();
    const id = await env.install(
      workflowFile(
        {
          type: 'MANUAL',
          name: 'On people',
          settings: { availability: { type: 'BULK_RECORDS', objectName: 'person' } },
          nextStepIds: ['t'],
        },
        [
          step('t', 'CREATE_RECORD', {
            objectName: 'task',
            objectRecord: { title: 'Ping {{trigger.record.name.firstName}}' },
          }),
        ],
      ),
    );
    env.engine.start();
    const ids = await env.engine.runManual({ workflowId: id, recordIds: ['person-1', 'person-2'] });
    await env.engine.idle();
    expect(ids).toHaveLength(2);
    const titles = (await env.db.records.toArray()).map((r) => r.data.title);
    expect(titles).toEqual(expect.arrayContaining(['Ping Brian', 'Ping Nathan']));
    await expect(env.engine.runManual({ workflowId: id })).rejects.toThrow('Choose records');
    await env.db.deactivate(id, env.clock.now);
    await expect(env.engine.runManual({ workflowId: id, recordIds: ['person-1'] })).rejects.toThrow('is not active');
  });
});
