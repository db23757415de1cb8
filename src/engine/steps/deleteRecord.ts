import { t } from '@lingui/core/macro';
import { requireId, type StepDefinition } from './types';

export const deleteRecord: StepDefinition<'DELETE_RECORD'> = {
  type: 'DELETE_RECORD',
  writesRecords: true,
  outputs: (step) => [{ path: '', label: '', record: step.settings.input.objectName }],
  async execute(ctx) {
    const { objectName, objectRecordId } = ctx.step.settings.input;
    const id = requireId(ctx.resolve(objectRecordId), () => t`the record to delete`);
    const deleted = await ctx.records.delete(objectName, id, ctx.origin);
    return { input: { objectName, objectRecordId: id }, output: deleted };
  },
};
