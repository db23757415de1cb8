import { WORKFLOW_FORMAT, WORKFLOW_FORMAT_VERSION } from './workflowFormat';

/** A migration lifts a file from version `from` to `from + 1`; it never mutates its input. */
export interface WorkflowMigration {
  from: number;
  describe: string;
  up(file: Record<string, unknown>): Record<string, unknown>;
}

/**
 * Version 0 is a bare Twenty workflowVersion (`{trigger, steps}`, with optional `name`),
 * as copied from Twenty: lifting it wraps it in our envelope.
 *
 * The same chain lifts stored shapes (a version's or a run's graph, see db/storedShapes.ts)
 * and the workflows inside a workspace backup: a change to a step's shape is one migration here.
 */
export const WORKFLOW_MIGRATIONS: WorkflowMigration[] = [
  {
    from: 0,
    describe: 'wrap a Twenty workflow version in the Localflow envelope',
    up: (file) => ({
      format: WORKFLOW_FORMAT,
      version: 1,
      name: typeof file.name === 'string' && file.name.trim() ? file.name : 'Imported workflow',
      trigger: file.trigger,
      steps: file.steps,
    }),
  },
];

/** A chain of migrations and the version it ends at (tests pass their own). */
export interface MigrationChain {
  migrations: readonly WorkflowMigration[];
  current: number;
}
export const WORKFLOW_CHAIN: MigrationChain = { migrations: WORKFLOW_MIGRATIONS, current: WORKFLOW_FORMAT_VERSION };

export class MigrationError extends Error {}

function versionOf(file: Record<string, unknown>, current: number): number {
  if (file.format === undefined && 'trigger' in file && 'steps' in file) return 0;
  if (file.format !== WORKFLOW_FORMAT) {
    throw new MigrationError(`format: this is not a Localflow workflow (expected "format": "${WORKFLOW_FORMAT}")`);
  }
  const v = file.version;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
    throw new MigrationError('version: expected a whole number ≥ 1');
  if (v > current) {
    throw new MigrationError(
      `version: this workflow uses format version ${v}, newer than this app reads (${current}); update Localflow to import it`,
    );
  }
  return v;
}

/** Brings any known version up to the current one. Throws MigrationError on unknown shapes. */
export function migrateWorkflowFile(input: unknown, chain: MigrationChain = WORKFLOW_CHAIN): unknown {
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    throw new MigrationError('(the file): expected a JSON object with a trigger and steps');
  }
  let file = input as Record<string, unknown>;
  let version = versionOf(file, chain.current);
  while (version < chain.current) {
    const migration = chain.migrations.find((m) => m.from === version);
    if (!migration) throw new MigrationError(`version: no migration from version ${version}`);
    file = migration.up(file);
    version++;
  }
  return file;
}

/** A stored graph (`{trigger, steps}` written at `version`) lifted to the chain's current version. */
export function liftGraph<G extends { trigger: unknown; steps: unknown }>(
  graph: G,
  version: number,
  chain: MigrationChain = WORKFLOW_CHAIN,
): G {
  if (version >= chain.current) return graph;
  const lifted = migrateWorkflowFile(
    { format: WORKFLOW_FORMAT, version, name: 'stored', trigger: graph.trigger, steps: graph.steps },
    chain,
  ) as { trigger: unknown; steps: unknown };
  return { ...graph, trigger: lifted.trigger, steps: lifted.steps };
}
