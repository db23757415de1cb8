import { expect, test, type Page } from '@playwright/test';
import { startLocalServer, type LocalServer } from '../support/localServer';
import { activateAndRun, importJson, manualWorkflow, openApp } from './helpers';

/** Real endpoints on 127.0.0.1, started by the test: one that allows this app (CORS), one that does not. */
let open: LocalServer;
let closed: LocalServer;
let openBase = '';
let closedBase = '';
const received: { method: string; body: string; key?: string }[] = [];

test.beforeAll(async () => {
  [open, closed] = await Promise.all([
    startLocalServer(
      (req, res) => {
        received.push({
          method: req.method!,
          body: req.body,
          key: req.headers['idempotency-key'] as string | undefined,
        });
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ ok: true, echo: req.body ? JSON.parse(req.body) : null }));
      },
      { cors: { headers: 'content-type, idempotency-key, x-api', methods: 'GET, POST' } },
    ),
    startLocalServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"secret":true}')),
  ]);
  openBase = open.base;
  closedBase = closed.base;
});
test.afterAll(async () => {
  await Promise.all([open.close(), closed.close()]);
});

async function importAndRun(page: Page, name: string, input: Record<string, unknown>) {
  await importJson(
    page,
    manualWorkflow(name, [
      { id: 'call', name: 'Call the endpoint', type: 'HTTP_REQUEST', settings: { input }, nextStepIds: [] },
    ]),
  );
  await activateAndRun(page);
}

test('an HTTP step POSTs JSON to a real local endpoint and keeps the answer', async ({ page }) => {
  await openApp(page);
  await importAndRun(page, 'Post to the local endpoint', {
    method: 'POST',
    url: `${openBase}/hook`,
    bodyType: 'json',
    body: { hello: 'world' },
  });
  await expect(page.getByTestId('run-status')).toHaveText('Completed');
  const step = page.getByRole('listitem', { name: 'Call the endpoint: SUCCESS' });
  await step.getByText('Input and output').click();
  await expect(step.getByLabel('Output')).toContainText('"echo": {');
  await expect(step.getByLabel('Output')).toContainText('"hello": "world"');
  expect(received.find((r) => r.method === 'POST')).toMatchObject({
    body: '{"hello":"world"}',
    key: expect.stringMatching(/:call:1$/),
  });
});

test('an endpoint that does not allow this app (CORS) fails with what it must allow', async ({ page }) => {
  await openApp(page);
  await importAndRun(page, 'Call a closed endpoint', { method: 'GET', url: `${closedBase}/data` });
  await expect(page.getByTestId('run-status')).toHaveText('Failed');
  await expect(page.getByRole('alert')).toContainText('refused to share the answer (CORS)');
  await expect(page.getByRole('alert')).toContainText('Access-Control-Allow-Origin');
});

test('a 500 fails the step; with retry on, a retry waiting as a timer survives a page reload and succeeds', async ({
  page,
}) => {
  let calls = 0;
  const flaky = await startLocalServer(
    (_req, res) => {
      calls++;
      if (calls <= 2) return void res.writeHead(500, { 'content-type': 'text/plain' }).end('not yet');
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    },
    { cors: { headers: 'content-type, idempotency-key' } },
  );
  const url = `${flaky.base}/flaky`;
  try {
    await openApp(page);
    // Without retry: the first 500 fails the run with the status.
    await importAndRun(page, 'No retry', { method: 'GET', url });
    await expect(page.getByTestId('run-status')).toHaveText('Failed');
    await expect(page.getByRole('alert')).toContainText('answered HTTP 500 Internal Server Error: not yet');

    // With retry: the second 500 schedules a retry in 1 s; the page reloads meanwhile; the retry succeeds.
    const file = {
      format: 'localflow.workflow',
      version: 1,
      name: 'With retry',
      trigger: {
        type: 'MANUAL',
        name: 'Launch manually',
        settings: { availability: { type: 'GLOBAL' } },
        nextStepIds: ['call'],
      },
      steps: [
        {
          id: 'call',
          name: 'Call the endpoint',
          type: 'HTTP_REQUEST',
          nextStepIds: [],
          settings: {
            input: { method: 'GET', url },
            errorHandlingOptions: {
              retryOnFailure: { value: true, maxAttempts: 2 },
              continueOnFailure: { value: false },
            },
          },
        },
      ],
    };
    await importJson(page, file);
    await activateAndRun(page);
    await expect(page.getByTestId('run-status')).toHaveText('Waiting');
    await page.reload();
    await expect(page.getByTestId('run-status')).toHaveText('Completed', { timeout: 15_000 });
    await expect(page.getByRole('listitem', { name: 'Call the endpoint: SUCCESS' })).toContainText('attempt 2');
    expect(calls).toBe(3);
  } finally {
    await flaky.close();
  }
});
