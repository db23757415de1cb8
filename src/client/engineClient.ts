import * as Comlink from 'comlink';
import type { EngineApi } from '../worker/api';

/** The main thread's handle on the engine worker. */
export type EngineClient = Comlink.Remote<EngineApi>;

let client: EngineClient | null = null;

export function engineClient(): EngineClient {
  if (!client) {
    const worker = new Worker(new URL('../worker/engine.worker.ts', import.meta.url), {
      type: 'module',
      name: 'localflow-engine',
    });
    client = Comlink.wrap<EngineApi>(worker);
  }
  return client;
}
