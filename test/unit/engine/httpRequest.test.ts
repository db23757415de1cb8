import type { IncomingMessage } from 'node:http';
import { startLocalServer, type LocalServer } from '../../support/localServer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWorkflowFile } from '../../../src/share/workflowFile';
import { manualGlobal, step, workflowFile } from '../helpers';
import { runSteps, setup } from './env';
import { freshWorkspace } from '../workspaces';

let server: LocalServer;
let base = '';
const seen: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] = [];
let failuresLeft = 0;

beforeAll(async () => {
  server = await startLocalServer((req, res) => {
    const body = req.body;
    seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
    if (req.url?.startsWith('/slow')) return void setTimeout(() => res.end('late'), 2000);
    if (req.url?.startsWith('/flaky') && failuresLeft-- > 0)
      return void res.writeHead(500, { 'content-type': 'text/plain' }).end('try later');
    if (req.url?.startsWith('/fail')) return void res.writeHead(500, { 'content-type': 'text/plain' }).end('boom');
    res
      .writeHead(200, { 'content-type': 'application/json', 'x-echo': 'yes' })
      .end(JSON.stringify({ method: req.method, url: req.url, received: body ? JSON.parse(body) : null }));
  });
  base = server.base;
});
afterAll(() => server.close());

const http = (id: string, input: Record<string, unknown>, next: string[] = []) => step(id, 'HTTP_REQUEST', input, next);

describe('HTTP_REQUEST', () => {
  it('GET with query; POST a JSON body built from variables; output has status, headers and parsed body', async () => {
    const { run, info } = await runSteps(
      [
        http('get', { method: 'GET', url: `${base}/people`, query: { q: 'ada' } }, ['post']),
        http('post', {
          method: 'POST',
          url: `${base}/echo`,
          headers: { 'X-Api': 'k1' },
          bodyType: 'json',
          body: { name: 'Ada', fromGet: '{{get.body.url}}' },
        }),
      ],
      ['get'],
    );
    expect(run.status).toBe('completed');
    expect(info('get').output).toMatchObject({
      status: 200,
      headers: { 'x-echo': 'yes' },
      body: { method: 'GET', url: '/people?q=ada' },
    });
    expect(info('post').output).toMatchObject({ body: { received: { name: 'Ada', fromGet: '/people?q=ada' } } });
    const post = seen.find((r) => r.url === '/echo')!;
    expect(post.headers['x-api']).toBe('k1');
    expect(post.headers['content-type']).toBe('application/json');
    expect(post.headers['idempotency-key']).toBe(`${run.id}:post:1`);
  });

  it('a timeout, a 500, an unreachable host and a bad URL each fail with their own reason', async () => {
    const slow = await runSteps([http('h', { url: `${base}/slow`, timeoutMs: 200 })], ['h']);
    expect(slow.info('h').error).toMatch(/did not answer within 0.2 s \(timeout\)/);
    const failing = await runSteps([http('h', { url: `${base}/fail` })], ['h']);
    expect(failing.info('h').error).toMatch(/answered HTTP 500 Internal Server Error: boom/);
    const tolerated = await runSteps([http('h', { url: `${base}/fail`, failOnNon2xx: false })], ['h']);
    expect(tolerated.info('h')).toMatchObject({ status: 'SUCCESS', output: { status: 500, body: 'boom' } });
    const down = await runSteps([http('h', { url: 'http://127.0.0.1:9/nothing' })], ['h']);
    expect(down.info('h').error).toMatch(/could not reach 127.0.0.1:9 \(network failure/);
    const bad = await runSteps([http('h', { url: 'not a url' })], ['h']);
    expect(bad.info('h').error).toContain('is not a URL');
  });

  it('retries a 500 after 1 s with a new idempotency key, then succeeds', async () => {
    failuresLeft = 1;
    const env = await setup();
    const flaky = http('h', { url: `${base}/flaky` });
    flaky.settings.errorHandlingOptions = {
      retryOnFailure: { value: true, maxAttempts: 2 } as never,
      continueOnFailure: { value: false },
    };
    const { run, db, clock, engine } = await runSteps([flaky], ['h'], env);
    expect(run.status).toBe('waiting');
    clock.advance(1000);
    await engine.idle();
    const done = (await db.runs.get(run.id))!;
    expect(done.status).toBe('completed');
    const keys = seen.filter((r) => r.url === '/flaky').map((r) => r.headers['idempotency-key']);
    expect(keys).toEqual([`${run.id}:h:1`, `${run.id}:h:2`]);
  });

  it('a dry run makes no request', async () => {
    const before = seen.length;
    const file = readWorkflowFile(
      workflowFile(manualGlobal(['h']), [
        http('h', { method: 'POST', url: `${base}/echo`, bodyType: 'json', body: { x: 1 } }),
      ]),
    );
    const result = await (await freshWorkspace()).dryRun(file, {});
    expect(result.run.status).toBe('completed');
    expect(result.notCalled).toEqual(['h']);
    expect(seen.length).toBe(before);
  });
});

describe('secrets', () => {
  it('{{secrets.NAME}} reaches the endpoint, while the run history and the exported file only show the name or ••••', async () => {
    const { toWorkflowFile } = await import('../../../src/share/workflowFile');
    const env = await setup({ services: { secrets: async () => ({ API_KEY: 'sk-very-secret' }) } });
    const call = http('h', {
      url: `${base}/secured?key={{secrets.API_KEY}}`,
      headers: { Authorization: 'Bearer {{secrets.API_KEY}}' },
    });
    const { run, info, db } = await runSteps([call], ['h'], env);
    expect(run.status).toBe('completed');
    const request = seen.find((r) => r.url.startsWith('/secured'))!;
    expect(request.headers.authorization).toBe('Bearer sk-very-secret');
    expect(request.url).toBe('/secured?key=sk-very-secret');
    expect(JSON.stringify(info('h').input)).not.toContain('sk-very-secret');
    expect(info('h').input).toMatchObject({
      headers: { authorization: 'Bearer ••••' },
      url: `${base}/secured?key=••••`,
    });
    const version = (await db.versions.toArray()).find((v) => v.steps.some((s) => s.id === 'h'))!;
    expect(JSON.stringify(toWorkflowFile('x', version.trigger, version.steps))).toContain('{{secrets.API_KEY}}');
    expect(JSON.stringify(toWorkflowFile('x', version.trigger, version.steps))).not.toContain('sk-very-secret');
  });
});

describe('secrets stay out of the run history', () => {
  it('an endpoint echoing the secret, a secret in the URL, and an error naming the URL: the stored run shows •••• only', async () => {
    const secret = 'sk-live-0123456789';
    const env = await setup({ services: { secrets: async () => ({ API_KEY: secret }) } });
    const { run, db } = await runSteps(
      [
        http(
          'echo',
          {
            method: 'POST',
            url: `${base}/echo?key={{secrets.API_KEY}}`,
            headers: { authorization: 'Bearer {{secrets.API_KEY}}' },
            bodyType: 'json',
            body: { token: '{{secrets.API_KEY}}' },
          },
          ['fail'],
        ),
        {
          ...http('fail', { method: 'GET', url: `${base}/fail?key={{secrets.API_KEY}}` }),
          settings: {
            input: { method: 'GET', url: `${base}/fail?key={{secrets.API_KEY}}` },
            errorHandlingOptions: { retryOnFailure: { value: false }, continueOnFailure: { value: true } },
          },
        },
      ],
      ['echo'],
      env,
    );
    expect(seen.some((r) => r.url.includes(secret))).toBe(true); // the endpoint did get it
    const stored = JSON.stringify(await db.runs.get(run.id));
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain(encodeURIComponent(secret));
    expect(stored).toContain('••••');
  });
});
