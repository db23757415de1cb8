import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

test('a page change sets the title from the heading and moves focus to it; the focus ring survives forced colours', async ({
  page,
}) => {
  await openApp(page, '/objects/person');
  await expect(page).toHaveTitle('People · Localflow');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Workflows' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveTitle('Workflows · Localflow');
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  // A page whose heading is known only after its data: the record's name.
  await page.goto('/workflows/demo-welcome');
  await expect(page).toHaveTitle(/^Welcome new people/);

  // The focus ring is an outline (kept in forced-colours mode), dark enough on white.
  await page.emulateMedia({ forcedColors: 'active' });
  await page.getByRole('button', { name: 'Share…' }).focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  const ring = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement!);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
  });
  expect(ring.style).toBe('solid');
  expect(ring.width).toBeGreaterThanOrEqual(2);
});

test('npm start serves compressed files to browsers that accept them', async ({ page }) => {
  await openApp(page, '/objects/person');
  const script = await page.evaluate(() => document.querySelector<HTMLScriptElement>('script[type=module][src]')!.src);
  const br = await page.request.get(script, { headers: { 'accept-encoding': 'br' } });
  expect(br.headers()['content-encoding']).toBe('br');
  const plain = await page.request.get(script, { headers: { 'accept-encoding': 'identity' } });
  expect(plain.headers()['content-encoding']).toBeUndefined();
  expect(await br.text()).toBe(await plain.text());
});

test('when the browser offers to install the app, an Install button asks it once and goes away', async ({ page }) => {
  await openApp(page, '/objects/person');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('button', { name: 'Install Localflow' })).toHaveCount(0);
  // Chromium's offer, as the browser sends it (headless Chromium never offers by itself).
  await page.evaluate(() => {
    const offer = Object.assign(new Event('beforeinstallprompt', { cancelable: true }), {
      prompt: async () => {
        (window as unknown as { prompted: number }).prompted =
          ((window as unknown as { prompted?: number }).prompted ?? 0) + 1;
      },
      userChoice: Promise.resolve({ outcome: 'accepted' }),
    });
    window.dispatchEvent(offer);
    (window as unknown as { offerKept: boolean }).offerKept = offer.defaultPrevented;
  });
  expect(await page.evaluate(() => (window as unknown as { offerKept: boolean }).offerKept)).toBe(true);
  await nav.getByRole('button', { name: 'Install Localflow' }).click();
  expect(await page.evaluate(() => (window as unknown as { prompted: number }).prompted)).toBe(1);
  await expect(nav.getByRole('button', { name: 'Install Localflow' })).toHaveCount(0);
});
