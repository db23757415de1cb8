import { t } from '@lingui/core/macro';
import type { StepUi } from './types';
import { RecordStepForm } from './recordStepForm';

export const deleteRecordUi: StepUi<'DELETE_RECORD'> = {
  get label() {
    return t`Delete record`;
  },
  group: 'Records',
  get description() {
    return t`Delete a record`;
  },
  defaultInput: () => ({ objectName: 'person', objectRecordId: '' }),
  Form: RecordStepForm,
};
