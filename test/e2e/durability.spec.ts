import { expect, test } from '@playwright/test';
import {
  activateAndRun,
  countRecords,
  createCompany,
  importJson,
  importWorkflow,
  manualWorkflow,
  openApp,
  storedRun,
} from './helpers';

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

test('a code step cut off by reloading the tab (twice) runs again and completes; its tab said it was only reloading', async ({
  page,
}) => {
  await openApp(page);
  const body =
    'export const main = async () => { await new Promise((r) => setTimeout(r, 2500)); return { done: "yes" }; };';
  await importJson(
    page,
    manualWorkflow('Slow code', [
      {
        id: 'c',
        name: 'Slow code',
        type: 'CODE',
        nextStepIds: ['w'],
        settings: { input: { code: body, timeoutMs: 10_000 } },
      },
      createCompany('w', 'After slow code {{c.done}}'),
    ]),
  );
  await activateAndRun(page);
  const runId = page.url().split('/').pop()!;
  for (let i = 1; i <= 2; i++) {
    await expect(page.getByRole('listitem', { name: 'Slow code: RUNNING' })).toBeVisible();
    await page.reload();
    await expect.poll(async () => (await storedRun(page, runId)).state.stepInfos.c.interrupted ?? 0).toBe(i);
  }
  await expect(page.getByTestId('run-status')).toHaveText('Completed', { timeout: 15_000 });
  expect(await countRecords(page, 'company', { field: 'name', equals: 'After slow code yes' })).toBe(1);
});
