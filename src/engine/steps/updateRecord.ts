import { t } from '@lingui/core/macro';
import type { RecordView } from '../../schema/record';
import { requireId, requireObject, type StepDefinition } from './types';

export const updateRecord: StepDefinition<'UPDATE_RECORD'> = {
  type: 'UPDATE_RECORD',
  writesRecords: true,
  outputs: (step) => [{ path: '', label: '', record: step.settings.input.objectName }],
  execute(ctx) {
    const { objectName, objectRecordId, objectRecord, fieldsToUpdate } = ctx.step.settings.input;
    const id = requireId(ctx.resolve(objectRecordId), () => t`the record to update`);
    let patch = requireObject(ctx.resolve(objectRecord), () => t`the fields to update`);
    if (fieldsToUpdate?.length)
      patch = Object.fromEntries(Object.entries(patch).filter(([k]) => fieldsToUpdate.includes(k)));
    const outcome = (after: RecordView) => ({
      input: { objectName, objectRecordId: id, objectRecord: patch },
      output: after,
    });
    const now = ctx.records.updateNow?.(objectName, id, patch, ctx.origin);
    return now ? outcome(now) : ctx.records.update(objectName, id, patch, ctx.origin).then(outcome);
  },
};
