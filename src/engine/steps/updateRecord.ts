import { t } from '@lingui/core/macro';
import type { RecordView } from '../../schema/record';
import { requireId, requireObject, type StepDefinition } from './types';

const recordLabel = () => t`the record to update`;
const fieldsLabel = () => t`the fields to update`;

export const updateRecord: StepDefinition<'UPDATE_RECORD'> = {
  type: 'UPDATE_RECORD',
  writesRecords: true,
  outputs: (step) => [{ path: '', label: '', record: step.settings.input.objectName }],
  execute(ctx) {
    const { objectName, objectRecordId, objectRecord, fieldsToUpdate } = ctx.step.settings.input;
    const id = requireId(ctx.resolve(objectRecordId), recordLabel);
    let patch = requireObject(ctx.resolve(objectRecord), fieldsLabel);
    if (fieldsToUpdate?.length)
      patch = Object.fromEntries(Object.entries(patch).filter(([k]) => fieldsToUpdate.includes(k)));
    const input = { objectName, objectRecordId: id, objectRecord: patch };
    // Most updates are made at once (their record and object already read): no promise, no closure.
    const now = ctx.records.updateNow?.(objectName, id, patch, ctx.origin);
    if (now) return { input, output: now };
    return ctx.records
      .update(objectName, id, patch, ctx.origin)
      .then((after: RecordView) => ({ input, output: after }));
  },
};
