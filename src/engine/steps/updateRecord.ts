import { t } from '@lingui/core/macro';
import { requireId, requireObject, type StepDefinition } from './types';

export const updateRecord: StepDefinition<'UPDATE_RECORD'> = {
  type: 'UPDATE_RECORD',
  writesRecords: true,
  outputs: (step) => [{ path: '', label: '', record: step.settings.input.objectName }],
  async execute(ctx) {
    const { objectName, objectRecordId, objectRecord, fieldsToUpdate } = ctx.step.settings.input;
    const id = requireId(ctx.resolve(objectRecordId), () => t`the record to update`);
    let patch = requireObject(ctx.resolve(objectRecord), () => t`the fields to update`);
    if (fieldsToUpdate?.length)
      patch = Object.fromEntries(Object.entries(patch).filter(([k]) => fieldsToUpdate.includes(k)));
    const after = await ctx.records.update(objectName, id, patch, ctx.origin);
    return { input: { objectName, objectRecordId: id, objectRecord: patch }, output: after };
  },
};
