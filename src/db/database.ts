import Dexie, { type Table } from 'dexie';
import type { ObjectMetadata } from '../schema/objectMetadata';
import type { RecordEvent, RecordRow } from '../schema/record';
import type { RunRow, TimerRow } from '../schema/run';
import type { VersionRow, WorkflowRow } from '../schema/workflowRows';
import { seedDemoData } from './seed';

export interface KeyValue { key: string; value: unknown }

export const DB_NAME = 'localflow';

/**
 * The Dexie database (DESIGN §2). Each schema change is a new `version(n)` with its
 * upgrade; earlier versions stay declared so any older database can be brought forward.
 */
export class LocalflowDB extends Dexie {
  objects!: Table<ObjectMetadata, string>;
  records!: Table<RecordRow, string>;
  events!: Table<RecordEvent, number>;
  workflows!: Table<WorkflowRow, string>;
  versions!: Table<VersionRow, string>;
  runs!: Table<RunRow, string>;
  timers!: Table<TimerRow, string>;
  settings!: Table<KeyValue, string>;
  /** Engine bookkeeping: the outbox cursor. */
  meta!: Table<KeyValue, string>;

  constructor(name = DB_NAME, options: { seed?: boolean; indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange } = {}) {
    super(name, options.indexedDB ? { indexedDB: options.indexedDB, IDBKeyRange: options.IDBKeyRange } : undefined);
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
    if (options.seed !== false) this.on('populate', (tx) => seedDemoData(tx));
  }
}

/** Every table the engine touches in one transaction. */
export function engineTables(db: LocalflowDB) {
  return [db.objects, db.records, db.events, db.workflows, db.versions, db.runs, db.timers, db.meta];
}
