import * as Comlink from 'comlink';
import type { EngineApi } from '../worker/api';

/** The main thread's handle on the engine worker. */
export type EngineClient = Comlink.Remote<EngineApi>;

let client: EngineClient | null = null;

/**
 * The engine worker starts once the page has loaded and is idle: loading and compiling the
 * engine must not compete with the first page for a phone's few cores. Calls made before then
 * wait, in order (the worker's work is durable in the database; nothing is lost meanwhile).
 */
export function engineClient(): EngineClient {
  if (!client) client = Comlink.wrap<EngineApi>(startedWhenIdle());
  return client;
}

function startedWhenIdle(): Comlink.Endpoint {
  let worker: Worker | null = null;
  const messages: [unknown, Transferable[] | undefined][] = [];
  const listeners: [string, EventListenerOrEventListenerObject, boolean | AddEventListenerOptions | undefined][] = [];
  const start = () => {
    worker = new Worker(new URL('../worker/engine.worker.ts', import.meta.url), {
      type: 'module',
      name: 'localflow-engine',
    });
    for (const [type, listener, options] of listeners.splice(0)) worker.addEventListener(type, listener, options);
    for (const [message, transfer] of messages.splice(0)) worker.postMessage(message, transfer ?? []);
  };
  const whenIdle = () =>
    'requestIdleCallback' in window ? requestIdleCallback(start, { timeout: 1000 }) : setTimeout(start, 0);
  if (document.readyState === 'complete') whenIdle();
  else window.addEventListener('load', whenIdle, { once: true });
  return {
    postMessage(message: unknown, transfer?: Transferable[]) {
      if (worker) worker.postMessage(message, transfer ?? []);
      else messages.push([message, transfer]);
    },
    addEventListener(
      type: string,
      listener: EventListenerOrEventListenerObject,
      options?: boolean | AddEventListenerOptions,
    ) {
      if (worker) worker.addEventListener(type, listener, options);
      else listeners.push([type, listener, options]);
    },
    removeEventListener(
      type: string,
      listener: EventListenerOrEventListenerObject,
      options?: boolean | EventListenerOptions,
    ) {
      if (worker) return worker.removeEventListener(type, listener, options);
      const i = listeners.findIndex(([t, l]) => t === type && l === listener);
      if (i >= 0) listeners.splice(i, 1);
    },
  };
}
