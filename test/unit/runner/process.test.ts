import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { step, workflowFile } from '../helpers';

/**
 * The runner as a person starts it (README): built, then `node dist-runner/runner.mjs` on a
 * PGlite folder. Webhooks are called with curl.
 */

import { RUNNER } from '../../support/runnerProcess';
let dir: string;
let server: ChildProcess | undefined;
let base = '';
let log = '';
const hooks = new Map<string, string>();
/** A workflow's webhook URL as printed at install (default port), on the port the runner listens on. */
const hookOf = (workflow: string) => hooks.get(workflow)!.replace(/^http:\/\/[^/]+\//, base);

const webhook = (name: string, steps: unknown[], first: string[]) =>
  workflowFile(
    { type: 'WEBHOOK', name: 'Webhook', settings: { httpMethod: 'POST', expectedBody: {} }, nextStepIds: first },
    steps,
    name,
  );
const code = (id: string, source: string, input: Record<string, unknown> = {}, timeoutMs = 10_000) =>
  step(id, 'CODE', { code: source, params: input, timeoutMs });

function curl(...args: string[]): { status: number; body: string } {
  const out = execFileSync('curl', ['-s', '-w', '\n%{http_code}', ...args], { encoding: 'utf8' });
  const at = out.lastIndexOf('\n');
  return { body: out.slice(0, at), status: Number(out.slice(at + 1)) };
}

/** POSTs this JSON to a workflow's webhook on the running runner, with curl. */
function postTo(workflow: string, json: string) {
  return curl('-X', 'POST', '-H', 'content-type: application/json', '-d', json, hookOf(workflow));
}

async function until<T>(what: string, fn: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const runOf = async (runId: string) => {
  const page = await (await fetch(`${base}runs/${runId}`)).text();
  return /Status: <strong class="(\w+)"/.exec(page)?.[1] === 'completed' || /class="failed"/.test(page)
    ? page
    : undefined;
};

beforeAll(async () => {
  // The bundle is built before the tests (test/unit/globalSetup.ts).
  dir = mkdtempSync(join(tmpdir(), 'localflow-runner-'));
  const files = {
    'intake.json': webhook(
      'Lead intake',
      [
        step(
          'person',
          'CREATE_RECORD',
          { objectName: 'person', objectRecord: { name: { firstName: '{{trigger.first}}', lastName: 'Hook' } } },
          ['double'],
        ),
        code('double', 'export const main = (p) => ({ doubled: p.n * 2, who: p.who })', {
          n: '{{trigger.n}}',
          who: '{{person.name.firstName}}',
        }),
      ],
      ['person'],
    ),
    'loop.json': webhook('Endless loop', [code('c', 'export const main = () => { for (;;) {} }', {}, 500)], ['c']),
    'long.json': webhook('Long loop', [code('c', 'export const main = () => { for (;;) {} }', {}, 4000)], ['c']),
    'bomb.json': webhook(
      'String bomb',
      [
        code(
          'c',
          'export const main = () => { const a = []; for (let i = 0; i < 1e6; i++) a.push(String(i).padStart(1024, "x")); return a.length; }',
        ),
      ],
      ['c'],
    ),
    'objects.json': webhook(
      'Object bomb',
      [code('c', 'export const main = () => { const a = []; for (let i = 0; ; i++) a.push({ i, s: "x" + i }); }')],
      ['c'],
    ),
    'tick.json': workflowFile(
      {
        type: 'CRON',
        name: 'Every 2 seconds',
        settings: { schedule: { type: 'CUSTOM', pattern: '*/2 * * * * *' }, timezone: 'UTC', missedRuns: 'once' },
        nextStepIds: ['note'],
      },
      [step('note', 'CREATE_RECORD', { objectName: 'note', objectRecord: { title: 'tick' } })],
      'Ticker',
    ),
  };
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), JSON.stringify(content));
}, 120_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => server!.once('exit', r));
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('the runner on PGlite, started from the command line', () => {
  const data = () => join(dir, 'data');

  it('installs workflow files and prints their webhook URLs', { timeout: 30_000 }, () => {
    const out = execFileSync(
      'node',
      [
        RUNNER,
        'install',
        ...['intake', 'loop', 'long', 'bomb', 'objects', 'tick'].map((f) => join(dir, `${f}.json`)),
        '--data',
        data(),
      ],
      { encoding: 'utf8' },
    );
    expect(out).toContain('Installed "Lead intake"');
    for (const line of out.split('\n')) {
      const m = /^(.+?)\t.*\tPOST (http\S+)$/.exec(line);
      if (m) hooks.set(m[1], m[2]);
    }
    expect([...hooks.keys()].sort()).toEqual([
      'Endless loop',
      'Lead intake',
      'Long loop',
      'Object bomb',
      'String bomb',
    ]);
    const broken = spawnSync('node', [RUNNER, 'install', join(dir, 'missing.json'), '--data', data()], {
      encoding: 'utf8',
    });
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/missing\.json could not be read/);
  });

  it('serves webhooks (curl), a schedule, a status page and health; a second runner on the folder is refused', async () => {
    server = spawn('node', [RUNNER, '--data', data(), '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout!.on('data', (d) => (log += d));
    server.stderr!.on('data', (d) => (log += d));
    base = await until('the runner to listen', async () => /Localflow runner on (http\S+\/) /.exec(log)?.[1]);

    const second = spawnSync('node', [RUNNER, '--data', data(), '--port', '0'], { encoding: 'utf8', timeout: 20_000 });
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(/is in use by another runner \(process \d+\)/);

    const health = await (await fetch(`${base}health`)).json();
    expect(health).toMatchObject({ status: 'ok', database: 'pglite' });

    const called = postTo('Lead intake', '{"first":"Grace","n":21}');
    expect(called.status).toBe(202);
    const { runId } = JSON.parse(called.body) as { runId: string };
    const page = await until('the run to finish', () => runOf(runId));
    expect(page).toContain('class="completed"');
    expect(page).toMatch(/&#34;doubled&#34;: 42/);
    expect(page).toMatch(/&#34;who&#34;: &#34;Grace&#34;/);

    expect(curl('-X', 'POST', hookOf('Lead intake').replace(/token=.*/, 'token=wrong')).status).toBe(401);
    expect(curl('-X', 'PUT', hookOf('Lead intake')).status).toBe(405);
    expect(postTo('Lead intake', '{not json').status).toBe(400);

    const status = await until('the schedule to fire twice', async () => {
      const html = await (await fetch(base)).text();
      return (html.match(/>Ticker<\/a><\/td><td data-label="Status"><span class="completed">/g) ?? []).length >= 2
        ? html
        : undefined;
    });
    expect(status).toContain('Lead intake');
  }, 60_000);

  it('a code step’s endless loop, string bomb and object bomb each fail with the reason; the runner keeps serving', async () => {
    const reasons: string[] = [];
    for (const name of ['Endless loop', 'String bomb', 'Object bomb']) {
      const called = postTo(name, '{}');
      expect(called.status).toBe(202);
      const page = await until(
        `${name} to fail`,
        () => runOf((JSON.parse(called.body) as { runId: string }).runId),
        30_000,
      );
      expect(page).toContain('Status: <strong class="failed">failed');
      reasons.push(/<td class="failed">FAILED<\/td><td>([^<]*)/.exec(page)?.[1] ?? page);
    }
    expect(reasons[0]).toMatch(/time limit of 0.5 s/);
    // Code runs in a thread of its own: while a step computes, the runner answers at once.
    const busy = postTo('Long loop', '{}');
    expect(busy.status).toBe(202);
    const t0 = Date.now();
    await new Promise((r) => setTimeout(r, 300));
    expect((await fetch(`${base}health`)).status).toBe(200);
    // Well before the step's 4 s limit ends, when a runner that computed on its own thread would answer.
    expect(Date.now() - t0).toBeLessThan(300 + 2500);
    expect(reasons[1]).toMatch(/more memory than its limit of 64 MB/);
    expect(reasons[2]).toMatch(/more memory than its limit of 64 MB/);
    const again = postTo('Lead intake', '{"first":"Ada","n":2}');
    const page = await until('a run after the bombs', () => runOf((JSON.parse(again.body) as { runId: string }).runId));
    expect(page).toMatch(/&#34;doubled&#34;: 4/);
    expect((await fetch(`${base}health`)).status).toBe(200);
  }, 90_000);

  it('stops on SIGTERM, finishing what it holds, and frees its folder', async () => {
    server!.kill('SIGTERM');
    const code = await new Promise((r) => server!.once('exit', r));
    expect(code).toBe(0);
    expect(log).toContain('Stopped.');
    const out = execFileSync('node', [RUNNER, 'workflows', '--data', data()], { encoding: 'utf8' });
    expect(out).toContain('Lead intake');
  }, 30_000);
});
