import type { StepUi } from './types';
import { RecordStepForm } from './recordStepForm';

export const createRecordUi: StepUi<'CREATE_RECORD'> = {
  label: 'Create record',
  group: 'Records',
  defaultInput: () => ({ objectName: 'task', objectRecord: {} }),
  Form: RecordStepForm,
};
