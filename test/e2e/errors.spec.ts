import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

test('an unknown page and a missing record say so', async ({ page }) => {
  await openApp(page, '/nowhere');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await page.goto('/objects/person/does-not-exist');
  await expect(page.getByRole('alert')).toContainText('This record does not exist');
});
