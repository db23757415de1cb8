import Dexie from 'dexie';
import { LocalflowDB } from '../../src/db/database';
import { createEngineStore } from '../../src/db/engineStore';
import { Engine } from '../../src/engine/engine';
import { activateWorkflows, emptyDb } from './benchDb';
import { companyRows } from './companies';
import { iteratorWorkflow, LOOP_RECORDS } from './workflows';

const N = LOOP_RECORDS;
const range = [
  ['company', Dexie.minKey],
  ['company', Dexie.maxKey],
] as const;

const listenerWorkflow = {
  format: 'localflow.workflow',
  version: 1,
  name: 'Watch big companies',
  trigger: {
    type: 'DATABASE_EVENT',
    name: 'Company updated',
    nextStepIds: ['note'],
    settings: {
      eventName: 'company.updated',
      filter: { operator: 'AND', conditions: [{ left: 'employees', operand: 'GREATER_THAN', right: 1_000_000 }] },
    },
  },
  steps: [
    {
      id: 'note',
      name: 'Note',
      type: 'CREATE_RECORD',
      settings: { input: { objectName: 'note', objectRecord: { title: 'big' } } },
      nextStepIds: [],
    },
  ],
};

async function freshDb(name: string, durability?: 'relaxed' | 'strict'): Promise<LocalflowDB> {
  const db = await emptyDb(name, durability);
  await db.records.bulkAdd(companyRows(N));
  return db;
}

/**
 * Both sides must have done the same work: every one of the N records holds its new value and
 * was written during the round (an unchanged record is not written, so a benchmark whose
 * updates changed nothing would measure less work than its baseline).
 */
async function verify(db: LocalflowDB, since: number) {
  const rows = await db.records.where('[object+createdAt]').between(range[0], range[1]).toArray();
  const wrong = rows.filter((r, i) => r.data.employees !== i).length;
  const written = rows.filter((r) => r.updatedAt >= since).length;
  if (rows.length !== N || wrong || written !== N)
    throw new Error(
      `verification failed: ${wrong} of ${rows.length} records hold a wrong value, ${written} of ${N} were written`,
    );
}

/**
 * 10,000 records updated through the engine: find → iterator → update record (with outbox
 * events); `strict`: every commit waits for the disk (IndexedDB's "strict" durability).
 */
async function engineRound(withListener = false, strict = false): Promise<number> {
  const db = await freshDb('bench-engine', strict ? 'strict' : undefined);
  // With a listener, a workflow watches company updates (and never matches): every update writes an outbox row.
  const [id] = await activateWorkflows(db, iteratorWorkflow, ...(withListener ? [listenerWorkflow] : []));
  const engine = new Engine(createEngineStore(db), { onError: (e) => console.error('engine error', e) });
  engine.start();
  await engine.idle();
  const since = Date.now();
  const t0 = performance.now();
  const [runId] = await engine.runManual({ workflowId: id });
  await engine.idle();
  const ms = performance.now() - t0;
  engine.stop();
  const run = await db.runs.get(runId);
  if (run?.status !== 'completed') throw new Error(`run ended ${run?.status}: ${run?.error}`);
  if (await db.events.count()) throw new Error('the outbox was not consumed');
  await verify(db, since);
  db.close();
  return ms;
}

/** The same updates written by hand with Dexie in bulk: read all, change, bulkPut. */
async function baselineRound(): Promise<number> {
  const db = await freshDb('bench-baseline');
  const since = Date.now();
  const t0 = performance.now();
  await db.transaction('rw', db.records, async () => {
    const rows = await db.records.where('[object+createdAt]').between(range[0], range[1]).toArray();
    const now = Date.now();
    rows.forEach((r, i) => {
      r.data = { ...r.data, employees: i };
      r.updatedAt = now;
    });
    await db.records.bulkPut(rows);
  });
  const ms = performance.now() - t0;
  await verify(db, since);
  db.close();
  return ms;
}

/** Fills the app's own database with `count` companies (for the table benchmarks). */
async function seedAppDatabase(count: number): Promise<number> {
  const db = new LocalflowDB();
  await db.records.bulkPut(companyRows(count));
  const n = await db.records.where('[object+createdAt]').between(range[0], range[1]).count();
  db.close();
  return n;
}

Object.assign(window, { bench: { engineRound, baselineRound, seedAppDatabase } });
document.getElementById('status')!.textContent = 'ready';
