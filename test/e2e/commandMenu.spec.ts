import { expect, test } from '@playwright/test';
import { activateCurrent, importWorkflow, openApp } from './helpers';

test('Ctrl+K jumps to pages and records and runs manual workflows, all by keyboard', async ({ page }) => {
  await openApp(page);
  await page.keyboard.press('Control+k');
  const menu = page.getByRole('dialog', { name: 'Go to or run…' });
  await expect(menu.getByRole('combobox')).toBeFocused();
  await page.keyboard.type('runs');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/runs$/);

  await page.keyboard.press('Control+k');
  await expect(menu.getByRole('combobox')).toBeFocused();
  await page.keyboard.type('lovelace');
  await expect(menu.getByRole('option', { name: /Ada Lovelace/ })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: /Ada Lovelace/ })).toBeVisible();

  await importWorkflow(page, 'delay-then-task.json');
  await activateCurrent(page);
  await page.keyboard.press('Control+k');
  await expect(menu.getByRole('combobox')).toBeFocused();
  await page.keyboard.type('wait, then');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await expect(menu.getByRole('option', { name: /Run “Wait, then create a task”/ })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/runs\//);
  await expect(page.getByTestId('run-status')).toHaveText(/Waiting|Completed/);
});

test('Ctrl+K offers every page the sidebar has, Inbox and Outbox included', async ({ page }) => {
  await openApp(page);
  const menu = page.getByRole('dialog', { name: 'Go to or run…' });
  for (const [name, url] of [
    ['Inbox', /\/inbox$/],
    ['Outbox', /\/outbox$/],
    ['Settings', /\/settings$/],
  ] as const) {
    await page.keyboard.press('Control+k');
    await page.keyboard.type(name.toLowerCase());
    await expect(menu.getByRole('option', { name: new RegExp(`^${name}`) })).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(url);
  }
});
