import { activateLocale, isLocale, preferredLocale, type Locale } from '../i18n/core';
import type { LocalflowDB } from './database';
import { readSetting, writeSetting } from './settings';

/** Settings key: the language a tab last chose, for the engine's hosts (see schema/settings.ts). */
export const LOCALE_KEY = 'locale';

/**
 * A tab tells the engine's hosts its language (written only when it changed). Resolves with
 * whether it changed: then the running engine workers are to be kicked with `locale`.
 */
export async function shareLocale(db: LocalflowDB, locale: Locale): Promise<boolean> {
  if ((await readSetting(db, LOCALE_KEY)) === locale) return false;
  await writeSetting(db, LOCALE_KEY, locale);
  return true;
}

/**
 * An engine host (worker, service worker) speaks the language a tab last chose, else the
 * browser's: run failures and notifications are written in it.
 */
export async function followSharedLocale(db: LocalflowDB): Promise<void> {
  try {
    const shared = await readSetting(db, LOCALE_KEY);
    await activateLocale(isLocale(shared) ? shared : preferredLocale());
  } catch (error) {
    // Storage or a catalogue failed to load: the host goes on in the language it speaks.
    console.warn('Localflow: could not follow the chosen language', error);
  }
}
