import { z } from 'zod';
import { WORKFLOW_FORMAT, WORKFLOW_FORMAT_VERSION, WorkflowFile, type Step, type Trigger } from '../schema/workflow';
import { MigrationError, migrateWorkflowFile } from '../schema/workflowMigrations';
import { fromTwenty, isTwentyShaped, TwentyImportError } from '../schema/twentyImport';

/** Why an import was refused: each problem names where it is and what is wrong. */
export class ImportError extends Error {
  constructor(readonly problems: string[]) {
    super(
      problems.length === 1 ? problems[0] : `${problems.length} problems:\n${problems.map((p) => `• ${p}`).join('\n')}`,
    );
    this.name = 'ImportError';
  }
}

export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(the file)';
  return path.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)),
    '',
  );
}

/** Reads a workflow file: parse → migrate → validate (defaults restored). Throws ImportError. */
export function parseWorkflowFile(text: string): WorkflowFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ImportError([`This is not valid JSON: ${(error as Error).message}`]);
  }
  return readWorkflowFile(json);
}

export function readWorkflowFile(json: unknown): WorkflowFile {
  let migrated: unknown;
  try {
    // A workflow written by Twenty (bare, wrapped by its API…) becomes a current Localflow file first.
    migrated = migrateWorkflowFile(isTwentyShaped(json) ? fromTwenty(json) : json);
  } catch (error) {
    if (error instanceof MigrationError || error instanceof TwentyImportError) throw new ImportError([error.message]);
    throw error;
  }
  const result = WorkflowFile.safeParse(migrated);
  if (!result.success) throw new ImportError(describeIssues(result.error));
  return result.data;
}

export function describeIssues(error: z.ZodError): string[] {
  return error.issues.slice(0, 20).map((issue) => `${formatPath(issue.path)}: ${issueMessage(issue)}`);
}

function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_union' && 'note' in issue && issue.note === 'No matching discriminator') {
    return `unknown type; expected one of the supported types`;
  }
  return issue.message;
}

export function toWorkflowFile(name: string, trigger: Trigger, steps: Step[], description?: string): WorkflowFile {
  return {
    format: WORKFLOW_FORMAT,
    version: WORKFLOW_FORMAT_VERSION,
    name,
    ...(description ? { description } : {}),
    trigger,
    steps,
  };
}

export function fileNameFor(name: string): string {
  const slug =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'workflow';
  return `${slug}.localflow.json`;
}
