import type { LocalflowDB } from './database';

/** One setting (the `settings` table holds a row per key; each key's module owns its shape). */
export async function readSetting<T>(db: LocalflowDB, key: string): Promise<T | undefined> {
  return (await db.settings.get(key))?.value as T | undefined;
}

export async function writeSetting<T>(db: LocalflowDB, key: string, value: T): Promise<void> {
  await db.settings.put({ key, value });
}
