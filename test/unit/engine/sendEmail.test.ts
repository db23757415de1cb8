import { startLocalServer, type LocalServer } from '../../support/localServer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailService, EMAIL_SETTINGS_KEY } from '../../../src/db/mail';
import { step } from '../helpers';
import { runSteps, setup } from './env';
import { freshWorkspace } from '../workspaces';

let server: LocalServer;
let url = '';
const received: { headers: Record<string, unknown>; body: unknown }[] = [];
beforeAll(async () => {
  server = await startLocalServer((req, res) => {
    received.push({ headers: req.headers, body: JSON.parse(req.body) });
    res
      .writeHead(req.url === '/down' ? 503 : 200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ id: 'msg-42' }));
  });
  url = server.base;
});
afterAll(() => server.close());

async function withEmail() {
  const db = await freshWorkspace();
  return setup({ db, services: { sendEmail: emailService(db) } });
}
const email = (input: Record<string, unknown>) =>
  step('mail', 'SEND_EMAIL', { subject: 'Hello {{trigger.who}}', body: 'Body', ...input });

describe('SEND_EMAIL', () => {
  it('with no endpoint, lands in the in-app Outbox', async () => {
    const env = await withEmail();
    const { run, info, db } = await runSteps([email({ to: 'ada@example.com, grace@example.com' })], ['mail'], env);
    expect(run.status).toBe('completed');
    expect(info('mail').output).toMatchObject({ success: true, deliveredTo: 'outbox' });
    const [mail] = await db.mailbox.toArray();
    expect(mail).toMatchObject({
      runId: run.id,
      stepId: 'mail',
      message: { to: ['ada@example.com', 'grace@example.com'], subject: 'Hello ' },
    });
  });

  it('with an endpoint, POSTs the rendered template with its headers and an Idempotency-Key', async () => {
    const env = await withEmail();
    await env.db.settings.put({
      key: EMAIL_SETTINGS_KEY,
      value: {
        url: `${url}/send`,
        headers: { Authorization: 'Bearer k' },
        from: 'crm@example.com',
        bodyTemplate:
          '{"to":"{{email.to}}","subject":"{{email.subject}}","text":"{{email.text}}","from":"{{email.from}}"}',
      },
    });
    const { run, info } = await runSteps([email({ to: 'ada@example.com', bodyFormat: 'text' })], ['mail'], env);
    expect(info('mail').output).toMatchObject({ deliveredTo: 'endpoint', messageId: 'msg-42' });
    const last = received[received.length - 1];
    expect(last.body).toEqual({ to: 'ada@example.com', subject: 'Hello ', text: 'Body', from: 'crm@example.com' });
    expect(last.headers).toMatchObject({ authorization: 'Bearer k', 'idempotency-key': `${run.id}:mail:1` });
  });

  it('refuses bad recipients and reports a failing endpoint', async () => {
    const bad = await runSteps([email({ to: 'not-an-address' })], ['mail'], withEmail());
    expect(bad.info('mail').error).toContain('To: “not-an-address” is not an email address');
    const env = await withEmail();
    await env.db.settings.put({
      key: EMAIL_SETTINGS_KEY,
      value: { url: `${url}/down`, headers: {}, from: '', bodyTemplate: '' },
    });
    const down = await runSteps([email({ to: 'ada@example.com' })], ['mail'], env);
    expect(down.info('mail').error).toContain('the email endpoint answered HTTP 503');
    expect(await env.db.mailbox.count()).toBe(0);
  });
});
