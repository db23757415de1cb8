import type { CheckedBackup } from '../../db/backup';
import { WORKSPACE_KEY } from '../../db/workspace';
import { flowOfVersion } from '../../engine/graph';
import { nextScheduleTimer } from '../../engine/scheduler';
import { newHookToken } from '../../engine/webhook';
import type { RecordRow } from '../../schema/record';
import type { RunRow, StoredRunRow, StoredRunValueRow, TimerRow } from '../../schema/run';
import type { SettingRow } from '../../schema/settings';
import type { VersionRow, WorkflowRow } from '../../schema/workflowRows';
import type { BackupTable } from '../../share/backupFormat';
import { BackupWriter, LOCAL_SETTINGS, backupHeader, backupTables, type BackupSecrets } from '../../share/backupWriter';
import { open } from '../../share/secretBox';
import type { SqlDatabase, SqlSession } from './database';
import { putRuns, putTimer, putVersions, putWorkflows, readVersions } from './rows';

/**
 * Moving a workspace between the app and a runner: the app's backup file (share/backupFormat.ts)
 * is what both read and write. A backup made in the app is restored here whole, and a backup
 * made here is restored by the app (Settings → Your data).
 */

const PAGE = 2000;

/** Each table's rows as the backup holds them (the browser's row shapes), a page at a time. */
async function* rowsOf(s: SqlSession, table: BackupTable): AsyncGenerator<Record<string, unknown>[]> {
  const query: Record<BackupTable, [string, (r: Record<string, unknown>) => Record<string, unknown>]> = {
    objects: ['SELECT name AS k, body FROM objects', (r) => r.body as Record<string, unknown>],
    records: [
      'SELECT id AS k, id, object, data, created_at, updated_at FROM records',
      (r) => ({ id: r.id, object: r.object, data: r.data, createdAt: r.created_at, updatedAt: r.updated_at }),
    ],
    workflows: ['SELECT id AS k, body FROM workflows', (r) => r.body as Record<string, unknown>],
    versions: ['SELECT id AS k, body FROM versions', (r) => r.body as Record<string, unknown>],
    settings: ['SELECT key AS k, body FROM settings', (r) => r.body as Record<string, unknown>],
    runs: ['SELECT id AS k, body FROM runs', (r) => r.body as Record<string, unknown>],
    runValues: [
      'SELECT id AS k, id, run_id, value FROM run_values',
      (r) => ({ id: r.id, runId: r.run_id, value: r.value }),
    ],
    timers: ['SELECT id AS k, body FROM timers', (r) => r.body as Record<string, unknown>],
    mailbox: ['SELECT id AS k, body FROM mailbox', (r) => r.body as Record<string, unknown>],
  };
  const [select, shape] = query[table];
  let last: string | null = null;
  for (;;) {
    const page: Record<string, unknown>[] = await s.query(
      `SELECT * FROM (${select}) t WHERE $1::text IS NULL OR k > $1 ORDER BY k LIMIT ${PAGE}`,
      [last],
    );
    if (page.length === 0) return;
    yield page.map(shape);
    last = String(page[page.length - 1].k);
    if (page.length < PAGE) return;
  }
}

/** The runner's workspace as a backup file (in one transaction: a consistent copy while runners work). */
export async function exportWorkspace(
  db: SqlDatabase,
  options: { includeRuns: boolean; secretsPassphrase?: string },
): Promise<{ blob: Blob; counts: Partial<Record<BackupTable, number>> }> {
  return db.transaction(async (s) => {
    await s.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    const [identity] = await s.query<{ value: { id?: string } }>('SELECT value FROM meta WHERE key = $1', [
      WORKSPACE_KEY,
    ]);
    const out = new BackupWriter(backupHeader(options, identity?.value?.id));
    const versions = new Map((await readVersions(s, 'true')).map((v) => [v.id, v]));
    for (const table of backupTables(options.includeRuns)) {
      out.counts[table] = 0;
      for await (const page of rowsOf(s, table))
        for (const row of page) {
          // A run is written with its flow (its version's when it keeps none), as the app writes it.
          const run = row as unknown as StoredRunRow;
          const version = table === 'runs' && !run.flow ? versions.get(run.versionId) : undefined;
          out.row(table, version ? { ...row, flow: flowOfVersion(version) } : row);
        }
    }
    return { blob: await out.finish(options.secretsPassphrase), counts: out.counts };
  });
}

/**
 * Replaces the runner's workspace with a checked backup (db/backup.ts `readBackup`) in one
 * transaction: everything or nothing, as the app restores. The outbox is emptied (its events
 * belong to the data replaced) and schedules are armed from now. Without the passphrase the
 * backup's secrets stay sealed, and webhook URLs get new tokens.
 */
export async function importWorkspace(
  db: SqlDatabase,
  backup: CheckedBackup,
  options: { passphrase?: string; now?: number } = {},
): Promise<Partial<Record<BackupTable, number>>> {
  const secrets =
    backup.sealed && options.passphrase ? await open<BackupSecrets>(backup.sealed, options.passphrase) : null;
  const now = options.now ?? Date.now();
  const rows = <T>(table: BackupTable) => (backup.lines[table] ?? []).map((line) => (JSON.parse(line) as { r: T }).r);
  await db.transaction(async (s) => {
    const kept = (await s.query<{ body: SettingRow }>('SELECT body FROM settings')).filter((r) =>
      LOCAL_SETTINGS.has(r.body.key),
    );
    await s.query(
      'TRUNCATE objects, records, events, workflows, versions, runs, run_values, timers, settings, mailbox',
    );
    const bulk = async <T>(list: T[], write: (page: T[]) => Promise<unknown>) => {
      for (let i = 0; i < list.length; i += PAGE) await write(list.slice(i, i + PAGE));
    };
    await bulk(rows<Record<string, unknown>>('objects'), (page) =>
      s.query(`INSERT INTO objects (name, body) SELECT o->>'name', o FROM json_array_elements($1::json) AS x(o)`, [
        JSON.stringify(page),
      ]),
    );
    await bulk(rows<RecordRow>('records'), (page) =>
      s.query(
        `INSERT INTO records (id, object, data, created_at, updated_at)
         SELECT r.id, r.object, r.data, r."createdAt", r."updatedAt"
         FROM json_to_recordset($1::json) AS r(id text, object text, data json, "createdAt" float8, "updatedAt" float8)`,
        [JSON.stringify(page)],
      ),
    );
    const workflows = rows<WorkflowRow>('workflows').map((w) => ({
      ...w,
      hookToken: secrets?.hookTokens[w.id] ?? newHookToken(),
    }));
    await bulk(workflows, (page) => putWorkflows(s, page));
    const versions = rows<VersionRow>('versions');
    await bulk(versions, (page) => putVersions(s, page));
    const settings = [...rows<SettingRow>('settings'), ...(secrets?.settings ?? []), ...kept.map((r) => r.body)];
    await bulk(settings, (page) =>
      s.query(
        `INSERT INTO settings (key, body) SELECT r->>'key', r FROM json_array_elements($1::json) AS x(r)
         ON CONFLICT (key) DO UPDATE SET body = excluded.body`,
        [JSON.stringify(page)],
      ),
    );
    // Runs come with their flows; stored as the runner stores them (its version's flow, kept once).
    await bulk(rows<RunRow>('runs'), (page) => putRuns(s, page, null));
    // The app's rows hold JSON text (`json`); older ones and the runner's own the value itself.
    // Both stay `json`, not `jsonb` (which would reorder the value's keys).
    await bulk(rows<StoredRunValueRow>('runValues'), (page) =>
      s.query(
        `INSERT INTO run_values (id, run_id, value)
         SELECT v->>'id', v->>'runId', COALESCE((v->>'json')::json, v->'value') FROM json_array_elements($1::json) AS x(v)`,
        [JSON.stringify(page)],
      ),
    );
    // Schedules fire from now on, not for the time the workspace was away.
    const timers = rows<TimerRow>('timers').filter((t) => t.kind !== 'schedule');
    for (const v of versions) {
      const timer = v.status === 'active' ? nextScheduleTimer(v, now) : undefined;
      if (timer) timers.push(timer);
    }
    for (const timer of timers) await putTimer(s, timer);
    // The workspace keeps its identity across the move (the app's and the runner's are one workspace).
    if (backup.header.workspaceId)
      await s.query(
        `INSERT INTO meta (key, value) VALUES ($1, $2::json) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
        [WORKSPACE_KEY, JSON.stringify({ id: backup.header.workspaceId, createdAt: now, demo: false })],
      );
    await bulk(rows<{ id: string; at: number }>('mailbox'), (page) =>
      s.query(
        `INSERT INTO mailbox (id, at, body) SELECT m->>'id', (m->>'at')::float8, m FROM json_array_elements($1::json) AS x(m)`,
        [JSON.stringify(page)],
      ),
    );
  });
  return backup.counts;
}
