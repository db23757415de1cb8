import { describe, expect, it } from 'vitest';
import { Engine } from '../../../src/engine/engine';
import { step } from '../helpers';
import { runSteps, setup } from './env';

const form = step(
  'ask',
  'FORM',
  {
    title: 'Qualify {{trigger.who}}',
    fields: [
      { name: 'budget', label: 'Budget', type: 'NUMBER', required: true },
      { name: 'stage', label: 'Stage', type: 'SELECT', options: ['Hot', 'Cold'], required: true },
      { name: 'contact', label: 'Contact', type: 'RECORD', objectName: 'person' },
      { name: 'note', label: 'Note', type: 'TEXT', defaultValue: 'from {{trigger.who}}' },
    ],
  },
  ['after'],
);
const after = step('after', 'CREATE_RECORD', {
  objectName: 'note',
  objectRecord: { title: '{{ask.stage}} lead, budget {{ask.budget}}, contact {{ask.contact.name.firstName}}' },
});

describe('FORM', () => {
  it('pauses the run; answers are checked, become the output, and the run goes on — even after an engine restart', async () => {
    const env = await setup();
    const { run, db, clock } = await runSteps([form, after], ['ask'], env);
    expect(run.status).toBe('waiting');
    expect(run.state.stepInfos.ask).toMatchObject({
      status: 'PENDING',
      input: { title: 'Qualify ', fields: [{}, {}, {}, { value: 'from ' }] },
    });
    env.engine.stop();
    const next = new Engine(db.engineStore(clock.now), { clock });
    next.start();
    await expect(next.submitForm(run.id, 'ask', { budget: 'lots', stage: 'Hot' })).rejects.toThrow(
      'Budget: “lots” is not a number',
    );
    await expect(next.submitForm(run.id, 'ask', { budget: 5 })).rejects.toThrow('Stage: this field is required');
    await expect(next.submitForm(run.id, 'ask', { budget: 5, stage: 'Warm' })).rejects.toThrow(
      'Stage: choose one of Hot, Cold',
    );
    await expect(next.submitForm(run.id, 'ask', { budget: 5, stage: 'Hot', contact: 'nobody' })).rejects.toThrow(
      'Contact: choose an existing person',
    );
    expect((await db.runs.get(run.id))?.status).toBe('waiting');
    await next.submitForm(run.id, 'ask', { budget: '5000', stage: 'Hot', contact: 'person-9' });
    await next.idle();
    const done = (await db.runs.get(run.id))!;
    expect(done.status).toBe('completed');
    expect(done.state.stepInfos.ask.output).toMatchObject({
      budget: 5000,
      stage: 'Hot',
      note: null,
      contact: { id: 'person-9' },
    });
    expect(done.state.stepInfos.after.output).toMatchObject({ title: 'Hot lead, budget 5000, contact Ada' });
    await expect(next.submitForm(run.id, 'ask', { budget: 1, stage: 'Hot' })).rejects.toThrow('no longer waiting');
  });

  it('a waiting form can be cancelled by stopping its run', async () => {
    const { run, engine, db } = await runSteps([form, after], ['ask']);
    await engine.stopRun(run.id);
    expect((await db.runs.get(run.id))?.state.stepInfos.ask.status).toBe('STOPPED');
  });
});
