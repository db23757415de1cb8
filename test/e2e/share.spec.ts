import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

test('share a link, open it in a fresh browser, preview it and import it as a draft', async ({ page, browser }) => {
  await openApp(page, '/workflows/demo-follow-up');
  await page.getByRole('button', { name: 'Share…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share “Plan a follow-up”' });
  const input = dialog.getByLabel('Share link');
  await expect(input).toHaveValue(/\/import#lf2\./);
  const link = await input.inputValue();
  expect(new URL(link).hash.length).toBeGreaterThan(20);

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(link);
  const preview = other.getByRole('region', { name: 'What this workflow does' });
  await expect(preview.getByRole('heading', { name: 'Plan a follow-up' })).toBeVisible();
  await expect(preview).toContainText('Run by hand on one person');
  await expect(preview).toContainText('Create follow-up task');
  await expect(preview.getByText('Writes records of').locator('xpath=following-sibling::dd[1]')).toHaveText('task');
  await expect(preview.getByText('Contains code').locator('xpath=following-sibling::dd[1]')).toHaveText('No');
  await other.getByRole('button', { name: 'Import as draft' }).click();
  await expect(other.getByRole('heading', { level: 1 })).toContainText('Plan a follow-up (2)');
  await expect(other.locator('h1 .badge')).toHaveText('Draft');
  await fresh.close();
});

test('a tampered or truncated link shows an error and imports nothing', async ({ page }) => {
  await openApp(page, '/workflows/demo-welcome');
  await page.getByRole('button', { name: 'Share…' }).click();
  await expect(page.getByLabel('Share link')).toHaveValue(/\/import#lf2\./);
  const link = await page.getByLabel('Share link').inputValue();
  await page.getByRole('button', { name: 'Close' }).first().click();

  for (const bad of [
    link.slice(0, link.length - 40),
    link.replace('#lf2.', '#lf2.!!'),
    link.replace('#lf2.', '#lf9.'),
  ]) {
    await page.goto(bad);
    await expect(page.getByRole('alert')).toContainText('This link cannot be imported. Nothing was changed.');
  }
  await expect(page.getByRole('alert')).toContainText('newer Localflow');
  // The workflow inside changed after the link was made (still valid JSON, still a workflow): refused, not imported
  // altered.
  const [base, payload] = link.split('#lf2.');
  const inner = inflateRawSync(Buffer.from(payload, 'base64url')).toString('utf8');
  const changed = deflateRawSync(Buffer.from(inner.replace('Welcome new people', 'Welcome new peoplf'))).toString(
    'base64url',
  );
  await page.goto(`${base}#lf2.${changed}`);
  await expect(page.getByRole('alert')).toContainText('does not match its check');
  await page.goto('/workflows');
  await expect(page.getByRole('table', { name: 'Workflows' }).getByRole('row')).toHaveCount(3);
});
