import { requireId, type StepExecutor } from './types';

export const deleteRecord: StepExecutor<'DELETE_RECORD'> = {
  type: 'DELETE_RECORD',
  async execute(ctx) {
    const { objectName, objectRecordId } = ctx.step.settings.input;
    const id = requireId(ctx.resolve(objectRecordId), 'the record to delete');
    const deleted = await ctx.records.delete(objectName, id, ctx.origin);
    return { input: { objectName, objectRecordId: id }, output: deleted };
  },
};
