import { passes } from './filter';
import type { StepContext, StepDefinition } from './types';

/** First matching branch wins; a branch without a filter is the else branch. */
export const ifElse: StepDefinition<'IF_ELSE'> = {
  type: 'IF_ELSE',
  outputs: () => [{ path: 'matchedBranchId', label: 'Branch taken' }],
  async execute(ctx) {
    const { branches } = ctx.step.settings.input;
    const matched = branches.find((b) => !b.filter || passes(b.filter, ctx as StepContext));
    return {
      input: { branches: branches.map((b) => ({ id: b.id, filter: b.filter ? ctx.resolve(b.filter) : undefined })) },
      output: { matchedBranchId: matched?.id ?? null },
      next: [...(matched?.nextStepIds ?? []), ...ctx.step.nextStepIds],
    };
  },
};
