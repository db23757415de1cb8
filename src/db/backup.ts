import { t } from '@lingui/core/macro';
import type { Table } from 'dexie';
import { nextScheduleTimer } from '../engine/scheduler';
import { uuidv7 } from '../engine/ids';
import { newHookToken } from '../engine/webhook';
import type { StoredRunRow, TimerRow } from '../schema/run';
import type { VersionRow } from '../schema/workflowRows';
import { WORKFLOW_CHAIN, type MigrationChain } from '../schema/workflowMigrations';
import {
  BACKUP_CHAIN,
  BACKUP_TABLES,
  BackupError,
  checkRow,
  checksum,
  isTrailer,
  liftLine,
  readHeader,
  type BackupChain,
  type BackupHeader,
  type BackupLine,
  type BackupTable,
} from '../share/backupFormat';
import { open, type SealedBox } from '../share/secretBox';
import { BackupWriter, LOCAL_SETTINGS, backupHeader, backupTables, type BackupSecrets } from '../share/backupWriter';
import type { LocalflowDB } from './database';
import { withFlows } from './storedShapes';
import { writeSetting } from './settings';
import { RESTORE_EPOCH, WORKSPACE_KEY, type WorkspaceIdentity } from './workspace';

export interface BackupOptions {
  includeRuns: boolean;
  /** Include the secrets (Settings → Secrets, API keys, webhook tokens), sealed with this passphrase. */
  secretsPassphrase?: string;
}

export interface BackupProgress {
  phase: 'reading' | 'checking' | 'restoring';
  done: number;
  total: number;
}
type OnProgress = (p: BackupProgress) => void;

const PAGE = 2000;

/**
 * Writes the whole workspace to a gzip-compressed backup, reading every table in one
 * read-only transaction (a consistent copy while the engine keeps running) a page at a time.
 */
export async function createBackup(
  db: LocalflowDB,
  options: BackupOptions,
  onProgress: OnProgress = () => {},
): Promise<{ blob: Blob; counts: Partial<Record<BackupTable, number>> }> {
  const tables = backupTables(options.includeRuns);
  const identity = (await db.meta.get(WORKSPACE_KEY))?.value as WorkspaceIdentity | undefined;
  const out = new BackupWriter(backupHeader(options, identity?.id));

  await db.transaction(
    'r',
    tables.map((t) => db.table(t)),
    async () => {
      const totals = await Promise.all(tables.map((t) => db.table(t).count()));
      const total = totals.reduce((a, b) => a + b, 0);
      let done = 0;
      for (const name of tables) {
        const table = db.table(name) as Table<Record<string, unknown>, string>;
        out.counts[name] = 0;
        let last: string | undefined;
        for (;;) {
          const page = await (
            last === undefined ? table.limit(PAGE) : table.where(':id').above(last).limit(PAGE)
          ).toArray();
          if (page.length === 0) break;
          // A run is written with its flow (its version's when it keeps none): a backup's runs
          // read as they did, whichever Localflow restores them.
          const rows = name === 'runs' ? await withFlows(db, page as unknown as StoredRunRow[], 'keep') : page;
          for (const row of rows as Record<string, unknown>[]) out.row(name, row);
          last = primaryKeyOf(name, page[page.length - 1]);
          done += page.length;
          onProgress({ phase: 'reading', done, total });
          if (page.length < PAGE) break;
        }
      }
    },
  );

  const blob = await out.finish(options.secretsPassphrase);
  const counts = out.counts;
  await writeSetting(db, 'lastBackup', {
    at: out.header.createdAt,
    records: counts.records ?? 0,
    workflows: counts.workflows ?? 0,
    includesSecrets: !!options.secretsPassphrase,
    includesRuns: options.includeRuns,
  });
  return { blob, counts };
}

function primaryKeyOf(table: BackupTable, row: Record<string, unknown>): string {
  return String(table === 'objects' ? row.name : table === 'settings' ? row.key : row.id);
}

/** A backup file that passed every check, ready to restore. */
export interface CheckedBackup {
  header: BackupHeader;
  counts: Partial<Record<BackupTable, number>>;
  /** Each table's rows as JSON lines (`{"t","r"}`): compact until written. */
  lines: Partial<Record<BackupTable, string[]>>;
  sealed?: SealedBox;
}

/**
 * Reads and checks a whole backup before anything is written: its header, every row, the
 * row counts and the checksum. A file that is foreign, newer, cut short or altered is
 * refused with the reason (BackupError).
 */
export async function readBackup(
  file: Blob,
  onProgress: OnProgress = () => {},
  chains: { backup?: BackupChain; workflow?: MigrationChain } = {},
): Promise<CheckedBackup> {
  if (file.size === 0) throw new BackupError(t`This file is empty.`);
  const magic = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  const gzipped = magic[0] === 0x1f && magic[1] === 0x8b;
  let read = 0;
  const counter = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      read += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  let bytes = file.stream().pipeThrough(counter);
  if (gzipped)
    bytes = bytes.pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>);
  const reader = bytes
    .pipeThrough(new TextDecoderStream('utf-8', { fatal: true }) as unknown as TransformStream<Uint8Array, string>)
    .getReader();

  const state = new LineChecker(chains.backup ?? BACKUP_CHAIN, chains.workflow ?? WORKFLOW_CHAIN);
  let rest = '';
  for (;;) {
    let chunk: ReadableStreamReadResult<string>;
    try {
      chunk = await reader.read();
    } catch (error) {
      if (error instanceof BackupError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new BackupError(
        gzipped
          ? t`This backup file is damaged or cut short: it could not be decompressed (${reason}).`
          : t`This backup file is damaged or cut short: it could not be read as text (${reason}).`,
      );
    }
    if (chunk.done) break;
    const text = rest + chunk.value;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      state.line(text.slice(start, nl));
      start = nl + 1;
    }
    rest = text.slice(start);
    onProgress({ phase: 'checking', done: read, total: file.size });
  }
  if (rest.trim()) state.line(rest);
  return state.finish();
}

class LineChecker {
  private header: BackupHeader | null = null;
  private lineNo = 0;
  private sum = checksum('');
  private trailer: { counts: Partial<Record<string, number>>; checksum: string } | null = null;
  private readonly counts: Partial<Record<BackupTable, number>> = {};
  private readonly lines: Partial<Record<BackupTable, string[]>> = {};
  private sealed?: SealedBox;
  private readonly known = { objects: new Set<string>(), workflows: new Set<string>() };

  constructor(
    private readonly backupChain: BackupChain,
    private readonly workflowChain: MigrationChain,
  ) {}

  line(text: string): void {
    this.lineNo++;
    if (!this.header) {
      this.header = readHeader(text, this.backupChain);
      this.sum = checksum(`${text}\n`, this.sum);
      return;
    }
    if (this.trailer) {
      if (text.trim())
        throw new BackupError(t`This backup is damaged: there is data after its closing line (line ${this.lineNo}).`);
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new BackupError(t`This backup is damaged: line ${this.lineNo} is not valid JSON.`);
    }
    if (isTrailer(parsed)) {
      this.trailer = parsed;
      return;
    }
    this.sum = checksum(`${text}\n`, this.sum);
    const raw = parsed as BackupLine;
    if (!raw || typeof raw !== 'object' || typeof raw.t !== 'string')
      throw new BackupError(t`This backup is damaged: line ${this.lineNo} is not a row.`);
    const line = liftLine(raw, this.header.writtenIn ?? this.header.version, this.backupChain);
    if (!line) return;
    if (line.t === 'secrets') {
      this.sealed = line.r as unknown as SealedBox;
      return;
    }
    if (!(BACKUP_TABLES as readonly string[]).includes(line.t))
      throw new BackupError(t`This backup is damaged: line ${this.lineNo} holds an unknown kind of row ("${line.t}").`);
    const row = checkRow(line, t`line ${this.lineNo}`, this.header, this.known, this.workflowChain);
    const table = line.t as BackupTable;
    (this.lines[table] ??= []).push(row === line.r && line === raw ? text : JSON.stringify({ t: table, r: row }));
    this.counts[table] = (this.counts[table] ?? 0) + 1;
  }

  finish(): CheckedBackup {
    if (!this.header) throw new BackupError(t`This file is empty.`);
    if (!this.trailer) {
      throw new BackupError(
        t`This backup is incomplete: it ends at line ${this.lineNo} before its closing line (was it cut short while being saved or copied?).`,
      );
    }
    for (const table of BACKUP_TABLES) {
      const expected = this.trailer.counts[table] ?? 0;
      const found = this.counts[table] ?? 0;
      if (expected !== found)
        throw new BackupError(
          t`This backup is incomplete or altered: it should hold ${expected} ${table} rows but holds ${found}.`,
        );
    }
    if (this.trailer.checksum !== this.sum.toString(16)) {
      throw new BackupError(t`This backup was altered or damaged after it was made (its checksum does not match).`);
    }
    if (this.header.includes.secrets && !this.sealed)
      throw new BackupError(t`This backup is incomplete: its encrypted secrets are missing.`);
    return { header: this.header, counts: this.counts, lines: this.lines, sealed: this.sealed };
  }
}

export interface RestoreOptions {
  /** Opens the backup's secrets; without it they are not restored (webhook URLs get new tokens). */
  passphrase?: string;
  now?: number;
}

/**
 * Replaces the workspace with a checked backup in one transaction: everything or nothing.
 * The outbox is emptied (its events belong to the data being replaced); schedules are armed
 * again from now. This database keeps its identity.
 */
export async function restoreBackup(
  db: LocalflowDB,
  backup: CheckedBackup,
  options: RestoreOptions = {},
  onProgress: OnProgress = () => {},
): Promise<Partial<Record<BackupTable, number>>> {
  let secrets: BackupSecrets | null = null;
  if (backup.sealed && options.passphrase) secrets = await open<BackupSecrets>(backup.sealed, options.passphrase);
  const now = options.now ?? Date.now();
  const tables = [...BACKUP_TABLES];
  const total = tables.reduce((n, t) => n + (backup.counts[t] ?? 0), 0);
  let done = 0;
  await db.transaction('rw', [...tables.map((t) => db.table(t)), db.events, db.meta], async () => {
    const kept = await db.settings
      .where('key')
      .anyOf([...LOCAL_SETTINGS])
      .toArray();
    await Promise.all([...tables.map((t) => db.table(t).clear()), db.events.clear()]);
    await db.meta.put({ key: RESTORE_EPOCH, value: uuidv7() });
    for (const table of tables) {
      const lines = backup.lines[table] ?? [];
      for (let i = 0; i < lines.length; i += PAGE) {
        let rows = lines.slice(i, i + PAGE).map((l) => (JSON.parse(l) as { r: Record<string, unknown> }).r);
        if (table === 'workflows')
          rows = rows.map((w) => ({ ...w, hookToken: secrets ? secrets.hookTokens[String(w.id)] : newHookToken() }));
        if (table === 'timers') rows = rows.filter((t) => (t as unknown as TimerRow).kind !== 'schedule');
        await db.table(table).bulkAdd(rows);
        done += rows.length;
        onProgress({ phase: 'restoring', done, total });
      }
    }
    if (secrets) await db.settings.bulkPut(secrets.settings);
    await db.settings.bulkPut(kept);
    // Schedules fire from now on, not for the time the backup was away.
    const active = await db.versions.where('status').equals('active').toArray();
    const timers = active.map((v: VersionRow) => nextScheduleTimer(v, now)).filter((t): t is TimerRow => !!t);
    await db.timers.bulkPut(timers);
  });
  return backup.counts;
}

/** What restoring would replace. */
export async function currentContents(db: LocalflowDB): Promise<{ records: number; workflows: number; runs: number }> {
  const [records, workflows, runs] = await Promise.all([db.records.count(), db.workflows.count(), db.runs.count()]);
  return { records, workflows, runs };
}

export function backupFileName(at = new Date()): string {
  return `localflow-backup-${at.toISOString().slice(0, 10)}.jsonl.gz`;
}
