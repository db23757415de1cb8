/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import type { LocalflowDB } from '../../src/db/database';
import { createEngineStore } from '../../src/db/engineStore';
import { Engine } from '../../src/engine/engine';
import type { RecordWrite } from '../../src/engine/recordWrites';
import { activateWorkflows, emptyDb } from './benchDb';

/**
 * The app's path for a person's record writes, hosted as the engine worker hosts it: the page
 * sends each write (worker/api.ts `writeRecords`), and this worker's engine makes it and starts
 * its runs (`Engine.writeRecords`). Times are on the shared clock (`timeOrigin + now()`), which
 * the page's and the worker's `performance` both read.
 */
let db: LocalflowDB | undefined;
let engine: Engine;
let firstStepAt = 0;
const clock = () => performance.timeOrigin + performance.now();

const api = {
  /** A fresh database of this name with these workflows active, and an engine that leads over it. */
  async open(name: string, workflows: unknown[]): Promise<void> {
    engine?.stop();
    db?.close();
    db = await emptyDb(name);
    await activateWorkflows(db, ...workflows);
    engine = new Engine(createEngineStore(db), {
      probes: {
        beforeStep: () => {
          if (!firstStepAt) firstStepAt = clock();
        },
      },
    });
    // This worker leads, as the person's own tab's engine worker does.
    engine.start();
    await engine.idle();
  },
  async write(write: RecordWrite): Promise<void> {
    firstStepAt = 0;
    await engine.writeRecords(write);
  },
  /** When the last write's first step began (once the engine is idle: it may have come later). */
  async firstStep(): Promise<number> {
    await engine.idle();
    if (!firstStepAt) throw new Error('no step ran');
    return firstStepAt;
  },
  close(): void {
    engine?.stop();
    db?.close();
    db = undefined;
  },
};
export type EngineWorker = typeof api;

Comlink.expose(api);
