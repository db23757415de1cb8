import { expect, test, type BrowserContext } from '@playwright/test';
import {
  activateAndRun,
  countRecords,
  createCompany,
  importJson,
  makeTimersDue,
  manualWorkflow,
  openApp,
  storedRows,
  storedRun,
  waitForServiceWorker,
} from './helpers';

// The service worker as engine host when no app tab is open (see also webhook.spec.ts).

/**
 * In a new app tab: a manual workflow that waits `duration`, then writes a company; runs it,
 * waits until the run waits, closes the tab (the last one). Returns the run's id.
 */
async function runDelayThenCloseTab(
  context: BrowserContext,
  duration: Record<string, number>,
  company: string,
): Promise<string> {
  const page = await context.newPage();
  await openApp(page);
  await waitForServiceWorker(page);
  await importJson(
    page,
    manualWorkflow('Delay then write', [
      {
        id: 'wait',
        name: 'Wait',
        type: 'DELAY',
        nextStepIds: ['c'],
        settings: { input: { delayType: 'DURATION', duration } },
      },
      createCompany('c', company),
    ]),
  );
  await activateAndRun(page);
  const runId = page.url().split('/').pop()!;
  await expect(page.getByTestId('run-status')).toHaveText('Waiting');
  await page.close();
  return runId;
}

test('closing the last tab during a short delay: the service worker takes the lead and completes the run', async ({
  context,
}) => {
  const runId = await runDelayThenCloseTab(context, { seconds: 3 }, 'Written after the tab closed');

  const outside = await context.newPage();
  await outside.goto('/hooks/not-a-workflow');
  await expect.poll(async () => (await storedRun(outside, runId))?.status, { timeout: 20_000 }).toBe('completed');
  expect(await countRecords(outside, 'company', { field: 'name', equals: 'Written after the tab closed' })).toBe(1);
});

// Chromium fires these on its own (periodic sync for an installed app, background sync when
// the network is back); DevTools dispatches them on demand.
for (const [wakeUp, method] of [
  ['periodic sync', 'ServiceWorker.dispatchPeriodicSyncEvent'],
  ['background sync', 'ServiceWorker.dispatchSyncEvent'],
] as const) {
  test(`a ${wakeUp} (dispatched through DevTools) makes the service worker run what fell due`, async ({ context }) => {
    const runId = await runDelayThenCloseTab(context, { minutes: 30 }, `Written on a ${wakeUp}`);

    // No app tab: the delay's timer is made due (as if 30 minutes passed), then the browser
    // wakes the service worker.
    const outside = await context.newPage();
    await outside.goto('/hooks/not-a-workflow');
    expect(await makeTimersDue(outside)).toBe(1);
    expect((await storedRun(outside, runId))?.status).toBe('waiting');

    const cdp = await context.newCDPSession(outside);
    const registrationId = new Promise<string>((resolve) => {
      cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
        const reg = registrations.find(
          (r: { scopeURL: string; isDeleted: boolean }) => r.scopeURL.endsWith('/') && !r.isDeleted,
        );
        if (reg) resolve(reg.registrationId);
      });
    });
    await cdp.send('ServiceWorker.enable');
    const origin = new URL(outside.url()).origin;
    await cdp.send(method, {
      origin,
      registrationId: await registrationId,
      tag: 'localflow-due-work',
      lastChance: false,
    });
    await expect.poll(async () => (await storedRun(outside, runId))?.status, { timeout: 20_000 }).toBe('completed');
    expect(await countRecords(outside, 'company', { field: 'name', equals: `Written on a ${wakeUp}` })).toBe(1);
  });
}

test('Settings: how much run history to keep, with a clear refusal below the minimum', async ({ page }) => {
  await openApp(page, '/settings');
  const card = page.getByRole('region', { name: 'Run history' });
  const keep = card.getByLabel(/Keep the newest runs of each workflow/);
  await expect(keep).toHaveValue('1000');
  await keep.fill('5');
  await card.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Keep at least 10 runs' })).toBeVisible();
  await keep.fill('25');
  await card.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'older finished runs are deleted' })).toBeVisible();
  expect((await storedRows<{ key: string; value: unknown }>(page, 'settings', 'runRetention'))[0]?.value).toBe(25);
});
