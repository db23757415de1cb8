import type { AiSettings } from '../schema/aiSettings';
import type { LocalflowDB } from './database';

export const AI_SETTINGS_KEY = 'ai';

export function aiSettingsReader(db: LocalflowDB) {
  return async () => (await db.settings.get(AI_SETTINGS_KEY))?.value as AiSettings | undefined;
}
