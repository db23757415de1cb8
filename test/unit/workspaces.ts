import { IDBFactory } from 'fake-indexeddb';
import { inject } from 'vitest';
import { LocalflowDB } from '../../src/db/database';
import { createEngineStore, dryRunOnDb } from '../../src/db/engineStore';
import { RecordTxCore } from '../../src/db/recordCore';
import type { RecordWrites } from '../../src/engine/recordWrites';
import { dryRun, type DryRunResult } from '../../src/engine/dryRun';
import type { MailSource } from '../../src/db/mail';
import { RecordRepository } from '../../src/db/records';
import { flowOfVersion } from '../../src/engine/graph';
import { liftRunRow, liftVersionRow, withFlow } from '../../src/db/storedShapes';
import { WorkflowRepository } from '../../src/db/workflows';
import type { EngineStore } from '../../src/engine/ports';
import { migrate, openPglite, openPostgres, type SqlDatabase } from '../../src/runner/sql/database';
import { createSqlEngineStore } from '../../src/runner/sql/engineStore';
import { SqlRecordRepository, sqlRecords } from '../../src/runner/sql/records';
import { putRuns, putVersions, putWorkflows, readWorkflow, sqlMailSource } from '../../src/runner/sql/rows';
import { deactivateWorkflow, installActiveWorkflow, putObjects } from '../../src/runner/sql/workspace';
import type { ObjectMetadata } from '../../src/schema/objectMetadata';
import type { MailboxRow } from '../../src/schema/mail';
import type { RecordEvent, RecordRow } from '../../src/schema/record';
import {
  runValueOf,
  type RunRow,
  type RunValueRow,
  type StoredRunRow,
  type StoredRunValueRow,
  type TimerRow,
} from '../../src/schema/run';
import type { SettingRow } from '../../src/schema/settings';
import { Step, type WorkflowFile } from '../../src/schema/workflow';
import type { VersionRow, WorkflowRow } from '../../src/schema/workflowRows';
import { readWorkflowFile } from '../../src/share/workflowFile';

/**
 * The engine's tests run over each store the engine has: the browser's IndexedDB (Dexie over
 * fake-indexeddb), and the runner's SQL on PGlite and on a Postgres server (vitest.config.ts
 * runs test/unit/engine once per store, naming it in LOCALFLOW_TEST_STORE). A test workspace
 * gives them one way to set up and to look at what was stored, whichever store holds it.
 */
export type StoreKind = 'indexeddb' | 'pglite' | 'postgres';
export const STORE_KIND = (process.env.LOCALFLOW_TEST_STORE ?? 'indexeddb') as StoreKind;
/** True when the engine's tests run over the runner's SQL store. */
export const ON_SQL = STORE_KIND !== 'indexeddb';

declare module 'vitest' {
  interface ProvidedContext {
    /** A Postgres server's database for the engine's tests (test/unit/postgresSetup.ts). */
    postgresUrl: string;
  }
}

/** What tests read of a stored table (Dexie's tables are one). */
const decodedRunValue = (row: StoredRunValueRow): RunValueRow => ({
  id: row.id,
  runId: row.runId,
  value: runValueOf(row),
});

export interface TestTable<T> {
  get(id: string): PromiseLike<T | undefined>;
  toArray(): PromiseLike<T[]>;
  count(): PromiseLike<number>;
}

export interface TestWorkspace extends MailSource {
  kind: StoreKind;
  records: TestTable<RecordRow>;
  runs: TestTable<StoredRunRow>;
  timers: TestTable<TimerRow>;
  events: TestTable<RecordEvent>;
  workflows: TestTable<WorkflowRow>;
  versions: TestTable<VersionRow>;
  runValues: TestTable<RunValueRow>;
  mailbox: TestTable<MailboxRow> & MailSource['mailbox'];
  settings: TestTable<SettingRow> & { put(row: SettingRow): PromiseLike<unknown> };
  /** A run with its flow. */
  run(id: string): Promise<RunRow | undefined>;
  /** The engine's store over this workspace; engines with the same `owner` take each other's runs over at once. */
  engineStore(now: () => number, owner?: string): EngineStore;
  /** The record repository over this workspace (the app's, or the runner's); `afterWrite` wakes an engine. */
  recordRepository(afterWrite: (events: number) => void, now: () => number): RecordWrites;
  /** Installs a workflow file, active (its schedule armed); returns the workflow's id. */
  install(file: WorkflowFile, now: () => number): Promise<string>;
  deactivate(workflowId: string, now: () => number): Promise<void>;
  hookToken(workflowId: string): Promise<string>;
  /** Rows written as they are, without events (a test's starting data). */
  putRows(rows: { objects?: ObjectMetadata[]; records?: RecordRow[]; runs?: StoredRunRow[] }): Promise<void>;
  timersOfRun(runId: string): Promise<TimerRow[]>;
  /** A dry run of this flow over the workspace's records (nothing written). */
  dryRun(flow: Parameters<typeof dryRun>[1], payload: unknown): Promise<DryRunResult>;
  /** The browser's database, for what only the app has (drafts, the editor's operations). */
  dexie?: LocalflowDB;
}

const checkStep = (_v: unknown, s: unknown) => (Step.safeParse(s).success ? null : 'its settings are invalid');

let counter = 0;

/** A fresh workspace on the store under test: Twenty's standard objects and, with `seed`, the demo data. */
export async function freshWorkspace(seed = true): Promise<TestWorkspace> {
  const dexie = new LocalflowDB(`test-${++counter}`, { seed, indexedDB: new IDBFactory(), IDBKeyRange });
  if (STORE_KIND === 'indexeddb') return dexieWorkspace(dexie);
  const workspace = sqlWorkspace(await newSchema());
  // The same starting data as the browser's: the app's own seed, copied.
  const db = workspace.sql;
  const [objects, records, workflows, versions] = await Promise.all([
    dexie.objects.toArray(),
    dexie.records.toArray(),
    dexie.workflows.toArray(),
    dexie.versions.toArray(),
  ]);
  dexie.close();
  await workspace.putRows({ objects, records });
  await db.transaction(async (s) => {
    await putWorkflows(s, workflows);
    await putVersions(s, versions);
  });
  return workspace;
}

function dexieWorkspace(db: LocalflowDB): TestWorkspace {
  const workflows = (now: () => number) => new WorkflowRepository(db, () => {}, now);
  return {
    kind: 'indexeddb',
    dexie: db,
    records: db.records,
    runs: db.runs,
    timers: db.timers,
    events: db.events as unknown as TestTable<RecordEvent>,
    workflows: db.workflows,
    versions: db.versions,
    // Stored as JSON text (see StoredRunValueRow): tests read the value.
    runValues: {
      get: async (id) => {
        const row = await db.runValues.get(id);
        return row && decodedRunValue(row);
      },
      toArray: async () => (await db.runValues.toArray()).map(decodedRunValue),
      count: () => db.runValues.count(),
    },
    mailbox: db.mailbox,
    settings: db.settings,
    run: async (id) => withFlow(db, await db.runs.get(id)),
    engineStore: (now) => createEngineStore(db, now),
    recordRepository: (afterWrite) => new RecordRepository(db, afterWrite),
    install: async (file, now) => {
      const id = await workflows(now).importFile(file, checkStep);
      await workflows(now).activate(id);
      return id;
    },
    deactivate: (id, now) => workflows(now).deactivate(id),
    hookToken: (id) => workflows(Date.now).hookToken(id),
    async putRows({ objects, records, runs }) {
      if (objects) await db.objects.bulkPut(objects);
      if (records) await db.records.bulkPut(records);
      if (runs) await db.runs.bulkPut(runs);
    },
    timersOfRun: (runId) => db.timers.where('runId').equals(runId).toArray(),
    dryRun: (flow, payload) => dryRunOnDb(db, flow, payload),
  };
}

// One database per test worker, shared by its workspaces, each in a schema of its own.
let shared: Promise<SqlDatabase> | undefined;

/** The worker's database (opened once: PGlite takes seconds to start). */
export function sharedDatabase(): Promise<SqlDatabase> {
  shared ??= STORE_KIND === 'pglite' ? openPglite() : openPostgres(inject('postgresUrl'), 8);
  return shared;
}

async function newSchema(): Promise<SqlDatabase> {
  const base = await sharedDatabase();
  const schema = `ws_${crypto.randomUUID().replace(/-/g, '').slice(0, 16)}`;
  await base.transaction((s) => s.query(`CREATE SCHEMA ${schema}`));
  const db: SqlDatabase = {
    kind: base.kind,
    transaction: (fn) =>
      base.transaction(async (s) => {
        await s.query(`SET LOCAL search_path TO ${schema}`);
        return fn(s);
      }),
    listen: (channel, onNotify) => base.listen(channel, onNotify),
    close: async () => {},
  };
  await migrate(db);
  return db;
}

function sqlWorkspace(db: SqlDatabase): TestWorkspace & { sql: SqlDatabase } {
  const read = <T>(sql: string, params: unknown[] = []) => db.transaction((s) => s.query<T>(sql, params));
  /** A table whose rows are kept whole in `body`. */
  const table = <T>(name: string, key = 'id', lift: (row: T) => T = (row) => row): TestTable<T> => ({
    get: async (id) => {
      const [row] = await read<{ body: T }>(`SELECT body FROM ${name} WHERE ${key} = $1`, [id]);
      return row && lift(row.body);
    },
    toArray: async () =>
      (await read<{ body: T }>(`SELECT body FROM ${name} ORDER BY ${key} COLLATE "C"`)).map((r) => lift(r.body)),
    count: async () => (await read<{ n: number }>(`SELECT count(*)::int AS n FROM ${name}`))[0].n,
  });
  const record = (r: {
    id: string;
    object: string;
    data: Record<string, unknown>;
    created_at: number;
    updated_at: number;
  }): RecordRow => ({
    id: r.id,
    object: r.object,
    data: r.data,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  });
  const recordColumns = 'id, object, data, created_at, updated_at';
  const mail = sqlMailSource(db);
  const versions = table<VersionRow>('versions', 'id', liftVersionRow);
  const runs = table<StoredRunRow>('runs', 'id', liftRunRow);
  return {
    kind: STORE_KIND,
    sql: db,
    records: {
      get: async (id) => {
        const [row] = await read<Parameters<typeof record>[0]>(`SELECT ${recordColumns} FROM records WHERE id = $1`, [
          id,
        ]);
        return row && record(row);
      },
      toArray: async () =>
        (await read<Parameters<typeof record>[0]>(`SELECT ${recordColumns} FROM records ORDER BY id COLLATE "C"`)).map(
          record,
        ),
      count: async () => (await read<{ n: number }>('SELECT count(*)::int AS n FROM records'))[0].n,
    },
    runs,
    timers: table<TimerRow>('timers'),
    events: table<RecordEvent>('events', 'seq'),
    workflows: table<WorkflowRow>('workflows'),
    versions,
    runValues: {
      get: async (id) => {
        const [row] = await read<RunValueRow>('SELECT id, run_id AS "runId", value FROM run_values WHERE id = $1', [
          id,
        ]);
        return row;
      },
      toArray: () => read<RunValueRow>('SELECT id, run_id AS "runId", value FROM run_values ORDER BY id COLLATE "C"'),
      count: async () => (await read<{ n: number }>('SELECT count(*)::int AS n FROM run_values'))[0].n,
    },
    mailbox: { ...table<MailboxRow>('mailbox'), add: mail.mailbox.add },
    settings: {
      ...table<SettingRow>('settings', 'key'),
      get: mail.settings.get,
      put: (row) =>
        read(
          `INSERT INTO settings (key, body) VALUES ($1, $2::json) ON CONFLICT (key) DO UPDATE SET body = excluded.body`,
          [row.key, JSON.stringify(row)],
        ),
    },
    async run(id) {
      const run = await runs.get(id);
      if (!run || run.flow) return run as RunRow | undefined;
      const version = await versions.get(run.versionId);
      return version && { ...run, flow: flowOfVersion(version) };
    },
    engineStore: (now, owner = 'test') => createSqlEngineStore(db, now, undefined, { owner }),
    recordRepository: (afterWrite, now) => new SqlRecordRepository(db, afterWrite, now),
    install: (file, now) => installActiveWorkflow(db, file, checkStep, now),
    deactivate: async (id, now) => {
      await deactivateWorkflow(db, id, now);
    },
    hookToken: async (id) => (await db.transaction((s) => readWorkflow(s, id)))!.hookToken!,
    async putRows({ objects, records, runs: runRows }) {
      if (objects) await putObjects(db, objects);
      await db.transaction(async (s) => {
        if (records?.length) await sqlRecords(s, null).write(records, [], []);
        if (runRows?.length) await putRuns(s, runRows as RunRow[], null);
      });
    },
    timersOfRun: async (runId) =>
      (await read<{ body: TimerRow }>('SELECT body FROM timers WHERE run_id = $1', [runId])).map((r) => r.body),
    dryRun: (flow, payload) =>
      db.transaction((s) => {
        const now = Date.now();
        return dryRun(new RecordTxCore(sqlRecords(s, null), 'all', () => now), flow, payload, now);
      }),
  };
}

/** A workflow file (as read by the app) installed active in the workspace. */
export function installFile(ws: TestWorkspace, file: unknown, now: () => number): Promise<string> {
  return ws.install(readWorkflowFile(file), now);
}
