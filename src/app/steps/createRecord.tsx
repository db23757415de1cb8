import type { StepUi } from './types';
import { RecordStepForm } from './recordStepForm';

export const createRecordUi: StepUi<'CREATE_RECORD'> = {
  label: 'Create record',
  group: 'Records',
  description: 'Add a new record to an object',
  defaultInput: () => ({ objectName: 'task', objectRecord: {} }),
  Form: RecordStepForm,
};
