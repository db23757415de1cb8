import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { activeHook, axeCheck, downloadBackup, openApp, storedRows, webhookWorkflow } from './helpers';
import {
  ensureRunnerBuilt,
  runCompleted,
  runnerCommand,
  startRunnerProcess,
  type RunnerProcess,
} from '../support/runnerProcess';

/**
 * Moving a workspace to an always-on runner and back, as a user does: a backup downloaded from
 * the app's Settings is imported into a runner (`npm run runner -- import`), a webhook call makes
 * a run there, and the runner's export restored in the app's Settings brings that run and the
 * record it wrote into the browser.
 */

/** The runner's status page and a run's page: accessible, and readable on a phone (no sideways scrolling). */
async function runnerPagesReadable(page: Page, base: string, runId: string) {
  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ]) {
    await page.setViewportSize({ width, height });
    for (const [path, name] of [
      ['', 'status page'],
      [`runs/${runId}`, 'run page'],
    ]) {
      await page.goto(`${base}${path}`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth),
        `${name} at ${width} px`,
      ).toBeLessThanOrEqual(width);
      await axeCheck(page, `runner ${name} at ${width} px`);
    }
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

const dir = mkdtempSync(join(tmpdir(), 'localflow-runner-e2e-'));
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('a workspace backed up in the app runs on a runner, and its export restored in the app shows that run', async ({
  page,
}) => {
  test.setTimeout(120_000);
  ensureRunnerBuilt();
  await openApp(page);
  await activeHook(
    page,
    webhookWorkflow('Add a person', 'POST', [
      {
        id: 'add',
        name: 'Add a person',
        type: 'CREATE_RECORD',
        valid: true,
        nextStepIds: [],
        settings: {
          input: {
            objectName: 'person',
            objectRecord: { name: { firstName: '{{trigger.body.first}}', lastName: 'Runner' } },
          },
          errorHandlingOptions: { retryOnFailure: { value: false }, continueOnFailure: { value: false } },
        },
      },
    ]),
  );
  const recordsInApp = (await storedRows(page, 'records')).length;
  const workspaceId = async () =>
    (await storedRows<{ key: string; value: { id: string } }>(page, 'meta')).find((r) => r.key === 'workspace')?.value
      .id;
  const workspace = await workspaceId();
  expect(workspace).toBeTruthy();
  const backup = await downloadBackup(page);

  // On the runner: import (no secrets in the file: the webhook URL gets a new token), serve, call.
  const data = join(dir, 'data');
  expect(runnerCommand('import', backup, '--data', data)).toMatch(
    new RegExp(`Imported .*: ${recordsInApp} records, 3 workflows`),
  );
  const url = /\tPOST (http\S+)/.exec(runnerCommand('workflows', '--data', data))![1];
  let runner: RunnerProcess | undefined;
  let runId: string;
  try {
    runner = await startRunnerProcess(['--data', data]);
    const called = await fetch(url.replace(/^http:\/\/[^/]+\//, runner.base), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ first: 'Grace' }),
    });
    expect(called.status).toBe(202);
    runId = ((await called.json()) as { runId: string }).runId;
    await runCompleted(runner.base, runId);
    await runnerPagesReadable(page, runner.base, runId);
  } finally {
    await runner?.stop();
  }
  const back = join(dir, 'from-runner.jsonl.gz');
  expect(runnerCommand('export', back, '--data', data)).toMatch(
    new RegExp(`Wrote .*: ${recordsInApp + 1} records, 3 workflows, 1 runs`),
  );

  // Back in the app: Settings → Restore a backup, replacing what is there.
  await page.goto('/settings');
  const restore = page.getByRole('region', { name: 'Restore a backup' });
  await restore.getByLabel('Backup file').setInputFiles(back);
  const summary = restore.getByRole('region', { name: 'Backup contents' });
  await expect(summary).toContainText(`${recordsInApp + 1} records`);
  await summary.getByRole('button', { name: 'Replace this workspace and restore' }).click();
  await expect(restore.getByRole('status')).toContainText(`Restored ${recordsInApp + 1} records`);
  // The same workspace, recognisably: the runner kept the app's identity.
  expect(await workspaceId()).toBe(workspace);

  // The record the runner wrote is in the People table, and the runner's run in the history.
  await page.goto('/objects/person');
  await expect(page.getByRole('grid', { name: 'People' }).getByRole('link', { name: 'Grace Runner' })).toBeVisible();
  await page.goto(`/runs/${runId!}`);
  await expect(page.getByText('Completed').first()).toBeVisible();
  await expect(page.getByRole('main')).toContainText('Add a person');
});
