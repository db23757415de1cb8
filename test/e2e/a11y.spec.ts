import { expect, test, type Page } from '@playwright/test';
import { activateAndRun, APP_PAGES, axeCheck, importJson, manualWorkflow, onEachPage, openApp } from './helpers';

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
async function everyScreen(page: Page, size: string) {
  await openApp(page, '/workflows');
  await importJson(page, withForm);
  await activateAndRun(page);
  await expect(page.getByTestId('run-status')).toHaveText('Waiting');
  await axeCheck(page, `${size} run page`);

  await onEachPage(page, APP_PAGES, (path) => axeCheck(page, `${size} ${path}`));

  const dialogs: [string, string, () => Promise<void>][] = [
    ['/objects/person', 'New person', () => page.getByRole('button', { name: '+ New person' }).click()],
    ['/objects/person', 'Import CSV', () => page.getByRole('button', { name: 'Import CSV…' }).click()],
    ['/workflows', 'New workflow', () => page.getByRole('button', { name: '+ New workflow' }).click()],
    ['/workflows', 'Import', () => page.getByRole('button', { name: 'Import…' }).click()],
    ['/workflows', 'Delete workflow', () => page.getByRole('button', { name: 'Delete Welcome new people' }).click()],
    ['/workflows/demo-welcome', 'Share', () => page.getByRole('button', { name: 'Share…' }).click()],
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
    test.setTimeout(120_000);
    await everyScreen(page, 'phone');
    await page.goto('/workflows/demo-welcome/edit');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.getByRole('button', { name: 'Menu' }).tap();
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await axeCheck(page, 'phone navigation drawer');
  });
});
