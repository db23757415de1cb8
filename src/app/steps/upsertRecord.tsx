import { t } from '@lingui/core/macro';
import type { StepUi } from './types';
import { RecordStepForm } from './recordStepForm';

export const upsertRecordUi: StepUi<'UPSERT_RECORD'> = {
  get label() {
    return t`Create or update record`;
  },
  group: 'Records',
  get description() {
    return t`Update a matching record, or create it`;
  },
  defaultInput: () => ({ objectName: 'person', objectRecord: {}, matchFields: ['emails.primaryEmail'] }),
  Form: RecordStepForm,
};
