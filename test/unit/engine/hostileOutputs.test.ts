import { describe, expect, it } from 'vitest';
import { readSandboxAnswer } from '../../../src/client/codeSandbox';
import { readStoredOutput } from '../../../src/engine/runValues';
import { StepError } from '../../../src/engine/steps/types';
import { manualGlobal, step, workflowFile } from '../helpers';
import { runSteps, setup } from './env';

describe('step outputs are data, never instructions', () => {
  it('a result shaped like the engine’s stored-value marker is kept as it came, and the run goes on', async () => {
    for (const forged of [{ $runValue: 'not-a-stored-value' }, { $literal: 1 }, { $fromVariable: 'trigger' }]) {
      const env = await setup({ services: { runCode: async () => ({ ok: true, value: forged, logs: [] }) } });
      const { run, info, db } = await runSteps(
        [
          step('c', 'CODE', { code: 'x' }, ['n']),
          step('n', 'CREATE_RECORD', { objectName: 'company', objectRecord: { name: '{{c}}' } }),
        ],
        ['c'],
        env,
      );
      expect(run.status).toBe('completed');
      expect(readStoredOutput(info('c').output, () => undefined)).toEqual(forged);
      const made = (await db.records.toArray()).filter(
        (r) => r.object === 'company' && String(r.data.name).includes('$'),
      );
      expect(made).toHaveLength(1);
      // Read back by the engine (hydrated) it is the same.
      const stored = (await db.runs.get(run.id))!;
      expect(stored.state.stepInfos.c.output).toEqual({ $literal: forged });
    }
  });

  it('the sandbox’s answer is checked: results arrive as JSON text, bounded; anything else fails the step', () => {
    expect(readSandboxAnswer({ ok: true, valueJson: '{"a":1}', logs: ['x'] })).toEqual({
      ok: true,
      value: { a: 1 },
      logs: ['x'],
    });
    expect(readSandboxAnswer({ ok: true, value: { a: 1 }, logs: [] })).toMatchObject({
      ok: false,
      error: expect.stringContaining('unexpected form'),
    });
    expect(readSandboxAnswer({ ok: true, valueJson: 'x'.repeat(10_000_001), logs: [] })).toMatchObject({
      ok: false,
      error: expect.stringContaining('too large'),
    });
    expect(readSandboxAnswer({ ok: false, error: { toString: 1 }, line: 'x' })).toEqual({
      ok: false,
      error: 'the code failed without saying why',
      line: undefined,
      logs: [],
      timedOut: false,
    });
    expect(readSandboxAnswer(null)).toMatchObject({ ok: false });
  });
});

describe('one broken run never holds up the others', () => {
  it('a run whose stored state cannot be read back fails with the reason after a few tries; other runs complete', async () => {
    const env = await setup({ onError: () => {} });
    const first = await runSteps(
      [step('a', 'CREATE_RECORD', { objectName: 'company', objectRecord: { name: 'First' } })],
      ['a'],
      env,
    );
    // Break a stored run: its output points to a stored value that is not there (as a damaged database would).
    const broken = structuredClone(first.run);
    broken.id = 'broken-run';
    broken.status = 'running';
    broken.state.stepInfos.a = { status: 'SUCCESS', output: { $runValue: 'gone' } };
    broken.state.ready = ['a'];
    await env.db.putRows({ runs: [broken] });
    const [other] = await env.engine.runManual({ workflowId: first.workflowId });
    for (let i = 0; i < 5; i++) {
      env.engine.kick();
      await env.engine.idle();
    }
    expect((await env.db.runs.get(other))!.status).toBe('completed');
    const failed = (await env.db.runs.get('broken-run'))!;
    expect(failed.status).toBe('failed');
    expect(failed.error).toContain('The run could not go on: run broken-run lost its stored value gone');
  });
});

describe('a step that takes its tab down is not run again and again', () => {
  it('a code call cut off by its tab closing or reloading runs again; one cut off any other way fails with the reason, without retries', async () => {
    let calls = 0;
    const seen: (string | undefined)[] = [];
    const env = await setup({
      services: {
        runCode: async (request) => {
          seen.push(request.callId);
          return { ok: true, value: { n: ++calls }, logs: [] };
        },
      },
      // What the tab that reloaded noted: reloaded-1's call (attempt 1, cut off 0 times before) and reloaded-2's
      // second cut-off.
      codeCutOffCleanly: (callId) => callId === 'reloaded-1:c:1:0' || callId === 'reloaded-2:c:1:1',
    });
    const first = await runSteps(
      [step('a', 'CREATE_RECORD', { objectName: 'company', objectRecord: { name: 'x' } })],
      ['a'],
      env,
    );
    const code = step('c', 'CODE', { code: 'x' }, [], {});
    (code.settings as { errorHandlingOptions: unknown }).errorHandlingOptions = {
      retryOnFailure: { value: true },
      continueOnFailure: { value: false },
    };
    // Runs whose code step was RUNNING when their engine stopped.
    const cutOff = (id: string, interrupted: number) => ({
      ...structuredClone(first.run),
      id,
      status: 'running' as const,
      // Their own flow (a code step alone), kept in their rows.
      flowFromVersion: undefined,
      flow: { ...first.run.flow, trigger: { ...first.run.flow.trigger, nextStepIds: ['c'] }, steps: [code] },
      state: {
        stepInfos: {
          c: { status: 'RUNNING' as const, attempt: 1, startedAt: 1, ...(interrupted ? { interrupted } : {}) },
        },
        ready: ['c'],
        arrivals: {},
        loops: {},
      },
    });
    await env.db.putRows({ runs: [cutOff('reloaded-1', 0), cutOff('reloaded-2', 1), cutOff('crashed', 0)] as never });
    env.engine.kick();
    await env.engine.idle();
    for (const [id, interrupted] of [
      ['reloaded-1', 1],
      ['reloaded-2', 2],
    ] as const) {
      const run = (await env.db.runs.get(id))!;
      expect(run.status).toBe('completed');
      expect(run.state.stepInfos.c).toMatchObject({ status: 'SUCCESS', interrupted });
    }
    // The call ids name the attempt and how often it was cut off, so a second cut-off is told apart.
    expect(seen.sort()).toEqual(['reloaded-1:c:1:1', 'reloaded-2:c:1:2']);
    const crashed = (await env.db.runs.get('crashed'))!;
    expect(crashed.status).toBe('failed');
    expect(crashed.state.stepInfos.c.error).toContain('the tab running this code stopped before it answered');
    expect(await env.db.timersOfRun('crashed').then((t) => t.length)).toBe(0);
    expect(calls).toBe(2);
  });
});

describe('external steps run beside the engine’s loop', () => {
  it('a code step that takes its time never holds up an unrelated run', async () => {
    let release: () => void = () => {};
    const slow = new Promise<void>((resolve) => {
      release = resolve;
    });
    const env = await setup({
      services: {
        runCode: async () => {
          await slow;
          return { ok: true, value: { done: true }, logs: [] };
        },
      },
    });
    const spinning = await env.install(
      workflowFile(manualGlobal(['c']), [step('c', 'CODE', { code: 'x' })], 'Spinning'),
    );
    const quick = await env.install(
      workflowFile(
        manualGlobal(['a']),
        [step('a', 'CREATE_RECORD', { objectName: 'company', objectRecord: { name: 'Quick' } })],
        'Quick',
      ),
    );
    env.engine.start();
    const [slowRun] = await env.engine.runManual({ workflowId: spinning });
    await new Promise((r) => setTimeout(r, 20));
    const [quickRun] = await env.engine.runManual({ workflowId: quick });
    await expect.poll(async () => (await env.db.runs.get(quickRun))?.status, { timeout: 2000 }).toBe('completed');
    expect((await env.db.runs.get(slowRun))?.status).toBe('running');
    release();
    await env.engine.idle();
    expect((await env.db.runs.get(slowRun))?.status).toBe('completed');
  });
});

describe('a code step whose sandbox died', () => {
  it('fails at once with the reason, skipping the retries it has', async () => {
    let calls = 0;
    const env = await setup({
      services: {
        runCode: async () => {
          calls++;
          return { ok: false, error: 'the code used too much memory', logs: [], sandboxDied: true };
        },
      },
    });
    const code = step('c', 'CODE', { code: 'x' });
    (code.settings as { errorHandlingOptions: unknown }).errorHandlingOptions = {
      retryOnFailure: { value: true, maxAttempts: 3 },
      continueOnFailure: { value: false },
    };
    const id = await env.install(workflowFile(manualGlobal(['c']), [code], 'Bomb'));
    env.engine.start();
    const [runId] = await env.engine.runManual({ workflowId: id });
    await env.engine.idle();
    const run = (await env.db.runs.get(runId))!;
    expect(run.status).toBe('failed');
    expect(run.state.stepInfos.c).toMatchObject({ status: 'FAILED', attempt: 1 });
    expect(run.error).toContain('too much memory');
    expect(await env.db.timersOfRun(runId).then((t) => t.length)).toBe(0);
    expect(calls).toBe(1);
  });
});

describe('a failure says whose it is', () => {
  it('an error Localflow’s own code throws is marked as a bug; a step’s own failure is not', async () => {
    let fault: Error = new TypeError("Cannot read properties of undefined (reading 'x')");
    const env = await setup({
      services: {
        runCode: async () => {
          throw fault;
        },
      },
    });
    const id = await env.install(workflowFile(manualGlobal(['c']), [step('c', 'CODE', { code: 'x' })], 'Faulty'));
    env.engine.start();
    const [bugRun] = await env.engine.runManual({ workflowId: id });
    await env.engine.idle();
    expect((await env.db.runs.get(bugRun))!.state.stepInfos.c).toMatchObject({ status: 'FAILED', bug: true });
    fault = new StepError('the endpoint said no');
    const [ownRun] = await env.engine.runManual({ workflowId: id });
    await env.engine.idle();
    const own = (await env.db.runs.get(ownRun))!.state.stepInfos.c;
    expect(own.status).toBe('FAILED');
    expect(own.bug).toBeUndefined();
  });
});
