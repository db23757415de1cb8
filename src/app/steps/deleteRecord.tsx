import type { StepUi } from './types';
import { RecordStepForm } from './recordStepForm';

export const deleteRecordUi: StepUi<'DELETE_RECORD'> = {
  label: 'Delete record',
  group: 'Records',
  description: 'Delete a record',
  defaultInput: () => ({ objectName: 'person', objectRecordId: '' }),
  Form: RecordStepForm,
};
