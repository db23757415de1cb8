import { expect, test } from '@playwright/test';
import { countRecords, openApp } from './helpers';

test('seeded records are visible on first start', async ({ page }) => {
  await openApp(page, '/');
  await expect(page).toHaveURL(/\/objects\/person$/);
  const table = page.getByRole('grid', { name: 'People' });
  await expect(table.getByRole('link', { name: 'Ada Lovelace' })).toBeVisible();
  await expect(page.getByText('1–10 of 10')).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Companies' }).click();
  await expect(page.getByRole('grid', { name: 'Companies' }).getByRole('link', { name: 'Mistral AI' })).toBeVisible();
});

test('the page’s head reads the first rows while the app loads; on a first start it creates no database', async ({
  page,
}) => {
  type Read = { object: string; total: number; rows: { id: string }[]; related: { id: string }[] } | null;
  const bootRead = () =>
    page.evaluate(() => (window as { localflowFirstRowsRead?: Promise<Read> }).localflowFirstRowsRead);
  // First start: nothing to read, and the app (not the head's script) creates and seeds the database.
  await page.goto('/objects/person');
  expect(await bootRead()).toBeNull();
  await expect(page.getByText('1–10 of 10')).toBeVisible();
  // Again: the same ten people, newest first, with the companies they work at (for their titles).
  await page.reload();
  const read = (await bootRead())!;
  await expect(page.getByText('1–10 of 10')).toBeVisible();
  expect(read).toMatchObject({ object: 'person', total: 10 });
  const shown = await page
    .getByRole('grid', { name: 'People' })
    .locator('tbody tr a.record-link')
    .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname.split('/').pop()));
  expect(read.rows.map((r) => r.id)).toEqual(shown);
  expect(read.related.length).toBeGreaterThan(0);
  // Another page of the app reads nothing ahead.
  await page.goto('/workflows');
  expect(await bootRead()).toBeUndefined();
});

test('create, edit inline, edit on the record page, then delete a person', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: '+ New person' }).click();
  const dialog = page.getByRole('dialog', { name: 'New person' });
  await dialog.getByLabel('Name: First name').fill('Katherine');
  await dialog.getByLabel('Name: Last name').fill('Johnson');
  await dialog.getByLabel('Emails').fill('katherine@nasa.gov');
  await dialog.getByLabel('Job title').fill('Mathematician');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Katherine Johnson/ })).toBeVisible();

  // Inline edit in the table.
  await page.getByRole('navigation', { name: 'Breadcrumbs' }).getByRole('link', { name: 'People' }).click();
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'Katherine Johnson' }) });
  await row.getByRole('button', { name: 'Edit Job title: Mathematician' }).click();
  await row.getByRole('textbox').fill('Research mathematician');
  await row.getByRole('textbox').press('Enter');
  await expect(row.getByRole('button', { name: 'Edit Job title: Research mathematician' })).toBeVisible();

  // Escape cancels an inline edit.
  await row.getByRole('button', { name: /Edit City/ }).click();
  await row.getByRole('textbox').fill('Nowhere');
  await row.getByRole('textbox').press('Escape');
  await expect(row.getByRole('button', { name: 'Edit City: empty' })).toBeVisible();

  // Edit on the record page.
  await row.getByRole('link', { name: 'Katherine Johnson' }).click();
  await page.getByLabel('City').fill('Hampton');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  expect(await countRecords(page, 'person', { field: 'city', equals: 'Hampton' })).toBe(1);

  // Delete asks first; cancel keeps it.
  await page.getByRole('button', { name: 'Delete' }).click();
  await page
    .getByRole('dialog', { name: /Delete “Katherine Johnson”/ })
    .getByRole('button', { name: 'Cancel' })
    .click();
  expect(await countRecords(page, 'person', { field: 'city', equals: 'Hampton' })).toBe(1);
  await page.getByRole('button', { name: 'Delete' }).click();
  await page
    .getByRole('dialog', { name: /Delete “Katherine Johnson”/ })
    .getByRole('button', { name: 'Delete' })
    .click();
  await expect(page).toHaveURL(/\/objects\/person$/);
  await expect(page.getByRole('link', { name: 'Katherine Johnson' })).toHaveCount(0);
  expect(await countRecords(page, 'person', { field: 'city', equals: 'Hampton' })).toBe(0);
});

test('search and sort the table', async ({ page }) => {
  await openApp(page);
  await page.getByRole('searchbox', { name: 'Search people' }).fill('mistral');
  await expect(page.getByText('1–2 of 2')).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search people' }).fill('');
  await page.getByRole('button', { name: /^Name/ }).click();
  await expect(page.getByRole('columnheader', { name: /Name/ }).first()).toHaveAttribute('aria-sort', 'ascending');
  await expect(page.locator('tbody tr').first()).toContainText('Ada Lovelace');
});

test('custom object and custom field from settings', async ({ page }) => {
  await openApp(page, '/settings');
  await page.getByLabel('Singular name').fill('Project');
  await page.getByLabel('Plural name').fill('Projects');
  await page.getByRole('button', { name: 'Create object' }).click();
  await expect(page.getByRole('table', { name: 'Projects fields' })).toBeVisible();
  await page.getByLabel('Label', { exact: true }).fill('Budget');
  await page.getByLabel('Type').selectOption('NUMBER');
  await page.getByRole('button', { name: 'Add field' }).click();
  await expect(page.getByRole('table', { name: 'Projects fields' }).getByText('budget')).toBeVisible();
  await page.getByLabel('Label of budget').fill('Budget (k€)');
  await page.getByLabel('Label of budget').press('Enter');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Projects' }).click();
  await expect(page.getByRole('columnheader', { name: 'Budget (k€)' })).toBeVisible();
  await page.getByRole('button', { name: '+ New project' }).click();
  await page.getByRole('dialog').getByLabel('Name').fill('Apollo');
  await page.getByRole('dialog').getByLabel('Budget (k€)').fill('250');
  await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Apollo/ })).toBeVisible();

  await page.goto('/settings');
  await page
    .getByRole('list', { name: 'Objects' })
    .getByRole('button', { name: /Projects/ })
    .click();
  await page.getByRole('button', { name: 'Remove field Budget (k€)' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Remove field' }).click();
  await expect(page.getByLabel('Label of budget')).toHaveCount(0);
});
