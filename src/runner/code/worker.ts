import { parentPort } from 'node:worker_threads';
import type { CodeRunRequest } from '../../engine/steps/types';
import { createQuickJsSandbox } from './quickjs';

/**
 * The runner's code steps run here, in a thread of their own (dist-runner/code-worker.mjs): a
 * step that computes until its time limit never holds up the runner's HTTP port or its other
 * runs. One call at a time, in the order they come.
 */
const sandbox = createQuickJsSandbox();
let queue: Promise<unknown> = Promise.resolve();
parentPort!.on('message', (message: { id: number; request: CodeRunRequest }) => {
  queue = queue.then(async () => {
    const result = await sandbox.run(message.request).catch((error: unknown) => ({
      ok: false,
      error: `the code could not be run (${error instanceof Error ? error.message : String(error)})`,
      logs: [],
    }));
    parentPort!.postMessage({ id: message.id, result });
  });
});
