import { expect, test, type Page } from '@playwright/test';
import type { RecordRow } from '../../src/schema/record';
import { manyPeople, openApp, putRecords, storedRows } from './helpers';

// The app's code is held back in some loads below (routes do not see what a service worker serves).
test.use({ serviceWorkers: 'block' });

const KEY = 'localflow.pagePicture';
const savedTotal = (page: Page) =>
  page.evaluate((key) => (JSON.parse(localStorage.getItem(key) ?? 'null') as { total?: number } | null)?.total, KEY);

/** What the picture shows (its shadow root is closed: reachable through the page's own handle only). */
const shown = (page: Page) =>
  page.evaluate(() => {
    const picture = (window as { localflowPicture?: ShadowRoot }).localflowPicture;
    if (!picture) return null;
    const pages = picture.querySelector<HTMLElement>('nav.pagination');
    return {
      rows: picture.querySelectorAll('table.records tbody tr').length,
      first: picture.querySelector('table.records tbody tr')?.textContent ?? '',
      html: picture.innerHTML,
      pages: pages && getComputedStyle(pages).visibility === 'visible' ? pages.textContent : null,
    };
  });

/** A cold load whose app code never arrives: what shows is the boot script's doing alone. */
async function loadWithoutApp(page: Page, path = '/objects/person') {
  await page.route(/\/assets\/.*\.js$/, (route) => route.abort());
  await page.goto(path);
  // The boot script has read the rows (and painted its picture, if any).
  await page.waitForFunction(() =>
    (window as { localflowFirstRowsRead?: Promise<unknown> }).localflowFirstRowsRead?.then(() => true),
  );
  await page.unroute(/\/assets\/.*\.js$/);
}

/** Renames a person in the database itself, as another tab or the engine's worker would. */
async function renameInDatabase(page: Page, id: string, firstName: string) {
  const [row] = await storedRows<RecordRow>(page, 'records', id);
  const name = { ...(row.data.name as object), firstName };
  await putRecords(page, [{ ...row, data: { ...row.data, name }, updatedAt: Date.now() }]);
}

test.beforeEach(async ({ page }) => {
  await openApp(page);
  // 80 people with the demo data: two pages of 50.
  await putRecords(page, manyPeople(70));
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Pages' })).toContainText('1–50 of 80');
  // The table as drawn is kept once the browser is idle.
  await expect.poll(() => savedTotal(page), { timeout: 10_000 }).toBe(80);
});

test('a cold load shows the table as last drawn before the app starts, inert, then the app’s own', async ({ page }) => {
  await loadWithoutApp(page);
  const picture = page.locator('.page-picture');
  await expect(picture).toBeVisible();
  // The page bar once the count is confirmed.
  await expect.poll(async () => (await shown(page))?.pages).toContain('1–50 of 80');
  const seen = (await shown(page))!;
  expect(seen.rows).toBe(50);
  expect(seen.first).toContain('Grace Hopper');
  // A picture: out of the accessibility tree, out of reach of clicks and keys, and out of the
  // way of anything that looks for the page's elements.
  await expect(picture).toHaveAttribute('aria-hidden', 'true');
  expect(await picture.evaluate((e) => (e as HTMLElement).inert)).toBe(true);
  await expect(page.getByRole('grid')).toHaveCount(0);
  await expect(page.locator('table.records')).toHaveCount(0);
  await expect(page.getByText('Grace Hopper')).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('picture.png') });

  // With the app's code: its own table replaces the picture.
  await page.reload();
  await expect(page.getByRole('grid', { name: 'People' }).locator('tbody tr').first()).toContainText('Grace Hopper');
  await expect(picture).toHaveCount(0);
  expect(await shown(page)).toBeNull();
  await expect(page.locator('.engine-status')).toHaveAttribute('data-role', 'leader');
});

test('a picture is not shown once the database holds something else; the next one is drawn from it', async ({
  page,
}) => {
  await page.goto('/settings');
  // Grace Hopper renamed by someone else (another tab, a workflow) since the picture was taken.
  const people = (await storedRows<RecordRow>(page, 'records')).filter((r) => r.object === 'person');
  const grace = people.reduce((newest, r) => (r.createdAt > newest.createdAt ? r : newest)).id;
  await renameInDatabase(page, grace, 'Admiral Grace');
  await loadWithoutApp(page);
  await expect(page.locator('.page-picture')).toHaveCount(0);
  expect(await shown(page)).toBeNull();

  // The app draws the rename, keeps that picture, and the next cold load shows it.
  await page.reload();
  await expect(page.getByRole('grid', { name: 'People' }).locator('tbody tr').first()).toContainText(
    'Admiral Grace Hopper',
  );
  await expect
    .poll(() => page.evaluate((key) => localStorage.getItem(key)?.includes('Admiral Grace') ?? false, KEY))
    .toBe(true);
  await loadWithoutApp(page);
  expect((await shown(page))?.first).toContain('Admiral Grace Hopper');

  // A picture drawn on a wide screen is not shown on a phone's.
  await page.setViewportSize({ width: 390, height: 800 });
  await loadWithoutApp(page);
  await expect(page.locator('.page-picture')).toHaveCount(0);
});

test('a stored picture cannot run code; stored text that is no picture is ignored', async ({ page }) => {
  await page.evaluate((key) => {
    const saved = JSON.parse(localStorage.getItem(key)!) as { html: string };
    saved.html = saved.html.replace(
      '</table>',
      '</table><img src="/no-such-image" onerror="window.__ran = 1"><script>window.__ran = 2</script>' +
        '<a href="javascript:window.__ran = 3" id="bad">x</a>',
    );
    localStorage.setItem(key, JSON.stringify(saved));
  }, KEY);
  await loadWithoutApp(page);
  const seen = (await shown(page))!;
  expect(seen.first).toContain('Grace Hopper');
  expect(seen.html).toContain('<img src="/no-such-image">');
  expect(seen.html).not.toMatch(/onerror|<script|javascript:/);
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as { __ran?: number }).__ran)).toBeUndefined();

  // Stored text that is not a picture at all: no picture, and the app starts as ever.
  for (const bad of ['{not json', '"a string"', '{"v":1,"html":null}']) {
    await page.evaluate(([key, bad]) => localStorage.setItem(key, bad), [KEY, bad]);
    await loadWithoutApp(page);
    await expect(page.locator('.page-picture')).toHaveCount(0);
  }
  await page.reload();
  await expect(page.getByRole('grid', { name: 'People' }).locator('tbody tr').first()).toContainText('Grace Hopper');
});
