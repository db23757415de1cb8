import { describe, expect, it } from 'vitest';
import { step } from '../helpers';
import { runSteps, setup } from './env';

/** The engine's side of code steps, with the sandbox replaced by a stand-in (the real one is tested in Chromium). */
describe('CODE', () => {
  it('passes resolved params, keeps logs, wraps non-objects, and reports errors with their line', async () => {
    const calls: unknown[] = [];
    const env = await setup({
      services: {
        runCode: async (req) => {
          calls.push(req);
          const p = req.params as { n: number };
          if (p.n === 0) return { ok: false, error: 'TypeError: x is undefined', line: 3, logs: ['before'] };
          return { ok: true, value: p.n * 2, logs: ['doubling'] };
        },
      },
    });
    const ok = await runSteps(
      [step('c', 'CODE', { code: 'export const main = (p) => p.n * 2', params: { n: '{{trigger.n}}' } })],
      ['c'],
      env,
    );
    expect(ok.run.status).toBe('completed');
    expect(calls[0]).toMatchObject({ params: { n: undefined }, timeoutMs: 10_000 });
    const env2 = await setup({
      services: {
        runCode: async (req) => ({ ok: true, value: (req.params as { n: number }).n * 2, logs: ['doubling'] }),
      },
    });
    const two = await runSteps([step('c', 'CODE', { code: 'x', params: { n: 21 } })], ['c'], env2);
    expect(two.info('c')).toMatchObject({ output: { result: 42 }, logs: ['doubling'] });
    const env3 = await setup({
      services: { runCode: async () => ({ ok: false, error: 'TypeError: x is undefined', line: 3, logs: ['before'] }) },
    });
    const bad = await runSteps([step('c', 'CODE', { code: 'x' })], ['c'], env3);
    expect(bad.info('c').error).toBe('TypeError: x is undefined (line 3)\nLogs:\nbefore');
  });

  it('without a window, says so', async () => {
    const { info } = await runSteps([step('c', 'CODE', { code: 'x' })], ['c']);
    expect(info('c').error).toContain('code steps need a window');
  });
});
