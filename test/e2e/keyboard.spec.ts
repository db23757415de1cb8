import { expect, test, type Page } from '@playwright/test';
import { manyPeople, openApp, putRecords, storedRows } from './helpers';

/** The focused element's accessible text: its aria-label, else its text. */
const focusedName = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return (el?.getAttribute('aria-label') ?? el?.textContent ?? '').trim();
  });

/** Presses Tab (as a person does) until the focused control's name matches; fails after `max` presses. */
async function tabTo(page: Page, name: RegExp, max = 40, key = 'Tab') {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    if (name.test(await focusedName(page))) return i + 1;
  }
  throw new Error(`${name} not reached in ${max} presses of ${key}; last: ${await focusedName(page)}`);
}

test('the records table is one tab stop: arrow keys move between cells, an inline edit gives focus back', async ({
  page,
}) => {
  await openApp(page, '/objects/person');
  await putRecords(page, manyPeople(70));
  await page.reload();
  await expect(page.getByText('1–50 of 80')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();

  // Into the table: its first row's checkbox; one more Tab leaves it for the pages.
  await tabTo(page, /^Select /);
  const first = await focusedName(page);
  await page.keyboard.press('Tab');
  expect(await focusedName(page)).toBe('Next');
  await page.keyboard.press('Shift+Tab');
  expect(await focusedName(page)).toBe(first);

  // → along the row, ↓ to the same column of the next row.
  await page.keyboard.press('ArrowRight');
  const firstName = await focusedName(page);
  await page.keyboard.press('ArrowRight');
  expect(await focusedName(page)).toBe('Edit Name');
  await page.keyboard.press('ArrowRight');
  expect(await focusedName(page)).toMatch(/^Edit Emails: /);
  await page.keyboard.press('ArrowDown');
  const secondEmail = await focusedName(page);
  expect(secondEmail).toMatch(/^Edit Emails: /);
  await page.keyboard.press('Home');
  expect(await focusedName(page)).toMatch(/^Select /);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowRight');
  expect(await focusedName(page)).toBe(firstName);
  await page.keyboard.press('Control+Home');
  expect(await focusedName(page)).toMatch(/^Name/);

  // Edit a cell: Enter opens it with focus in the field; Escape and Save both give focus back.
  await page.keyboard.press('ArrowDown');
  await tabTo(page, /^Edit Job title: /, 8, 'ArrowRight');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Job title' })).toBeFocused();
  await page.keyboard.type('Nope');
  await page.keyboard.press('Escape');
  expect(await focusedName(page)).toMatch(/^Edit Job title: /);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Chief keyboard officer');
  await page.keyboard.press('Enter');
  await expect(page.locator(':focus')).toHaveAccessibleName('Edit Job title: Chief keyboard officer');
  // Still one tab stop, now where the person left it.
  await page.keyboard.press('Tab');
  expect(await focusedName(page)).toBe('Next');
  await page.keyboard.press('Shift+Tab');
  expect(await focusedName(page)).toBe('Edit Job title: Chief keyboard officer');
});

test('create a workflow by keyboard only: New workflow, name, first question, a step, activate', async ({ page }) => {
  await openApp(page, '/workflows');
  await expect(page.getByRole('heading', { level: 1, name: 'Workflows' })).toBeFocused();
  await tabTo(page, /^\+ New workflow$/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Name' })).toBeFocused();
  await page.keyboard.type('Keyboard only');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/edit\?new/);

  await tabTo(page, /^Launched by hand/);
  await page.keyboard.press('Enter');
  await tabTo(page, /^\+ Add a step…$/);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('combobox', { name: 'Search step types' })).toBeFocused();
  await page.keyboard.type('create record');
  await page.keyboard.press('Enter');
  // The new step's settings have focus.
  const panel = page.getByRole('complementary', { name: 'Step settings' });
  await expect(panel.getByLabel('Step name')).toBeFocused();
  await expect(panel.getByLabel('Step name')).toHaveValue(/Create record/);
  await tabTo(page, /^Activate$/, 40, 'Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(page.locator('h1 .badge')).toHaveText('Active');
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  const workflows = await storedRows<{ name: string; activeVersionId?: string }>(page, 'workflows');
  expect(workflows.find((w) => w.name === 'Keyboard only')?.activeVersionId).toBeTruthy();
});

test('each page of the navigation, reached by keyboard, names itself in the title and has focus on its heading', async ({
  page,
}) => {
  await openApp(page, '/objects/person');
  const nav = page.getByRole('navigation', { name: 'Main' });
  const names = (await nav.getByRole('link').allTextContents()).map((t) => t.replace(/\d+$/, '').trim());
  expect(names.length).toBeGreaterThanOrEqual(9);
  for (const name of names) {
    const label = name.replace(/^\W+\s*/u, '');
    await nav.getByRole('link', { name: label }).focus();
    await page.keyboard.press('Enter');
    const heading = page.getByRole('heading', { level: 1 });
    await expect(heading).toBeFocused();
    await expect(page).toHaveTitle(`${label} · Localflow`);
  }
});
