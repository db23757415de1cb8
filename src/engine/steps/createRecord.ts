import { t } from '@lingui/core/macro';
import { requireObject, type StepDefinition } from './types';

export const createRecord: StepDefinition<'CREATE_RECORD'> = {
  type: 'CREATE_RECORD',
  writesRecords: true,
  outputs: (step) => [{ path: '', label: '', record: step.settings.input.objectName }],
  async execute(ctx) {
    const { objectName, objectRecord } = ctx.step.settings.input;
    const data = requireObject(ctx.resolve(objectRecord), () => t`the record to create`);
    const record = await ctx.records.create(objectName, data, ctx.origin);
    return { input: { objectName, objectRecord: data }, output: record };
  },
};
