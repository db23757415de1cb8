import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createBackup, readBackup, restoreBackup } from '../../src/db/backup';
import { readSetting, writeSetting } from '../../src/db/settings';
import { BACKUP_FORMAT, BackupError, checksum, type BackupChain } from '../../src/share/backupFormat';
import { WORKFLOW_MIGRATIONS, type MigrationChain } from '../../src/schema/workflowMigrations';
import { withFlow } from '../../src/db/storedShapes';
import { createEngineStore } from '../../src/db/engineStore';
import { importWorkspace } from '../../src/runner/sql/backup';
import { openPglite } from '../../src/runner/sql/database';
import { freshDb, recordsOf, runSteps, step } from './helpers';

async function textOf(blob: Blob): Promise<string> {
  return gunzipSync(Buffer.from(await blob.arrayBuffer())).toString('utf8');
}
const gz = (text: string) => new Blob([gzipSync(Buffer.from(text, 'utf8'))]);

/** Rewrites a backup's lines and fixes its closing line, as a tool that knows the format would. */
function rewrite(text: string, edit: (lines: string[]) => string[]): string {
  const lines = text.trimEnd().split('\n');
  const trailer = JSON.parse(lines.pop()!) as { counts: Record<string, number>; checksum: string };
  const body = edit(lines);
  let sum = checksum('');
  const counts: Record<string, number> = {};
  for (const l of body) {
    sum = checksum(`${l}\n`, sum);
    const t = (JSON.parse(l) as { t?: string }).t;
    if (t) counts[t] = (counts[t] ?? 0) + 1;
  }
  return `${[...body, JSON.stringify({ ...trailer, counts, checksum: sum.toString(16) })].join('\n')}\n`;
}

describe('workspace backup', () => {
  it('backs up and restores every record, workflow, version and setting; runs only when asked', async () => {
    const env = await runSteps(
      [step('c', 'CREATE_RECORD', { objectName: 'company', objectRecord: { name: 'Backed up' } })],
      ['c'],
    );
    const { db } = env;
    await writeSetting(db, 'runRetention', 25);
    await writeSetting(db, 'secrets', { API_KEY: 'sk-123' });
    await writeSetting(db, 'ai', { baseUrl: 'http://127.0.0.1:9', model: 'm', apiKey: 'ai-key' });
    const token = (await db.workflows.get(env.workflowId))!.hookToken!;

    const { blob, counts } = await createBackup(db, { includeRuns: false });
    const text = await textOf(blob);
    expect(text).not.toContain('sk-123');
    expect(text).not.toContain('ai-key');
    expect(text).not.toContain(token);
    expect(counts.records).toBe(await db.records.count());
    expect(counts.runs).toBeUndefined();
    expect((await readSetting(db, 'lastBackup'))?.records).toBe(counts.records);

    const target = freshDb(false);
    await target.open();
    const checked = await readBackup(blob);
    await restoreBackup(target, checked);
    for (const table of ['objects', 'records', 'workflows', 'versions'] as const) {
      expect(await target.table(table).count()).toBe(await db.table(table).count());
    }
    const [copy] = (await recordsOf(target, 'company')).filter((r) => r.data.name === 'Backed up');
    const [original] = (await recordsOf(db, 'company')).filter((r) => r.data.name === 'Backed up');
    expect(copy).toEqual(original);
    expect(await target.versions.toArray()).toEqual(await db.versions.toArray());
    expect(await readSetting(target, 'runRetention')).toBe(25);
    expect(await readSetting(target, 'secrets')).toBeUndefined();
    expect(await readSetting(target, 'ai')).toEqual({ baseUrl: 'http://127.0.0.1:9', model: 'm', apiKey: '' });
    expect(await target.runs.count()).toBe(0);
    // Without secrets the webhook URL gets a new token.
    expect((await target.workflows.get(env.workflowId))!.hookToken).not.toBe(token);

    const withRuns = await createBackup(db, { includeRuns: true });
    const target2 = freshDb(false);
    await restoreBackup(target2, await readBackup(withRuns.blob));
    expect(await target2.runs.count()).toBe(1);
    expect((await target2.runs.toArray())[0].status).toBe('completed');
  });

  it('large run values are kept as JSON text, older rows with the value itself are read too, and both travel to an app and a runner', async () => {
    const db = freshDb();
    const store = createEngineStore(db);
    const value = Array.from({ length: 3000 }, (_, i) => ({
      id: `r${i}`,
      name: `Company ${i}`,
      tags: ['a', i],
      n: null,
    }));
    await store.transaction((tx) => tx.putRunValue({ id: 'v-new', runId: 'run-1', value }));
    // As the app stored them before (the value cloned whole).
    await db.runValues.put({ id: 'v-old', runId: 'run-1', value: [{ whole: true }] });
    const raw = await db.runValues.get('v-new');
    expect(typeof raw?.json).toBe('string');
    expect(raw).not.toHaveProperty('value');
    const read = (s: typeof store, id: string) => s.transaction((tx) => tx.getRunValue(id));
    expect(await read(store, 'v-new')).toEqual(value);
    expect(await read(store, 'v-old')).toEqual([{ whole: true }]);

    const checked = await readBackup((await createBackup(db, { includeRuns: true })).blob);
    const target = freshDb(false);
    await restoreBackup(target, checked);
    expect(await read(createEngineStore(target), 'v-new')).toEqual(value);
    expect(await read(createEngineStore(target), 'v-old')).toEqual([{ whole: true }]);

    const runner = await openPglite();
    try {
      await importWorkspace(runner, checked);
      const stored = runner.transaction((s) =>
        s.query('SELECT id, run_id AS "runId", value FROM run_values ORDER BY id'),
      );
      expect(await stored).toEqual([
        { id: 'v-new', runId: 'run-1', value },
        { id: 'v-old', runId: 'run-1', value: [{ whole: true }] },
      ]);
      // Kept as written: key order too (a `jsonb` cast would sort the keys).
      const [first] = (await stored) as { value: unknown[] }[];
      expect(JSON.stringify(first.value[0])).toBe(JSON.stringify(value[0]));
    } finally {
      await runner.close();
    }
  }, 30_000);

  it('secrets travel only sealed with a passphrase, and a wrong passphrase restores nothing', async () => {
    const db = freshDb();
    await writeSetting(db, 'secrets', { API_KEY: 'sk-123' });
    await writeSetting(db, 'email', {
      url: 'http://127.0.0.1:9/mail',
      headers: { authorization: 'Bearer mail-key' },
      bodyTemplate: '{}',
      from: 'a@b.c',
    });
    const { blob } = await createBackup(db, { includeRuns: false, secretsPassphrase: 'correct horse battery' });
    const text = await textOf(blob);
    expect(text).not.toContain('sk-123');
    expect(text).not.toContain('mail-key');

    const target = freshDb(false);
    const checked = await readBackup(blob);
    await expect(restoreBackup(target, checked, { passphrase: 'wrong passphrase' })).rejects.toThrow('does not open');
    expect(await target.records.count()).toBe(0);
    await restoreBackup(target, checked, { passphrase: 'correct horse battery' });
    expect(await readSetting(target, 'secrets')).toEqual({ API_KEY: 'sk-123' });
    expect((await readSetting(target, 'email'))?.headers).toEqual({ authorization: 'Bearer mail-key' });
  });

  it('refuses foreign, newer, truncated, corrupt and altered files with the reason', async () => {
    const db = freshDb();
    const { blob } = await createBackup(db, { includeRuns: false });
    const text = await textOf(blob);
    const refuse = (file: Blob) => expect(readBackup(file)).rejects.toBeInstanceOf(BackupError);

    await expect(readBackup(new Blob(['{"name":"x","trigger":{},"steps":[]}']))).rejects.toThrow('workflow file');
    await expect(readBackup(new Blob(['hello']))).rejects.toThrow('not a Localflow backup');
    await expect(readBackup(new Blob(['id,name\n1,2\n']))).rejects.toThrow('not a Localflow backup');
    const newer = text.replace(`"format":"${BACKUP_FORMAT}","version":1`, `"format":"${BACKUP_FORMAT}","version":7`);
    await expect(readBackup(gz(newer))).rejects.toThrow('newer Localflow');
    // Cut short: the gzip stream ends early, or the text loses its last lines.
    const bytes = new Uint8Array(await blob.arrayBuffer());
    await refuse(new Blob([bytes.slice(0, Math.floor(bytes.length / 2))]));
    await expect(readBackup(gz(text.split('\n').slice(0, 10).join('\n')))).rejects.toThrow('incomplete');
    // A changed value is caught by the checksum; a broken line by the parser.
    await expect(readBackup(gz(text.replace('Airbnb', 'Airbnc')))).rejects.toThrow('checksum');
    await expect(readBackup(gz(text.replace('"Airbnb"', '"Airbnb')))).rejects.toThrow('not valid JSON');
    // A row that does not fit is named, even with a matching checksum.
    const orphan = rewrite(text, (lines) => [
      ...lines.slice(0, 2),
      JSON.stringify({ t: 'records', r: { id: 'x', object: 'nothing', data: {}, createdAt: 1, updatedAt: 1 } }),
      ...lines.slice(2),
    ]);
    await expect(readBackup(gz(orphan))).rejects.toThrow(/line 3 .*does not define/);
    // A plain (uncompressed) backup reads too.
    expect((await readBackup(new Blob([text]))).counts.records).toBe(await db.records.count());
  });

  it('a backup of an older format is lifted through its migrations, and its workflows through the workflow chain', async () => {
    const db = freshDb();
    const { blob } = await createBackup(db, { includeRuns: false });
    const text = await textOf(blob);
    // Made-up next formats: backup v2 renames records' "data" to "fields"; the app reads v2 by lifting v1 lines.
    const backupV2: BackupChain = {
      current: 2,
      migrations: [
        {
          from: 1,
          describe: 'test',
          line: (l) =>
            l.t === 'records' ? { ...l, r: { ...l.r, data: { ...(l.r.data as object), lifted: true } } } : l,
        },
      ],
    };
    const workflowV2: MigrationChain = {
      current: 3,
      migrations: [
        ...WORKFLOW_MIGRATIONS,
        {
          from: 2,
          describe: 'test',
          up: (f) => ({ ...f, version: 3, steps: (f.steps as object[]).map((s) => ({ ...s, name: 'lifted' })) }),
        },
      ],
    };
    const checked = await readBackup(gz(text), () => {}, { backup: backupV2, workflow: workflowV2 });
    expect(checked.header.version).toBe(2);
    expect(checked.header.writtenIn).toBe(1);
    const target = freshDb(false);
    await restoreBackup(target, checked);
    expect((await target.records.toArray()).every((r) => r.data.lifted === true)).toBe(true);
    const versions = await target.table('versions').toArray();
    expect(
      versions.every(
        (v: { steps: { name: string }[]; formatVersion: number }) =>
          v.formatVersion === 3 && v.steps.every((s) => s.name === 'lifted'),
      ),
    ).toBe(true);
  });

  it('a refused restore changes nothing', async () => {
    const db = freshDb();
    const before = await db.records.count();
    // A file that passes every check but fails while being written (two records with one id): rolled back whole.
    const text = await textOf((await createBackup(freshDb(), { includeRuns: false })).blob);
    const twice = rewrite(text, (lines) => [...lines, lines.find((l) => l.includes('"t":"records"'))!]);
    await expect(restoreBackup(db, await readBackup(gz(twice)))).rejects.toThrow();
    expect(await db.records.count()).toBe(before);
    expect(await db.objects.count()).toBeGreaterThan(0);
    const other = freshDb();
    const { blob } = await createBackup(other, { includeRuns: false, secretsPassphrase: 'a long passphrase' });
    await expect(restoreBackup(db, await readBackup(blob), { passphrase: 'nope nope nope' })).rejects.toThrow();
    expect(await db.records.count()).toBe(before);
  });
});

describe('a restore and the engine', () => {
  it('runs the restored content of a version the engine had already read under the same id', async () => {
    const env = await runSteps(
      [step('c', 'CREATE_RECORD', { objectName: 'company', objectRecord: { name: 'As first read' } })],
      ['c'],
    );
    const { blob } = await createBackup(env.db, { includeRuns: false });
    const changed = rewrite(await textOf(blob), (lines) =>
      lines.map((l) => (l.includes('"t":"versions"') ? l.replaceAll('As first read', 'As restored') : l)),
    );
    await restoreBackup(env.db, await readBackup(gz(changed)));
    await env.engine.runManual({ workflowId: env.workflowId });
    await env.engine.idle();
    const names = (await recordsOf(env.db, 'company')).map((r) => r.data.name);
    expect(names).toContain('As restored');
  });
});

describe('runs in a backup', () => {
  it('carry their flow, though the stored row of a run of an active version keeps none', async () => {
    const env = await runSteps(
      [step('c', 'CREATE_RECORD', { objectName: 'company', objectRecord: { name: 'With its flow' } })],
      ['c'],
    );
    expect((await env.db.runs.get(env.run.id))!.flow).toBeUndefined();
    const { blob } = await createBackup(env.db, { includeRuns: true });
    const line = (await textOf(blob)).split('\n').find((l) => l.includes('"t":"runs"'))!;
    const row = (JSON.parse(line) as { r: { flow: { steps: { id: string }[] } } }).r;
    expect(row.flow.steps.map((s) => s.id)).toEqual(['c']);
    const target = freshDb(false);
    await target.open();
    await restoreBackup(target, await readBackup(blob));
    expect(await withFlow(target, await target.runs.get(env.run.id))).toMatchObject({ flow: { steps: [{ id: 'c' }] } });
  });
});
