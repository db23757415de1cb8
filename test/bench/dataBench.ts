import * as Comlink from 'comlink';
import { createBackup, readBackup, restoreBackup } from '../../src/db/backup';
import { buildRecords, guessMapping, parseCsv, recordsToCsv } from '../../src/db/csvRecords';
import { boundTables, LocalflowDB } from '../../src/db/database';
import { NativeStores } from '../../src/db/nativeStores';
import { DexieRecordTx } from '../../src/db/recordTx';
import { findRecords } from '../../src/engine/steps/findRecords';
import type { RecordRow } from '../../src/schema/record';
import { emptyDb } from './benchDb';
import type { EngineWorker } from './engineWorker';
import { companyRows } from './companies';

const companies = (db: LocalflowDB) =>
  db.records.where('[object+createdAt]').between(['company', -Infinity], ['company', Infinity]);

/**
 * Backup and restore of a workspace with `count` companies: the time to write the backup
 * file, and to check and restore it into another database; counts what was restored.
 */
async function backupRound(
  count: number,
): Promise<{ backupMs: number; checkMs: number; restoreMs: number; bytes: number; restored: number }> {
  const source = await emptyDb('bench-backup-source');
  for (let i = 0; i < count; i += 20_000)
    await source.records.bulkPut(
      companyRows(Math.min(20_000, count - i), `b${i}`).map((r, j) => ({ ...r, createdAt: r.createdAt + i + j })),
    );
  let t0 = performance.now();
  const { blob } = await createBackup(source, { includeRuns: false });
  const backupMs = performance.now() - t0;
  source.close();
  const target = await emptyDb('bench-backup-target');
  t0 = performance.now();
  const checked = await readBackup(blob);
  const checkMs = performance.now() - t0;
  t0 = performance.now();
  await restoreBackup(target, checked);
  const restoreMs = performance.now() - t0;
  const restored = await companies(target).count();
  target.close();
  if (restored !== count) throw new Error(`restored ${restored} of ${count} companies`);
  return { backupMs, checkMs, restoreMs, bytes: blob.size, restored };
}

/** The floor for the restore: the same rows written by Dexie bulkAdd, 20,000 at a time, in one transaction. */
async function floorRound(count: number): Promise<number> {
  const floorDb = await emptyDb('bench-backup-floor');
  const rows = Array.from({ length: Math.ceil(count / 20_000) }, (_, k) =>
    companyRows(Math.min(20_000, count - k * 20_000), `f${k}`),
  );
  const t0 = performance.now();
  await floorDb.transaction('rw', floorDb.records, async () => {
    for (const batch of rows) await floorDb.records.bulkAdd(batch);
  });
  const floorMs = performance.now() - t0;
  const floorCount = await companies(floorDb).count();
  floorDb.close();
  if (floorCount !== count) throw new Error(`the floor wrote ${floorCount} of ${count}`);
  return floorMs;
}

let csvText = '';

/** The CSV both sides import: `count` companies as the app exports them. */
async function prepareCsv(count: number): Promise<number> {
  const db = await emptyDb('bench-csv-prepare');
  const meta = (await db.objects.get('company'))!;
  db.close();
  csvText = recordsToCsv(meta, companyRows(count), { titles: new Map(), objects: new Map() });
  return csvText.length;
}

/** The app's engine worker, which makes a person's record writes (see engineWorker.ts). */
const engineWorker = Comlink.wrap<EngineWorker>(
  new Worker(new URL('./engineWorker.ts', import.meta.url), { type: 'module' }),
);

/**
 * The app: parse (Papa Parse), map the columns, check every row, then the records go to the
 * engine worker, which writes them in one transaction (with the runs of any workflow listening).
 */
async function csvAppRound(): Promise<{ ms: number; written: number }> {
  await engineWorker.open('bench-csv-app', []);
  const db = new LocalflowDB('bench-csv-app', { seed: false });
  const meta = (await db.objects.get('company'))!;
  const t0 = performance.now();
  const parsed = parseCsv(csvText);
  const built = buildRecords(meta, parsed, guessMapping(parsed.headers, meta), {
    titles: new Map(),
    objects: new Map(),
  });
  if (built.problems.length) throw new Error(built.problems[0].message);
  await engineWorker.write({ kind: 'createMany', object: 'company', data: built.records });
  const ms = performance.now() - t0;
  const written = await companies(db).count();
  db.close();
  await engineWorker.close();
  return { ms, written };
}

/** The floor: a hand-written split of the same text into the same record shape, then one Dexie bulkAdd. */
async function csvBaselineRound(): Promise<{ ms: number; written: number }> {
  const db = await emptyDb('bench-csv-base');
  const t0 = performance.now();
  const lines = csvText.split(/\r?\n/);
  const headers = lines[0].split(',');
  const col = (name: string) => headers.indexOf(name);
  const c = {
    name: col('Name'),
    url: col('Domain / URL'),
    employees: col('Employees'),
    street: col('Address / Street 1'),
    city: col('Address / City'),
    postcode: col('Address / Postcode'),
    country: col('Address / Country'),
    amount: col('ARR / Amount'),
    currency: col('ARR / Currency'),
    icp: col('ICP'),
  };
  const now = Date.now();
  const rows: RecordRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (!lines[i]) continue;
    const cells = lines[i].split(',');
    rows.push({
      id: `csv-${i}`,
      object: 'company',
      createdAt: now,
      updatedAt: now,
      data: {
        name: cells[c.name],
        domainName: { primaryLinkUrl: cells[c.url], primaryLinkLabel: '', secondaryLinks: [] },
        employees: Number(cells[c.employees]),
        address: {
          addressStreet1: cells[c.street],
          addressStreet2: '',
          addressCity: cells[c.city],
          addressState: '',
          addressPostcode: cells[c.postcode],
          addressCountry: cells[c.country],
        },
        annualRecurringRevenue: {
          amountMicros: Math.round(Number(cells[c.amount]) * 1e6),
          currencyCode: cells[c.currency],
        },
        idealCustomerProfile: cells[c.icp] === 'true',
      },
    });
  }
  await db.records.bulkAdd(rows);
  const ms = performance.now() - t0;
  const written = await companies(db).count();
  db.close();
  return { ms, written };
}

let findDb: LocalflowDB | null = null;
const FIND_T0 = companyRows(1)[0].createdAt;

/** 100,000 companies for the indexed-search rounds (created one millisecond apart). */
async function prepareFind(count: number): Promise<number> {
  findDb = await emptyDb('bench-find');
  for (let i = 0; i < count; i += 20_000)
    await findDb.records.bulkPut(
      companyRows(Math.min(20_000, count - i), `f${i}`).map((r, j) => ({ ...r, createdAt: FIND_T0 + i + j })),
    );
  return companies(findDb).count();
}

/**
 * FIND_RECORDS with a filter on the creation date (1,000 of the companies: created after
 * `from - 1` and before `from + 1000`), the step as the engine runs it, in a transaction like
 * the engine's; it returns every match (limit 10,000). Returns the time and how many it found.
 */
async function findAppRound(from: number): Promise<{ ms: number; found: number }> {
  const db = findDb!;
  const iso = (t: number) => new Date(FIND_T0 + t).toISOString();
  const step = {
    id: 'find',
    name: 'Find',
    type: 'FIND_RECORDS',
    valid: true,
    nextStepIds: [],
    settings: {
      input: {
        objectName: 'company',
        limit: 10_000,
        filter: {
          recordFilterGroups: [],
          recordFilters: [
            {
              id: 'a',
              fieldMetadataId: '',
              type: 'DATE_TIME',
              label: '',
              fieldName: 'createdAt',
              operand: 'IS_AFTER',
              value: iso(from - 1),
            },
            {
              id: 'b',
              fieldMetadataId: '',
              type: 'DATE_TIME',
              label: '',
              fieldName: 'createdAt',
              operand: 'IS_BEFORE',
              value: iso(from + 1000),
            },
          ],
        },
      },
      errorHandlingOptions: { retryOnFailure: { value: false }, continueOnFailure: { value: false } },
    },
  };
  const t0 = performance.now();
  const out = await db.transaction('rw', [db.records, db.events, db.objects], async (trans) => {
    const tx = new DexieRecordTx(boundTables(trans, ['records', 'events', 'objects']), new NativeStores(trans), 'all');
    const ctx = { step, records: tx, resolve: (v: unknown) => v, now: Date.now() };
    return (await findRecords.execute(ctx as unknown as Parameters<typeof findRecords.execute>[0])).output as {
      all: unknown[];
      totalCount: number;
    };
  });
  const ms = performance.now() - t0;
  if (out.all.length !== out.totalCount) throw new Error('the search returned fewer records than it found');
  return { ms, found: out.all.length };
}

/** The baseline: the same 1,000 companies by Dexie `where().between()` on the same index, in a transaction. */
async function findBaselineRound(from: number): Promise<{ ms: number; found: number }> {
  const db = findDb!;
  const t0 = performance.now();
  const rows = await db.transaction('rw', [db.records, db.events, db.objects], () =>
    db.records
      .where('[object+createdAt]')
      .between(['company', FIND_T0 + from], ['company', FIND_T0 + from + 999], true, true)
      .toArray(),
  );
  return { ms: performance.now() - t0, found: rows.length };
}

Object.assign(window, {
  dataBench: {
    backupRound,
    floorRound,
    prepareCsv,
    csvAppRound,
    csvBaselineRound,
    prepareFind,
    findAppRound,
    findBaselineRound,
  },
});
document.getElementById('status')!.textContent = 'ready';
