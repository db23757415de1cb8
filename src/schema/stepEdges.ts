import type { Step } from './workflow';

/**
 * Edges that leave a step, excluding none: next steps, branches, loop bodies. Kept apart from
 * the zod schemas so the engine worker does not load the validator.
 */
export function childrenOf(step: Step): string[] {
  const out = [...step.nextStepIds];
  if (step.type === 'IF_ELSE') for (const b of step.settings.input.branches) out.push(...b.nextStepIds);
  if (step.type === 'ITERATOR') out.push(...step.settings.input.initialLoopStepIds);
  return out;
}
