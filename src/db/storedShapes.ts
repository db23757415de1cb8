import type Dexie from 'dexie';
import type { Table } from 'dexie';
import { liftGraph, WORKFLOW_CHAIN, type MigrationChain } from '../schema/workflowMigrations';
import type { PackedRunRow, RunRow, StoredRunRow } from '../schema/run';
import type { VersionRow } from '../schema/workflowRows';
import { flowOfVersion } from '../engine/graph';
import type { EngineTables } from './database';

/**
 * Stored workflow graphs carry the format version they were written in (`formatVersion` on a
 * version row, `flow.formatVersion` on a run) and are lifted through the workflow format's
 * migration chain when read, so a later change to a step's shape never leaves stored
 * versions or run history unreadable. Writers stamp the current version. A run of a version
 * that has left the draft state stores no flow of its own: it is read with its version's
 * (`withFlows`), which is lifted with the version.
 */
export function installStoredShapes(db: Dexie, chain: MigrationChain = WORKFLOW_CHAIN): void {
  const versions = db.table('versions') as Table<VersionRow, string>;
  const runs = db.table('runs') as Table<StoredRunRow, string>;
  versions.hook('reading', (row) => row && liftVersionRow(row, chain));
  versions.hook('creating', (_key, row) => {
    row.formatVersion ??= chain.current;
  });
  versions.hook('updating', (changes) =>
    ('trigger' in changes || 'steps' in changes) && !('formatVersion' in changes)
      ? { formatVersion: chain.current }
      : undefined,
  );
  runs.hook('reading', (row) => row && liftRunRow(unpackedRun(row), chain));
}

/** The row IndexedDB keeps for a run (`PackedRunRow`). */
export function packedRun(row: StoredRunRow): PackedRunRow {
  const { state, triggerPayload, ...rest } = row;
  return { ...rest, packed: JSON.stringify({ state, triggerPayload }) };
}

/** A run row as read: unpacked when packed, else (written before packing) as it is. */
function unpackedRun(row: StoredRunRow | PackedRunRow): StoredRunRow {
  if (!('packed' in row) || typeof row.packed !== 'string') return row as StoredRunRow;
  const { packed, ...rest } = row;
  const { state, triggerPayload } = JSON.parse(packed) as Pick<StoredRunRow, 'state' | 'triggerPayload'>;
  return { ...rest, state, triggerPayload };
}

export function liftVersionRow(row: VersionRow, chain: MigrationChain = WORKFLOW_CHAIN): VersionRow {
  const version = row.formatVersion ?? 1;
  if (version >= chain.current) return row;
  return { ...liftGraph(row, version, chain), formatVersion: chain.current };
}

export function liftRunRow<R extends StoredRunRow>(row: R, chain: MigrationChain = WORKFLOW_CHAIN): R {
  // A run without its own flow reads its version's, which is lifted with the version.
  if (!row.flow) return row;
  const version = row.flow.formatVersion ?? 1;
  if (version >= chain.current) return row;
  return { ...row, flow: { ...liftGraph(row.flow, version, chain), formatVersion: chain.current } };
}

/** The row to store for a run: without its flow when that is its version's (`flowFromVersion`). */
export function storedRun(run: RunRow): StoredRunRow {
  if (!run.flowFromVersion) return run;
  const row: StoredRunRow = { ...run };
  delete row.flow;
  return row;
}

/**
 * Runs as read, each with its flow: its own copy, or its version's (read once per version). A run
 * whose version is gone (it cannot be: a workflow's runs go with its versions) is left out, or
 * with 'keep' kept as stored.
 */
export async function withFlows(db: Pick<EngineTables, 'versions'>, runs: StoredRunRow[]): Promise<RunRow[]>;
export async function withFlows(
  db: Pick<EngineTables, 'versions'>,
  runs: StoredRunRow[],
  orphans: 'keep',
): Promise<StoredRunRow[]>;
export async function withFlows(
  db: Pick<EngineTables, 'versions'>,
  runs: StoredRunRow[],
  orphans?: 'keep',
): Promise<StoredRunRow[]> {
  const ids = [...new Set(runs.filter((r) => !r.flow).map((r) => r.versionId))];
  const versions = new Map<string, VersionRow>();
  if (ids.length > 0) for (const v of await db.versions.bulkGet(ids)) if (v) versions.set(v.id, v);
  return runs.flatMap((r) => {
    if (r.flow) return [r as RunRow];
    const version = versions.get(r.versionId);
    return version ? [{ ...r, flow: flowOfVersion(version) }] : orphans === 'keep' ? [r] : [];
  });
}

/** One run with its flow (see `withFlows`); undefined when there is no such run. */
export async function withFlow(
  db: Pick<EngineTables, 'versions'>,
  run: StoredRunRow | undefined,
): Promise<RunRow | undefined> {
  return run ? (await withFlows(db, [run]))[0] : undefined;
}

/**
 * A run as written, its progress copied (what the runner changes in place: step infos, the
 * ready list, arrivals, loops), so a later change to either copy cannot reach the other before
 * it is stored. Outputs, items and the flow are never changed in place and are shared.
 */
export function copyRun(run: RunRow): RunRow {
  const { state } = run;
  const copyEach = <T extends object>(o: Record<string, T>) => {
    const out: Record<string, T> = {};
    for (const key in o) out[key] = { ...o[key] };
    return out;
  };
  return {
    ...run,
    state: {
      ...state,
      ready: [...state.ready],
      stepInfos: copyEach(state.stepInfos),
      arrivals: copyEach(state.arrivals),
      loops: copyEach(state.loops),
    },
  };
}
