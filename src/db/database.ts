import Dexie, { type Table, type Transaction } from 'dexie';
import type { ObjectMetadata } from '../schema/objectMetadata';
import type { MailboxRow } from '../schema/mail';
import type { RecordEvent, RecordRow } from '../schema/record';
import type { PackedRunRow, RunRow, StoredRunRow, StoredRunValueRow, TimerRow } from '../schema/run';
import type { VersionRow, WorkflowRow } from '../schema/workflowRows';
import type { SettingRow } from '../schema/settings';
import type { MigrationChain } from '../schema/workflowMigrations';
import { newWorkspaceIdentity, populate, WORKSPACE_KEY } from './workspace';
import { installStoredShapes } from './storedShapes';
import { installRecordsStamp } from './recordsStamp';

export interface KeyValue {
  key: string;
  value: unknown;
}

export const DB_NAME = 'localflow';

/**
 * The Dexie database. Each schema change is a new `version(n)` with its
 * upgrade; earlier versions stay declared so any older database can be brought forward.
 */
export class LocalflowDB extends Dexie {
  objects!: Table<ObjectMetadata, string>;
  records!: Table<RecordRow, string>;
  events!: Table<RecordEvent, number>;
  workflows!: Table<WorkflowRow, string>;
  versions!: Table<VersionRow, string>;
  /** Written packed (`PackedRunRow`), read as `StoredRunRow` (the table's reading hook unpacks). */
  runs!: Table<StoredRunRow, string, PackedRunRow | StoredRunRow>;
  runValues!: Table<StoredRunValueRow, string>;
  timers!: Table<TimerRow, string>;
  settings!: Table<SettingRow, string>;
  mailbox!: Table<MailboxRow, string>;
  /** Engine bookkeeping: the outbox cursor. */
  meta!: Table<KeyValue, string>;

  constructor(
    name = DB_NAME,
    options: {
      seed?: boolean | 'objects';
      indexedDB?: IDBFactory;
      IDBKeyRange?: typeof IDBKeyRange;
      chain?: MigrationChain;
      /**
       * When a commit is reported: 'relaxed' (Chromium's default) once the browser has it, 'strict'
       * once the disk has synced it (survives a power cut; see README, Durability).
       */
      durability?: 'relaxed' | 'strict';
    } = {},
  ) {
    super(name, {
      ...(options.indexedDB ? { indexedDB: options.indexedDB, IDBKeyRange: options.IDBKeyRange } : {}),
      ...(options.durability ? { chromeTransactionDurability: options.durability } : {}),
    });
    this.version(1).stores({
      objects: 'name',
      records: 'id, [object+createdAt], [object+updatedAt]',
      events: '++seq',
      workflows: 'id, updatedAt',
      versions: 'id, workflowId, status',
      runs: 'id, status, createdAt, [workflowId+createdAt]',
      timers: 'id, dueAt, runId',
      settings: 'key',
      meta: 'key',
    });
    // v2: large run values (search results, iterator items) move to their own rows.
    this.version(2).stores({ runValues: 'id, runId' });
    // v3: the in-app Outbox of mail sent while no email endpoint is set up.
    this.version(3).stores({ mailbox: 'id, at' });
    // v4: stored graphs and settings carry the shape version they were written in; the
    // workspace gets an identity (see workspace.ts) so a database re-created under the app is noticed.
    this.version(4)
      .stores({})
      .upgrade(async (tx) => {
        if (!(await tx.table('meta').get(WORKSPACE_KEY)))
          await tx.table('meta').put({ key: WORKSPACE_KEY, value: newWorkspaceIdentity() });
        await tx
          .table('versions')
          .toCollection()
          .modify((v: VersionRow) => {
            v.formatVersion ??= 1;
          });
        await tx
          .table('runs')
          .toCollection()
          .modify((r: RunRow) => {
            r.flow.formatVersion ??= 1;
          });
        await tx
          .table('settings')
          .toCollection()
          .modify((s: SettingRow) => {
            s.version ??= 1;
          });
      });
    // v5: every write to records moves a stamp in `meta` (recordsStamp.ts). No store changes:
    // the new version closes the connections of tabs still running code that does not move it.
    this.version(5).stores({});
    installStoredShapes(this, options.chain);
    installRecordsStamp(this);
    // A new database gets the standard objects and its identity; `seed: true` (tests) adds the
    // demo data at once. The app seeds demo data from a tab, and only into a workspace new
    // to this browser (client/workspace.ts).
    const seed = options.seed ?? 'objects';
    if (seed !== false) this.on('populate', (tx) => populate(tx, seed === true));
  }
}

export const ENGINE_TABLES = [
  'objects',
  'records',
  'events',
  'workflows',
  'versions',
  'runs',
  'runValues',
  'timers',
  'meta',
] as const;
export type EngineTables = Pick<LocalflowDB, (typeof ENGINE_TABLES)[number]>;

/**
 * The tables of one transaction, bound to it. Dexie otherwise finds the transaction through
 * its async "zone", which a long chain of awaits without any IndexedDB request can lose.
 */
export function boundTables(
  trans: Transaction,
  names: readonly (typeof ENGINE_TABLES)[number][] = ENGINE_TABLES,
): EngineTables {
  return Object.fromEntries(names.map((n) => [n, trans.table(n)])) as unknown as EngineTables;
}
