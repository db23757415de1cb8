import { t } from '@lingui/core/macro';
import type { StepUi } from './types';
import { RecordStepForm } from './recordStepForm';

export const updateRecordUi: StepUi<'UPDATE_RECORD'> = {
  get label() {
    return t`Update record`;
  },
  group: 'Records',
  get description() {
    return t`Change fields of a record`;
  },
  defaultInput: () => ({ objectName: 'person', objectRecordId: '', objectRecord: {} }),
  Form: RecordStepForm,
};
