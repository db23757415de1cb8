import { expect, test, type Page } from '@playwright/test';
import { APP_PAGES, onEachPage, openApp, storedRows } from './helpers';

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

/** How far the page itself scrolls sideways (0: it does not). */
const sideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test('at 390 × 844 no page scrolls sideways; wide tables scroll inside their frame', async ({ page }) => {
  test.setTimeout(90_000);
  await openApp(page, '/objects/person');
  await onEachPage(page, APP_PAGES, async (path) => {
    expect(await sideways(page), `${path} scrolls sideways`).toBe(0);
  });
  // The People table is wider than the phone: it scrolls in its frame, the names stay in view.
  await page.goto('/objects/person');
  const frame = page.locator('.table-wrap');
  await expect(frame).toBeVisible();
  expect(await frame.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  await frame.evaluate((el) => el.scrollBy(400, 0));
  await expect(page.getByRole('link', { name: 'Grace Hopper' })).toBeInViewport();
});

test('on a phone the navigation is a drawer: it opens, closes by Escape or ✕, and a link closes it', async ({
  page,
}) => {
  await openApp(page, '/objects/person');
  const nav = page.getByRole('navigation', { name: 'Main' });
  const menu = page.getByRole('button', { name: 'Menu' });
  await expect(nav).toBeHidden();
  await expect(menu).toHaveAttribute('aria-expanded', 'false');

  await menu.tap();
  await expect(nav).toBeVisible();
  await expect(nav.getByRole('button', { name: 'Close menu' })).toBeFocused();
  // The page behind is out of reach while the drawer is open.
  expect(await page.locator('main').evaluate((m) => (m as HTMLElement).inert)).toBe(true);
  await page.keyboard.press('Escape');
  await expect(nav).toBeHidden();
  await expect(menu).toBeFocused();

  await menu.tap();
  await nav.getByRole('button', { name: 'Close menu' }).tap();
  await expect(nav).toBeHidden();

  await menu.tap();
  await nav.getByRole('link', { name: 'Workflows' }).tap();
  await expect(page.getByRole('heading', { level: 1, name: 'Workflows' })).toBeVisible();
  await expect(nav).toBeHidden();
  await expect(page).toHaveTitle('Workflows · Localflow');
});

test('on a phone the editor adds and configures a step: canvas above, settings in a bottom sheet', async ({ page }) => {
  await openApp(page, '/workflows/demo-welcome/edit');
  const canvas = page.getByRole('region', { name: 'Editing Welcome new people' });
  const panel = page.getByRole('complementary', { name: 'Step settings' });
  const sheet = panel.getByRole('button', { name: /^Settings: |^Hide settings$/ });
  // The sheet starts lowered so the canvas shows.
  await expect(sheet).toHaveAttribute('aria-expanded', 'false');
  await expect(canvas.getByLabel('Create record: Create follow-up task')).toBeInViewport();

  await canvas.getByRole('button', { name: 'Add a step after Create follow-up task' }).tap();
  const chooser = page.getByRole('dialog', { name: 'Add a step' });
  await expect(chooser.getByRole('button', { name: 'Close' })).toBeInViewport();
  await chooser.getByRole('option', { name: /^Delay/ }).tap();

  // The new step is selected and its settings rise in the sheet, on screen.
  await expect(sheet).toHaveAttribute('aria-expanded', 'true');
  const minutes = panel.getByLabel('Minutes');
  await expect(minutes).toBeInViewport();
  await minutes.tap();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('30');
  expect(await sideways(page)).toBe(0);
  const savedDelay = async () => {
    const versions = await storedRows<{
      workflowId: string;
      status: string;
      steps: { type: string; settings: { input: unknown } }[];
    }>(page, 'versions');
    const draft = versions.find((v) => v.workflowId === 'demo-welcome' && v.status === 'draft');
    return draft?.steps.find((s) => s.type === 'DELAY')?.settings.input;
  };
  await expect.poll(savedDelay).toMatchObject({ delayType: 'DURATION', duration: { minutes: 30 } });

  // Lowering the sheet shows the canvas again, with the new step on it.
  await sheet.tap();
  await expect(sheet).toHaveAttribute('aria-expanded', 'false');
  await expect(minutes).toBeHidden();
  await expect(canvas.getByLabel(/^Delay: /)).toBeVisible();
});

test('on a phone the Import dialog and its buttons fit on screen', async ({ page }) => {
  await openApp(page, '/workflows');
  await page.getByRole('button', { name: 'Import…' }).tap();
  const dialog = page.getByRole('dialog', { name: /Import/ });
  await expect(dialog).toBeVisible();
  for (const button of await dialog.getByRole('button').all()) await expect(button).toBeInViewport({ ratio: 1 });
  const box = (await dialog.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
});
