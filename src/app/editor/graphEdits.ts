import { childrenOf, type Step, type StepType, type Trigger } from '../../schema/workflow';
import {
  defaultOutletOf,
  isLoop,
  loopBodyOf,
  mapOutletTargets,
  outletsOf,
  withOutletTargets,
} from '../../schema/stepEdges';
import { TRIGGER_ID } from '../../engine/graph';
import { STEP_TYPES, stepTypeLabel, stepUi } from '../steps';

/** The part of a version the editor changes. */
export interface Draft {
  trigger: Trigger;
  steps: Step[];
}

/** Where a new step goes: after a node (on one of its outlets, see `outletsOf`), or on an existing edge. */
export type InsertAt = { after: string; outlet?: string } | { between: { source: string; target: string } };

const noErrors = () => ({ retryOnFailure: { value: false }, continueOnFailure: { value: false } });

/** A new step of a type: a UUID for its id, as in Twenty. */
export function newStep(type: StepType): Step {
  // A new step starts with blank settings: it is marked invalid until they are filled in.
  return {
    id: crypto.randomUUID(),
    name: stepTypeLabel(type),
    type,
    valid: false,
    nextStepIds: [],
    settings: { input: stepUi(type).defaultInput(), outputSchema: {}, errorHandlingOptions: noErrors() },
  } as unknown as Step;
}

function replaceTarget(list: string[], from: string, to: string[]): string[] {
  const out: string[] = [];
  for (const id of list) {
    if (id === from) out.push(...to.filter((t) => !out.includes(t)));
    else if (!out.includes(id)) out.push(id);
  }
  return out;
}

/** Rewrites every edge `source → old` into `source → replacement…` (one source, or all). */
function redirect(draft: Draft, old: string, replacement: string[], onlySource?: string): Draft {
  const trigger =
    onlySource && onlySource !== TRIGGER_ID
      ? draft.trigger
      : { ...draft.trigger, nextStepIds: replaceTarget(draft.trigger.nextStepIds, old, replacement) };
  const steps = draft.steps.map((s) => {
    if (onlySource && s.id !== onlySource) return s;
    return mapOutletTargets(s, (targets) => replaceTarget(targets, old, replacement));
  });
  return { trigger, steps };
}

/** Adds a step. Returns the new draft and the new step's id. */
export function insertStep(draft: Draft, type: StepType, at: InsertAt): { draft: Draft; id: string } {
  const step = newStep(type);
  if ('between' in at) {
    const { source, target } = at.between;
    const redirected = redirect(draft, target, [step.id], source);
    return { draft: { ...redirected, steps: [...redirected.steps, { ...step, nextStepIds: [target] }] }, id: step.id };
  }
  const { after, outlet } = at;
  if (after === TRIGGER_ID) {
    return {
      draft: {
        trigger: { ...draft.trigger, nextStepIds: [...draft.trigger.nextStepIds, step.id] },
        steps: [...draft.steps, step],
      },
      id: step.id,
    };
  }
  // After the last step of a loop body: the new step goes between it and the iterator.
  const parent = draft.steps.find((s) => s.id === after);
  const backTo = parent && !isLoop(parent) ? parent.nextStepIds.find((n) => isInBody(draft, n, after)) : undefined;
  if (backTo) return insertStep(draft, type, { between: { source: after, target: backTo } });
  const into = parent && outletsOf(parent).find((o) => o.id === (outlet ?? 'next'));
  if (!parent || !into) return { draft: { ...draft, steps: [...draft.steps, step] }, id: step.id };
  const steps = draft.steps.map((s): Step =>
    s.id === after ? withOutletTargets(s, into.id, [...into.targets, step.id]) : s,
  );
  // The first step of a loop body points back to the iterator.
  return {
    draft: {
      trigger: draft.trigger,
      steps: [...steps, into.kind === 'loopBody' ? { ...step, nextStepIds: [after] } : step],
    },
    id: step.id,
  };
}

export function isInBody(draft: Draft, iteratorId: string, stepId: string): boolean {
  const iterator = draft.steps.find((s) => s.id === iteratorId);
  if (!iterator || !isLoop(iterator)) return false;
  const byId = new Map(draft.steps.map((s) => [s.id, s]));
  const seen = new Set<string>();
  const queue = [...loopBodyOf(iterator)];
  while (queue.length) {
    const id = queue.pop()!;
    if (id === iteratorId || seen.has(id)) continue;
    seen.add(id);
    const s = byId.get(id);
    if (s) queue.push(...childrenOf(s));
  }
  return seen.has(stepId);
}

/** Removes a step; whatever pointed at it now points at its next steps. */
export function deleteStep(draft: Draft, id: string): Draft {
  const step = draft.steps.find((s) => s.id === id);
  if (!step) return draft;
  const redirected = redirect(draft, id, step.nextStepIds);
  return { trigger: redirected.trigger, steps: redirected.steps.filter((s) => s.id !== id) };
}

export function updateStep(draft: Draft, id: string, change: (step: Step) => Step): Draft {
  return { ...draft, steps: draft.steps.map((s) => (s.id === id ? change(s) : s)) };
}

/** Pastes a copied step (from this or another workflow) after a node, under a fresh id. */
export function pasteStep(draft: Draft, copied: Step, at: InsertAt): { draft: Draft; id: string } {
  const { draft: withSlot, id } = insertStep(draft, copied.type, at);
  const slot = withSlot.steps.find((s) => s.id === id)!;
  // Keep the copy's settings; its place in the graph is the slot's (branches and loops start empty).
  const { settings } = mapOutletTargets(copied, () => []);
  const pasted = { ...slot, name: copied.name, settings, position: undefined } as Step;
  return { draft: { ...withSlot, steps: withSlot.steps.map((s) => (s.id === id ? pasted : s)) }, id };
}

/** Turns a step into another type: fresh settings, same place in the graph (branches and loop bodies start empty). */
export function changeStepType(draft: Draft, id: string, type: StepType): Draft {
  const step = draft.steps.find((s) => s.id === id);
  if (!step || step.type === type) return draft;
  // Steps that hung off branches or a loop body stay reachable: they follow the step instead.
  const hanging = [...childrenOf(step)];
  const fresh = newStep(type);
  const named = STEP_TYPES.some((t) => stepTypeLabel(t) === step.name) ? stepTypeLabel(type) : step.name;
  const next = [...new Set(hanging)].filter((c) => c !== id);
  let replaced = { ...fresh, id, name: named, position: step.position, nextStepIds: next } as Step;
  // Turned into an if/else, what followed the step now follows its first branch.
  const [first] = outletsOf(replaced);
  if (first.kind === 'branch') replaced = withOutletTargets({ ...replaced, nextStepIds: [] }, first.id, next);
  return { ...draft, steps: draft.steps.map((s) => (s.id === id ? replaced : s)) };
}

/** Where a "+" under a node adds: the first empty branch, or the loop body while it is empty. */
export function defaultOutlet(draft: Draft, id: string): InsertAt {
  const step = draft.steps.find((s) => s.id === id);
  return { after: id, outlet: step ? defaultOutletOf(step) : undefined };
}
