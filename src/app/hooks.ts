import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import * as Comlink from 'comlink';
import { db } from '../client/db';
import { engineClient } from '../client/engineClient';
import type { ObjectMetadata } from '../schema/objectMetadata';
import type { EngineStatus } from '../worker/api';

export function useObjects(): ObjectMetadata[] | undefined {
  return useLiveQuery(async () => (await db.objects.toArray()).sort((a, b) => a.position - b.position), []);
}

export function useObject(name: string): ObjectMetadata | null | undefined {
  return useLiveQuery(async () => (await db.objects.get(name)) ?? null, [name]);
}

export function useEngineStatus(): EngineStatus {
  const [status, setStatus] = useState<EngineStatus>({ role: 'starting' });
  useEffect(() => {
    void engineClient().subscribe(Comlink.proxy(setStatus));
  }, []);
  return status;
}

/** Re-renders every `ms` (relative times, running durations). */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const h = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(h);
  }, [ms]);
  return now;
}
