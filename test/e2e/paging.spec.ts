import { expect, test } from '@playwright/test';
import { manyPeople, openApp, putRecords } from './helpers';

test.beforeEach(async ({ page }) => {
  await openApp(page);
  // 70 more people (80 with the demo data): two pages of 50.
  await putRecords(
    page,
    manyPeople(70, (i) => (i % 10 === 0 ? 'company-3' : undefined)),
  );
  await page.reload();
});

test('more records than a page: count, Next/Previous, last page', async ({ page }) => {
  const table = page.getByRole('grid', { name: 'People' });
  const pages = page.getByRole('navigation', { name: 'Pages' });
  await expect(pages).toContainText('1–50 of 80');
  await expect(pages).toContainText('Page 1 of 2');
  await expect(table.locator('tbody tr')).toHaveCount(50);
  // Newest first: the demo people, then the bulk people from the newest.
  await expect(table.locator('tbody tr').first()).toContainText('Grace Hopper');
  await pages.getByRole('button', { name: 'Next' }).click();
  await expect(pages).toContainText('51–80 of 80');
  await expect(pages.getByRole('button', { name: 'Next' })).toBeDisabled();
  await expect(table.locator('tbody tr')).toHaveCount(30);
  // The oldest person, unreachable before the fix, is on the last page.
  await expect(table.getByRole('link', { name: 'Person 001' })).toBeVisible();
  await pages.getByRole('button', { name: 'Previous' }).click();
  await expect(pages).toContainText('1–50 of 80');
  await expect(pages.getByRole('button', { name: 'Previous' })).toBeDisabled();
});

test('sort and search work across pages; relations are searched, sorted and labelled by title', async ({ page }) => {
  const table = page.getByRole('grid', { name: 'People' });
  const pages = page.getByRole('navigation', { name: 'Pages' });
  await expect(pages).toContainText('of 80');
  await table.getByRole('button', { name: /^Name/ }).click();
  await expect(table.locator('tbody tr').first()).toContainText('Ada Lovelace');
  await pages.getByRole('button', { name: 'Next' }).click();
  await expect(table.locator('tbody tr').last()).toContainText('Steve Anavi');
  await table.getByRole('button', { name: /^Name/ }).click(); // descending
  await expect(pages).toContainText('1–50 of 80');
  await expect(table.locator('tbody tr').first()).toContainText('Steve Anavi');

  const search = page.getByRole('searchbox', { name: 'Search people' });
  await search.click();
  await page.keyboard.type('Person 00');
  await expect(pages).toContainText('1–9 of 9');
  await search.press('ControlOrMeta+a');
  await page.keyboard.type('Mistral AI');
  await expect(pages).toContainText('1–2 of 2');
  await expect(table.getByRole('link', { name: 'Arthur Mensch' })).toBeVisible();
  await search.press('ControlOrMeta+a');
  await page.keyboard.type('Figma');
  // Dylan Field, Grace Hopper and the 7 bulk people at company-3.
  await expect(pages).toContainText('1–9 of 9');
  const dylan = table.getByRole('row').filter({ has: page.getByRole('link', { name: 'Dylan Field' }) });
  await expect(dylan.getByRole('button', { name: 'Edit Company: Figma' })).toBeVisible();
  await search.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');

  // Sorted by company title: Airbnb's people first, people with no company last.
  await table.getByRole('button', { name: /^Company/ }).click();
  await expect(table.locator('tbody tr').first().getByRole('button', { name: 'Edit Company: Airbnb' })).toBeVisible();
  await pages.getByRole('button', { name: 'Next' }).click();
  await expect(table.locator('tbody tr').last().getByRole('button', { name: 'Edit Company: empty' })).toBeVisible();
});

test('a searched or sorted table follows edits and deletes, and a related record renamed in another tab', async ({
  page,
  context,
}) => {
  const table = page.getByRole('grid', { name: 'People' });
  const pages = page.getByRole('navigation', { name: 'Pages' });
  await expect(pages).toContainText('of 80');
  // Searched: an edit that makes a row match shows it; deleting rows takes them out of the count.
  const search = page.getByRole('searchbox', { name: 'Search people' });
  await search.click();
  await page.keyboard.type('Person 00');
  await expect(pages).toContainText('1–9 of 9');
  const row = table.getByRole('row').filter({ has: page.getByRole('link', { name: 'Person 003' }) });
  await row.getByRole('button', { name: /Edit City/ }).click();
  await page.keyboard.type('Zanzibar');
  await page.keyboard.press('Enter');
  await expect(row.getByRole('button', { name: 'Edit City: Zanzibar' })).toBeVisible();
  await search.press('ControlOrMeta+a');
  await page.keyboard.type('zanzibar');
  await expect(pages).toContainText('1–1 of 1');
  await search.press('ControlOrMeta+a');
  await page.keyboard.type('Person 00');
  await expect(pages).toContainText('1–9 of 9');
  for (const name of ['Person 001', 'Person 002'])
    await table.getByRole('checkbox', { name: `Select ${name}` }).check();
  await page.getByRole('region', { name: 'Selected records' }).getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog', { name: 'Delete 2 people?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(pages).toContainText('1–7 of 7');
  await expect(table.getByRole('link', { name: 'Person 001' })).toHaveCount(0);
  await search.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await expect(pages).toContainText('1–50 of 78');

  // Sorted by company: Airbnb's people first. Another tab renames Airbnb: this table sorts them again.
  await table.getByRole('button', { name: /^Company/ }).click();
  const first = table.locator('tbody tr').first();
  await expect(first.getByRole('button', { name: 'Edit Company: Airbnb' })).toBeVisible();
  const other = await context.newPage();
  await other.goto('/objects/company');
  const airbnb = other.getByRole('row').filter({ has: other.getByRole('link', { name: 'Airbnb' }) });
  await airbnb.getByRole('button', { name: 'Edit Name' }).click();
  await other.keyboard.press('ControlOrMeta+a');
  await other.keyboard.type('Zeppelin Rentals');
  await other.keyboard.press('Enter');
  await expect(other.getByRole('link', { name: 'Zeppelin Rentals' })).toBeVisible();
  await expect(first.getByRole('button', { name: 'Edit Company: Airbnb' })).toHaveCount(0);
  await expect(first.getByRole('button', { name: /^Edit Company: (?!empty)/ })).toBeVisible();
  await search.click();
  await page.keyboard.type('zeppelin');
  await expect(
    table.locator('tbody tr').first().getByRole('button', { name: 'Edit Company: Zeppelin Rentals' }),
  ).toBeVisible();
});

test('a search over many rows says it is searching until the answer comes, then shows it', async ({ page }) => {
  test.setTimeout(90_000);
  // 60,000 more people: the table worker's index takes a moment to make, even when it starts
  // (the browser idle once the first page is drawn) a moment before the person types (30,000 were
  // made within 0.4 s of the first key once in CI).
  for (let k = 0; k < 6; k++)
    await putRecords(
      page,
      Array.from({ length: 10_000 }, (_, i) => ({
        id: `many-${k}-${String(i).padStart(5, '0')}`,
        object: 'person',
        createdAt: Date.UTC(2024, 0, 1) + k * 10_000 + i,
        data: {
          name: { firstName: 'Many', lastName: `${k}-${i}` },
          jobTitle: k === 0 && i === 4242 ? 'Lighthouse keeper' : null,
        },
      })),
    );
  await page.reload();
  const pages = page.getByRole('navigation', { name: 'Pages' });
  await expect(pages).toContainText('1–50 of 60,080');
  // What the table said while the answer was coming (it may say it for less than a poll's interval).
  await page.evaluate(() => {
    const seen: { busy: boolean; status: string[] } = { busy: false, status: [] };
    (window as { seen?: typeof seen }).seen = seen;
    new MutationObserver(() => {
      const text = document.querySelector('.table-status')?.textContent;
      if (text && !seen.status.includes(text)) seen.status.push(text);
      if (document.querySelector('table.records[aria-busy="true"]')) seen.busy = true;
    }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  await page.getByRole('searchbox', { name: 'Search people' }).click();
  await page.keyboard.type('lighthouse');
  await expect(pages).toContainText('1–1 of 1');
  await expect(page.getByRole('link', { name: 'Many 0-4242' })).toBeVisible();
  const seen = await page.evaluate(() => (window as { seen?: { busy: boolean; status: string[] } }).seen);
  expect(seen).toEqual({ busy: true, status: ['Searching all rows…'] });
  await expect(page.locator('.table-status')).toBeEmpty();
  await expect(page.getByRole('grid', { name: 'People' })).toHaveAttribute('aria-busy', 'false');
});

test('Ctrl+K finds a record by its title among more records than a page holds, and follows a delete', async ({
  page,
}) => {
  await expect(page.getByRole('navigation', { name: 'Pages' })).toContainText('of 80');
  await page.keyboard.press('Control+k');
  const menu = page.getByRole('dialog', { name: 'Go to or run…' });
  await expect(menu.getByRole('combobox')).toBeFocused();
  // The oldest bulk person: the last row of the last page.
  await page.keyboard.type('person 001');
  await expect(menu.getByRole('option')).toHaveCount(1);
  await expect(menu.getByRole('option', { name: /Person 001/ })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: /Person 001/ })).toBeVisible();
  await page.getByRole('button', { name: 'Delete' }).click();
  await page
    .getByRole('dialog', { name: /Delete “Person 001”/ })
    .getByRole('button', { name: 'Delete' })
    .click();
  await expect(page).toHaveURL(/\/objects\/person$/);
  await page.keyboard.press('Control+k');
  await expect(menu.getByRole('combobox')).toBeFocused();
  await page.keyboard.type('person 001');
  await expect(menu.getByText('Nothing matches.')).toBeVisible();
});
