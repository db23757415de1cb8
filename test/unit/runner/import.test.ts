import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createBackup, readBackup, restoreBackup } from '../../../src/db/backup';
import { freshDb, installWorkflow, recordsOf, setup, step, workflowFile } from '../helpers';

/**
 * Moving a workspace to a runner and back: a backup made by the app's code is imported into a
 * runner (PGlite, from the command line), a webhook run is made there, and the runner's export
 * is restored by the app's code into a fresh browser database, which then holds that run's
 * record and the run itself.
 */

const RUNNER = 'dist-runner/runner.mjs';
const dir = mkdtempSync(join(tmpdir(), 'localflow-roundtrip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const node = (...args: string[]) => execFileSync('node', [RUNNER, ...args], { encoding: 'utf8' });

describe('a workspace moved from the app to a runner and back', () => {
  it('keeps its records and workflows, and brings back the runner’s run and what it wrote', async () => {
    // In the app (seeded with the demo data and its two draft workflows): a person, and an
    // active webhook workflow that adds one.
    const app = setup();
    await app.records.create('person', { name: { firstName: 'Ada', lastName: 'Lovelace' } });
    await installWorkflow(
      app.workflows,
      workflowFile(
        { type: 'WEBHOOK', name: 'Webhook', settings: { httpMethod: 'POST', expectedBody: {} }, nextStepIds: ['add'] },
        [
          step('add', 'CREATE_RECORD', {
            objectName: 'person',
            objectRecord: { name: { firstName: '{{trigger.first}}', lastName: 'Runner' } },
          }),
        ],
        'Add a person',
      ),
    );
    const { blob } = await createBackup(app.db, { includeRuns: true });
    const backup = join(dir, 'from-app.jsonl.gz');
    writeFileSync(backup, new Uint8Array(await blob.arrayBuffer()));

    // On the runner: import, find the webhook URL (a new token: the backup kept no secrets), serve, call.
    const data = join(dir, 'data');
    expect(node('import', backup, '--data', data)).toMatch(/Imported .*: \d+ records, 3 workflows, 0 runs/);
    const url = /\tPOST (http\S+)/.exec(node('workflows', '--data', data))![1];
    const server = spawn('node', [RUNNER, '--data', data, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    server.stdout!.on('data', (d) => (log += d));
    server.stderr!.on('data', (d) => (log += d));
    try {
      const base = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the runner did not start: ${log}`)), 20_000);
        server.stdout!.on('data', () => {
          const m = /Localflow runner on (http\S+\/) /.exec(log);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]);
          }
        });
      });
      const called = await fetch(url.replace(/^http:\/\/[^/]+\//, base), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ first: 'Grace' }),
      });
      expect(called.status).toBe(202);
      const { runId } = (await called.json()) as { runId: string };
      for (let i = 0; ; i++) {
        const page = await (await fetch(`${base}runs/${runId}`)).text();
        if (page.includes('class="completed"')) break;
        if (i > 100) throw new Error(`the run did not finish: ${page}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));

      // Back in the app: a fresh browser database restores the runner's export.
      const back = join(dir, 'from-runner.jsonl.gz');
      expect(node('export', back, '--data', data)).toMatch(/Wrote .*: \d+ records, 3 workflows, 1 runs/);
      const target = freshDb(false);
      const checked = await readBackup(new Blob([new Uint8Array(readFileSync(back))]));
      // The same workspace, recognisably: the runner kept the app's identity.
      expect(checked.header.workspaceId).toBe(((await app.db.meta.get('workspace'))?.value as { id: string }).id);
      await restoreBackup(target, checked);
      const people = (await recordsOf(target, 'person')).map((p) => (p.data.name as { firstName: string }).firstName);
      expect(people).toEqual(expect.arrayContaining(['Ada', 'Grace']));
      const run = await target.runs.get(runId);
      expect(run?.status).toBe('completed');
      expect((await target.workflows.toArray()).map((w) => w.name)).toContain('Add a person');
      expect(await target.records.count()).toBe((await app.db.records.count()) + 1);
    } finally {
      if (server.exitCode === null) server.kill('SIGKILL');
    }
  }, 60_000);

  it('a file that is not a backup is refused with the reason, and nothing changes', { timeout: 30_000 }, () => {
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"format":"localflow.backup","version":1}\n{"t":"records"');
    let error = '';
    try {
      node('import', bad, '--data', join(dir, 'data2'));
    } catch (e) {
      error = String((e as { stderr?: string }).stderr);
    }
    expect(error).toMatch(/bad\.jsonl: .*Nothing was changed\./);
  });
});
