import { describe, expect, it } from 'vitest';
import { Engine } from '../../../src/engine/engine';
import type { EngineStore } from '../../../src/engine/ports';
import { handleHookRequest, matchHookPath } from '../../../src/engine/webhookHttp';
import { step, workflowFile } from '../helpers';
import { appWorkflows, recordsOf, setup } from './env';
import { ON_SQL } from '../workspaces';

const SCOPE = 'http://127.0.0.1:4173/';
const webhook = (httpMethod: 'GET' | 'POST', next: string[], expectedBody = {}) => ({
  type: 'WEBHOOK',
  name: 'Webhook',
  settings: { httpMethod, expectedBody },
  nextStepIds: next,
});

async function hookEnv(httpMethod: 'GET' | 'POST' = 'POST') {
  const env = await setup();
  const workflowId = await env.install(
    workflowFile(
      webhook(httpMethod, ['c']),
      [
        step('c', 'CREATE_RECORD', {
          objectName: 'company',
          objectRecord: { name: httpMethod === 'POST' ? '{{trigger.body.company}}' : '{{trigger.query.company}}' },
        }),
      ],
      'Company from a webhook',
    ),
  );
  const token = await env.db.hookToken(workflowId);
  const call = async (
    init: RequestInit & { path?: string; tokenValue?: string; search?: string; store?: EngineStore } = {},
  ) => {
    const url = `${SCOPE}${init.path ?? `hooks/${workflowId}`}?token=${encodeURIComponent(init.tokenValue ?? token)}${init.search ?? ''}`;
    const { response, runId } = await handleHookRequest(
      new Request(url, init),
      init.store ?? env.store,
      SCOPE,
      env.clock.now,
    );
    return {
      status: response.status,
      json: response.headers.get('content-type')?.includes('json')
        ? ((await response.json()) as Record<string, unknown>)
        : await response.text(),
      runId,
      response,
    };
  };
  return { ...env, workflowId, token, call };
}

describe('webhook trigger (the service worker’s /hooks/ handler)', () => {
  it('POST with a JSON body starts a run with the body and answers 202 {runId}', async () => {
    const env = await hookEnv();
    const r = await env.call({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ company: 'Hooked Ltd' }),
      search: '&source=test',
    });
    expect(r.status).toBe(202);
    expect(r.json).toEqual({ runId: r.runId, workflowId: env.workflowId });
    const run = (await env.db.runs.get(r.runId!))!;
    expect(run.status).toBe('queued');
    expect(run.triggerPayload).toMatchObject({
      method: 'POST',
      body: { company: 'Hooked Ltd' },
      query: { source: 'test' },
    });
    expect((run.triggerPayload as { query: object }).query).not.toHaveProperty('token');
    env.engine.start();
    await env.engine.idle();
    expect((await env.db.runs.get(r.runId!))!.status).toBe('completed');
    expect((await recordsOf(env.db, 'company')).some((c) => c.data.name === 'Hooked Ltd')).toBe(true);
  });

  it('GET passes the query; form bodies and text/plain JSON are read too', async () => {
    const get = await hookEnv('GET');
    const r = await get.call({ method: 'GET', search: '&company=Query%20Co&tag=a&tag=b' });
    expect(r.status).toBe(202);
    expect((await get.db.runs.get(r.runId!))!.triggerPayload).toMatchObject({
      method: 'GET',
      query: { company: 'Query Co', tag: ['a', 'b'] },
      body: {},
    });

    const post = await hookEnv('POST');
    const form = await post.call({
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'company=Form+Co&n=2',
    });
    expect((await post.db.runs.get(form.runId!))!.triggerPayload).toMatchObject({
      body: { company: 'Form Co', n: '2' },
    });
    const multipart = new FormData();
    multipart.set('company', 'Multi Co');
    const mp = await post.call({ method: 'POST', body: multipart });
    expect((await post.db.runs.get(mp.runId!))!.triggerPayload).toMatchObject({ body: { company: 'Multi Co' } });
    // fetch(url, {body: JSON.stringify(x)}) sends text/plain: still JSON.
    const plain = await post.call({ method: 'POST', body: JSON.stringify({ company: 'Plain Co' }) });
    expect((await post.db.runs.get(plain.runId!))!.triggerPayload).toMatchObject({ body: { company: 'Plain Co' } });
  });

  it('refuses a wrong token (401), an inactive or unknown workflow (404), the wrong method (405), a malformed body (400)', async () => {
    const env = await hookEnv();
    expect((await env.call({ method: 'POST', body: '{}', tokenValue: 'nope' })).status).toBe(401);
    expect((await env.call({ method: 'POST', body: '{}', tokenValue: '' })).status).toBe(401);
    const bad = await env.call({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"company": ',
    });
    expect(bad.status).toBe(400);
    expect(String((bad.json as { error: string }).error)).toMatch(/not valid JSON/);
    const wrongMethod = await env.call({ method: 'GET' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.response.headers.get('allow')).toBe('POST');
    expect((await env.call({ method: 'POST', body: '{}', path: 'hooks/no-such-workflow' })).status).toBe(404);
    expect((await env.call({ method: 'PUT', body: '{}' })).status).toBe(405);
    const huge = await env.call({ method: 'POST', body: JSON.stringify({ blob: 'x'.repeat(1_100_000) }) });
    expect(huge.status).toBe(413);
    expect(String((huge.json as { error: string }).error)).toContain('larger than 1 MB');
    expect(await env.db.runs.count()).toBe(0);

    await env.db.deactivate(env.workflowId, env.clock.now);
    const inactive = await env.call({ method: 'POST', body: '{}' });
    expect(inactive.status).toBe(404);
    expect(String((inactive.json as { error: string }).error)).toMatch(/not active/);
    // The test URL runs the draft (the editor's: the app's alone) even when the workflow is not active.
    if (ON_SQL) return;
    await appWorkflows(env).useAsDraft(env.workflowId);
    const test = await env.call({
      method: 'POST',
      body: '{"company":"Test Co"}',
      path: `hooks/${env.workflowId}/test`,
    });
    expect(test.status).toBe(202);
    expect(test.json).toMatchObject({ test: true });
    expect(await env.db.runs.count()).toBe(1);
  });

  it('a storage failure answers 503 and starts nothing', async () => {
    const env = await hookEnv();
    const full = {
      ...env.store,
      transaction: async () => {
        throw new DOMException('quota', 'QuotaExceededError');
      },
    };
    const { response, runId } = await handleHookRequest(
      new Request(`${SCOPE}hooks/${env.workflowId}?token=${env.token}`, { method: 'POST', body: '{}' }),
      full,
      SCOPE,
    );
    expect(response.status).toBe(503);
    expect(((await response.json()) as { error: string }).error).toContain('storage for Localflow is full');
    expect(runId).toBeUndefined();
    expect(await env.db.runs.count()).toBe(0);
  });

  // A new token is made in the app's workflow settings.
  it.skipIf(ON_SQL)('a regenerated token revokes the old URL', async () => {
    const env = await hookEnv();
    const fresh = await appWorkflows(env).regenerateHookToken(env.workflowId);
    expect(fresh).not.toBe(env.token);
    expect((await env.call({ method: 'POST', body: '{}' })).status).toBe(401);
    expect((await env.call({ method: 'POST', body: '{}', tokenValue: fresh })).status).toBe(202);
  });

  it('a person opening the URL in a tab gets a page with a link to the run', async () => {
    const env = await hookEnv('GET');
    const url = `${SCOPE}hooks/${env.workflowId}?token=${env.token}&company=Nav`;
    // Request's constructor refuses mode "navigate"; the service worker sees it on navigations.
    const request = new Request(url);
    Object.defineProperty(request, 'mode', { value: 'navigate' });
    const { response, runId } = await handleHookRequest(request, env.store, SCOPE, env.clock.now);
    expect(response.status).toBe(202);
    const html = await response.text();
    expect(html).toContain(`/runs/${runId}`);
  });

  it('matches only /hooks/<id> and /hooks/<id>/test under the scope', () => {
    expect(matchHookPath(new URL(`${SCOPE}hooks/abc-1`), SCOPE)).toEqual({ workflowId: 'abc-1', test: false });
    expect(matchHookPath(new URL(`${SCOPE}hooks/abc-1/test`), SCOPE)).toEqual({ workflowId: 'abc-1', test: true });
    expect(matchHookPath(new URL(`${SCOPE}hooks/a/b/c`), SCOPE)).toBeNull();
    expect(matchHookPath(new URL('http://elsewhere.test/hooks/abc'), SCOPE)).toBeNull();
    expect(matchHookPath(new URL(`${SCOPE}app/hooks/abc`), `${SCOPE}app/`)).toEqual({ workflowId: 'abc', test: false });
  });
});

describe('webhook chains', () => {
  it('a workflow that calls its own webhook is stopped by the loop guard, with the skip in the history', async () => {
    const ref: { store?: import('../../../src/engine/ports').EngineStore } = {};
    // As in the browser: a request to a hook URL is answered by the service worker's handler.
    const env = await setup({
      services: {
        fetch: async (input, init) => (await handleHookRequest(new Request(input, init), ref.store!, SCOPE)).response,
      },
    });
    ref.store = env.store;
    const id = await env.install(
      workflowFile(
        webhook('POST', ['call']),
        [
          step('call', 'HTTP_REQUEST', {
            method: 'POST',
            url: '{{trigger.body.self}}',
            bodyType: 'json',
            body: { self: '{{trigger.body.self}}' },
          }),
        ],
        'Calls itself',
      ),
    );
    const token = await env.db.hookToken(id);
    const self = `${SCOPE}hooks/${id}?token=${token}`;
    await handleHookRequest(
      new Request(self, { method: 'POST', body: JSON.stringify({ self }) }),
      env.store,
      SCOPE,
      env.clock.now,
    );
    env.engine.start();
    const unfinished = async () =>
      (await env.db.runs.toArray()).filter((r) => r.status === 'queued' || r.status === 'running').length;
    for (let i = 0; i < 20 && (await unfinished()) > 0; i++) await env.engine.idle();
    const runs = (await env.db.runs.toArray()).sort((a, b) => a.depth - b.depth);
    expect(runs.map((r) => [r.depth, r.status])).toEqual([
      [0, 'completed'],
      [1, 'completed'],
      [2, 'completed'],
      [3, 'completed'],
      [4, 'completed'],
      [5, 'completed'],
      [6, 'skipped'],
    ]);
    expect(runs[6].error).toMatch(/Loop guard: skipped because this webhook was called by run/);
    expect((runs[5].state.stepInfos.call.output as { body: { skipped?: string } }).body.skipped).toMatch(/Loop guard/);
  });
});

describe('a host that cannot run code steps (the service worker)', () => {
  it('leaves the run waiting at the code step, marked, and another host finishes it', async () => {
    const env = await setup();
    const id = await env.install(
      workflowFile(webhook('POST', ['a']), [
        step('a', 'CREATE_RECORD', { objectName: 'company', objectRecord: { name: 'Before code' } }, ['c']),
        step('c', 'CODE', { code: 'export const main = () => ({ ok: 1 })', params: {} }, ['b']),
        step('b', 'CREATE_RECORD', { objectName: 'company', objectRecord: { name: 'After code' } }),
      ]),
    );
    const token = await env.db.hookToken(id);
    const { runId } = await handleHookRequest(
      new Request(`${SCOPE}hooks/${id}?token=${token}`, { method: 'POST', body: '{}' }),
      env.store,
      SCOPE,
      env.clock.now,
    );
    const sw = new Engine(env.store, { clock: env.clock, deferStep: (s) => (s.type === 'CODE' ? 'a tab' : null) });
    sw.start();
    await sw.idle();
    sw.stop();
    let run = (await env.db.runs.get(runId!))!;
    expect(run.status).toBe('running');
    expect(run.state.stepInfos.a.status).toBe('SUCCESS');
    expect(run.state.stepInfos.c).toMatchObject({ status: 'NOT_STARTED', waitingFor: 'a tab' });
    expect((await recordsOf(env.db, 'company')).filter((c) => c.data.name === 'After code')).toHaveLength(0);

    const tab = new Engine(env.store, {
      clock: env.clock,
      services: { runCode: async () => ({ ok: true, value: { ok: 1 }, logs: [] }) },
    });
    tab.start();
    await tab.idle();
    run = (await env.db.runs.get(runId!))!;
    expect(run.status).toBe('completed');
    expect(run.state.stepInfos.c).toMatchObject({ status: 'SUCCESS', output: { ok: 1 }, attempt: 1 });
    expect(run.state.stepInfos.c.waitingFor).toBeUndefined();
    expect((await recordsOf(env.db, 'company')).filter((c) => c.data.name === 'Before code')).toHaveLength(1);
  });
});

describe('webhook input from hostile callers', () => {
  it('keys like constructor, toString, __proto__ are plain keys; their values arrive', async () => {
    const env = await hookEnv('POST');
    const keys = 'constructor=c&toString=t&valueOf=v&hasOwnProperty=h&__proto__=p&company=Keys+Co';
    const form = await env.call({
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: keys,
      search: '&constructor=q&__proto__=x',
    });
    expect(form.status).toBe(202);
    const payload = (await env.db.runs.get(form.runId!))!.triggerPayload as {
      body: Record<string, unknown>;
      query: Record<string, unknown>;
    };
    expect(Object.entries(payload.body)).toEqual(
      expect.arrayContaining([
        ['constructor', 'c'],
        ['toString', 't'],
        ['__proto__', 'p'],
      ]),
    );
    expect(Object.entries(payload.query)).toEqual(
      expect.arrayContaining([
        ['constructor', 'q'],
        ['__proto__', 'x'],
      ]),
    );
    const multipart = new FormData();
    multipart.set('constructor', 'm');
    expect((await env.call({ method: 'POST', body: multipart })).status).toBe(202);
    const json = await env.call({
      method: 'POST',
      body: JSON.stringify({ constructor: { prototype: 1 }, __proto__: 2, company: 'Json Co' }),
    });
    expect(json.status).toBe(202);
  });

  it('the 1 MB limit counts every body type, whatever Content-Length says', async () => {
    const env = await hookEnv('POST');
    const multipart = new FormData();
    multipart.set('big', 'x'.repeat(1_200_000));
    const request = new Request(`${SCOPE}hooks/${env.workflowId}?token=${env.token}`, {
      method: 'POST',
      body: multipart,
    });
    const noLength = new Request(request, {
      headers: new Headers([...request.headers].filter(([k]) => k !== 'content-length')),
    });
    expect((await handleHookRequest(noLength, env.store, SCOPE, env.clock.now)).response.status).toBe(413);
    const file = new FormData();
    file.set('file', new Blob([new Uint8Array(3_000_000)]), 'big.bin');
    expect((await env.call({ method: 'POST', body: file })).status).toBe(413);
    expect(await env.db.runs.count()).toBe(0);
  });

  it('a replayed Idempotency-Key gets the first run; a key naming a run that is not calling out sets no depth', async () => {
    const env = await hookEnv('POST');
    const headers = { 'idempotency-key': 'order-42' };
    const first = await env.call({ method: 'POST', headers, body: JSON.stringify({ company: 'Once' }) });
    const again = await env.call({ method: 'POST', headers, body: JSON.stringify({ company: 'Once' }) });
    expect(again.status).toBe(202);
    expect(again.json).toMatchObject({ runId: first.runId, replayed: true });
    // Replayed to another runner while the first holds the run (its lease): still the first run.
    const elsewhere = await env.call({
      method: 'POST',
      headers,
      body: JSON.stringify({ company: 'Once' }),
      store: env.db.engineStore(env.clock.now, 'another runner'),
    });
    expect(elsewhere.json).toMatchObject({ runId: first.runId, replayed: true });
    expect(await env.db.runs.count()).toBe(1);
    // A caller naming an existing (finished) run's HTTP step does not make this run deeper.
    env.engine.start();
    await env.engine.idle();
    const claim = await env.call({
      method: 'POST',
      headers: { 'idempotency-key': `${first.runId}:c:1` },
      body: JSON.stringify({ company: 'Claim' }),
    });
    expect((await env.db.runs.get(claim.runId!))!.depth).toBe(0);
  });

  it.skipIf(ON_SQL)('a replayed key whose run the history let go starts a run again', async () => {
    const env = await hookEnv('POST');
    const headers = { 'idempotency-key': 'order-43' };
    const first = await env.call({ method: 'POST', headers, body: JSON.stringify({ company: 'Once' }) });
    await env.db.dexie!.runs.delete(first.runId!);
    const later = await env.call({ method: 'POST', headers, body: JSON.stringify({ company: 'Once' }) });
    expect(later.status).toBe(202);
    expect(later.runId).toBeDefined();
    expect(later.runId).not.toBe(first.runId);
    expect(later.json).not.toHaveProperty('replayed');
  });
});
