import { evaluateFilter } from '../filter';
import type { FilterGroup } from '../../schema/filter';
import type { StepContext, StepDefinition } from './types';

/** Evaluates a step-level filter: `left` and `right` may hold variables. */
export function passes(filter: FilterGroup, ctx: StepContext): boolean {
  return evaluateFilter(filter, { left: (c) => ctx.resolve(c.left), right: (c) => ctx.resolve(c.right), now: ctx.now });
}

export const filterStep: StepDefinition<'FILTER'> = {
  type: 'FILTER',
  outputs: () => [],
  async execute(ctx) {
    const { filter } = ctx.step.settings.input;
    const passed = passes(filter, ctx as StepContext);
    // A filter that does not pass stops its branch; the run still completes.
    return { input: { filter: ctx.resolve(filter) }, output: { passed }, next: passed ? ctx.step.nextStepIds : [] };
  },
};
