import { i18n, type MessageDescriptor } from '@lingui/core';
import { msg, t } from '@lingui/core/macro';
import { WORKFLOW_FORMAT, WORKFLOW_FORMAT_VERSION } from './workflowFormat';

/**
 * Reads what Twenty writes into Localflow's format: a bare workflow version (`{trigger, steps}`),
 * one wrapped as Twenty's API returns it (`{data: {workflowVersion: …}}`, GraphQL edges…), the
 * newer `triggers: [...]` form, `trigger` and `steps` as JSON text (as Twenty's seeds store
 * them), nulls, `__typename`s and older field names. Steps Localflow cannot run as they are
 * (a CODE step pointing to a logic function, an AI agent by id, an email account) import as
 * they are and show in the editor as steps to finish; a step type Localflow lacks imports as a
 * CODE step to write, keeping Twenty's step in `twentyStep` so it can go back.
 */

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);
const parsed = (v: unknown): unknown => {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
};

/** The step types Localflow runs (Twenty's names). */
const KNOWN_STEPS = new Set([
  'CREATE_RECORD',
  'UPDATE_RECORD',
  'DELETE_RECORD',
  'FIND_RECORDS',
  'UPSERT_RECORD',
  'FILTER',
  'IF_ELSE',
  'ITERATOR',
  'DELAY',
  'HTTP_REQUEST',
  'SEND_EMAIL',
  'AI_AGENT',
  'CODE',
  'FORM',
]);

/** Why a Twenty file could not be read. */
export class TwentyImportError extends Error {}

/** Whether a value looks like a Twenty workflow version (or holds one). */
export function isTwentyShaped(value: unknown): boolean {
  return findVersions(value).length > 0;
}

function isVersion(v: Json): boolean {
  return ('trigger' in v || Array.isArray(parsed(v.triggers))) && 'steps' in v && v.format === undefined;
}

/** Workflow versions inside what Twenty's API or a copy of its data returns. */
function findVersions(value: unknown, depth = 0): { version: Json; workflowName?: string }[] {
  if (depth > 12) return [];
  if (Array.isArray(value)) return value.flatMap((v) => findVersions(v, depth + 1));
  if (!isObj(value)) return [];
  if (isVersion(value)) {
    const workflow = isObj(value.workflow) ? value.workflow : undefined;
    return [{ version: value, workflowName: typeof workflow?.name === 'string' ? workflow.name : undefined }];
  }
  const found: { version: Json; workflowName?: string }[] = [];
  for (const key of [
    'data',
    'workflows',
    'workflowVersion',
    'workflowVersions',
    'edges',
    'node',
    'versions',
    'workflow',
  ]) {
    if (key in value) found.push(...findVersions(value[key], depth + 1));
  }
  if (found.length && typeof value.name === 'string' && 'versions' in value)
    for (const f of found) f.workflowName ??= value.name;
  return found;
}

/** A Twenty workflow version (in any of the forms above) as a Localflow file of the current version. */
export function fromTwenty(input: unknown): Json {
  const versions = findVersions(input);
  if (versions.length === 0)
    throw new TwentyImportError(t`The file: no Twenty workflow version (with a trigger and steps) in it`);
  // Several versions (a list from Twenty's API): the active one, else the newest listed last.
  const { version, workflowName } =
    versions.find((v) => v.version.status === 'ACTIVE') ?? versions[versions.length - 1];
  const triggers = parsed(version.triggers);
  const trigger = Array.isArray(triggers) ? triggers[0] : parsed(version.trigger);
  const notes: string[] = [];
  if (Array.isArray(triggers) && triggers.length > 1) {
    const first = String((triggers[0] as Json)?.name ?? (triggers[0] as Json)?.type);
    notes.push(
      t`In Twenty this workflow had ${triggers.length} triggers; Localflow starts it from the first (${first}).`,
    );
  }
  const stepList = parsed(version.steps);
  const name =
    workflowName ??
    (typeof version.name === 'string' && version.name.trim() && !/^v\d+$/i.test(version.name.trim())
      ? version.name
      : t`Imported from Twenty`);
  return {
    format: WORKFLOW_FORMAT,
    version: WORKFLOW_FORMAT_VERSION,
    name,
    ...(notes.length ? { description: notes.join('\n') } : {}),
    trigger: isObj(trigger) ? twentyTrigger(trigger) : trigger,
    steps: Array.isArray(stepList) ? stepList.map((s) => (isObj(s) ? twentyStep(s) : s)) : stepList,
  };
}

const bracedVariable = (key: unknown) => (typeof key === 'string' && key && !key.includes('{{') ? `{{${key}}}` : key);

const TRIGGER_NAMES: Record<string, MessageDescriptor> = {
  DATABASE_EVENT: msg`Record event`,
  MANUAL: msg`Launch manually`,
  CRON: msg`On a schedule`,
  WEBHOOK: msg`Webhook`,
};
const readable = (type: string) => type.charAt(0) + type.slice(1).toLowerCase().replace(/_/g, ' ');

function twentyTrigger(trigger: Json): Json {
  const settings = isObj(trigger.settings) ? { ...trigger.settings } : {};
  const name =
    typeof trigger.name === 'string' && trigger.name.trim()
      ? trigger.name
      : TRIGGER_NAMES[String(trigger.type)]
        ? i18n._(TRIGGER_NAMES[String(trigger.type)])
        : '';
  if (trigger.type === 'MANUAL' && !isObj(settings.availability)) {
    // Before availability, a manual trigger with an objectType ran on a selected record.
    settings.availability =
      typeof settings.objectType === 'string' && settings.objectType
        ? { type: 'SINGLE_RECORD', objectNameSingular: settings.objectType }
        : { type: 'GLOBAL' };
  }
  if (trigger.type === 'DATABASE_EVENT' && isObj(settings.filter) && Array.isArray(settings.filter.stepFilters)) {
    settings.filter = {
      ...settings.filter,
      stepFilters: settings.filter.stepFilters.map((f) =>
        isObj(f) ? { ...f, stepOutputKey: bracedVariable(f.stepOutputKey) } : f,
      ),
    };
  }
  return { ...trigger, name, settings };
}

function twentyStep(step: Json): Json {
  const type = step.type === 'LOGIC_FUNCTION' ? 'CODE' : step.type;
  const settings = isObj(step.settings) ? step.settings : {};
  const input = isObj(settings.input) ? { ...settings.input } : settings.input;
  if (typeof type !== 'string' || !KNOWN_STEPS.has(type)) return unsupportedStep(step);
  const name = typeof step.name === 'string' && step.name.trim() ? step.name : readable(type);
  if (type === 'CODE' && isObj(input)) {
    // Older Twenty: a serverless function (id, version, input).
    input.logicFunctionId ??= input.serverlessFunctionId;
    input.logicFunctionInput ??= input.serverlessFunctionInput ?? {};
    delete input.serverlessFunctionId;
    delete input.serverlessFunctionVersion;
    delete input.serverlessFunctionInput;
  }
  return { ...step, name, type, settings: { ...settings, input } };
}

/** A Twenty step Localflow has no type for: a CODE step to write, keeping Twenty's step. */
function unsupportedStep(step: Json): Json {
  const settings = isObj(step.settings) ? step.settings : {};
  return {
    id: step.id,
    name: typeof step.name === 'string' && step.name.trim() ? step.name : readable(String(step.type)),
    type: 'CODE',
    valid: false,
    position: step.position,
    nextStepIds: step.nextStepIds,
    settings: {
      input: { logicFunctionInput: {}, twentyStep: { type: step.type, input: settings.input ?? {} } },
      outputSchema: isObj(settings.outputSchema) ? settings.outputSchema : {},
      errorHandlingOptions: settings.errorHandlingOptions,
    },
  };
}
