import type Dexie from 'dexie';
import type { Table } from 'dexie';
import { liftGraph, WORKFLOW_CHAIN, type MigrationChain } from '../schema/workflowMigrations';
import type { StoredRunRow } from '../schema/run';
import type { VersionRow } from '../schema/workflowRows';

/**
 * Stored workflow graphs carry the format version they were written in (`formatVersion` on a
 * version row, `flow.formatVersion` on a run) and are lifted through the workflow format's
 * migration chain when read, so a later change to a step's shape never leaves stored
 * versions or run history unreadable. Writers stamp the current version.
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
  runs.hook('reading', (row) => row && liftRunRow(row, chain));
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
