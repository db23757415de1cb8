import { WORKFLOW_FORMAT, WORKFLOW_FORMAT_VERSION } from './workflow';

/** A migration lifts a file from version `from` to `from + 1`; it never mutates its input. */
export interface WorkflowMigration {
  from: number;
  describe: string;
  up(file: Record<string, unknown>): Record<string, unknown>;
}

/**
 * Version 0 is a bare Twenty workflowVersion (`{trigger, steps}`, with optional `name`),
 * as copied from Twenty: lifting it wraps it in our envelope.
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

export class MigrationError extends Error {}

function versionOf(file: Record<string, unknown>): number {
  if (file.format === undefined && 'trigger' in file && 'steps' in file) return 0;
  if (file.format !== WORKFLOW_FORMAT) {
    throw new MigrationError(`format: this is not a Localflow workflow (expected "format": "${WORKFLOW_FORMAT}")`);
  }
  const v = file.version;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new MigrationError('version: expected a whole number ≥ 1');
  if (v > WORKFLOW_FORMAT_VERSION) {
    throw new MigrationError(`version: this workflow uses format version ${v}, newer than this app reads (${WORKFLOW_FORMAT_VERSION}); update Localflow to import it`);
  }
  return v;
}

/** Brings any known version up to the current one. Throws MigrationError on unknown shapes. */
export function migrateWorkflowFile(input: unknown): unknown {
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    throw new MigrationError('(the file): expected a JSON object with a trigger and steps');
  }
  let file = input as Record<string, unknown>;
  let version = versionOf(file);
  while (version < WORKFLOW_FORMAT_VERSION) {
    const migration = WORKFLOW_MIGRATIONS.find((m) => m.from === version);
    if (!migration) throw new MigrationError(`version: no migration from version ${version}`);
    file = migration.up(file);
    version++;
  }
  return file;
}
