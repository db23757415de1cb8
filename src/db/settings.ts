import { readSettingRow, settingRow, type SettingKey, type SettingRow, type SettingValue } from '../schema/settings';

/**
 * One setting, checked against its shape (schema/settings.ts) when read: a row that does
 * not fit is ignored (the default applies) and reported, never cast.
 */
/** Where settings are read from: the browser's database, or the runner's. */
export interface SettingsSource {
  settings: { get(key: string): PromiseLike<SettingRow | undefined> };
}

export async function readSetting<K extends SettingKey>(
  db: SettingsSource,
  key: K,
): Promise<SettingValue<K> | undefined> {
  const row = await db.settings.get(key);
  if (!row) return undefined;
  const read = readSettingRow(key, row);
  if ('problem' in read) {
    console.warn(`Localflow: ${read.problem}; using the default.`);
    return undefined;
  }
  return read.value;
}

/** Where settings are written (the app's database; the runner's). */
export interface SettingsSink {
  settings: { put(row: SettingRow): PromiseLike<unknown> };
}

export async function writeSetting<K extends SettingKey>(
  db: SettingsSink,
  key: K,
  value: SettingValue<K>,
): Promise<void> {
  await db.settings.put(settingRow(key, value));
}
