import { i18n, type MessageDescriptor } from '@lingui/core';
import { msg, t } from '@lingui/core/macro';
import type { z } from 'zod';

/**
 * Schema problems in a person's words: the settings' keys as the editor labels them, and
 * zod's messages ("Invalid input: expected string, received undefined") as what to do.
 */
const FIELD_WORDS: Record<string, MessageDescriptor> = {
  name: msg`Name`,
  objectName: msg`Object`,
  objectRecord: msg`Fields`,
  objectRecordId: msg`Record`,
  fieldsToUpdate: msg`Fields to update`,
  url: msg`URL`,
  method: msg`Method`,
  headers: msg`Headers`,
  body: msg`Request body`,
  prompt: msg`Prompt`,
  systemPrompt: msg`Instructions (system prompt)`,
  responseSchema: msg`Answer format`,
  code: msg`Code (JavaScript)`,
  codeParams: msg`Parameters`,
  items: msg`Items`,
  recipients: msg`Recipients`,
  to: msg`To`,
  subject: msg`Subject`,
  duration: msg`Wait for`,
  scheduledDateTime: msg`Until`,
  eventName: msg`Event`,
  httpMethod: msg`Method`,
  expectedBody: msg`Expected body`,
  schedule: msg`Schedule`,
  pattern: msg`Cron pattern`,
  timezone: msg`Time zone`,
  stepFilters: msg`Conditions`,
  stepFilterGroups: msg`Condition groups`,
  recordFilters: msg`Conditions on the records`,
  branches: msg`Branches`,
  nextStepIds: msg`Next steps`,
};

const TYPE_WORDS: Record<string, MessageDescriptor> = {
  string: msg`text`,
  number: msg`a number`,
  boolean: msg`yes or no`,
  array: msg`a list`,
  object: msg`a set of fields`,
};

/** The field a settings path is about, as a person reads it ("URL", "Fields › Title"). */
export function fieldWords(path: readonly PropertyKey[]): string | undefined {
  const words = path
    .filter((k): k is string => typeof k === 'string' && !['settings', 'input', 'value', 'type'].includes(k))
    .map(
      (k) =>
        (FIELD_WORDS[k] ? i18n._(FIELD_WORDS[k]) : undefined) ??
        k.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase()),
    );
  return words.length ? words.slice(-2).join(' › ') : undefined;
}

/**
 * A schema's own hint, in the language of the moment it is read (the schemas are built when
 * the module loads, before a language is chosen): `z.string().min(1, said(msg`…`))`.
 */
export const said = (message: MessageDescriptor) => ({ error: () => i18n._(message) });

/** What is wrong, as something to do. */
export function issueWords(issue: z.core.$ZodIssue): string {
  // A schema's own words ("say which record to update") are kept; zod's defaults are rephrased.
  if (!/^(Invalid|Too (small|big)|Expected|Unrecognized)/.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined || issue.input === null
        ? t`is missing`
        : t`must be ${TYPE_WORDS[issue.expected] ? i18n._(TYPE_WORDS[issue.expected]) : issue.expected}`;
    case 'too_small':
      return issue.origin === 'string' && Number(issue.minimum) <= 1
        ? t`cannot be empty`
        : issue.origin === 'array'
          ? t`needs at least ${String(issue.minimum)}`
          : t`must be at least ${String(issue.minimum)}`;
    case 'too_big':
      return t`must be at most ${String(issue.maximum)}`;
    case 'invalid_value':
      return t`must be one of: ${issue.values.map((v) => String(v)).join(', ')}`;
    case 'invalid_format':
      if (issue.format === 'url') return t`is not a valid web address`;
      return t`is not a valid ${issue.format}`;
    case 'invalid_union':
      return 'note' in issue && issue.note === 'No matching discriminator'
        ? t`its type is not one Localflow knows`
        : t`is not in a form Localflow can read`;
    default:
      return issue.message;
  }
}
