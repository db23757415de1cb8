import { closeSync, openSync, readdirSync, readFileSync, rmSync, writeSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import type { Pool, PoolClient } from 'pg';

/**
 * The runner's one way into SQL, the same for PGlite (Postgres in this process, kept in a folder)
 * and a Postgres server: transactions, each on one connection, its statements sent one at a time
 * in the order they were asked for (the engine asks for several at once; a connection answers
 * one after the other, and `pg` warns when it is given them together).
 */
export interface SqlSession {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
}

export interface SqlDatabase {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` between BEGIN and COMMIT (ROLLBACK when it throws) on one connection. */
  transaction<T>(fn: (session: SqlSession) => Promise<T>): Promise<T>;
  /**
   * Calls `onNotify` on each notification sent on `channel` (Postgres's LISTEN/NOTIFY; on a
   * server, over a connection of its own). Resolves to what stops listening.
   */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

function channelName(channel: string): string {
  if (!/^[a-z_]+$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
  return channel;
}

/** Statements of one connection, sent one after the other. */
function serialised(run: (text: string, params?: unknown[]) => Promise<unknown[]>): SqlSession {
  let last: Promise<unknown> = Promise.resolve();
  return {
    query<R>(text: string, params?: unknown[]) {
      const next = last.then(() => run(text, params)) as Promise<R[]>;
      last = next.catch(() => {});
      return next;
    },
  };
}

/** Thrown when the database cannot be opened as asked: the message is for the person who asked. */
export class OpenError extends Error {}

const LOCK_FILE = 'localflow-runner.lock';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the folder for this process: PGlite has one connection and does not refuse a second
 * process opening the same folder (both would write it, and the data is lost). A lock file
 * names the owner; one left by a process that is gone is taken over.
 */
function lockFolder(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
      const owner = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && processAlive(owner))
        throw new OpenError(
          `The folder ${dir} is in use by another runner (process ${owner}). One runner per folder: stop that one first, or run several runners on a Postgres server (DATABASE_URL).`,
        );
      rmSync(path, { force: true });
    }
  }
}

/** PGlite in this process, its data in `dir` (one runner per folder; `undefined`: in memory). */
export async function openPglite(dir?: string): Promise<SqlDatabase> {
  const unlock = dir ? lockFolder(dir) : () => {};
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const pg: PGlite = await PGlite.create(dir ? { dataDir: dir } : {});
    const db: SqlDatabase = {
      kind: 'pglite',
      transaction: (fn) =>
        pg.transaction((tx) => fn(serialised(async (text, params) => (await tx.query(text, params)).rows))),
      async listen(channel, onNotify) {
        const stop = await pg.listen(channelName(channel), () => onNotify());
        return () => stop();
      },
      async close() {
        await pg.close();
        unlock();
      },
    };
    await migrate(db);
    return db;
  } catch (error) {
    unlock();
    throw error;
  }
}

/** A Postgres server (`postgres://…`): a pool of `connections`, one per transaction in flight. */
export async function openPostgres(url: string, connections = 4): Promise<SqlDatabase> {
  const { default: pg } = await import('pg');
  // Each process's connections are named for it (pg_stat_activity shows who holds what).
  const name = `localflow-runner:${process.pid}`;
  const pool: Pool = new pg.Pool({ connectionString: url, max: connections, application_name: name });
  // A connection that breaks while idle must not take the process down.
  pool.on('error', () => {});
  const db: SqlDatabase = {
    kind: 'postgres',
    async transaction(fn) {
      const client: PoolClient = await pool.connect();
      let broken: unknown;
      try {
        await client.query('BEGIN');
        const value = await fn(serialised(async (text, params) => (await client.query(text, params)).rows));
        await client.query('COMMIT');
        return value;
      } catch (error) {
        await client.query('ROLLBACK').catch((e: unknown) => (broken = e));
        throw error;
      } finally {
        client.release(broken as Error | undefined);
      }
    },
    async listen(channel, onNotify) {
      const client = new pg.Client({ connectionString: url, application_name: name });
      // A listening connection that breaks leaves the runner to its regular look for work.
      client.on('error', () => {});
      client.on('notification', (message) => {
        if (message.channel === channel) onNotify();
      });
      await client.connect();
      await client.query(`LISTEN ${channelName(channel)}`);
      return () => client.end().catch(() => {});
    },
    close: () => pool.end(),
  };
  await migrate(db);
  return db;
}

const MIGRATIONS = fileURLToPath(new URL('./migrations/', import.meta.url));

/**
 * Applies the migration files (`migrations/NNN_name.sql`, in name order) the database has not
 * had, each in its own transaction. Runners starting together on one server take turns (an
 * advisory lock), so each file is applied once.
 */
export async function migrate(db: SqlDatabase): Promise<string[]> {
  const files = readdirSync(MIGRATIONS)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const applied: string[] = [];
  for (const file of files) {
    const done = await db.transaction(async (s) => {
      await s.query('SELECT pg_advisory_xact_lock(7271001)');
      await s.query(
        'CREATE TABLE IF NOT EXISTS localflow_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      if ((await s.query('SELECT 1 FROM localflow_migrations WHERE name = $1', [file])).length > 0) return false;
      for (const statement of statements(readFileSync(join(MIGRATIONS, file), 'utf8'))) await s.query(statement);
      await s.query('INSERT INTO localflow_migrations (name) VALUES ($1)', [file]);
      return true;
    });
    if (done) applied.push(file);
  }
  return applied;
}

/**
 * A migration file's statements: separated by `;` at a line's end, except inside a `$$`-quoted
 * body (a function's); comment lines dropped.
 */
function statements(sql: string): string[] {
  const out: string[] = [];
  let current: string[] = [];
  let quoted = false;
  for (const line of sql.split('\n')) {
    if (!quoted && line.trim().startsWith('--')) continue;
    current.push(line);
    if ((line.match(/\$\$/g) ?? []).length % 2 === 1) quoted = !quoted;
    if (!quoted && /;\s*$/.test(line)) {
      out.push(current.join('\n').replace(/;\s*$/, '').trim());
      current = [];
    }
  }
  out.push(current.join('\n').trim());
  return out.filter(Boolean);
}
