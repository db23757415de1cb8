import { expect, test } from '@playwright/test';
import { importJson, makeTimersDue, openApp, storedRows, waitForServiceWorker } from './helpers';

test('a schedule (every 2 seconds, as a custom pattern) creates runs while the page is open; the editor shows its next times', async ({
  page,
}) => {
  await openApp(page);
  const file = {
    format: 'localflow.workflow',
    version: 1,
    name: 'Heartbeat',
    trigger: {
      type: 'CRON',
      name: 'Every 2 seconds',
      settings: {
        schedule: { type: 'CUSTOM', pattern: '*/2 * * * * *' },
        timezone: 'Europe/Paris',
        missedRuns: 'once',
      },
      nextStepIds: ['n'],
    },
    steps: [
      {
        id: 'n',
        name: 'Beat',
        type: 'CREATE_RECORD',
        nextStepIds: [],
        settings: { input: { objectName: 'note', objectRecord: { title: 'beat at {{trigger.scheduledAt}}' } } },
      },
    ],
  };
  await importJson(page, file);
  await expect(page.getByText('On a schedule (cron “*/2 * * * * *”, Europe/Paris)').first()).toBeVisible();

  await page.getByRole('link', { name: 'Edit draft' }).click();
  const panel = page.getByRole('complementary', { name: 'Step settings' });
  await expect(panel.getByRole('list', { name: 'Next five times' }).getByRole('listitem')).toHaveCount(5);
  await panel.getByRole('textbox', { name: 'Cron pattern' }).fill('* * *');
  await expect(panel.getByRole('alert')).toContainText('5 fields');
  await panel.getByRole('textbox', { name: 'Cron pattern' }).fill('*/2 * * * * *');
  await expect(page.getByRole('status').filter({ hasText: 'Draft saved' })).toBeVisible();
  await page.getByRole('button', { name: 'Activate' }).click();
  await expect(page.locator('h1 .badge')).toHaveText('Active');
  await expect(page.getByRole('table', { name: 'Runs of Heartbeat' }).getByText('Completed')).toHaveCount(3, {
    timeout: 15_000,
  });
  await page.getByRole('button', { name: 'Deactivate' }).click();
});

test('after every tab was closed past due times, reopening applies each workflow’s missed-runs policy and the history lists the missed times', async ({
  context,
}) => {
  test.setTimeout(90_000);
  const page = await context.newPage();
  await openApp(page);
  await waitForServiceWorker(page);
  const minutely = (name: string, missedRuns: 'once' | 'skip') => ({
    format: 'localflow.workflow',
    version: 1,
    name,
    trigger: {
      type: 'CRON',
      name: 'Every minute',
      settings: { schedule: { type: 'MINUTES', minutes: 1 }, timezone: 'UTC', missedRuns },
      nextStepIds: ['n'],
    },
    steps: [
      {
        id: 'n',
        name: 'Note',
        type: 'CREATE_RECORD',
        nextStepIds: [],
        settings: { input: { objectName: 'note', objectRecord: { title: `${name}: {{trigger.missedTimes}}` } } },
      },
    ],
  });
  for (const [name, policy] of [
    ['Catch up once', 'once'],
    ['Skip missed', 'skip'],
  ] as const) {
    await importJson(page, minutely(name, policy));
    await page.getByRole('button', { name: 'Activate', exact: true }).click();
    await expect(page.locator('h1 .badge')).toHaveText('Active');
  }
  await page.close();

  // The closing tab handed the engine to the service worker, which fires a schedule due within
  // 25 s on time before it lets go. Then, with every app tab closed, the browser "sleeps" for
  // ten minutes: the stored due times move ten minutes into the past (the engine reads time
  // from the clock and due times from the database; the clock of a worker cannot be moved).
  const outside = await context.newPage();
  await outside.goto('/hooks/not-a-workflow');
  const moved = await makeTimersDue(outside, { kind: 'schedule', shiftMs: 10 * 60_000 });
  expect(moved).toBe(2);

  await openApp(outside, '/runs');
  const runs = outside.getByRole('table', { name: /Runs/ });
  await expect(runs.getByRole('row').filter({ hasText: 'Skip missed' }).getByText('Skipped')).toBeVisible();
  // (A regular run may follow if a minute boundary passes meanwhile.)
  await expect(runs.getByRole('row').filter({ hasText: 'Catch up once' }).getByText('Completed').first()).toBeVisible();
  await expect(
    runs
      .getByRole('row')
      .filter({ hasText: 'Catch up once' })
      .getByText(/for 1[01] missed times/),
  ).toBeVisible();
  await runs.getByRole('row').filter({ hasText: 'Skip missed' }).getByRole('link').first().click();
  await expect(outside.getByRole('alert')).toContainText(
    /Skipped 1[01] scheduled times missed while Localflow was closed/,
  );
  await outside.goBack();
  await runs
    .getByRole('row')
    .filter({ hasText: /for 1[01] missed times/ })
    .getByRole('link')
    .first()
    .click();
  await expect(outside.getByRole('note').filter({ hasText: 'missed while Localflow was closed' })).toContainText(
    /stands for 1[01] scheduled times/,
  );
  // "Once": one run whose trigger data lists every missed time.
  await expect
    .poll(async () =>
      (await storedRows<{ object: string; data: { title?: string } }>(outside, 'records'))
        .filter((n) => n.object === 'note' && n.data.title?.startsWith('Catch up once: ['))
        .some((n) => {
          const missed = (JSON.parse(n.data.title!.slice('Catch up once: '.length)) as string[]).length;
          return missed >= 10 && missed <= 11;
        }),
    )
    .toBe(true);
});
