import {
  newQuickJSWASMModule,
  newVariant,
  RELEASE_SYNC,
  shouldInterruptAfterDeadline,
  type QuickJSHandle,
  type QuickJSWASMModule,
} from 'quickjs-emscripten';
import type { CodeRunRequest, CodeRunResult } from '../../engine/steps/types';

/**
 * A code step outside the browser: QuickJS compiled to WebAssembly, a fresh runtime per call
 * with a time limit (an interrupt at the deadline), a memory limit and a stack limit, and no
 * I/O at all — no network, files, timers or host objects; only `console`, whose lines are
 * kept as the step's logs. The code is written as for the browser's sandbox (public/sandbox.html):
 * a module exporting `main`, called with the step's params, its result kept as JSON.
 *
 * QuickJS's own memory limit does not count every allocation (a million distinct 1 KB strings
 * took 1 GB under a 64 MB limit, measured with quickjs-emscripten 0.32), so the WebAssembly
 * memory it runs in is capped too: past the cap its allocations fail, whatever they are for.
 */

export interface QuickJsLimits {
  memoryBytes: number;
  stackBytes: number;
}

export const DEFAULT_CODE_LIMITS: QuickJsLimits = { memoryBytes: 64 * 1024 * 1024, stackBytes: 256 * 1024 };

/** Lines before the user's first line in the evaluated source (for the error's line number). */
const HEADER_LINES = 2;

/** The code as a script that leaves `main` on `module` (the sandbox's same rewriting of `export`). */
export function scriptOf(code: string): string {
  const body = code
    .replace(/export\s+(const|let|var)\s+main\s*=/, 'module.main =')
    .replace(/export\s+(async\s+)?function\s+main\b/, 'module.main = $1function main')
    .replace(/export\s+default\s+/, 'module.main = ');
  return `"use strict";\nconst module = {};\n${body}\n;globalThis.__main = module.main;`;
}

const CALL = `(async () => {
  const main = globalThis.__main;
  if (typeof main !== 'function') throw new Error('the code must export a function: export const main = async (params) => { … }');
  const value = await main(JSON.parse(globalThis.__params));
  try {
    return JSON.stringify(value === undefined ? null : value);
  } catch (error) {
    throw new Error('the result cannot be kept as JSON (' + ((error && error.message) || error) + '): return plain data (no cycles, BigInt or functions)');
  }
})()`;

/** WebAssembly pages are 64 KiB; QuickJS needs some room of its own beyond the code's limit. */
const PAGE = 65_536;
const HEADROOM_BYTES = 32 * 1024 * 1024;

export interface CodeSandbox {
  run(request: CodeRunRequest): Promise<CodeRunResult>;
}

/**
 * Runs code steps one at a time in a QuickJS module whose memory is capped. A module that ran
 * out of memory is dropped (its state cannot be trusted) and the next call gets a new one.
 */
export function createQuickJsSandbox(limits: QuickJsLimits = DEFAULT_CODE_LIMITS): CodeSandbox {
  let current: Promise<{ module: QuickJSWASMModule; memory: WebAssembly.Memory }> | undefined;
  const fresh = async () => {
    const memory = new WebAssembly.Memory({
      initial: 256,
      maximum: Math.ceil((limits.memoryBytes + HEADROOM_BYTES) / PAGE),
    });
    return { module: await newQuickJSWASMModule(newVariant(RELEASE_SYNC, { wasmMemory: memory })), memory };
  };
  return {
    async run(request) {
      current ??= fresh();
      const { module, memory } = await current;
      const full = () => memory.buffer.byteLength + 64 * PAGE > limits.memoryBytes + HEADROOM_BYTES;
      const result = runInQuickJs(module, request, limits, full);
      if (result.sandboxDied) current = undefined;
      return result;
    },
  };
}

/**
 * One call. `exhausted` says whether the memory QuickJS runs in is (nearly) all used: an error
 * that cannot even be described then is the memory's.
 */
export function runInQuickJs(
  quickjs: QuickJSWASMModule,
  request: CodeRunRequest,
  limits: QuickJsLimits = DEFAULT_CODE_LIMITS,
  exhausted: () => boolean = () => false,
): CodeRunResult {
  const logs: string[] = [];
  const deadline = Date.now() + request.timeoutMs;
  const runtime = quickjs.newRuntime();
  runtime.setMemoryLimit(limits.memoryBytes);
  runtime.setMaxStackSize(limits.stackBytes);
  runtime.setInterruptHandler(shouldInterruptAfterDeadline(deadline));
  const vm = runtime.newContext();
  const timedOut = (): CodeRunResult => ({
    ok: false,
    error: `the code ran longer than its time limit of ${request.timeoutMs / 1000} s and was stopped`,
    timedOut: true,
    logs,
  });
  const outOfMemory = (): CodeRunResult => ({
    ok: false,
    error: `the code used more memory than its limit of ${Math.round(limits.memoryBytes / 1048576)} MB and was stopped`,
    sandboxDied: true,
    logs,
  });
  const failure = (handle: QuickJSHandle): CodeRunResult => {
    const error = vm.dump(handle) as { name?: string; message?: string; stack?: string } | string | null;
    handle.dispose();
    if (Date.now() >= deadline) return timedOut();
    // QuickJS throws null when it cannot even make the error object.
    if (error === null && exhausted()) return outOfMemory();
    const name = typeof error === 'object' && error ? error.name : undefined;
    const message = typeof error === 'object' && error ? (error.message ?? String(error)) : String(error);
    if (/out of memory/i.test(message)) return outOfMemory();
    if (name === 'InternalError' && /stack overflow/i.test(message))
      return { ok: false, error: 'the code called itself too deeply (stack overflow) and was stopped', logs };
    const m = typeof error === 'object' && error?.stack ? /:(\d+)(?::\d+)?\)?\s*$/m.exec(error.stack) : null;
    const line = m ? Number(m[1]) - HEADER_LINES : undefined;
    return {
      ok: false,
      error: `${name ? `${name}: ` : ''}${message}`,
      line: line && line > 0 ? line : undefined,
      logs,
    };
  };
  try {
    const console = vm.newObject();
    for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
      const fn = vm.newFunction(level, (...args) => {
        const shown = args.map((a) => {
          const v = vm.dump(a);
          if (typeof v === 'string') return v;
          try {
            return JSON.stringify(v);
          } catch {
            return String(v);
          }
        });
        if (logs.length < 1000) logs.push((level === 'log' ? '' : `${level}: `) + shown.join(' ').slice(0, 10_000));
      });
      vm.setProp(console, level, fn);
      fn.dispose();
    }
    vm.setProp(vm.global, 'console', console);
    console.dispose();
    const params = vm.newString(JSON.stringify(request.params ?? null));
    vm.setProp(vm.global, '__params', params);
    params.dispose();

    const loaded = vm.evalCode(scriptOf(request.code), 'code.js');
    if (loaded.error) return failure(loaded.error);
    loaded.value.dispose();
    const called = vm.evalCode(CALL, 'call.js');
    if (called.error) return failure(called.error);
    const promise = called.value;
    // The code has no timers or I/O: its promise settles once its pending jobs have run.
    for (;;) {
      const jobs = runtime.executePendingJobs();
      if (jobs.error) {
        promise.dispose();
        return failure(jobs.error);
      }
      if (jobs.value === 0) break;
    }
    const state = vm.getPromiseState(promise);
    promise.dispose();
    if (state.type === 'pending')
      return {
        ok: false,
        error:
          'the code’s promise never settled (a code step has no timers or network: return a value, or a promise that settles)',
        logs,
      };
    if (state.type === 'rejected') return failure(state.error);
    const json = vm.getString(state.value);
    state.value.dispose();
    return { ok: true, value: JSON.parse(json) as unknown, logs };
  } catch (error) {
    // QuickJS itself failed (its memory is exhausted while the host copies a value out).
    if (Date.now() >= deadline) return timedOut();
    if (exhausted()) return outOfMemory();
    const message = error instanceof Error ? error.message : String(error);
    // Deep recursion can exhaust this thread's own stack before QuickJS's limit is reached.
    if (error instanceof RangeError && /call stack/i.test(message))
      return {
        ok: false,
        error: 'the code called itself too deeply (stack overflow) and was stopped',
        sandboxDied: true,
        logs,
      };
    return { ok: false, error: `the code could not be run (${message})`, sandboxDied: true, logs };
  } finally {
    try {
      vm.dispose();
      runtime.dispose();
    } catch {
      // A runtime that ran out of memory may not free cleanly; it is dropped either way.
    }
  }
}
