import { localizeObject } from './standardLabels';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import * as Comlink from 'comlink';
import { db } from '../client/db';
import { engineClient } from '../client/engineClient';
import { readSetting } from '../db/settings';
import type { ObjectMetadata } from '../schema/objectMetadata';
import type { SettingKey, SettingValue } from '../schema/settings';
import type { EngineStatus } from '../worker/api';

/** Every object, in their order, with standard labels in the UI's language. */
export async function readObjects(): Promise<ObjectMetadata[]> {
  return inOrder(await db.objects.toArray());
}

const inOrder = (objects: ObjectMetadata[]) => objects.toSorted((a, b) => a.position - b.position).map(localizeObject);

/** One object by its API name, with standard labels in the UI's language; undefined when there is none. */
export async function readObject(name: string): Promise<ObjectMetadata | undefined> {
  const meta = await db.objects.get(name);
  return meta && localizeObject(meta);
}

/** The objects as the page's head script read them (src/boot/firstRows.ts); false once the database answered. */
let objectsAtBoot: ObjectMetadata[] | undefined | false;

/** Every object (until the database first answers, as the head script read them, if it did). */
export function useObjects(): ObjectMetadata[] | undefined {
  const live = useLiveQuery(readObjects, []);
  if (live) {
    objectsAtBoot = false;
    return live;
  }
  const read = window.localflowFirstRows?.objects;
  objectsAtBoot ??= read && inOrder(read);
  return objectsAtBoot || undefined;
}

export function useObject(name: string): ObjectMetadata | null | undefined {
  return useLiveQuery(async () => (await readObject(name)) ?? null, [name]);
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

/**
 * Fills a settings form once, when the saved value arrives (never over what is being typed):
 * `load` gets the stored value, if there is one.
 */
export function useLoadSetting<K extends SettingKey>(key: K, load: (value: SettingValue<K>) => void): void {
  const stored = useLiveQuery(async () => (await readSetting(db, key)) ?? null, [key]);
  const loaded = useRef(false);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    if (stored === undefined || loaded.current) return;
    loaded.current = true;
    if (stored !== null) loadRef.current(stored);
  }, [stored]);
}

/** Under this width the navigation is a drawer opened from the top bar. */
export const NARROW = '(max-width: 800px)';

/** Whether a CSS media query matches, kept in step as it changes. */
export function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => matchMedia(query).matches);
  useEffect(() => {
    const list = matchMedia(query);
    const onChange = () => setMatches(list.matches);
    onChange();
    list.addEventListener('change', onChange);
    return () => list.removeEventListener('change', onChange);
  }, [query]);
  return matches;
}
