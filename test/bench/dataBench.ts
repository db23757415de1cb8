import type { LocalflowDB } from '../../src/db/database';
import { createBackup, readBackup, restoreBackup } from '../../src/db/backup';
import { buildRecords, guessMapping, parseCsv, recordsToCsv } from '../../src/db/csvRecords';
import { RecordRepository } from '../../src/db/records';
import type { RecordRow } from '../../src/schema/record';
import { emptyDb } from './benchDb';
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

/** The app: parse (Papa Parse), map the columns, check every row, write them in one transaction with their events. */
async function csvAppRound(): Promise<{ ms: number; written: number }> {
  const db = await emptyDb('bench-csv-app');
  const meta = (await db.objects.get('company'))!;
  const repo = new RecordRepository(db);
  const t0 = performance.now();
  const parsed = parseCsv(csvText);
  const built = buildRecords(meta, parsed, guessMapping(parsed.headers, meta), {
    titles: new Map(),
    objects: new Map(),
  });
  if (built.problems.length) throw new Error(built.problems[0].message);
  await repo.createMany('company', built.records);
  const ms = performance.now() - t0;
  const written = await companies(db).count();
  db.close();
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

Object.assign(window, { dataBench: { backupRound, floorRound, prepareCsv, csvAppRound, csvBaselineRound } });
document.getElementById('status')!.textContent = 'ready';
