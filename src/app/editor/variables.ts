import type { FieldMetadata, ObjectMetadata } from '../../schema/objectMetadata';
import type { Step } from '../../schema/workflow';
import { wholeVariablePath } from '../../engine/resolver';
import type { Draft } from './graphEdits';
import { stepsBefore } from './validate';

/** A variable a step can use, with the words a person reads for it. */
export interface VariableOption { path: string; label: string; group: string }

const PARTS: Partial<Record<FieldMetadata['type'], [string, string][]>> = {
  FULL_NAME: [['firstName', 'First name'], ['lastName', 'Last name']],
  EMAILS: [['primaryEmail', 'Primary email']],
  PHONES: [['primaryPhoneNumber', 'Phone number'], ['primaryPhoneCountryCode', 'Country code']],
  LINKS: [['primaryLinkUrl', 'URL']],
  CURRENCY: [['amountMicros', 'Amount (micros)'], ['currencyCode', 'Currency']],
  ADDRESS: [['addressStreet1', 'Street'], ['addressCity', 'City'], ['addressPostcode', 'Postcode'], ['addressCountry', 'Country']],
};

function recordVariables(prefix: string, label: string, group: string, meta: ObjectMetadata | undefined, out: VariableOption[]) {
  out.push({ path: `${prefix}.id`, label: `${label} › Id`, group });
  for (const f of meta?.fields ?? []) {
    out.push({ path: `${prefix}.${f.name}`, label: `${label} › ${f.label}`, group });
    for (const [part, partLabel] of PARTS[f.type] ?? []) out.push({ path: `${prefix}.${f.name}.${part}`, label: `${label} › ${f.label} › ${partLabel}`, group });
  }
}

/** Which object's records a step outputs (for iterator items: the list's source). */
function outputObject(step: Step, draft: Draft): string | undefined {
  const input = step.settings.input as { objectName?: string; items?: unknown };
  if (step.type === 'ITERATOR') {
    const path = wholeVariablePath(input.items);
    const source = path && draft.steps.find((s) => s.id === path[0]);
    return source && source.type === 'FIND_RECORDS' ? source.settings.input.objectName : undefined;
  }
  return input.objectName;
}

/** The variables a step (or the trigger) may use: the trigger's and those of steps before it. */
export function variableOptions(draft: Draft, stepId: string, objects: Map<string, ObjectMetadata>, realOutputs?: Record<string, { output?: unknown }>): VariableOption[] {
  const out: VariableOption[] = [];
  const t = draft.trigger;
  const group = t.name;
  if (t.type === 'DATABASE_EVENT') {
    const [object, kind] = t.settings.eventName.split('.');
    const meta = objects.get(object);
    out.push({ path: 'trigger.recordId', label: `${t.name} › Record id`, group });
    if (kind !== 'deleted') recordVariables('trigger.properties.after', t.name, group, meta, out);
    if (kind === 'updated' || kind === 'deleted') recordVariables('trigger.properties.before', `${t.name} › Before`, group, meta, out);
  } else if (t.type === 'CRON') {
    out.push({ path: 'trigger.scheduledAt', label: `${t.name} › Scheduled time`, group });
    out.push({ path: 'trigger.missedTimes', label: `${t.name} › Missed times`, group });
  } else if (t.type === 'WEBHOOK') {
    const part = t.settings.httpMethod === 'GET' ? 'query' : 'body';
    const walk = (value: unknown, path: string, label: string) => {
      out.push({ path, label, group });
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        for (const [k, v] of Object.entries(value)) if (/^[A-Za-z_$][\w$]*$/.test(k)) walk(v, `${path}.${k}`, `${label} › ${k}`);
      }
    };
    walk(t.settings.expectedBody, `trigger.${part}`, `${t.name} › ${part === 'body' ? 'Body' : 'Query'}`);
    if (part === 'body') out.push({ path: 'trigger.query', label: `${t.name} › Query`, group });
    out.push({ path: 'trigger.headers', label: `${t.name} › Headers`, group });
    out.push({ path: 'trigger.receivedAt', label: `${t.name} › Received at`, group });
  } else if (t.settings.availability.type !== 'GLOBAL') {
    recordVariables('trigger.record', `${t.name} › Record`, group, objects.get(t.settings.availability.objectName), out);
  }
  if (stepId === 'trigger') return [];
  for (const s of stepsBefore(draft, stepId)) {
    const add = (sub: string, label: string) => out.push({ path: sub ? `${s.id}.${sub}` : s.id, label: `${s.name} › ${label}`, group: s.name });
    const meta = objects.get(outputObject(s, draft) ?? '');
    switch (s.type) {
      case 'CREATE_RECORD': case 'UPDATE_RECORD': case 'UPSERT_RECORD': case 'DELETE_RECORD':
        recordVariables(s.id, s.name, s.name, meta, out);
        break;
      case 'FIND_RECORDS':
        add('all', 'All records');
        add('totalCount', 'Number found');
        recordVariables(`${s.id}.first`, `${s.name} › First`, s.name, meta, out);
        break;
      case 'ITERATOR':
        add('currentItemIndex', 'Position');
        if (meta) recordVariables(`${s.id}.currentItem`, `${s.name} › Current item`, s.name, meta, out);
        else add('currentItem', 'Current item');
        break;
      case 'IF_ELSE':
        add('matchedBranchId', 'Branch taken');
        break;
      case 'DELAY':
        add('resumedAt', 'Resumed at');
        break;
      case 'HTTP_REQUEST':
        add('status', 'Status');
        add('body', 'Response body');
        add('headers', 'Response headers');
        break;
      case 'AI_AGENT': {
        let props: string[] = [];
        try {
          props = Object.keys((JSON.parse(s.settings.input.responseSchema || '{}') as { properties?: object }).properties ?? {});
        } catch { /* an invalid schema is flagged on the step */ }
        if (props.length) for (const p of props) add(p, p);
        else add('text', 'Answer');
        break;
      }
      case 'FORM':
        for (const f of s.settings.input.fields) add(f.name, f.label);
        break;
      case 'CODE':
        add('', 'Returned object');
        break;
      case 'SEND_EMAIL':
        add('messageId', 'Message id');
        break;
      case 'FILTER':
        break;
    }
    // Fields seen in the last test's real output that the metadata does not describe.
    addRealPaths(s.id, s.name, realOutputs?.[s.id]?.output, out);
  }
  addRealPaths('trigger', t.name, realOutputs?.trigger?.output, out);
  return out;
}

function addRealPaths(root: string, label: string, value: unknown, out: VariableOption[], depth = 0, prefix = root, words = label) {
  if (!value || typeof value !== 'object' || Array.isArray(value) || depth > 3) return;
  for (const [key, child] of Object.entries(value)) {
    const path = `${prefix}.${key}`;
    const name = `${words} › ${key}`;
    if (!out.some((o) => o.path === path)) out.push({ path, label: `${name} (from the last test)`, group: label });
    addRealPaths(root, label, child, out, depth + 1, path, name);
  }
}

/** "Person created › Name › First name" for `{{trigger.properties.after.name.firstName}}`. */
export function variableLabel(path: string, options: VariableOption[]): string {
  return options.find((o) => o.path === path)?.label ?? path;
}
