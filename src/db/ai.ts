import type { LocalflowDB } from './database';
import { readSetting } from './settings';

export const AI_SETTINGS_KEY = 'ai';

export function aiSettingsReader(db: LocalflowDB) {
  return () => readSetting(db, AI_SETTINGS_KEY);
}
