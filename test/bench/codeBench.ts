import { runCode } from '../../src/client/codeSandbox';
import type { LocalflowDB } from '../../src/db/database';
import { createEngineStore } from '../../src/db/engineStore';
import { Engine } from '../../src/engine/engine';
import { activateWorkflows, emptyDb } from './benchDb';

const CODE =
  'export const main = async (params) => ({ total: params.items.reduce((s, x) => s + x.value, 0), count: params.items.length });';
const items = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `item-${i}`, value: i, label: `Item number ${i}` }));

let engine: Engine;
let workflowIds: Record<number, string> = {};
let db: LocalflowDB;

async function setup() {
  db = await emptyDb('bench-code');
  const sizes = [10, 1000];
  const ids = await activateWorkflows(
    db,
    ...sizes.map((n) => ({
      format: 'localflow.workflow',
      version: 1,
      name: `Code ${n}`,
      trigger: {
        type: 'MANUAL',
        name: 'Launch manually',
        settings: { availability: { type: 'GLOBAL' } },
        nextStepIds: ['code'],
      },
      steps: [
        {
          id: 'code',
          name: 'Sum',
          type: 'CODE',
          settings: { input: { code: CODE, params: { items: items(n) } } },
          nextStepIds: [],
        },
      ],
    })),
  );
  workflowIds = Object.fromEntries(sizes.map((n, i) => [n, ids[i]]));
  engine = new Engine(createEngineStore(db), { services: { runCode } });
  engine.start();
  await engine.idle();
}

/** Engine → sandboxed iframe → fresh worker → iframe → engine, with the run committed before and after. */
async function engineRound(n: number): Promise<number> {
  const t0 = performance.now();
  const [runId] = await engine.runManual({ workflowId: workflowIds[n] });
  await engine.idle();
  const ms = performance.now() - t0;
  const run = await db.runs.get(runId);
  if (run?.status !== 'completed' || (run.state.stepInfos.code.output as { count: number }).count !== n)
    throw new Error(`code run ended ${run?.status}: ${run?.error}`);
  return ms;
}

const workerUrl = URL.createObjectURL(
  new Blob(
    [
      `self.onmessage = (e) => self.postMessage({ total: e.data.items.reduce((s, x) => s + x.value, 0), count: e.data.items.length });`,
    ],
    { type: 'text/javascript' },
  ),
);
const persistent = new Worker(workerUrl);

/** The baseline: the same computation as a plain worker round trip (a fresh worker, or one kept alive). */
function workerRound(n: number, fresh: boolean): Promise<number> {
  const payload = { items: items(n) };
  const t0 = performance.now();
  const worker = fresh ? new Worker(workerUrl) : persistent;
  return new Promise((resolve) => {
    worker.onmessage = () => {
      if (fresh) worker.terminate();
      resolve(performance.now() - t0);
    };
    worker.postMessage(payload);
  });
}

Object.assign(window, { codeBench: { setup, engineRound, workerRound } });
document.getElementById('status')!.textContent = 'ready';
