import { t } from '@lingui/core/macro';
import { z } from 'zod';
import { WORKFLOW_FORMAT, WORKFLOW_FORMAT_VERSION, WorkflowFile, type Step, type Trigger } from '../schema/workflow';
import { MigrationError, migrateWorkflowFile } from '../schema/workflowMigrations';
import { fromTwenty, isTwentyShaped, TwentyImportError } from '../schema/twentyImport';
import { fieldWords, issueWords } from '../schema/issueWords';

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
  if (path.length === 0) return t`The file`;
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
    throw new ImportError([t`This is not valid JSON: ${(error as Error).message}`]);
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
  if (!result.success) throw new ImportError(describeFileIssues(result.error, migrated));
  return result.data;
}

export function describeIssues(error: z.ZodError): string[] {
  return error.issues.slice(0, 20).map((issue) => `${formatPath(issue.path)}: ${issueWords(issue)}`);
}

/**
 * A workflow file's problems, each naming the step by its name (not its place in the list) and
 * the setting as the editor labels it: "Step “Call the API”: URL is missing".
 */
function describeFileIssues(error: z.ZodError, file: unknown): string[] {
  const steps = (file as { steps?: unknown } | null)?.steps;
  return error.issues.slice(0, 20).map((issue) => {
    const [top, index, ...rest] = issue.path;
    let where: string;
    let field: string | undefined;
    if (top === 'steps' && typeof index === 'number') {
      const step = (Array.isArray(steps) ? steps[index] : undefined) as { name?: unknown; type?: unknown } | undefined;
      const name = typeof step?.name === 'string' ? step.name : '';
      const type = typeof step?.type === 'string' ? ` (${step.type})` : '';
      const position = index + 1;
      where = name ? t`Step “${name}”` : t`Step ${position}${type}`;
      field = fieldWords(rest);
    } else if (top === 'trigger') {
      where = t`The trigger`;
      field = fieldWords(issue.path.slice(1));
    } else return `${fieldWords(issue.path) ?? t`The file`}: ${issueWords(issue)}`;
    return `${where}${field ? `, ${field}` : ''}: ${issueWords(issue)}`;
  });
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
