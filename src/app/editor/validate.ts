import { t } from '@lingui/core/macro';
import { childrenOf, Step } from '../../schema/workflow';
import type { ObjectMetadata } from '../../schema/objectMetadata';
import { fieldNamed } from '../../db/recordValues';
import { graphOf, isBackEdge, TRIGGER_ID } from '../../engine/graph';
import { parsePath, variablesIn } from '../../engine/resolver';
import { fieldWords, issueWords } from '../../schema/issueWords';
import type { Draft } from './graphEdits';
import { stepUi } from '../steps';
import type { Problem } from '../steps/types';

/** Steps that always run before `id` (so their output can be used in it). */
export function stepsBefore(draft: Draft, id: string): Step[] {
  const { bodies } = graphOf(draft);
  const parents = new Map<string, string[]>();
  const link = (from: string, to: string) => {
    if (!isBackEdge(bodies, from, to)) parents.set(to, [...(parents.get(to) ?? []), from]);
  };
  for (const t of draft.trigger.nextStepIds) link(TRIGGER_ID, t);
  for (const s of draft.steps) for (const c of childrenOf(s)) link(s.id, c);
  const seen = new Set<string>();
  const queue = [...(parents.get(id) ?? [])];
  while (queue.length) {
    const p = queue.pop()!;
    if (seen.has(p)) continue;
    seen.add(p);
    queue.push(...(parents.get(p) ?? []));
  }
  return draft.steps.filter((s) => seen.has(s.id));
}

/** What is wrong with a step's settings, each with the field it is about; empty when it can run. */
export function stepIssues(draft: Draft, step: Step, objects: Map<string, ObjectMetadata>): Problem[] {
  const problems: Problem[] = [];
  const parsed = Step.safeParse(step);
  if (!parsed.success)
    for (const issue of parsed.error.issues.slice(0, 5))
      problems.push({ field: fieldWords(issue.path), message: issueWords(issue) });
  const input = step.settings.input as Record<string, unknown>;
  if (typeof input.objectName === 'string') {
    const meta = objects.get(input.objectName);
    if (!meta) problems.push({ field: t`Object`, message: t`there is no object named "${input.objectName}"` });
    const record = input.objectRecord as Record<string, unknown> | undefined;
    if (meta && record) {
      for (const field of Object.keys(record))
        if (!fieldNamed(meta, field))
          problems.push({ field, message: t`${meta.labelSingular} has no field "${field}": remove it` });
    }
  }
  problems.push(...(stepUi(step.type).problems?.(step) ?? []));
  const before = new Set(['trigger', 'secrets', ...stepsBefore(draft, step.id).map((s) => s.id)]);
  for (const v of variablesIn(step.settings)) {
    try {
      const root = parsePath(v)[0];
      if (!before.has(root))
        problems.push({
          message: t`${`{{${v}}}`} uses "${draft.steps.find((s) => s.id === root)?.name ?? root}", which does not run before this step`,
        });
    } catch (error) {
      problems.push({ message: (error as Error).message });
    }
  }
  return problems;
}

/** A problem as one line: "Record: say which record to update". */
export const problemText = (p: Problem) => (p.field ? `${p.field}: ${p.message}` : p.message);

/** What is wrong with a step's settings, in words; empty when it can run. */
export function stepProblems(draft: Draft, step: Step, objects: Map<string, ObjectMetadata>): string[] {
  return stepIssues(draft, step, objects).map(problemText);
}

/** The draft with each step's `valid` flag brought up to date. */
export function withValidity(draft: Draft, objects: Map<string, ObjectMetadata>): Draft {
  let changed = false;
  const steps = draft.steps.map((s) => {
    const valid = stepProblems(draft, s, objects).length === 0;
    if (valid === s.valid) return s;
    changed = true;
    return { ...s, valid };
  });
  return changed ? { ...draft, steps } : draft;
}
