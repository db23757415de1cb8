import { describe, expect, it } from 'vitest';
import { onPersonCreated, step, workflowFile } from '../helpers';
import { setup } from './env';

describe('engine: record trigger → create task', () => {
  it('creates a task when a person is created, with before/after in the payload', async () => {
    const { engine, records, install, db } = await setup();
    await install(
      workflowFile(onPersonCreated(['s1']), [
        step('s1', 'CREATE_RECORD', {
          objectName: 'task',
          objectRecord: { title: 'Call {{trigger.properties.after.name.firstName}}', status: 'TODO' },
        }),
      ]),
    );
    engine.start();
    const person = await records.create('person', { name: 'Katherine Johnson' });
    await engine.idle();
    const runs = await db.runs.toArray();
    expect(runs).toHaveLength(1);
    expect(runs[0].status).toBe('completed');
    expect(runs[0].triggerPayload).toMatchObject({
      name: 'person.created',
      recordId: person.id,
      properties: { before: null, after: { name: { firstName: 'Katherine', lastName: 'Johnson' } } },
    });
    const task = runs[0].state.stepInfos.s1.output as { id: string; title: string };
    expect(task.title).toBe('Call Katherine');
    expect((await db.records.get(task.id))?.data.title).toBe('Call Katherine');
    // The run's own write produced an event, consumed without triggering anything.
    expect(await db.events.count()).toBe(0);
  });

  it('calls a code step that comes first once, as it would any other (the run starts with the event)', async () => {
    // The new run advances in the outbox's transaction, which commits its code step as RUNNING:
    // the step is then called, not taken for a call a closing tab cut off.
    let calls = 0;
    const runCode = async () => ({ ok: true as const, value: ++calls, logs: [] });
    const { engine, records, install, db } = await setup({ services: { runCode } });
    await install(workflowFile(onPersonCreated(['c']), [step('c', 'CODE', { code: 'x' })]));
    engine.start();
    await records.create('person', { name: 'Dorothy Vaughan' });
    engine.kick({ outbox: true });
    await engine.idle();
    const [run] = await db.runs.toArray();
    expect(run.status).toBe('completed');
    expect(run.state.stepInfos.c).toMatchObject({ status: 'SUCCESS', output: { result: 1 } });
    expect(run.state.stepInfos.c.interrupted).toBeUndefined();
    expect(calls).toBe(1);
  });
});
