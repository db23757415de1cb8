import { readSetting, type SettingsSource } from './settings';

export const AI_SETTINGS_KEY = 'ai';

export function aiSettingsReader(db: SettingsSource) {
  return () => readSetting(db, AI_SETTINGS_KEY);
}
