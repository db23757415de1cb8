import type { StepUi } from './types';
import { RecordStepForm } from './recordStepForm';

export const updateRecordUi: StepUi<'UPDATE_RECORD'> = {
  label: 'Update record',
  group: 'Records',
  description: 'Change fields of a record',
  defaultInput: () => ({ objectName: 'person', objectRecordId: '', objectRecord: {} }),
  Form: RecordStepForm,
};
