import * as Comlink from 'comlink';
import type { TableApi } from '../worker/api';

let client: Comlink.Remote<TableApi> | null = null;

/** The main thread's handle on the table worker, started on first use. */
export function tableClient(): Comlink.Remote<TableApi> {
  client ??= Comlink.wrap<TableApi>(
    new Worker(new URL('../worker/table.worker.ts', import.meta.url), { type: 'module', name: 'localflow-table' }),
  );
  return client;
}
