import { SETTINGS, isSettingKey, type SettingRow } from '../schema/settings';
import type { WorkflowRow } from '../schema/workflowRows';
import { WORKFLOW_CHAIN } from '../schema/workflowMigrations';
import {
  BACKUP_CHAIN,
  BACKUP_FORMAT,
  BACKUP_TABLES,
  RUN_TABLES,
  checksum,
  type BackupHeader,
  type BackupTable,
} from './backupFormat';
import { seal } from './secretBox';

/** What the sealed part of a backup holds. */
export interface BackupSecrets {
  settings: SettingRow[];
  hookTokens: Record<string, string>;
}

/** Settings kept by one browser, never carried by backups. */
export const LOCAL_SETTINGS = new Set(['lastBackup']);

const CHUNK_CHARS = 1 << 20;

export function backupTables(includeRuns: boolean): BackupTable[] {
  return BACKUP_TABLES.filter((t) => includeRuns || !RUN_TABLES.includes(t));
}

/** A new backup's header, in the current formats. */
export function backupHeader(
  options: { includeRuns: boolean; secretsPassphrase?: string },
  workspaceId: string | undefined,
): BackupHeader {
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_CHAIN.current,
    createdAt: Date.now(),
    workflowFormatVersion: WORKFLOW_CHAIN.current,
    includes: { runs: options.includeRuns, secrets: !!options.secretsPassphrase },
    workspaceId,
  };
}

/**
 * Writes a backup file (backupFormat.ts) line by line, whatever storage the rows come from (the
 * browser's IndexedDB, the runner's Postgres): the header first, then each table's rows as the
 * host reads them, secrets moved to the sealed part, then the closing line with the counts and
 * checksum. The file is gzip-compressed as it is written.
 */
export class BackupWriter {
  private readonly writer: WritableStreamDefaultWriter<BufferSource>;
  private readonly blob: Promise<Blob>;
  private readonly encoder = new TextEncoder();
  private readonly writes: Promise<void>[] = [];
  private text = '';
  private sum = checksum('');
  readonly counts: Partial<Record<BackupTable | 'secrets', number>> = {};
  private readonly secrets: BackupSecrets = { settings: [], hookTokens: {} };

  constructor(readonly header: BackupHeader) {
    const compressor = new CompressionStream('gzip');
    this.writer = compressor.writable.getWriter();
    this.blob = new Response(compressor.readable as ReadableStream<Uint8Array>).blob();
    this.emit(JSON.stringify(header));
  }

  private emit(line: string) {
    this.sum = checksum(`${line}\n`, this.sum);
    this.text += `${line}\n`;
    if (this.text.length >= CHUNK_CHARS) this.flush();
  }

  private flush() {
    this.writes.push(this.writer.write(this.encoder.encode(this.text)));
    this.text = '';
  }

  /** One stored row of `table`, as the backup keeps it in the clear (a row that stays local is skipped). */
  row(table: BackupTable, row: Record<string, unknown>): void {
    const kept = this.publicRow(table, row);
    this.counts[table] = (this.counts[table] ?? 0) + (kept ? 1 : 0);
    if (kept) this.emit(JSON.stringify({ t: table, r: kept }));
  }

  /** A row with its secrets moved to the sealed part. */
  private publicRow(table: BackupTable, row: Record<string, unknown>): Record<string, unknown> | null {
    if (table === 'workflows') {
      const { hookToken, ...rest } = row as unknown as WorkflowRow;
      if (hookToken) this.secrets.hookTokens[rest.id] = hookToken;
      return rest as unknown as Record<string, unknown>;
    }
    if (table === 'settings') {
      const setting = row as unknown as SettingRow;
      if (LOCAL_SETTINGS.has(setting.key) || !isSettingKey(setting.key)) return null;
      const redacted = (SETTINGS[setting.key].redact as (v: unknown) => unknown)(setting.value);
      if (JSON.stringify(redacted) !== JSON.stringify(setting.value)) this.secrets.settings.push(setting);
      return redacted === undefined ? null : { ...setting, value: redacted };
    }
    return row;
  }

  /** Seals the secrets with the passphrase (when the header says the backup includes them) and closes the file. */
  async finish(secretsPassphrase?: string): Promise<Blob> {
    if (this.header.includes.secrets) {
      if (!secretsPassphrase) throw new Error('a backup that includes secrets needs a passphrase');
      this.emit(JSON.stringify({ t: 'secrets', r: await seal(this.secrets, secretsPassphrase) }));
      this.counts.secrets = 1;
    }
    this.text += `${JSON.stringify({ end: true, counts: this.counts, checksum: this.sum.toString(16) })}\n`;
    this.flush();
    this.writes.push(this.writer.close());
    await Promise.all(this.writes);
    return this.blob;
  }
}
