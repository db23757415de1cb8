import type { Transaction } from 'dexie';

/**
 * IndexedDB's own requests inside a Dexie transaction, for the engine's and the record writer's
 * hot reads. Each Dexie call costs ~0.1–0.2 ms of the page's time in Chromium (its zones,
 * promises and middleware layers) against a few µs for the request itself: an engine
 * transaction makes a dozen, on the path from a record change to its workflow's first step.
 *
 * Only for stores without Dexie 'reading' hooks (runs and versions have them: storedShapes.ts),
 * and for writes that no live query watches (the outbox and the engine's meta rows): other
 * writes go through Dexie, whose change notices keep the pages' live queries current.
 */
export class NativeStores {
  /** The IndexedDB transaction itself (also what Dexie's middlewares see as the transaction). */
  readonly idb: IDBTransaction;

  constructor(trans: Transaction) {
    this.idb = (trans as Transaction & { idbtrans: IDBTransaction }).idbtrans;
  }

  store(name: string): IDBObjectStore {
    return this.idb.objectStore(name);
  }

  get<T>(store: string, key: IDBValidKey): Promise<T | undefined> {
    return request(this.store(store).get(key));
  }

  getMany<T>(store: string, keys: readonly IDBValidKey[]): Promise<(T | undefined)[]> {
    const s = this.store(store);
    return Promise.all(keys.map((k) => request<T | undefined>(s.get(k))));
  }

  getAll<T>(store: string, range: IDBKeyRange | null, count?: number, index?: string): Promise<T[]> {
    const s = this.store(store);
    return request((index ? s.index(index) : s).getAll(range, count));
  }

  getAllKeys(store: string, range: IDBKeyRange | null, index?: string): Promise<IDBValidKey[]> {
    const s = this.store(store);
    return request((index ? s.index(index) : s).getAllKeys(range));
  }

  put(store: string, value: unknown): Promise<IDBValidKey> {
    return request(this.store(store).put(value));
  }

  delete(store: string, range: IDBKeyRange | IDBValidKey): Promise<undefined> {
    return request(this.store(store).delete(range));
  }
}

/** A request's answer (its error, which also aborts the transaction, as a rejection). */
export function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}
