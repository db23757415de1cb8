/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import { LocalflowDB } from '../db/database';
import { TableIndex } from '../db/tableIndex';
// Languages other than English load on demand here, as on the page.
import '../i18n';
import { activateLocale, isLocale } from '../i18n/core';
import type { TableApi } from './api';

/**
 * The table worker: searches and sorts a records table over all its rows, off the page's
 * thread (one per tab, started when a table is first searched or sorted).
 */
const index = new TableIndex(new LocalflowDB());
let locale = '';

/** Values are read in the page's language: another one makes every row's text again. */
async function speak(wanted: string): Promise<void> {
  if (wanted === locale || !isLocale(wanted)) return;
  await activateLocale(wanted);
  locale = wanted;
  index.clear();
}

const api: TableApi = {
  async query({ locale: wanted, ...query }) {
    await speak(wanted);
    return index.query(query);
  },
  async warm(object, wanted) {
    await speak(wanted);
    await index.warm(object);
  },
  async titles(objects, query, limit, wanted) {
    await speak(wanted);
    return index.titles(objects, query, limit);
  },
};

Comlink.expose(api);
