import type { AiSettings } from '../schema/aiSettings';
import type { LocalflowDB } from './database';
import { readSetting } from './settings';

export const AI_SETTINGS_KEY = 'ai';

export function aiSettingsReader(db: LocalflowDB) {
  return () => readSetting<AiSettings>(db, AI_SETTINGS_KEY);
}
