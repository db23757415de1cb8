import { t } from '@lingui/core/macro';
import { evaluateStepFilters } from '../twentyFilter';
import type { StepDefinition } from './types';

/** First matching branch wins; a branch without conditions (no `filterGroupId`) is the else branch. */
export const ifElse: StepDefinition<'IF_ELSE'> = {
  type: 'IF_ELSE',
  outputs: () => [{ path: 'matchedBranchId', label: t`Branch taken` }],
  execute(ctx) {
    const input = ctx.step.settings.input;
    const matched = input.branches.find(
      (b) => !b.filterGroupId || evaluateStepFilters(input, ctx.resolve, ctx.now, b.filterGroupId),
    );
    return {
      input: ctx.resolve({ stepFilterGroups: input.stepFilterGroups, stepFilters: input.stepFilters }),
      output: { matchedBranchId: matched?.id ?? null },
      next: [...(matched?.nextStepIds ?? []), ...ctx.step.nextStepIds],
    };
  },
};
