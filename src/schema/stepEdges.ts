import { t } from '@lingui/core/macro';
import type { Step, StepOfType, StepType } from './workflow';

/**
 * The edges that leave a step, in one place: every step has its `nextStepIds`; an if/else step
 * also has one outlet per branch, an iterator one for its loop body. The graph checks, the
 * engine's graph and runner, the editor's graph edits, layout and "add a step" all read them
 * here. Kept apart from the zod schemas so the engine worker does not load the validator.
 */
export interface Outlet {
  /** `next`, `branch:<branch id>` or `loop:body`. */
  id: string;
  kind: 'next' | 'branch' | 'loopBody';
  /** On the canvas edge: "If", "Else if", "Else", "For each item", "When done"; none for a plain next step. */
  edgeLabel?: string;
  /** In "Add a step … ": "in the If branch", "inside the loop", "after the loop"… */
  placement: string;
  targets: string[];
  /** Where the targets sit in the step (for error paths). */
  path: (string | number)[];
}

/** A step type with outlets besides `nextStepIds`. */
interface OutletAccess<S extends Step> {
  /** Its own outlets, in the order they are drawn and offered. */
  outlets(step: S): Outlet[];
  /** The step with one of its own outlets pointing at `targets`. */
  withTargets(step: S, outletId: string, targets: string[]): S;
  /** Label of its `next` outlet, when it means something else than "then". */
  next?: { edgeLabel: string; placement: string };
  /** The outlet a "+" under the step adds to. */
  defaultOutlet(step: S): string;
}

const OUTLETS: { [T in StepType]?: OutletAccess<StepOfType<T>> } = {
  IF_ELSE: {
    outlets: (step) =>
      step.settings.input.branches.map((b, i) => ({
        id: `branch:${b.id}`,
        kind: 'branch',
        targets: b.nextStepIds,
        edgeLabel: !b.filterGroupId ? t`Else` : i === 0 ? t`If` : t`Else if`,
        placement: !b.filterGroupId ? t`in the Else branch` : i === 0 ? t`in the If branch` : t`in Else if (${i})`,
        path: ['settings', 'input', 'branches', i, 'nextStepIds'],
      })),
    withTargets: (step, outletId, targets) => ({
      ...step,
      settings: {
        ...step.settings,
        input: {
          ...step.settings.input,
          branches: step.settings.input.branches.map((b) =>
            `branch:${b.id}` === outletId ? { ...b, nextStepIds: targets } : b,
          ),
        },
      },
    }),
    defaultOutlet: (step) =>
      `branch:${(step.settings.input.branches.find((b) => b.nextStepIds.length === 0) ?? step.settings.input.branches[0]).id}`,
  },
  ITERATOR: {
    outlets: (step) => [
      {
        id: 'loop:body',
        kind: 'loopBody',
        targets: step.settings.input.initialLoopStepIds,
        edgeLabel: t`For each item`,
        placement: t`inside the loop`,
        path: ['settings', 'input', 'initialLoopStepIds'],
      },
    ],
    withTargets: (step, outletId, targets) =>
      outletId === 'loop:body'
        ? { ...step, settings: { ...step.settings, input: { ...step.settings.input, initialLoopStepIds: targets } } }
        : step,
    get next() {
      return { edgeLabel: t`When done`, placement: t`after the loop` };
    },
    defaultOutlet: (step) => (step.settings.input.initialLoopStepIds.length ? 'next' : 'loop:body'),
  },
};

function access(step: Step): OutletAccess<Step> | undefined {
  return OUTLETS[step.type] as OutletAccess<Step> | undefined;
}

/** Every outlet of a step: its own (branches, loop body), then `next`. */
export function outletsOf(step: Step): Outlet[] {
  const own = access(step);
  const next: Outlet = {
    id: 'next',
    kind: 'next',
    placement: t`after this step`,
    targets: step.nextStepIds,
    path: ['nextStepIds'],
    ...own?.next,
  };
  return [...(own?.outlets(step) ?? []), next];
}

/** Outlets a person chooses between when adding a step after this one (none when there is only `next`). */
export function choosableOutlets(step: Step | undefined): Outlet[] {
  if (!step || !access(step)) return [];
  return outletsOf(step);
}

/** The steps a step leads to, over all its outlets: next steps, branches, loop bodies. */
export function childrenOf(step: Step): string[] {
  const own = access(step)?.outlets(step) ?? [];
  return [...step.nextStepIds, ...own.flatMap((o) => o.targets)];
}

/** Whether the step has a loop body (an iterator). */
export function isLoop(step: Step): boolean {
  return outletsOf(step).some((o) => o.kind === 'loopBody');
}

/** The first steps of an iterator's loop body (empty for other steps). */
export function loopBodyOf(step: Step): string[] {
  return outletsOf(step).find((o) => o.kind === 'loopBody')?.targets ?? [];
}

/** The step with one outlet pointing at `targets`. */
export function withOutletTargets<S extends Step>(step: S, outletId: string, targets: string[]): S {
  if (outletId === 'next') return { ...step, nextStepIds: targets };
  return (access(step)?.withTargets(step, outletId, targets) ?? step) as S;
}

/** The step with every outlet's targets passed through `change`. */
export function mapOutletTargets<S extends Step>(step: S, change: (targets: string[], outlet: Outlet) => string[]): S {
  return outletsOf(step).reduce((s, o) => withOutletTargets(s, o.id, change(o.targets, o)), step);
}

/** The outlet a "+" under the step adds to: an empty branch, or the loop body while it is empty. */
export function defaultOutletOf(step: Step): string {
  return access(step)?.defaultOutlet(step) ?? 'next';
}
