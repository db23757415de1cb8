import * as Comlink from 'comlink';
import type { LocalflowDB } from '../../src/db/database';
import { createEngineStore } from '../../src/db/engineStore';
import { RecordRepository } from '../../src/db/records';
import { Engine } from '../../src/engine/engine';
import type { EngineApi } from '../../src/worker/api';
import { activateWorkflows, emptyDb } from './benchDb';
import type { EngineWorker } from './engineWorker';
import { noteOnCompany } from './workflows';

const echoUrl = URL.createObjectURL(
  new Blob(['self.onmessage = (e) => self.postMessage(e.data);'], { type: 'text/javascript' }),
);

/** Engine worker cold start: from `new Worker` to its first answer (its role), vs a tiny blob worker's first echo. */
async function coldStart(): Promise<{ engine: number; tiny: number }> {
  let t0 = performance.now();
  const worker = new Worker(new URL('../../src/worker/engine.worker.ts', import.meta.url), { type: 'module' });
  const api = Comlink.wrap<EngineApi>(worker);
  for (;;) {
    const s = await api.status();
    if (s.role !== 'starting') break;
  }
  const engine = performance.now() - t0;
  worker.terminate();
  t0 = performance.now();
  const tinyWorker = new Worker(echoUrl);
  await new Promise((r) => {
    tinyWorker.onmessage = r;
    tinyWorker.postMessage(1);
  });
  const tiny = performance.now() - t0;
  tinyWorker.terminate();
  return { engine, tiny };
}

let engine: Engine;
let records: RecordRepository;
let db: LocalflowDB;
let firstStepAt = 0;
let app: Comlink.Remote<EngineWorker>;

async function setupLatency() {
  // The app's path: a worker hosting the engine, as the engine worker does.
  app = Comlink.wrap<EngineWorker>(new Worker(new URL('./engineWorker.ts', import.meta.url), { type: 'module' }));
  await app.open('bench-latency-worker', [noteOnCompany]);
  // A writer that is not the engine (the service worker's webhooks): its events go through the
  // outbox, to an engine on this page (its own database: the worker's engine leaves it alone).
  db = await emptyDb('bench-latency');
  await activateWorkflows(db, noteOnCompany);
  engine = new Engine(createEngineStore(db), {
    probes: {
      beforeStep: () => {
        if (!firstStepAt) firstStepAt = performance.now();
      },
    },
  });
  records = new RecordRepository(db, (events) => engine.kick({ outbox: events > 0 }));
  engine.start();
  await engine.idle();
}

/**
 * From the page sending a person's save to the first step of the run it triggers (the app's
 * path: the engine worker makes the write and starts its runs), and when the save was answered.
 */
async function eventLatency(): Promise<{ firstStep: number; saved: number }> {
  const t0 = performance.timeOrigin + performance.now();
  await app.write({ kind: 'create', object: 'company', data: { name: `Co ${t0}` } });
  const saved = performance.timeOrigin + performance.now() - t0;
  return { firstStep: (await app.firstStep()) - t0, saved };
}

/** The same through the outbox: a record write on this page, then the engine's own transaction. */
async function outboxLatency(): Promise<number> {
  firstStepAt = 0;
  const t0 = performance.now();
  await records.create('company', { name: `Co ${t0}` });
  await engine.idle();
  if (!firstStepAt) throw new Error('no step ran');
  return firstStepAt - t0;
}

const echo = new Worker(echoUrl);
/** The baseline: a raw IndexedDB commit of one row, then one worker round trip. */
async function rawLatency(): Promise<number> {
  const t0 = performance.now();
  await db.transaction('rw', db.records, () =>
    db.records.put({ id: `raw-${t0}`, object: 'company', data: { name: 'raw' }, createdAt: t0, updatedAt: t0 }),
  );
  await new Promise((r) => {
    echo.onmessage = r;
    echo.postMessage({ at: t0 });
  });
  return performance.now() - t0;
}

Object.assign(window, { latencyBench: { coldStart, setupLatency, eventLatency, outboxLatency, rawLatency } });
document.getElementById('status')!.textContent = 'ready';
