import { i18n, type Messages } from '@lingui/core';
import { messages as en } from '../locales/en.po';

/** The languages of the UI; English is the source every message is written in. */
export const LOCALES = { en: 'English', cs: 'Čeština' } as const;
export type Locale = keyof typeof LOCALES;

const STORAGE_KEY = 'localflow.locale';

// A page has these; the engine's worker and service worker do not (and their types lack them).
const page = globalThis as {
  localStorage?: { getItem(key: string): string | null; setItem(key: string, value: string): void };
  document?: { documentElement: { lang: string } };
};

type CatalogLoader = () => Promise<{ messages: Messages }>;

// English, the source, comes with every bundle (no extra request before the first render);
// how other languages load is up to the bundle (see addCatalogs).
const catalogs: Partial<Record<Locale, CatalogLoader>> = { en: async () => ({ messages: en }) };

/**
 * How this bundle loads the other languages: the page and the engine worker on demand
 * (./index.ts), the service worker — which cannot import on demand — with its own copy.
 */
export function addCatalogs(loaders: Partial<Record<Locale, CatalogLoader>>): void {
  Object.assign(catalogs, loaders);
}

// Every bundle that imports this module speaks English at once (the engine's hosts too, before
// they have read the person's choice): with messages compiled to ids, a `t` with no catalogue
// loaded would show an id.
if (!i18n.locale) i18n.loadAndActivate({ locale: 'en', messages: en });

export const isLocale = (value: unknown): value is Locale => typeof value === 'string' && value in LOCALES;

/** The person's choice (Settings), else the browser's first language we speak, else English. */
export function preferredLocale(): Locale {
  try {
    const chosen = page.localStorage?.getItem(STORAGE_KEY);
    if (isLocale(chosen)) return chosen;
  } catch {
    // No storage (a worker, a locked-down browser): the browser's languages decide.
  }
  // A page and a worker have a navigator; Node (before 21) has none.
  const browser = typeof navigator === 'undefined' ? undefined : navigator;
  for (const tag of browser ? (browser.languages ?? [browser.language]) : []) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLocale(base)) return base;
  }
  return 'en';
}

/** Loads a language's messages and makes it the UI's. */
export async function activateLocale(locale: Locale): Promise<void> {
  if (i18n.locale === locale) return setLang(locale);
  const load = catalogs[locale];
  if (!load) throw new Error(`Localflow: this bundle has no ${locale} catalogue (see addCatalogs)`);
  const { messages } = await load();
  i18n.loadAndActivate({ locale, messages });
  setLang(locale);
}

function setLang(locale: Locale): void {
  if (page.document) page.document.documentElement.lang = locale;
}

/** Keeps the person's choice for the next start. */
export function rememberLocale(locale: Locale): void {
  page.localStorage?.setItem(STORAGE_KEY, locale);
}

export { i18n };
