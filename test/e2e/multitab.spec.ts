import { expect, test } from '@playwright/test';
import { activateCurrent, countRecords, openApp } from './helpers';

test('one engine for all tabs: a second tab does not run triggers twice, and takes over when the first closes', async ({
  context,
}) => {
  const first = await context.newPage();
  await openApp(first, '/workflows/demo-welcome', 'leader');
  await activateCurrent(first);

  const second = await context.newPage();
  await openApp(second, '/objects/person', 'standby');
  await expect(second.getByText('Engine running in another tab')).toBeVisible();

  // A person created in the standby tab is handled once, by the leader.
  await second.getByRole('button', { name: '+ New person' }).click();
  await second.getByRole('dialog').getByLabel('Name: First name').fill('Dorothy');
  await second.getByRole('dialog').getByLabel('Name: Last name').fill('Vaughan');
  await second.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
  await expect
    .poll(() => countRecords(second, 'task', { field: 'title', equals: 'Welcome Dorothy' }), { timeout: 30_000 })
    .toBe(1);
  await second.waitForTimeout(1500);
  await second.goto('/runs');
  await expect(second.getByRole('row').filter({ hasText: 'Welcome new people' }).getByText('Completed')).toBeVisible();
  await expect(second.getByRole('row').filter({ hasText: 'Welcome new people' })).toHaveCount(1);
  expect(await countRecords(second, 'task', { field: 'title', equals: 'Welcome Dorothy' })).toBe(1);

  // The leader closes: the other tab's engine takes over.
  await first.close();
  await expect(second.locator('.engine-status')).toHaveAttribute('data-role', 'leader');
  await second.goto('/objects/person');
  await second.getByRole('button', { name: '+ New person' }).click();
  await second.getByRole('dialog').getByLabel('Name: First name').fill('Christine');
  await second.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
  await expect.poll(() => countRecords(second, 'task', { field: 'title', equals: 'Welcome Christine' })).toBe(1);
});
