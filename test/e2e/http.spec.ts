import { expect, test, type Page } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { activateAndRun, importJson, manualWorkflow, openApp } from './helpers';

/** Real endpoints on 127.0.0.1, started by the test: one that allows this app (CORS), one that does not. */
let open: Server;
let closed: Server;
let openBase = '';
let closedBase = '';
const received: { method: string; body: string; key?: string }[] = [];

test.beforeAll(async () => {
  open = createServer((req, res) => {
    const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': 'content-type, idempotency-key, x-api', 'access-control-allow-methods': 'GET, POST' };
    if (req.method === 'OPTIONS') return void res.writeHead(204, cors).end();
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ method: req.method!, body, key: req.headers['idempotency-key'] as string | undefined });
      res.writeHead(200, { ...cors, 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, echo: body ? JSON.parse(body) : null }));
    });
  });
  closed = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"secret":true}'));
  await Promise.all([open, closed].map((s) => new Promise<void>((r) => s.listen(0, '127.0.0.1', r))));
  openBase = `http://127.0.0.1:${(open.address() as AddressInfo).port}`;
  closedBase = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
});
test.afterAll(() => {
  open.close();
  closed.close();
});

async function importAndRun(page: Page, name: string, input: Record<string, unknown>) {
  await importJson(page, manualWorkflow(name, [{ id: 'call', name: 'Call the endpoint', type: 'HTTP_REQUEST', settings: { input }, nextStepIds: [] }]));
  await activateAndRun(page);
}

test('an HTTP step POSTs JSON to a real local endpoint and keeps the answer', async ({ page }) => {
  await openApp(page);
  await importAndRun(page, 'Post to the local endpoint', { method: 'POST', url: `${openBase}/hook`, bodyType: 'json', body: { hello: 'world' } });
  await expect(page.getByTestId('run-status')).toHaveText('Completed');
  const step = page.getByRole('listitem', { name: 'Call the endpoint: SUCCESS' });
  await step.getByText('Input and output').click();
  await expect(step.getByLabel('Output')).toContainText('"echo": {');
  await expect(step.getByLabel('Output')).toContainText('"hello": "world"');
  expect(received.find((r) => r.method === 'POST')).toMatchObject({ body: '{"hello":"world"}', key: expect.stringMatching(/:call:1$/) });
});

test('an endpoint that does not allow this app (CORS) fails with what it must allow', async ({ page }) => {
  await openApp(page);
  await importAndRun(page, 'Call a closed endpoint', { method: 'GET', url: `${closedBase}/data` });
  await expect(page.getByTestId('run-status')).toHaveText('Failed');
  await expect(page.getByRole('alert')).toContainText('refused to share the answer (CORS)');
  await expect(page.getByRole('alert')).toContainText('Access-Control-Allow-Origin');
});

test('a 500 fails the step; with retry on, a retry waiting as a timer survives a page reload and succeeds', async ({ page }) => {
  let calls = 0;
  const flaky = createServer((req, res) => {
    const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': 'content-type, idempotency-key' };
    if (req.method === 'OPTIONS') return void res.writeHead(204, cors).end();
    calls++;
    if (calls <= 2) return void res.writeHead(500, { ...cors, 'content-type': 'text/plain' }).end('not yet');
    res.writeHead(200, { ...cors, 'content-type': 'application/json' }).end('{"ok":true}');
  });
  await new Promise<void>((r) => flaky.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(flaky.address() as AddressInfo).port}/flaky`;
  try {
    await openApp(page);
    // Without retry: the first 500 fails the run with the status.
    await importAndRun(page, 'No retry', { method: 'GET', url });
    await expect(page.getByTestId('run-status')).toHaveText('Failed');
    await expect(page.getByRole('alert')).toContainText('answered HTTP 500 Internal Server Error: not yet');

    // With retry: the second 500 schedules a retry in 1 s; the page reloads meanwhile; the retry succeeds.
    const file = {
      format: 'localflow.workflow', version: 1, name: 'With retry',
      trigger: { type: 'MANUAL', name: 'Launch manually', settings: { availability: { type: 'GLOBAL' } }, nextStepIds: ['call'] },
      steps: [{ id: 'call', name: 'Call the endpoint', type: 'HTTP_REQUEST', nextStepIds: [], settings: {
        input: { method: 'GET', url }, errorHandlingOptions: { retryOnFailure: { value: true, maxAttempts: 2 }, continueOnFailure: { value: false } } } }],
    };
    await importJson(page, file);
    await activateAndRun(page);
    await expect(page.getByTestId('run-status')).toHaveText('Waiting');
    await page.reload();
    await expect(page.getByTestId('run-status')).toHaveText('Completed', { timeout: 15_000 });
    await expect(page.getByRole('listitem', { name: 'Call the endpoint: SUCCESS' })).toContainText('attempt 2');
    expect(calls).toBe(3);
  } finally {
    flaky.close();
  }
});
