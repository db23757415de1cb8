import type { FieldMetadata, ObjectMetadata } from '../../schema/objectMetadata';
import { stepDefinition } from '../../engine/steps';
import type { OutputEnv } from '../../engine/steps/types';
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
  const env: OutputEnv = {
    // A list variable such as {{search.all}}: the object its source step declares for that output.
    listObjectOf(value) {
      const path = wholeVariablePath(value);
      const source = path && draft.steps.find((s) => s.id === path[0]);
      if (!source) return undefined;
      const rest = path.slice(1).join('.');
      return stepDefinition(source.type).outputs(source, env).find((o) => o.path === rest)?.recordList;
    },
  };
  for (const s of stepsBefore(draft, stepId)) {
    for (const o of stepDefinition(s.type).outputs(s, env)) {
      const path = o.path ? `${s.id}.${o.path}` : s.id;
      const label = o.label ? `${s.name} › ${o.label}` : s.name;
      if (o.record !== undefined) recordVariables(path, label, s.name, objects.get(o.record), out);
      else out.push({ path, label, group: s.name });
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
