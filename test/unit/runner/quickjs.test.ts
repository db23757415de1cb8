import { describe, expect, it } from 'vitest';
import { createQuickJsSandbox } from '../../../src/runner/code/quickjs';
import { createThreadPool } from '../../../src/runner/code/threaded';

describe('code steps in QuickJS (the runner)', () => {
  const sandbox = createQuickJsSandbox();
  const run = (code: string, params: unknown = {}, timeoutMs = 2000) => sandbox.run({ code, params, timeoutMs });

  it('runs main with its params, async or not, and keeps its logs', async () => {
    const r = await run(
      'export const main = async (p) => { console.log("n is", p.n, { a: 1 }); return { doubled: p.n * 2 }; }',
      { n: 21 },
    );
    expect(r).toEqual({ ok: true, value: { doubled: 42 }, logs: ['n is 21 {"a":1}'] });
    expect((await run('export function main(p) { return p.items.length }', { items: [1, 2, 3] })).value).toBe(3);
    expect((await run('export default (p) => undefined')).value).toBeNull();
  });

  it('errors say what and where', async () => {
    const r = await run('export const main = () => {\n  const x = 1;\n  throw new TypeError("bad " + x);\n}');
    expect(r.ok).toBe(false);
    expect(r.error).toBe('TypeError: bad 1');
    expect(r.line).toBe(3);
    expect((await run('const main = 1')).error).toMatch(/must export a function/);
    expect((await run('export const main = ( =>')).error).toMatch(/SyntaxError/);
    expect((await run('export const main = () => { const a = {}; a.a = a; return a; }')).error).toMatch(
      /cannot be kept as JSON/,
    );
  });

  it('has no I/O: no fetch, require, process or timers', async () => {
    const r = await run(
      'export const main = () => [typeof fetch, typeof require, typeof process, typeof setTimeout, typeof XMLHttpRequest]',
    );
    expect(r.value).toEqual(['undefined', 'undefined', 'undefined', 'undefined', 'undefined']);
  });

  it('an endless loop stops at its time limit', async () => {
    const started = Date.now();
    const r = await run('export const main = () => { for (;;) {} }', {}, 300);
    expect(r).toMatchObject({ ok: false, timedOut: true });
    expect(r.error).toMatch(/time limit of 0.3 s/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('an object bomb and a string bomb (a million distinct 1 KB strings) stop at the memory limit', async () => {
    const objects = await run(
      'export const main = () => { const a = []; for (let i = 0; ; i++) a.push({ i, s: "x" + i, t: [i, i] }); }',
      {},
      20_000,
    );
    expect(objects.ok).toBe(false);
    expect(objects.error).toMatch(/more memory than its limit of 64 MB/);
    const strings = await run(
      'export const main = () => { const a = []; for (let i = 0; i < 1e6; i++) a.push("x".repeat(1024) + i); return a.length; }',
      {},
      20_000,
    );
    expect(strings.ok).toBe(false);
    expect(strings.error).toMatch(/more memory than its limit/);
    const ropes = await run(
      'export const main = () => { const a = []; for (let i = 0; i < 1e6; i++) a.push(String(i).padStart(1024, "x")); return a.length; }',
      {},
      20_000,
    );
    expect(ropes.error).toMatch(/more memory than its limit/);
    expect((await run('const f = (n) => f(n + 1); export const main = () => f(0)')).error).toMatch(/stack overflow/);
    // A later call starts afresh.
    expect((await run('export const main = () => 1')).value).toBe(1);
  }, 60_000);
});

describe('code steps on the runner’s threads', () => {
  // Each spins for 600 ms and says when it ran.
  const spin = {
    code: 'export const main = () => { const start = Date.now(); while (Date.now() - start < 600); return [start, Date.now()]; }',
    params: {},
    timeoutMs: 5000,
  };
  const spans = async (threads: number) => {
    const pool = createThreadPool(new URL('../../../dist-runner/code-worker.mjs', import.meta.url), threads);
    try {
      // Every thread started first (a trivial step on each), so the spans time the computing and
      // not a thread's start: a loaded machine can start one thread more than 600 ms after the other.
      await Promise.all(
        Array.from({ length: threads }, () => pool.run({ ...spin, code: 'export const main = () => 0' })),
      );
      const [a, b] = await Promise.all([pool.run(spin), pool.run(spin)]);
      return [a.value, b.value] as [number, number][];
    } finally {
      await pool.close();
    }
  };

  it('with two threads, two code steps compute at the same time; with one, in turn', async () => {
    const [a, b] = await spans(2);
    expect(a[0] < b[1] && b[0] < a[1]).toBe(true);
    const [c, d] = await spans(1);
    expect(c[1] <= d[0] || d[1] <= c[0]).toBe(true);
  }, 20_000);
});
