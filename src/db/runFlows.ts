import type { RunRow, StoredRunRow } from '../schema/run';
import type { VersionRow } from '../schema/workflowRows';
import type { EngineTables } from './database';

/** A version's trigger and steps as a run's flow. */
export function flowOfVersion(version: VersionRow): RunRow['flow'] {
  return { trigger: version.trigger, steps: version.steps, formatVersion: version.formatVersion };
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
