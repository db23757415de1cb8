import { requireObject, type StepExecutor } from './types';

export const createRecord: StepExecutor<'CREATE_RECORD'> = {
  type: 'CREATE_RECORD',
  async execute(ctx) {
    const { objectName, objectRecord } = ctx.step.settings.input;
    const data = requireObject(ctx.resolve(objectRecord), 'the record to create');
    const record = await ctx.records.create(objectName, data, ctx.origin);
    return { input: { objectName, objectRecord: data }, output: record };
  },
};
