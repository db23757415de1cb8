import { describe, expect, it } from 'vitest';
import { setRunRetention } from '../../../src/db/retention';
import { manualGlobal, step, workflowFile } from '../helpers';
import { setup } from './env';

describe('run retention', () => {
  it('keeps the newest N runs of each workflow; running and waiting runs stay', async () => {
    const env = await setup({ pruneEveryMs: Infinity });
    const waiting = await env.install(
      workflowFile(
        manualGlobal(['w']),
        [step('w', 'DELAY', { delayType: 'DURATION', duration: { hours: 1 } })],
        'Waits',
      ),
    );
    const quick = await env.install(
      workflowFile(
        manualGlobal(['n']),
        [step('n', 'CREATE_RECORD', { objectName: 'note', objectRecord: { title: 'hi' } })],
        'Quick',
      ),
    );
    env.engine.start();
    const waits: string[] = [];
    for (let i = 0; i < 12; i++) {
      waits.push(...(await env.engine.runManual({ workflowId: waiting })));
      env.clock.advance(1000);
    }
    const quickRuns: string[] = [];
    for (let i = 0; i < 14; i++) {
      quickRuns.push(...(await env.engine.runManual({ workflowId: quick })));
      env.clock.advance(1000);
    }
    await env.engine.idle();
    await setRunRetention(env.db, 10);
    expect(await env.store.pruneRuns()).toBe(4);
    const left = new Set((await env.db.runs.toArray()).map((r) => r.id));
    expect(quickRuns.filter((id) => left.has(id))).toEqual(quickRuns.slice(4));
    expect(waits.every((id) => left.has(id))).toBe(true);
    expect(await env.db.timers.count()).toBe(12);
    await expect(setRunRetention(env.db, 3)).rejects.toThrow(/at least 10/);
  });

  it('the engine trims the history by itself when it is quiet (at most once a minute)', async () => {
    const env = await setup();
    await setRunRetention(env.db, 10);
    const quick = await env.install(
      workflowFile(
        manualGlobal(['n']),
        [step('n', 'CREATE_RECORD', { objectName: 'note', objectRecord: { title: 'hi' } })],
        'Quick',
      ),
    );
    for (let i = 0; i < 13; i++) await env.engine.runManual({ workflowId: quick });
    env.engine.start();
    await env.engine.idle();
    expect(await env.db.runs.count()).toBe(10);
    for (let i = 0; i < 3; i++) await env.engine.runManual({ workflowId: quick });
    await env.engine.idle();
    expect(await env.db.runs.count()).toBe(13); // not a minute yet
    env.clock.advance(60_000);
    env.engine.kick();
    await env.engine.idle();
    expect(await env.db.runs.count()).toBe(10);
  });
});
