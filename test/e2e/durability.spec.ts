import { expect, test } from '@playwright/test';
import { activateAndRun, countRecords, importWorkflow, openApp } from './helpers';

test('a reload during a delay does not lose the run: it completes after the reload', async ({ page }) => {
  await openApp(page);
  await importWorkflow(page, 'delay-then-task.json');
  await activateAndRun(page);
  await expect(page.getByTestId('run-status')).toHaveText('Waiting');
  await expect(page.getByRole('listitem', { name: 'Wait 4 seconds: PENDING' })).toContainText('Waiting until');

  await page.reload();
  await expect(page.getByTestId('run-status')).toHaveText('Waiting');
  await expect(page.getByTestId('run-status')).toHaveText('Completed', { timeout: 15_000 });
  await expect(page.getByRole('listitem', { name: 'Create task after the wait: SUCCESS' })).toBeVisible();
  expect(await countRecords(page, 'task', { field: 'title', equals: 'Created after a delay' })).toBe(1);
});

test('a waiting run can be stopped', async ({ page }) => {
  await openApp(page);
  await importWorkflow(page, 'delay-then-task.json');
  await activateAndRun(page);
  await expect(page.getByTestId('run-status')).toHaveText('Waiting');
  await page.getByRole('button', { name: 'Stop run' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Stopped');
  await expect(page.getByRole('listitem', { name: 'Wait 4 seconds: STOPPED' })).toBeVisible();
  await page.waitForTimeout(5000);
  expect(await countRecords(page, 'task', { field: 'title', equals: 'Created after a delay' })).toBe(0);
});
