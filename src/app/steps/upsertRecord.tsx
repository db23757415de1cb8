import type { StepUi } from './types';
import { RecordStepForm } from './recordStepForm';

export const upsertRecordUi: StepUi<'UPSERT_RECORD'> = {
  label: 'Create or update record',
  group: 'Records',
  description: 'Update a matching record, or create it',
  defaultInput: () => ({ objectName: 'person', objectRecord: {}, matchFields: ['emails.primaryEmail'] }),
  Form: RecordStepForm,
};
