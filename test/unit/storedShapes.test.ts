import { IDBFactory, IDBKeyRange as FakeKeyRange } from 'fake-indexeddb';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { LocalflowDB } from '../../src/db/database';
import { readSetting, writeSetting } from '../../src/db/settings';
import { WORKFLOW_CHAIN, WORKFLOW_MIGRATIONS, type MigrationChain } from '../../src/schema/workflowMigrations';
import type { VersionRow } from '../../src/schema/workflowRows';
import type { RunRow } from '../../src/schema/run';

/** A made-up format version 3 that renames every step: what a future change to a step's shape looks like. */
const chainV2: MigrationChain = {
  current: 3,
  migrations: [
    ...WORKFLOW_MIGRATIONS,
    {
      from: 2,
      describe: 'test: steps get a "v2: " prefix',
      up: (file) => ({
        ...file,
        version: 3,
        steps: (file.steps as { name: string }[]).map((s) => ({ ...s, name: `v2: ${s.name}` })),
      }),
    },
  ],
};

const trigger = { type: 'MANUAL', name: 'Go', settings: { availability: { type: 'GLOBAL' } }, nextStepIds: ['a'] };
const step = {
  id: 'a',
  name: 'Create',
  type: 'CREATE_RECORD',
  valid: true,
  nextStepIds: [],
  settings: {
    input: { objectName: 'company', objectRecord: { name: 'X' } },
    errorHandlingOptions: { retryOnFailure: { value: false }, continueOnFailure: { value: false } },
  },
};

function versionRow(formatVersion?: number): VersionRow {
  return {
    id: 'v1',
    workflowId: 'w1',
    number: 1,
    status: 'draft',
    trigger,
    steps: [step],
    createdAt: 1,
    updatedAt: 1,
    ...(formatVersion ? { formatVersion } : {}),
  } as unknown as VersionRow;
}

describe('stored shapes carry their format version and are lifted when read', () => {
  it('a version and a run written in an older format read as the next one through the same chain as files', async () => {
    const factory = new IDBFactory();
    const old = new LocalflowDB('shapes', { seed: false, indexedDB: factory, IDBKeyRange: FakeKeyRange });
    await old.versions.add(versionRow());
    expect((await old.versions.get('v1'))!.formatVersion).toBe(2); // stamped on write
    await old.runs.add({
      id: 'r1',
      workflowId: 'w1',
      versionId: 'v1',
      workflowName: 'W',
      status: 'completed',
      flow: { trigger, steps: [step], formatVersion: 1 },
      triggerPayload: {},
      state: { stepInfos: {}, ready: [], arrivals: {}, loops: {} },
      depth: 0,
      createdAt: 1,
      updatedAt: 1,
    } as unknown as RunRow);
    old.close();

    const next = new LocalflowDB('shapes', {
      seed: false,
      indexedDB: factory,
      IDBKeyRange: FakeKeyRange,
      chain: chainV2,
    });
    const v = (await next.versions.get('v1'))!;
    expect(v.steps[0].name).toBe('v2: Create');
    expect(v.formatVersion).toBe(3);
    const [run] = await next.runs.toArray();
    expect(run.flow!.steps[0].name).toBe('v2: Create');
    // What is written back is stamped with the current version and not lifted twice.
    await next.versions.put(v);
    expect((await next.versions.get('v1'))!.steps[0].name).toBe('v2: Create');
    await next.versions.update('v1', { steps: v.steps });
    expect((await next.versions.get('v1'))!.steps[0].name).toBe('v2: Create');
    next.close();
  });

  it('a database written by the previous schema (Dexie version 3) is stamped by the version 4 upgrade', async () => {
    const factory = new IDBFactory();
    const v3 = new Dexie('old', { indexedDB: factory, IDBKeyRange: FakeKeyRange });
    v3.version(3).stores({
      objects: 'name',
      records: 'id, [object+createdAt], [object+updatedAt]',
      events: '++seq',
      workflows: 'id, updatedAt',
      versions: 'id, workflowId, status',
      runs: 'id, status, createdAt, [workflowId+createdAt]',
      timers: 'id, dueAt, runId',
      settings: 'key',
      meta: 'key',
      runValues: 'id, runId',
      mailbox: 'id, at',
    });
    await v3.table('versions').add(versionRow());
    await v3.table('settings').add({ key: 'runRetention', value: 50 });
    await v3.table('settings').add({ key: 'ai', value: { baseUrl: 42 } });
    v3.close();

    const db = new LocalflowDB('old', { seed: false, indexedDB: factory, IDBKeyRange: FakeKeyRange });
    const raw = await db.transaction('r', db.versions, db.settings, async () => ({
      version: await db.versions.get('v1'),
      setting: await db.settings.get('runRetention'),
    }));
    expect(raw.version!.formatVersion).toBe(WORKFLOW_CHAIN.current);
    expect(raw.setting!.version).toBe(1);
    expect(await readSetting(db, 'runRetention')).toBe(50);
    // A setting that does not fit its schema is ignored (the default applies), not cast.
    expect(await readSetting(db, 'ai')).toBeUndefined();
    await writeSetting(db, 'ai', { baseUrl: 'http://127.0.0.1:1', model: 'm', apiKey: '' });
    expect(await readSetting(db, 'ai')).toEqual({ baseUrl: 'http://127.0.0.1:1', model: 'm', apiKey: '' });
    db.close();
  });
});
