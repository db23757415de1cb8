import { Worker } from 'node:worker_threads';
import type { CodeRunRequest, CodeRunResult } from '../../engine/steps/types';
import type { CodeSandbox } from './quickjs';

/** How long past a call's own time limit the thread may stay silent before it is replaced. */
const GRACE_MS = 5000;

/**
 * Code steps in a worker thread (code/worker.ts, built beside the runner), so the runner's own
 * thread stays free while code runs. A thread that stops answering (it should not: QuickJS stops
 * at the time limit) is terminated and replaced; its calls fail with the reason.
 */
export function createThreadedSandbox(script: URL): CodeSandbox & { close(): Promise<void> } {
  let worker: Worker | undefined;
  let next = 0;
  const waiting = new Map<number, { resolve: (r: CodeRunResult) => void; timer: NodeJS.Timeout }>();
  const failAll = (error: string) => {
    for (const [id, w] of waiting) {
      clearTimeout(w.timer);
      w.resolve({ ok: false, error, logs: [] });
      waiting.delete(id);
    }
  };
  const thread = () => {
    if (worker) return worker;
    const w = new Worker(script);
    w.unref();
    w.on('message', ({ id, result }: { id: number; result: CodeRunResult }) => {
      const entry = waiting.get(id);
      if (!entry) return;
      clearTimeout(entry.timer);
      waiting.delete(id);
      entry.resolve(result);
    });
    w.on('error', (error) => {
      if (worker === w) worker = undefined;
      failAll(`the code sandbox stopped (${error.message})`);
    });
    w.on('exit', () => {
      if (worker === w) worker = undefined;
      failAll('the code sandbox stopped before it answered');
    });
    return (worker = w);
  };
  return {
    run(request: CodeRunRequest) {
      const w = thread();
      const id = ++next;
      return new Promise<CodeRunResult>((resolve) => {
        // Calls wait their turn in the thread: the net allows for the ones ahead of this one.
        const ahead = [...waiting.keys()].length;
        const timer = setTimeout(
          () => {
            waiting.delete(id);
            resolve({
              ok: false,
              error: `the code sandbox did not answer within ${Math.round((request.timeoutMs + GRACE_MS) / 1000)} s and was restarted`,
              timedOut: true,
              logs: [],
            });
            if (worker === w) {
              worker = undefined;
              void w.terminate();
            }
          },
          (request.timeoutMs + GRACE_MS) * (ahead + 1),
        );
        waiting.set(id, { resolve, timer });
        w.postMessage({ id, request });
      });
    },
    async close() {
      const w = worker;
      worker = undefined;
      await w?.terminate();
    },
  };
}

/**
 * Code steps on `size` threads: each call goes to the thread with the fewest calls in hand, so
 * several code steps (up to the runner's external-call limit) compute at once.
 */
export function createThreadPool(script: URL, size: number): CodeSandbox & { close(): Promise<void> } {
  const threads = Array.from({ length: Math.max(1, size) }, () => ({
    sandbox: createThreadedSandbox(script),
    calls: 0,
  }));
  return {
    async run(request: CodeRunRequest) {
      const thread = threads.reduce((a, b) => (b.calls < a.calls ? b : a));
      thread.calls++;
      try {
        return await thread.sandbox.run(request);
      } finally {
        thread.calls--;
      }
    },
    async close() {
      await Promise.all(threads.map((t) => t.sandbox.close()));
    },
  };
}
