import { expect, test } from '@playwright/test';
import {
  activateAndRun,
  activeHook,
  countRecords,
  createCompany,
  importJson,
  manualWorkflow,
  openApp,
  storedRun,
  waitForServiceWorker,
  webhookWorkflow,
} from './helpers';

test('a webhook URL called with fetch from another tab starts a run with the body; a bad token gets 401; opening a URL in a tab works too', async ({
  page,
  context,
}) => {
  await openApp(page);
  const post = await activeHook(
    page,
    webhookWorkflow('Company from a POST hook', 'POST', [
      createCompany('c', '{{trigger.body.company}} ({{trigger.query.source}})'),
    ]),
  );
  const get = await activeHook(
    page,
    webhookWorkflow('Company from a GET hook', 'GET', [createCompany('c', '{{trigger.query.company}}')]),
  );

  const other = await context.newPage();
  await openApp(other, '/workflows', 'standby');
  await waitForServiceWorker(other);
  const answer = await other.evaluate(async (url) => {
    const r = await fetch(`${url}&source=tab`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ company: 'Hooked Ltd' }),
    });
    return { status: r.status, body: (await r.json()) as { runId: string } };
  }, post);
  expect(answer.status).toBe(202);
  expect(answer.body.runId).toMatch(/^[0-9a-f-]{36}$/);
  await expect.poll(() => countRecords(page, 'company', { field: 'name', equals: 'Hooked Ltd (tab)' })).toBe(1);
  await page.goto(`/runs/${answer.body.runId}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Company from a POST hook');
  await expect(page.getByTestId('run-status')).toHaveText('Completed');

  const refused = await other.evaluate(async (url) => {
    const bad = url.replace(/token=[\w-]+/, 'token=wrong');
    const r = await fetch(bad, { method: 'POST', body: '{}' });
    const malformed = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"company": ',
    });
    return {
      status: r.status,
      error: ((await r.json()) as { error: string }).error,
      malformed: malformed.status,
      reason: ((await malformed.json()) as { error: string }).error,
    };
  }, post);
  expect(refused).toMatchObject({ status: 401, malformed: 400 });
  expect(refused.error).toContain('token');
  expect(refused.reason).toContain('not valid JSON');

  // A navigation (a link or bookmark opened in a tab) is answered by the service worker too.
  const response = await other.goto(`${get}&company=${encodeURIComponent('Navigated Co')}`);
  expect(response?.status()).toBe(202);
  await expect(other.getByRole('heading', { name: 'Request received' })).toBeVisible();
  await other.getByRole('link', { name: 'Open the run' }).click();
  await expect(other.getByRole('heading', { level: 1 })).toContainText('Company from a GET hook');
  await expect.poll(() => countRecords(page, 'company', { field: 'name', equals: 'Navigated Co' })).toBe(1);
});

test('the service worker alone (no app tab open) completes a run woken by a hook call; a code step waits for a tab', async ({
  context,
}) => {
  await context.grantPermissions(['notifications']);
  const page = await context.newPage();
  await openApp(page, '/settings');
  await waitForServiceWorker(page);
  await page.getByLabel('Notify me about failed runs and waiting forms').click();
  await expect(page.getByLabel('Notify me about failed runs and waiting forms')).toBeChecked();
  const plain = await activeHook(
    page,
    webhookWorkflow('Background hook', 'GET', [
      createCompany('first', '{{trigger.query.company}}', ['wait']),
      {
        id: 'wait',
        name: 'Wait a second',
        type: 'DELAY',
        nextStepIds: ['second'],
        settings: { input: { delayType: 'DURATION', duration: { seconds: 1 } } },
      },
      createCompany('second', '{{trigger.query.company}} again'),
    ]),
  );
  const withCode = await activeHook(
    page,
    webhookWorkflow(
      'Hook with code',
      'GET',
      [createCompany('before', 'Before code')]
        .map((s) => ({ ...s, nextStepIds: ['code'] }))
        .concat([
          {
            id: 'code',
            name: 'Double',
            type: 'CODE',
            nextStepIds: ['after'],
            settings: { input: { code: 'export const main = (p) => ({ doubled: p.n * 2 })', params: { n: 21 } } },
          } as never,
          createCompany('after', 'After code {{code.doubled}}'),
        ]),
    ),
  );
  await page.close();
  expect(context.pages()).toHaveLength(0);

  // A tab that is not the app: the hook URL itself, answered by the service worker. First wait
  // until the closed tab's engine worker is gone (its pending lock request would make the
  // service worker leave the work to it, which a loaded machine can take a while to end).
  const hookTab = await context.newPage();
  await hookTab.goto('/hooks/not-a-workflow');
  await expect
    .poll(
      () =>
        hookTab.evaluate(async () => {
          const { held = [], pending = [] } = await navigator.locks.query();
          return [...held, ...pending].filter((l) => l.name === 'localflow-engine-leader').length;
        }),
      { timeout: 20_000 },
    )
    .toBe(0);
  const response = await hookTab.goto(`${plain}&company=${encodeURIComponent('Woken Co')}`);
  expect(response?.status()).toBe(202);
  const runId = (await hookTab.getByRole('link', { name: 'Open the run' }).getAttribute('href'))!.split('/').pop()!;
  // No app tab exists, so no tab engine: the service worker holds the engine lead and finishes the run (delay
  // included).
  // (It takes the lead just after answering: polled, as a loaded machine may take a moment.)
  await expect
    .poll(
      () =>
        hookTab.evaluate(async () =>
          (await navigator.locks.query()).held?.some((l) => l.name === 'localflow-engine-leader'),
        ),
      { timeout: 5000, intervals: [50] },
    )
    .toBe(true);
  await expect.poll(async () => (await storedRun(hookTab, runId))?.status, { timeout: 20_000 }).toBe('completed');
  expect(await countRecords(hookTab, 'company', { field: 'name', equals: 'Woken Co again' })).toBe(1);

  const codeResponse = await hookTab.goto(withCode);
  expect(codeResponse?.status()).toBe(202);
  const codeRunId = (await hookTab.getByRole('link', { name: 'Open the run' }).getAttribute('href'))!.split('/').pop()!;
  await expect
    .poll(async () => (await storedRun(hookTab, codeRunId))?.state.stepInfos.code?.waitingFor, { timeout: 20_000 })
    .toContain('Localflow tab');
  const waiting = await storedRun(hookTab, codeRunId);
  expect(waiting).toMatchObject({
    status: 'running',
    state: { stepInfos: { before: { status: 'SUCCESS' }, code: { status: 'NOT_STARTED' } } },
  });
  // The person opted in to notifications: the service worker says the run waits for a tab.
  await expect
    .poll(
      () =>
        hookTab.evaluate(async () =>
          (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => n.title),
        ),
      { timeout: 20_000 },
    )
    .toContain('“Hook with code” waits for Localflow to open');

  // Opening Localflow lends the run a sandbox: the code step runs and the run completes.
  await openApp(hookTab, `/runs/${codeRunId}`, 'any');
  await expect(hookTab.locator('.engine-status')).toHaveAttribute('data-role', 'leader', { timeout: 30_000 });
  await expect.poll(async () => (await storedRun(hookTab, codeRunId))?.status, { timeout: 20_000 }).toBe('completed');
  expect(await countRecords(hookTab, 'company', { field: 'name', equals: 'After code 42' })).toBe(1);
});

test('the webhook panel: URL, copy, regenerate token, expected body for the variable picker, and a test request that runs the draft', async ({
  page,
  context,
}, testInfo) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);
  await waitForServiceWorker(page);
  await importJson(
    page,
    webhookWorkflow('Signup hook', 'POST', [createCompany('c', '{{trigger.body.company}}')], { company: 'Acme' }),
  );
  await page.getByRole('link', { name: 'Edit draft' }).click();
  const panel = page.getByRole('complementary', { name: 'Step settings' });
  await expect(panel.getByLabel('Starts')).toHaveValue('WEBHOOK');
  const urlBox = panel.getByRole('textbox', { name: 'Webhook URL' });
  await expect(urlBox).toHaveValue(/\/hooks\/[\w-]+\?token=[\w-]{20,}$/);
  await expect(panel.locator('#webhook-reach')).toContainText('only pages and links opened in this browser');
  const first = await urlBox.inputValue();
  await panel.getByRole('button', { name: 'Copy URL' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(first);
  await panel.getByRole('button', { name: 'Regenerate token' }).click();
  await expect(urlBox).not.toHaveValue(first);
  const old = await page.evaluate(
    async (url) => (await fetch(url.replace(/(\/hooks\/[\w-]+)/, '$1/test'), { method: 'POST', body: '{}' })).status,
    first,
  );
  expect(old).toBe(401);

  const sample = panel.getByLabel(/Expected body/);
  await sample.fill('{"company": ');
  await expect(panel.getByRole('alert')).toContainText('not valid JSON');
  await sample.fill('{"company": "Test Request Co", "plan": "pro"}');
  await expect(panel.getByRole('alert')).toHaveCount(0);

  // The expected body's fields are offered as variables to the steps after the trigger.
  const canvas = page.getByRole('region', { name: 'Editing Signup hook' });
  await canvas.getByLabel('Create record: Create c').click();
  await panel.getByRole('button', { name: 'Insert variable into Name', exact: true }).click();
  const picker = panel.getByRole('dialog', { name: 'Variables for Name' });
  await expect(picker.getByRole('option', { name: 'Webhook › Body › plan', exact: true })).toBeVisible();
  await expect(picker.getByRole('option', { name: 'Webhook › Body › company', exact: true })).toBeVisible();
  await panel.getByRole('button', { name: 'Insert variable into Name', exact: true }).click();

  // Test and Dry run take the trigger data as JSON, prefilled from the expected body.
  const tryPanel = page.getByRole('region', { name: 'Test the draft' });
  const data = tryPanel.getByLabel(/Trigger data/);
  await expect(data).toHaveValue(/"company": "Test Request Co"/);
  await data.fill('{"body": ');
  await tryPanel.getByRole('button', { name: 'Dry run' }).click();
  await expect(tryPanel.getByRole('alert')).toContainText('The trigger data is not valid JSON');
  await data.fill('{"method": "POST", "body": {"company": "Typed Co"}, "query": {}}');
  await tryPanel.getByRole('button', { name: 'Dry run' }).click();
  await expect(tryPanel.getByRole('region', { name: 'Dry run results' })).toContainText('Create company “Typed Co”');

  await canvas.getByLabel('Trigger: Webhook').click();
  await panel.getByRole('button', { name: 'Send test request' }).click();
  const result = panel.getByRole('status', { name: 'Test request result' });
  await expect(result).toContainText('Answered HTTP 202');
  await expect(result).toContainText('"test":true');
  await testInfo.attach('webhook-panel', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
  await expect.poll(() => countRecords(page, 'company', { field: 'name', equals: 'Test Request Co' })).toBe(1);
  await result.getByRole('link', { name: 'Open the run' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Completed');
});

test('an HTTP step can call another workflow’s webhook (the engine worker’s request is answered by the service worker)', async ({
  page,
}) => {
  await openApp(page);
  await waitForServiceWorker(page);
  const hook = await activeHook(
    page,
    webhookWorkflow('Receiver', 'POST', [createCompany('c', '{{trigger.body.company}}')]),
  );
  await importJson(
    page,
    manualWorkflow('Caller', [
      {
        id: 'call',
        name: 'Call the receiver',
        type: 'HTTP_REQUEST',
        nextStepIds: [],
        settings: { input: { method: 'POST', url: hook, bodyType: 'json', body: { company: 'Chained Co' } } },
      },
    ]),
  );
  await activateAndRun(page);
  await expect(page.getByTestId('run-status')).toHaveText('Completed');
  await expect.poll(() => countRecords(page, 'company', { field: 'name', equals: 'Chained Co' })).toBe(1);
});

test('the service worker takes the lead back when the tab it yielded to leaves at once (as a closing tab’s engine does)', async ({
  context,
}) => {
  const page = await context.newPage();
  await openApp(page, '/settings');
  await waitForServiceWorker(page);
  const hook = await activeHook(
    page,
    webhookWorkflow('Yielding hook', 'GET', [
      {
        id: 'wait',
        name: 'Wait a second',
        type: 'DELAY',
        nextStepIds: ['after'],
        settings: { input: { delayType: 'DURATION', duration: { seconds: 2 } } },
      },
      createCompany('after', 'After the yield'),
    ]),
  );
  await page.close();
  const hookTab = await context.newPage();
  await hookTab.goto('/hooks/not-a-workflow');
  const leaderLocks = () =>
    hookTab.evaluate(async () => {
      const { held = [], pending = [] } = await navigator.locks.query();
      return {
        held: held.filter((l) => l.name === 'localflow-engine-leader').length,
        pending: pending.filter((l) => l.name === 'localflow-engine-leader').length,
      };
    });
  await expect.poll(leaderLocks, { timeout: 20_000 }).toEqual({ held: 0, pending: 0 });
  const response = await hookTab.goto(hook);
  expect(response?.status()).toBe(202);
  const runId = (await hookTab.getByRole('link', { name: 'Open the run' }).getAttribute('href'))!.split('/').pop()!;
  // The service worker holds the lead while the delay is due; then a context asks for the lead
  // (the service worker yields to it) and lets it go at once without running anything.
  await expect.poll(async () => (await leaderLocks()).held, { timeout: 5000, intervals: [50] }).toBe(1);
  await hookTab.evaluate(() =>
    navigator.locks.request('localflow-engine-leader', () => new Promise((r) => setTimeout(r, 100))),
  );
  await expect.poll(async () => (await storedRun(hookTab, runId))?.status, { timeout: 15_000 }).toBe('completed');
  expect(await countRecords(hookTab, 'company', { field: 'name', equals: 'After the yield' })).toBe(1);
});
