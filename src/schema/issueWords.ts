import type { z } from 'zod';

/**
 * Schema problems in a person's words: the settings' keys as the editor labels them, and
 * zod's messages ("Invalid input: expected string, received undefined") as what to do.
 */
const FIELD_WORDS: Record<string, string> = {
  name: 'Name',
  objectName: 'Object',
  objectRecord: 'Fields',
  objectRecordId: 'Record',
  fieldsToUpdate: 'Fields to update',
  url: 'URL',
  method: 'Method',
  headers: 'Headers',
  body: 'Request body',
  prompt: 'Prompt',
  systemPrompt: 'Instructions (system prompt)',
  responseSchema: 'Answer format',
  code: 'Code (JavaScript)',
  codeParams: 'Parameters',
  items: 'Items',
  recipients: 'Recipients',
  to: 'To',
  subject: 'Subject',
  duration: 'Wait for',
  scheduledDateTime: 'Until',
  eventName: 'Event',
  httpMethod: 'Method',
  expectedBody: 'Expected body',
  schedule: 'Schedule',
  pattern: 'Cron pattern',
  timezone: 'Time zone',
  stepFilters: 'Conditions',
  stepFilterGroups: 'Condition groups',
  recordFilters: 'Conditions on the records',
  branches: 'Branches',
  nextStepIds: 'Next steps',
};

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'yes or no',
  array: 'a list',
  object: 'a set of fields',
};

/** The field a settings path is about, as a person reads it ("URL", "Fields › Title"). */
export function fieldWords(path: readonly PropertyKey[]): string | undefined {
  const words = path
    .filter((k): k is string => typeof k === 'string' && !['settings', 'input', 'value', 'type'].includes(k))
    .map((k) => FIELD_WORDS[k] ?? k.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase()));
  return words.length ? words.slice(-2).join(' › ') : undefined;
}

/** What is wrong, as something to do. */
export function issueWords(issue: z.core.$ZodIssue): string {
  // A schema's own words ("say which record to update") are kept; zod's defaults are rephrased.
  if (!/^(Invalid|Too (small|big)|Expected|Unrecognized)/.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null
        ? 'is missing'
        : `must be ${TYPE_WORDS[issue.expected] ?? issue.expected}`;
    case 'too_small':
      return issue.origin === 'string' && Number(issue.minimum) <= 1
        ? 'cannot be empty'
        : issue.origin === 'array'
          ? `needs at least ${issue.minimum}`
          : `must be at least ${issue.minimum}`;
    case 'too_big':
      return `must be at most ${issue.maximum}`;
    case 'invalid_value':
      return `must be one of: ${issue.values.map((v) => String(v)).join(', ')}`;
    case 'invalid_format':
      return `is not a valid ${issue.format === 'url' ? 'web address' : issue.format}`;
    case 'invalid_union':
      return 'note' in issue && issue.note === 'No matching discriminator'
        ? 'its type is not one Localflow knows'
        : 'is not in a form Localflow can read';
    default:
      return issue.message;
  }
}
