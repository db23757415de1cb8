import { standardLabel } from '../standardLabels';
import { t } from '@lingui/core/macro';
import { fieldType } from '../../schema/fieldTypes';
import type { FieldMetadata, ObjectMetadata } from '../../schema/objectMetadata';
import { stepDefinition } from '../../engine/steps';
import type { OutputEnv, OutputSpec } from '../../engine/steps/types';
import { triggerDefinition } from '../../engine/triggers';
import { wholeVariablePath } from '../../engine/resolver';
import type { Draft } from './graphEdits';
import { stepsBefore } from './validate';

/** A variable a step can use, with the words a person reads for it. */
export interface VariableOption {
  path: string;
  label: string;
  group: string;
  /** A record's field (or a part of a composite field): filters offer it with operators that fit its type. */
  fieldType?: string;
  field?: FieldMetadata;
  subField?: string;
}

function recordVariables(
  prefix: string,
  label: string,
  group: string,
  meta: ObjectMetadata | undefined,
  out: VariableOption[],
) {
  out.push({ path: `${prefix}.id`, label: t`${label} › Id`, group, fieldType: 'UUID' });
  for (const f of meta?.fields ?? []) {
    out.push({ path: `${prefix}.${f.name}`, label: `${label} › ${f.label}`, group, fieldType: f.type, field: f });
    for (const part of fieldType(f.type).parts ?? []) {
      if (part.variable)
        out.push({
          path: `${prefix}.${f.name}.${part.key}`,
          label: `${label} › ${f.label} › ${standardLabel(part.variable)}`,
          group,
          fieldType: f.type,
          field: f,
          subField: part.key,
        });
    }
  }
}

/** One declared output of the trigger or a step (a record's fields one by one). */
function addOutput(
  root: string,
  name: string,
  o: OutputSpec,
  objects: Map<string, ObjectMetadata>,
  out: VariableOption[],
) {
  const path = o.path ? `${root}.${o.path}` : root;
  const label = o.label ? `${name} › ${o.label}` : name;
  if (o.record !== undefined) recordVariables(path, label, name, objects.get(o.record), out);
  else out.push({ path, label, group: name });
}

/** The variables a step (or the trigger) may use: the trigger's and those of steps before it. */
export function variableOptions(
  draft: Draft,
  stepId: string,
  objects: Map<string, ObjectMetadata>,
  realOutputs?: Record<string, { output?: unknown }>,
): VariableOption[] {
  const out: VariableOption[] = [];
  const t = draft.trigger;
  for (const o of triggerDefinition(t.type).outputs(t)) addOutput('trigger', t.name, o, objects, out);
  if (stepId === 'trigger') return [];
  const env: OutputEnv = {
    // A list variable such as {{search.all}}: the object its source step declares for that output.
    listObjectOf(value) {
      const path = wholeVariablePath(value);
      const source = path && draft.steps.find((s) => s.id === path[0]);
      if (!source) return undefined;
      const rest = path.slice(1).join('.');
      return stepDefinition(source.type)
        .outputs(source, env)
        .find((o) => o.path === rest)?.recordList;
    },
  };
  for (const s of stepsBefore(draft, stepId)) {
    for (const o of stepDefinition(s.type).outputs(s, env)) addOutput(s.id, s.name, o, objects, out);
    // Fields seen in the last test's real output that the metadata does not describe.
    addRealPaths(s.id, s.name, realOutputs?.[s.id]?.output, out);
  }
  addRealPaths('trigger', t.name, realOutputs?.trigger?.output, out);
  return out;
}

function addRealPaths(
  root: string,
  label: string,
  value: unknown,
  out: VariableOption[],
  depth = 0,
  prefix = root,
  words = label,
) {
  if (!value || typeof value !== 'object' || Array.isArray(value) || depth > 3) return;
  for (const [key, child] of Object.entries(value)) {
    const path = `${prefix}.${key}`;
    const name = `${words} › ${key}`;
    if (!out.some((o) => o.path === path)) out.push({ path, label: t`${name} (from the last test)`, group: label });
    addRealPaths(root, label, child, out, depth + 1, path, name);
  }
}

/** "Person created › Name › First name" for `{{trigger.properties.after.name.firstName}}`. */
export function variableLabel(path: string, options: VariableOption[]): string {
  return options.find((o) => o.path === path)?.label ?? path;
}
