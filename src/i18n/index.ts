import { i18n, type Messages } from '@lingui/core';
import { messages as en } from '../locales/en.po';

/** The languages of the UI; English is the source every message is written in. */
export const LOCALES = { en: 'English', cs: 'Čeština' } as const;
export type Locale = keyof typeof LOCALES;

const STORAGE_KEY = 'localflow.locale';

// English, the source, comes with the app (no extra request before the first render); other
// languages load when chosen.
const catalogs: Record<Locale, () => Promise<{ messages: Messages }>> = {
  en: async () => ({ messages: en }),
  cs: () => import('../locales/cs.po'),
};

export const isLocale = (value: unknown): value is Locale => typeof value === 'string' && value in LOCALES;

/** The person's choice (Settings), else the browser's first language we speak, else English. */
export function preferredLocale(): Locale {
  try {
    const chosen = localStorage.getItem(STORAGE_KEY);
    if (isLocale(chosen)) return chosen;
  } catch {
    // No storage (a worker, a locked-down browser): the browser's languages decide.
  }
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'en';
}

/** Loads a language's messages and makes it the UI's. */
export async function activateLocale(locale: Locale): Promise<void> {
  const { messages } = await catalogs[locale]();
  i18n.loadAndActivate({ locale, messages });
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

/** Keeps the person's choice for the next start. */
export function rememberLocale(locale: Locale): void {
  localStorage.setItem(STORAGE_KEY, locale);
}

export { i18n };
