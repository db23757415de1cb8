import type { LocalflowDB } from './database';

export const SECRETS_KEY = 'secrets';

/** Named secrets for `{{secrets.NAME}}`: kept in this browser only, never in exports or links. */
export function secretsReader(db: LocalflowDB) {
  return async () => ((await db.settings.get(SECRETS_KEY))?.value as Record<string, string> | undefined) ?? {};
}
