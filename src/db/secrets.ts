import { readSetting, type SettingsSource } from './settings';

export const SECRETS_KEY = 'secrets';

/** Named secrets for `{{secrets.NAME}}`: kept in this browser only, never in exports or links. */
export function secretsReader(db: SettingsSource) {
  return async () => (await readSetting(db, SECRETS_KEY)) ?? {};
}
