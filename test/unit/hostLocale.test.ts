import { i18n } from '@lingui/core';
import { afterEach, describe, expect, it } from 'vitest';
import { followSharedLocale, shareLocale } from '../../src/db/locale';
// The worker's catalogues (Czech on demand).
import '../../src/i18n';
import { freshDb, runSteps, setup, step } from './helpers';

/**
 * The engine's hosts (worker, service worker) write run failures in the language a tab chose:
 * the tab shares it through IndexedDB, the host follows it before running.
 */
describe('the language of the engine hosts', () => {
  afterEach(() => i18n.loadAndActivate({ locale: 'en', messages: {} }));

  it('writes a step failure in the language a tab shared, and follows a change', async () => {
    const db = freshDb();
    const env = setup({ db });
    await shareLocale(db, 'cs');
    await followSharedLocale(db);
    expect(i18n.locale).toBe('cs');
    const badUrl = step('h', 'HTTP_REQUEST', { method: 'GET', url: 'not a url' });
    const czech = await runSteps([badUrl], ['h'], env);
    expect(czech.run.error).toBe('Krok „h“ selhal: „not a url“ není URL (musí začínat http:// nebo https://)');

    await shareLocale(db, 'en');
    await followSharedLocale(db);
    const english = await runSteps([badUrl], ['h'], setup({ db }));
    expect(english.run.error).toBe(
      'Step "h" failed: "not a url" is not a URL (it must start with http:// or https://)',
    );
  });

  it('falls back to the browser’s language when no tab has shared one', async () => {
    const db = freshDb();
    await followSharedLocale(db);
    // Node's navigator (or none) says English.
    expect(i18n.locale).toBe('en');
  });
});
