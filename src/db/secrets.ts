import type { LocalflowDB } from './database';
import { readSetting } from './settings';

export const SECRETS_KEY = 'secrets';

/** Named secrets for `{{secrets.NAME}}`: kept in this browser only, never in exports or links. */
export function secretsReader(db: LocalflowDB) {
  return async () => (await readSetting(db, SECRETS_KEY)) ?? {};
}
