import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import '../../src/i18n/core';
import { RUN_RETENTION_KEY } from '../../src/db/retention';
import { Engine } from '../../src/engine/engine';
import { openPglite, openPostgres, type SqlDatabase } from '../../src/runner/sql/database';
import { createSqlEngineStore } from '../../src/runner/sql/engineStore';
import { SqlRecordRepository } from '../../src/runner/sql/records';
import { installActiveWorkflow, seedStandardObjects } from '../../src/runner/sql/workspace';
import { settingRow } from '../../src/schema/settings';
import { readWorkflowFile } from '../../src/share/workflowFile';
import { startPostgres } from '../support/postgres';
import { companyRows } from './companies';
import { iteratorWorkflow, LOOP_RECORDS, onCompanyCreated } from './workflows';

/**
 * The runner's figures (`npm run bench`, after the browser's): small triggered runs per second
 * on PGlite and on a Postgres server with 1 and 3 runner processes, and the 10k loop on each
 * store against a hand-written baseline on the same database (read all, write all back in one
 * statement). Each checks what was written. Prints one JSON line per figure.
 */

const EVENTS = Number(process.env.BENCH_RUNNER_EVENTS ?? 3000);
import { RUNNER } from '../support/runnerProcess';
const print = (figure: Record<string, unknown>) => console.log(JSON.stringify(figure));

async function prepare(db: SqlDatabase, ...files: unknown[]): Promise<string[]> {
  await seedStandardObjects(db);
  await db.transaction((s) =>
    s.query(
      `INSERT INTO settings (key, body) VALUES ($1, $2::json) ON CONFLICT (key) DO UPDATE SET body = excluded.body`,
      [RUN_RETENTION_KEY, JSON.stringify(settingRow(RUN_RETENTION_KEY, 1_000_000))],
    ),
  );
  const ids: string[] = [];
  for (const file of files) ids.push(await installActiveWorkflow(db, readWorkflowFile(file), () => null));
  return ids;
}

async function counts(db: SqlDatabase) {
  const [row] = await db.transaction((s) =>
    s.query<{ open: number; completed: number; outbox: number; tasks: number; marked: number }>(
      `SELECT (SELECT count(*) FROM runs WHERE status IN ('queued', 'running'))::int AS open,
              (SELECT count(*) FROM runs WHERE status = 'completed')::int AS completed,
              (SELECT count(*) FROM events)::int AS outbox,
              (SELECT count(*) FROM records WHERE object = 'task')::int AS tasks,
              (SELECT count(*) FROM records WHERE object = 'company' AND (data->>'idealCustomerProfile')::boolean)::int AS marked`,
    ),
  );
  return row;
}

/**
 * `EVENTS` companies written 100 per transaction, each starting the three-step run of the
 * browser's benchmark; timed from the first write until every run completed. `runners`: engines
 * in runner processes (a server), or in this process (0, PGlite: one process per folder).
 */
async function triggeredRuns(db: SqlDatabase, url: string | undefined, runners: number) {
  await prepare(db, onCompanyCreated);
  let engine: Engine | undefined;
  let children: ChildProcess[] = [];
  if (url)
    children = await Promise.all(
      Array.from({ length: runners }, async () => {
        const child = spawn('node', [RUNNER, '--port', '0', '--poll-ms', '20'], {
          env: { ...process.env, DATABASE_URL: url },
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        await new Promise((r) => child.stdout!.once('data', r));
        return child;
      }),
    );
  else {
    engine = new Engine(
      createSqlEngineStore(db, Date.now, () => engine?.kick({ outbox: true })),
      {
        onError: (e) => console.error('engine error', e),
      },
    );
    engine.start();
  }
  const records = new SqlRecordRepository(db, (n) => engine?.kick({ outbox: n > 0 }));
  const t0 = performance.now();
  for (let i = 0; i < EVENTS; i += 100)
    await records.createMany(
      'company',
      Array.from({ length: Math.min(100, EVENTS - i) }, (_, j) => ({ name: `Company ${i + j}` })),
    );
  let c = await counts(db);
  while (c.outbox > 0 || c.open > 0 || c.completed < EVENTS) {
    await (engine ? engine.idle() : new Promise((r) => setTimeout(r, 20)));
    c = await counts(db);
  }
  const ms = performance.now() - t0;
  engine?.stop();
  await engine?.idle();
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(children.map((c) => new Promise((r) => c.once('exit', r))));
  if (c.completed !== EVENTS || c.tasks !== EVENTS || c.marked !== EVENTS)
    throw new Error(`${c.completed} runs completed, ${c.tasks} tasks and ${c.marked} updates for ${EVENTS} events`);
  return (EVENTS / ms) * 1000;
}

/** 10,000 companies, in one statement. */
async function seedCompanies(db: SqlDatabase) {
  await db.transaction((s) =>
    s.query(
      `INSERT INTO records (id, object, data, created_at, updated_at)
       SELECT r.id, r.object, r.data, r."createdAt", r."updatedAt"
       FROM json_to_recordset($1::json) AS r(id text, object text, data json, "createdAt" float8, "updatedAt" float8)`,
      [JSON.stringify(companyRows(LOOP_RECORDS))],
    ),
  );
}

/** Both sides did the same work: each company holds its position and was written in the round. */
async function verifyLoop(db: SqlDatabase, since: number) {
  const [row] = await db.transaction((s) =>
    s.query<{ n: number; wrong: number; written: number }>(
      `SELECT count(*)::int AS n,
              count(*) FILTER (WHERE (data->>'employees')::int <> pos - 1)::int AS wrong,
              count(*) FILTER (WHERE updated_at >= $1)::int AS written
       FROM (SELECT data, updated_at, row_number() OVER (ORDER BY created_at, id) AS pos FROM records WHERE object = 'company') t`,
      [since],
    ),
  );
  if (row.n !== LOOP_RECORDS || row.wrong !== 0 || row.written !== LOOP_RECORDS)
    throw new Error(`loop check: ${row.wrong} of ${row.n} wrong, ${row.written} written`);
}

async function loopRound(db: SqlDatabase, workflowId: string): Promise<number> {
  await db.transaction((s) => s.query(`DELETE FROM records WHERE object = 'company'`));
  await seedCompanies(db);
  const engine = new Engine(createSqlEngineStore(db), { onError: (e) => console.error('engine error', e) });
  engine.start();
  await engine.idle();
  const since = Date.now();
  const t0 = performance.now();
  await engine.runManual({ workflowId });
  await engine.idle();
  const ms = performance.now() - t0;
  engine.stop();
  await verifyLoop(db, since);
  return ms;
}

/** The same updates written by hand: read every company, change it, write all back in one statement. */
async function baselineRound(db: SqlDatabase): Promise<number> {
  await db.transaction((s) => s.query(`DELETE FROM records WHERE object = 'company'`));
  await seedCompanies(db);
  const since = Date.now();
  const t0 = performance.now();
  await db.transaction(async (s) => {
    const rows = await s.query<{ id: string; data: Record<string, unknown> }>(
      `SELECT id, data FROM records WHERE object = 'company' ORDER BY created_at, id`,
    );
    const now = Date.now();
    await s.query(
      `UPDATE records SET data = u.data, updated_at = u.at FROM json_to_recordset($1::json) AS u(id text, data json, at float8) WHERE records.id = u.id`,
      [JSON.stringify(rows.map((r, i) => ({ id: r.id, data: { ...r.data, employees: i }, at: now })))],
    );
  });
  const ms = performance.now() - t0;
  await verifyLoop(db, since);
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'localflow-runner-bench-'));
  const server = await startPostgres({ fsync: true });
  let n = 0;
  const fresh = async (kind: 'pglite' | 'postgres') =>
    kind === 'pglite'
      ? { db: await openPglite(join(dir, `pglite-${++n}`)), url: undefined }
      : await (async () => {
          const url = await server.createDatabase(`bench_${++n}`);
          return { db: await openPostgres(url), url };
        })();
  try {
    for (const [label, kind, runners] of [
      ['PGlite, in the process', 'pglite', 0],
      ['a Postgres server, 1 runner', 'postgres', 1],
      ['a Postgres server, 3 runners', 'postgres', 3],
    ] as const) {
      const { db, url } = await fresh(kind);
      try {
        print({
          figure: 'runs per second',
          store: label,
          runsPerSecond: await triggeredRuns(db, url, runners),
          events: EVENTS,
        });
      } finally {
        await db.close();
      }
    }
    for (const [label, kind] of [
      ['PGlite', 'pglite'],
      ['a Postgres server', 'postgres'],
    ] as const) {
      const { db } = await fresh(kind);
      try {
        const [workflowId] = await prepare(db, iteratorWorkflow);
        await loopRound(db, workflowId); // warm-up
        const app: number[] = [],
          base: number[] = [];
        for (let i = 0; i < 3; i++) {
          app.push(await loopRound(db, workflowId));
          base.push(await baselineRound(db));
        }
        print({ figure: '10k loop', store: label, appMs: median(app), baseMs: median(base), app, base });
      } finally {
        await db.close();
      }
    }
  } finally {
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
