import { expect, test, type Page } from '@playwright/test';
import { readPo } from '../support/poCatalog';
import { APP_PAGES, axeCheck, manualWorkflow, onEachPage, openApp, waitForServiceWorker } from './helpers';

test.use({ locale: 'cs-CZ' });

/**
 * The English texts of the catalogue that must not show in Czech: each message's literal pieces
 * (between placeholders and tags) long enough to be telling — two words or more — unless the
 * Czech translation says the same (a product name, a URL, an example value).
 */
const ENGLISH = readPo('src/locales/cs.po').flatMap(({ source, translation }) =>
  source
    .split(/\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}|<\/?\d+>|#/)
    .map((piece) => piece.trim().replace(/^[^\p{L}]+|[^\p{L}]+$/gu, ''))
    .filter((piece) => /\p{L}+\s+\p{L}+/u.test(piece) && !translation.includes(piece)),
);

/** What a person sees or hears on the page: its text, and the names and hints of its controls. */
const pageWords = (page: Page) =>
  page.evaluate(() => {
    const attrs = [...document.querySelectorAll('[aria-label], [placeholder], [title], img[alt]')].flatMap((el) =>
      ['aria-label', 'placeholder', 'title', 'alt'].map((a) => el.getAttribute(a) ?? ''),
    );
    return [document.body.innerText, document.title, ...attrs].join('\n');
  });

/** One-word messages ("Trigger", "Object") that Czech says otherwise, matched as whole words. */
const CZECH = new Set(readPo('src/locales/cs.po').map((e) => e.translation));
const ENGLISH_WORDS = readPo('src/locales/cs.po')
  .map((e) => e.source.trim())
  .filter((word) => /^\p{L}{3,}$/u.test(word) && !CZECH.has(word))
  .map((word) => new RegExp(`(^|[^\\p{L}])${word}([^\\p{L}]|$)`, 'u'));

async function noEnglish(page: Page, where: string) {
  const words = await pageWords(page);
  const found = [
    ...new Set([
      ...ENGLISH.filter((piece) => words.includes(piece)),
      ...ENGLISH_WORDS.filter((word) => word.test(words)).map((word) => word.source),
    ]),
  ];
  expect(found, `English on ${where}`).toEqual([]);
}

test('in a Czech browser every page is in Czech (checked against the catalogue), with Czech numbers and dates, and passes axe', async ({
  page,
}) => {
  test.setTimeout(120_000);
  expect(ENGLISH.length).toBeGreaterThan(500);
  await openApp(page, '/objects/person');
  await expect(page.locator('html')).toHaveAttribute('lang', 'cs');
  await expect(page.getByRole('heading', { level: 1, name: 'Lidé' })).toBeVisible();
  await expect(page).toHaveTitle('Lidé · Localflow');

  await onEachPage(page, APP_PAGES, async (path) => {
    await noEnglish(page, path);
    await axeCheck(page, `cs ${path}`);
  });

  // Dialogs and the command menu.
  await page.goto('/workflows');
  await page.getByRole('button', { name: '+ Nový pracovní postup' }).click();
  await expect(page.getByRole('dialog', { name: 'Nový pracovní postup' })).toBeVisible();
  await noEnglish(page, 'the New workflow dialog');
  await axeCheck(page, 'cs New workflow dialog');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+k');
  await expect(page.getByRole('dialog', { name: 'Přejít nebo spustit…' })).toBeVisible();
  await page.keyboard.type('ada');
  await noEnglish(page, 'Ctrl+K');

  // Numbers, amounts and dates as Czech writes them.
  await page.goto('/objects/opportunity');
  const table = page.getByRole('grid', { name: 'Příležitosti' });
  await expect(table).toContainText(/120\s000,00\sUS\$/);
  await expect(table).toContainText(/\d{1,2}\.\s\d{1,2}\.\s\d{4}/);
  await page.goto('/objects/person');
  await expect(page.getByRole('navigation', { name: 'Stránky' })).toContainText('1–10 z 10');
});

test('the language can be switched to English in Settings, and back', async ({ page }) => {
  await openApp(page, '/settings');
  const language = page.getByLabel('Jazyk aplikace Localflow');
  await expect(language).toHaveValue('cs');
  await language.selectOption({ label: 'English' });
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' })).toBeVisible();
  // Kept across a reload.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await page.getByLabel('Language of Localflow').selectOption({ label: 'Čeština' });
  await expect(page.getByRole('heading', { level: 1, name: 'Nastavení' })).toBeVisible();
});

test('errors are in Czech too: a malformed file and a damaged share link', async ({ page }) => {
  await openApp(page, '/workflows');
  await page.getByRole('button', { name: 'Importovat…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Importovat pracovní postup' });
  await dialog.getByLabel('Nebo vložte JSON').click();
  await page.keyboard.type('{"name": ');
  await dialog.getByRole('button', { name: 'Importovat', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText('Toto není platný JSON');
  await noEnglish(page, 'the import error');

  await page.goto('/import#lf1.AAAA');
  await expect(page.getByRole('alert')).toContainText('Odkaz je');
  await noEnglish(page, 'a damaged share link');
});

test('a run the engine worker fails says why in Czech', async ({ page }) => {
  await openApp(page, '/workflows');
  // Written by the engine in its worker, which reads the tab's language from IndexedDB.
  await page.getByRole('button', { name: 'Importovat…' }).click();
  await page.getByLabel('Nebo vložte JSON').fill(
    JSON.stringify(
      manualWorkflow('Volání', 'Ruční spuštění', [
        {
          id: 'call',
          name: 'Zavolat',
          type: 'HTTP_REQUEST',
          // Port 9 (discard) refuses connections: a network failure.
          settings: { input: { method: 'GET', url: 'http://127.0.0.1:9/' } },
          nextStepIds: [],
        },
      ]),
    ),
  );
  await page.getByRole('dialog').getByRole('button', { name: 'Importovat', exact: true }).click();
  await expect(page.locator('h1 .badge')).toHaveText('Koncept');
  await page.getByRole('button', { name: 'Aktivovat', exact: true }).click();
  await page.getByRole('button', { name: '▶ Spustit' }).click();
  await expect(page).toHaveURL(/\/runs\//);
  await expect(page.getByText('Krok „Zavolat“ selhal: 127.0.0.1:9 není dostupný (chyba sítě)')).toBeVisible();
  await noEnglish(page, 'a failed run');
});

test('the service worker answers a webhook opened in a tab in Czech', async ({ page }) => {
  await openApp(page, '/workflows');
  await waitForServiceWorker(page);
  // The tab shared its language; the service worker reads it before answering.
  await page.goto('/hooks/no-such-workflow?token=x');
  await expect(page.getByRole('heading', { level: 1, name: 'Požadavek odmítnut' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'cs');
  await expect(page.getByRole('link', { name: 'Otevřít Localflow' })).toBeVisible();
});
