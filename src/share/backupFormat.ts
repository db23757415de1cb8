import { t } from '@lingui/core/macro';
import { ObjectMetadata } from '../schema/objectMetadata';
import { isSettingKey, readSettingRow } from '../schema/settings';
import { WORKFLOW_FORMAT } from '../schema/workflowFormat';
import { liftGraph, MigrationError, WORKFLOW_CHAIN, type MigrationChain } from '../schema/workflowMigrations';
import { describeIssues } from './workflowFile';
import { checksum } from './checksum';

export { checksum };

/**
 * A workspace backup (`localflow.backup`): gzip-compressed JSON Lines, so 100,000 records
 * are written and read a line at a time.
 *
 *   {"format":"localflow.backup","version":1,"createdAt":…,"includes":{…},"workflowFormatVersion":1}
 *   {"t":"objects","r":{…}}            one line per stored row
 *   {"t":"secrets","r":{salt,iv,data}} only with "include secrets": encrypted (secretBox.ts)
 *   {"end":true,"counts":{…},"checksum":"…"}
 *
 * The closing line counts the rows and carries a checksum of every line before it: a file
 * cut short or altered is refused before anything is written.
 */
export const BACKUP_FORMAT = 'localflow.backup';
export const BACKUP_FORMAT_VERSION = 1;

/** The tables a backup holds, in the order they are written and restored. */
export const BACKUP_TABLES = [
  'objects',
  'records',
  'workflows',
  'versions',
  'settings',
  'runs',
  'runValues',
  'timers',
  'mailbox',
] as const;
export type BackupTable = (typeof BACKUP_TABLES)[number];
/** Only with "include run history". */
export const RUN_TABLES: readonly BackupTable[] = ['runs', 'runValues', 'timers', 'mailbox'];

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: number;
  /** The workflow format version the workflow versions and run graphs are written in. */
  workflowFormatVersion: number;
  includes: { runs: boolean; secrets: boolean };
  /** Where it came from (shown before restoring). */
  workspaceId?: string;
  /** The backup format version the file was written in (read from the file; lines are lifted from it). */
  writtenIn?: number;
}

export interface BackupTrailer {
  end: true;
  counts: Partial<Record<BackupTable | 'secrets', number>>;
  checksum: string;
}

export type BackupLine = { t: BackupTable | 'secrets'; r: Record<string, unknown> };

/** Why a backup file was refused, in the person's words. Nothing was written. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

/** A migration lifts one line written in format version `from` to `from + 1` (null drops it). */
export interface BackupMigration {
  from: number;
  describe: string;
  header?(header: Record<string, unknown>): Record<string, unknown>;
  line(line: BackupLine): BackupLine | null;
}

/** None yet: version 1 is the first backup format. A change to it adds one here, with a test. */
export const BACKUP_MIGRATIONS: BackupMigration[] = [];

export interface BackupChain {
  migrations: readonly BackupMigration[];
  current: number;
}
export const BACKUP_CHAIN: BackupChain = { migrations: BACKUP_MIGRATIONS, current: BACKUP_FORMAT_VERSION };

/** Reads the first line: is this a backup, of a version this app reads? */
export function readHeader(line: string, chain: BackupChain = BACKUP_CHAIN): BackupHeader {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    throw new BackupError(t`This is not a Localflow backup: its first line is not JSON.`);
  }
  const h = parsed as Record<string, unknown>;
  if (!h || typeof h !== 'object' || h.format !== BACKUP_FORMAT) {
    if (h && typeof h === 'object' && (h.format === WORKFLOW_FORMAT || ('trigger' in h && 'steps' in h))) {
      throw new BackupError(t`This is a workflow file, not a workspace backup: import it from Workflows → Import….`);
    }
    throw new BackupError(t`This is not a Localflow backup (it does not start with a "localflow.backup" header).`);
  }
  const version = h.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    throw new BackupError(t`This backup is damaged: its header has no valid format version.`);
  if (version > chain.current) {
    throw new BackupError(
      t`This backup was made by a newer Localflow (backup format ${version}; this app reads up to ${chain.current}). Update Localflow, then restore it.`,
    );
  }
  let header = h;
  for (let v = version; v < chain.current; v++)
    header = migration(chain, v).header?.(header) ?? { ...header, version: v + 1 };
  const includes = header.includes as BackupHeader['includes'] | undefined;
  if (
    typeof header.createdAt !== 'number' ||
    !includes ||
    typeof includes.runs !== 'boolean' ||
    typeof includes.secrets !== 'boolean'
  ) {
    throw new BackupError(t`This backup is damaged: its header is incomplete.`);
  }
  return {
    ...(header as unknown as BackupHeader),
    version: chain.current,
    writtenIn: version,
    workflowFormatVersion: Number(header.workflowFormatVersion ?? 1),
  };
}

function migration(chain: BackupChain, from: number): BackupMigration {
  const found = chain.migrations.find((m) => m.from === from);
  if (!found)
    throw new BackupError(t`This backup's format version ${from} cannot be read by this Localflow (no migration).`);
  return found;
}

/** Lifts a line written in `version` to the chain's current version. */
export function liftLine(line: BackupLine, version: number, chain: BackupChain = BACKUP_CHAIN): BackupLine | null {
  let out: BackupLine | null = line;
  for (let v = version; v < chain.current && out; v++) out = migration(chain, v).line(out);
  return out;
}

export function isTrailer(value: unknown): value is BackupTrailer {
  return !!value && typeof value === 'object' && (value as { end?: unknown }).end === true;
}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown) => typeof v === 'string' && v.length > 0;
const num = (v: unknown) => typeof v === 'number' && Number.isFinite(v);

/**
 * Checks one row and brings it to the shapes this app stores (workflow graphs lifted through
 * the workflow format's chain, like stored versions and files). `known` holds what earlier lines defined (objects,
 * workflows).
 * Returns the row to store, or throws BackupError with where and what.
 */
export function checkRow(
  line: BackupLine,
  where: string,
  header: BackupHeader,
  known: { objects: Set<string>; workflows: Set<string> },
  workflowChain: MigrationChain = WORKFLOW_CHAIN,
): Record<string, unknown> {
  const r = line.r;
  const bad = (what: string): never => {
    throw new BackupError(t`This backup is damaged: ${where} (${line.t}) ${what}.`);
  };
  if (!isObj(r)) bad(t`is not an object`);
  switch (line.t) {
    case 'objects': {
      const parsed = ObjectMetadata.safeParse(r);
      if (!parsed.success) bad(t`is not a valid object definition: ${describeIssues(parsed.error).join('; ')}`);
      known.objects.add(String(r.name));
      return r;
    }
    case 'records':
      if (!str(r.id) || !str(r.object) || !isObj(r.data) || !num(r.createdAt) || !num(r.updatedAt))
        bad(t`is not a record (id, object, data, createdAt, updatedAt)`);
      if (!known.objects.has(String(r.object)))
        bad(t`belongs to an object the backup does not define ("${String(r.object)}")`);
      return r;
    case 'workflows':
      if (!str(r.id) || typeof r.name !== 'string' || !num(r.createdAt))
        bad(t`is not a workflow (id, name, createdAt)`);
      known.workflows.add(String(r.id));
      return r;
    case 'versions': {
      if (!str(r.id) || !str(r.workflowId) || !num(r.number) || typeof r.status !== 'string')
        bad(t`is not a workflow version`);
      if (!known.workflows.has(String(r.workflowId)))
        bad(t`belongs to a workflow the backup does not hold ("${String(r.workflowId)}")`);
      const lifted = liftStored(
        r as { trigger: unknown; steps: unknown },
        Number(r.formatVersion ?? header.workflowFormatVersion),
        workflowChain,
        bad,
      );
      return { ...r, ...lifted, formatVersion: workflowChain.current };
    }
    case 'settings': {
      if (!str(r.key)) bad(t`is not a setting`);
      const key = String(r.key);
      if (!isSettingKey(key)) bad(t`is a setting this Localflow does not know ("${key}")`);
      const read = readSettingRow(
        key as Parameters<typeof readSettingRow>[0],
        r as { key: string; value: unknown; version?: number },
      );
      if ('problem' in read) bad(read.problem);
      return r;
    }
    case 'runs': {
      if (
        !str(r.id) ||
        !str(r.workflowId) ||
        typeof r.status !== 'string' ||
        !isObj(r.state) ||
        (r.flowFromVersion ? !str(r.versionId) : !isObj(r.flow))
      )
        bad(t`is not a run`);
      // A run of a version that had left the draft state reads that version's flow (restored with it).
      if (r.flowFromVersion) return r;
      const flow = r.flow as { trigger: unknown; steps: unknown; formatVersion?: number };
      const lifted = liftStored(flow, Number(flow.formatVersion ?? header.workflowFormatVersion), workflowChain, bad);
      return { ...r, flow: { ...flow, ...lifted, formatVersion: workflowChain.current } };
    }
    case 'runValues':
      if (!str(r.id) || !str(r.runId)) bad(t`is not a run value`);
      return r;
    case 'timers':
      if (!str(r.id) || !num(r.dueAt) || typeof r.kind !== 'string') bad(t`is not a timer`);
      return r;
    case 'mailbox':
      if (!str(r.id) || !num(r.at) || !isObj(r.message)) bad(t`is not an Outbox message`);
      return r;
    default:
      return bad(t`is of an unknown kind`);
  }
}

/** A stored graph lifted to the current workflow format and checked like an imported file. */
function liftStored(
  graph: { trigger: unknown; steps: unknown },
  version: number,
  chain: MigrationChain,
  bad: (what: string) => never,
) {
  let lifted: { trigger: unknown; steps: unknown };
  try {
    lifted = liftGraph(graph, version, chain);
  } catch (error) {
    return bad(error instanceof MigrationError ? error.message : String(error));
  }
  // Drafts may hold unfinished steps (the editor saves them), so only the graph's frame is
  // checked here; the checksum has already vouched that the rows are the ones written.
  const trigger = lifted.trigger as { type?: unknown; nextStepIds?: unknown } | null;
  if (!isObj(trigger) || typeof trigger.type !== 'string' || !Array.isArray(trigger.nextStepIds))
    return bad(t`has no valid trigger`);
  if (
    !Array.isArray(lifted.steps) ||
    !lifted.steps.every((s) => isObj(s) && str(s.id) && str(s.type) && Array.isArray(s.nextStepIds))
  )
    return bad(t`has invalid steps`);
  return { trigger: lifted.trigger, steps: lifted.steps };
}
