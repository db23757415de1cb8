import { expect, test } from '@playwright/test';
import { openApp, waitForServiceWorker } from './helpers';

test('the app reloads and navigates with the network off', async ({ page, context }) => {
  await openApp(page);
  await waitForServiceWorker(page);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('grid', { name: 'People' }).getByRole('link', { name: 'Ada Lovelace' })).toBeVisible();
  // A deep link that was never visited online is served from the precache too.
  await page.goto('/workflows');
  await expect(page.getByRole('heading', { level: 1, name: 'Workflows' })).toBeVisible();
  await expect(page.locator('.engine-status')).toHaveAttribute('data-role', 'leader');
  await context.setOffline(false);
});

test('the web app manifest is installable: name, icons, start URL, id, categories, screenshots, shortcuts that work', async ({
  page,
  request,
}) => {
  await openApp(page);
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const manifest = await (await request.get(href!)).json();
  expect(manifest).toMatchObject({ name: 'Localflow', display: 'standalone', start_url: '/' });
  for (const icon of manifest.icons) expect((await request.get(icon.src)).status()).toBe(200);
  expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
  expect(manifest).toMatchObject({ id: '/', categories: ['productivity', 'business'] });
  // Screenshots for the install dialog, wide and narrow, each the size it says.
  expect(manifest.screenshots.map((s: { form_factor: string }) => s.form_factor)).toEqual(['wide', 'narrow']);
  for (const shot of manifest.screenshots) {
    const png = await (await request.get(shot.src)).body();
    expect(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`).toBe(shot.sizes);
  }

  // Its shortcuts open what they say: the New workflow dialog, with focus in the name; the Inbox.
  expect(manifest.shortcuts.map((s: { name: string }) => s.name)).toEqual(['New workflow', 'Inbox']);
  await page.goto(manifest.shortcuts[0].url);
  await expect(page.getByRole('dialog', { name: 'New workflow' })).toBeVisible();
  await expect(page.getByLabel('Name')).toBeFocused();
  await page.goto(manifest.shortcuts[1].url);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Inbox');
});
