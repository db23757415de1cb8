import { t } from '@lingui/core/macro';
import type { StepUi } from './types';
import { RecordStepForm } from './recordStepForm';

export const createRecordUi: StepUi<'CREATE_RECORD'> = {
  get label() {
    return t`Create record`;
  },
  group: 'Records',
  get description() {
    return t`Add a new record to an object`;
  },
  defaultInput: () => ({ objectName: 'task', objectRecord: {} }),
  Form: RecordStepForm,
};
