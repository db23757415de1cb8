import { evaluateStepFilters } from '../twentyFilter';
import type { StepDefinition } from './types';

export const filterStep: StepDefinition<'FILTER'> = {
  type: 'FILTER',
  outputs: () => [],
  execute(ctx) {
    const input = ctx.step.settings.input;
    const passed = evaluateStepFilters(input, ctx.resolve, ctx.now);
    // A filter that does not pass stops its branch; the run still completes.
    return { input: ctx.resolve(input), output: { passed }, next: passed ? ctx.step.nextStepIds : [] };
  },
};
