import { expect, test, type Page } from '@playwright/test';
import { readPo } from '../support/poCatalog';
import { APP_PAGES, axeCheck, manualWorkflow, onEachPage, openApp } from './helpers';

/** What the UI says for a message of the catalogue, in English or Czech, placeholders filled in order. */
type Say = (source: string, ...values: string[]) => string;
const CZECH = new Map(readPo('src/locales/cs.po').map((e) => [e.source, e.translation]));
const fill = (text: string, values: string[]) => text.replace(/\{(\d+)\}/g, (_, i: string) => values[Number(i)]);
const english: Say = (source, ...values) => fill(source, values);
const czech: Say = (source, ...values) => fill(CZECH.get(source) ?? source, values);

/** A workflow whose run waits in the Inbox for a form, so the Inbox and a run page have content. */
const withForm = manualWorkflow('Qualify a lead', [
  {
    id: 'ask',
    name: 'Ask for details',
    type: 'FORM',
    nextStepIds: [],
    settings: {
      input: {
        title: 'New lead details',
        fields: [
          { name: 'company', label: 'Company name', type: 'TEXT', required: true },
          { name: 'stage', label: 'Stage', type: 'SELECT', options: ['Hot', 'Cold'], required: true },
        ],
      },
    },
  },
]);

/** Every page, and every dialog, menu and picker it opens, through axe. */
async function everyScreen(page: Page, size: string, say: Say = english) {
  const button = (source: string, ...values: string[]) =>
    page.getByRole('button', { name: say(source, ...values), exact: true });
  await openApp(page, '/workflows');
  await button('Import…').click();
  await page.getByLabel(say('Or paste JSON')).fill(JSON.stringify(withForm));
  await page
    .getByRole('dialog')
    .getByRole('button', { name: say('Import'), exact: true })
    .click();
  await expect(page.locator('h1 .badge')).toHaveText(say('Draft'));
  await button('Activate').click();
  await button('▶ Run').click();
  await expect(page.getByTestId('run-status')).toHaveText(say('Waiting'));
  await axeCheck(page, `${size} run page`);

  await onEachPage(page, APP_PAGES, (path) => axeCheck(page, `${size} ${path}`));

  const dialogs: [string, string, () => Promise<void>][] = [
    // The records page's one "+ New …" button.
    ['/objects/person', 'New person', () => page.getByRole('button', { name: /^\+ / }).click()],
    ['/objects/person', 'Import CSV', () => button('Import CSV…').click()],
    ['/workflows', 'New workflow', () => button('+ New workflow').click()],
    ['/workflows', 'Import', () => button('Import…').click()],
    ['/workflows', 'Delete workflow', () => button('Delete {0}', say('Welcome new people')).click()],
    ['/workflows/demo-welcome', 'Share', () => button('Share…').click()],
    ['/objects/person', 'Ctrl+K', () => page.keyboard.press('Control+k')],
  ];
  for (const [path, name, open] of dialogs) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await open();
    await expect(page.getByRole('dialog')).toBeVisible();
    await axeCheck(page, `${size} dialog ${name}`);
  }
  // Ctrl+K with results.
  await page.keyboard.type('ada');
  await expect(page.getByRole('dialog').getByRole('option').first()).toBeVisible();
  await axeCheck(page, `${size} Ctrl+K results`);
}

test('every page and dialog passes axe (WCAG 2.1 A/AA) on a desktop', async ({ page }) => {
  test.setTimeout(120_000);
  await everyScreen(page, 'desktop');
});

test.describe('on a phone, in the dark theme', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, colorScheme: 'dark' });
  test('every page and dialog passes axe (WCAG 2.1 A/AA) on a phone in the dark theme, the open navigation drawer too', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await everyScreen(page, 'phone');
    await page.goto('/workflows/demo-welcome/edit');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.getByRole('button', { name: 'Menu' }).tap();
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await axeCheck(page, 'phone navigation drawer');
  });
});

test.describe('in Czech', () => {
  test.use({ locale: 'cs-CZ' });
  test('every page and dialog passes axe (WCAG 2.1 A/AA) in Czech', async ({ page }) => {
    test.setTimeout(180_000);
    await everyScreen(page, 'cs', czech);
  });
});
