import { expect, test, type Page } from '@playwright/test';
import { startLocalServer, type LocalServer } from '../support/localServer';
import { activateAndRun, importJson, openApp } from './helpers';

let server: LocalServer;
let base = '';
const received: { body: Record<string, unknown>; auth?: string }[] = [];
test.beforeAll(async () => {
  server = await startLocalServer(
    (req, res) => {
      received.push({ body: JSON.parse(req.body), auth: req.headers.authorization });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"sent-1"}');
    },
    { cors: { headers: 'content-type, idempotency-key, authorization' } },
  );
  base = server.base;
});
test.afterAll(() => server.close());

async function runEmailWorkflow(page: Page) {
  const file = {
    format: 'localflow.workflow',
    version: 1,
    name: 'Email Ada',
    trigger: {
      type: 'MANUAL',
      name: 'Launch manually',
      settings: { availability: { type: 'GLOBAL' } },
      nextStepIds: ['mail'],
    },
    steps: [
      {
        id: 'mail',
        name: 'Send the welcome email',
        type: 'SEND_EMAIL',
        settings: { input: { to: 'ada@example.com', subject: 'Welcome aboard', body: 'Hello Ada!' } },
        nextStepIds: [],
      },
    ],
  };
  await importJson(page, file);
  await activateAndRun(page);
  await expect(page.getByTestId('run-status')).toHaveText('Completed');
}

test('with no email endpoint, sent mail shows in the Outbox', async ({ page }) => {
  await openApp(page);
  await runEmailWorkflow(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Outbox' }).click();
  const mail = page.getByRole('listitem', { name: 'Welcome aboard to ada@example.com' });
  await expect(mail).toContainText('Hello Ada!');
});

test('with an endpoint set up in Settings, the endpoint receives the rendered email', async ({ page }) => {
  await openApp(page, '/settings');
  const form = page.getByRole('form', { name: 'Email' });
  await form.getByLabel('Endpoint URL').fill(`${base}/send`);
  await form.getByLabel('From', { exact: true }).fill('crm@example.com');
  await form.getByRole('button', { name: '+ Header' }).click();
  await form.getByLabel('Header 1 name').fill('Authorization');
  await form.getByLabel('Header 1 value').fill('Bearer secret-key');
  await expect(form.getByLabel('Header 1 value')).toHaveAttribute('type', 'password');
  await form.getByRole('button', { name: 'Save email settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Email endpoint saved.' })).toBeVisible();
  await runEmailWorkflow(page);
  await expect.poll(() => received.length).toBe(1);
  expect(received[0]).toMatchObject({
    auth: 'Bearer secret-key',
    body: { to: 'ada@example.com', from: 'crm@example.com', subject: 'Welcome aboard', text: 'Hello Ada!' },
  });
});

test('an HTML email in the Outbox makes no request: remote images and styles are blocked until "Load images"', async ({
  page,
}) => {
  const hits: string[] = [];
  const tracker = await startLocalServer((req, res) => {
    hits.push(req.url ?? '');
    res
      .writeHead(200, { 'content-type': req.url?.endsWith('.css') ? 'text/css' : 'image/gif' })
      .end(req.url?.endsWith('.css') ? 'body{color:red}' : Buffer.from('R0lGODlhAQABAAAAACw=', 'base64'));
  });
  try {
    await openApp(page);
    const body = `<link rel="stylesheet" href="${tracker.base}/style.css"><p>Hello <b>Ada</b></p><img src="${tracker.base}/pixel.gif" alt="">`;
    await importJson(page, {
      format: 'localflow.workflow',
      version: 1,
      name: 'HTML mail',
      trigger: {
        type: 'MANUAL',
        name: 'Launch manually',
        settings: { availability: { type: 'GLOBAL' } },
        nextStepIds: ['mail'],
      },
      steps: [
        {
          id: 'mail',
          name: 'Send',
          type: 'SEND_EMAIL',
          settings: { input: { to: 'ada@example.com', subject: 'Tracked', body, bodyFormat: 'html' } },
          nextStepIds: [],
        },
      ],
    });
    await activateAndRun(page);
    await expect(page.getByTestId('run-status')).toHaveText('Completed');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Outbox' }).click();
    const mail = page.getByRole('listitem', { name: 'Tracked to ada@example.com' });
    await expect(mail.frameLocator('iframe').getByText('Hello')).toBeVisible();
    await page.waitForTimeout(500);
    expect(hits).toEqual([]);
    await mail.getByRole('button', { name: 'Load images' }).click();
    await expect.poll(() => hits).toEqual(['/pixel.gif']);
  } finally {
    await tracker.close();
  }
});
