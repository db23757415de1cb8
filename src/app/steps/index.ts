import type { Step, StepType } from '../../schema/workflow';
import { aiAgentUi } from './aiAgent';
import { codeUi } from './code';
import { createRecordUi } from './createRecord';
import { delayUi } from './delay';
import { deleteRecordUi } from './deleteRecord';
import { filterUi } from './filter';
import { findRecordsUi } from './findRecords';
import { formUi } from './form';
import { httpRequestUi } from './httpRequest';
import { ifElseUi } from './ifElse';
import { iteratorUi } from './iterator';
import { sendEmailUi } from './sendEmail';
import type { StepUi } from './types';
import { updateRecordUi } from './updateRecord';
import { upsertRecordUi } from './upsertRecord';

/**
 * What the app shows for every step type (see `StepUi`), registered in one place, in the order the picker lists them.
 */
export const stepUis: { [T in StepType]: StepUi<T> } = {
  CREATE_RECORD: createRecordUi,
  UPDATE_RECORD: updateRecordUi,
  DELETE_RECORD: deleteRecordUi,
  FIND_RECORDS: findRecordsUi,
  UPSERT_RECORD: upsertRecordUi,
  FILTER: filterUi,
  IF_ELSE: ifElseUi,
  ITERATOR: iteratorUi,
  DELAY: delayUi,
  HTTP_REQUEST: httpRequestUi,
  SEND_EMAIL: sendEmailUi,
  AI_AGENT: aiAgentUi,
  CODE: codeUi,
  FORM: formUi,
};

/** The UI definition of a step's type, typed for any step. */
export function stepUi(type: StepType): StepUi<StepType> {
  return stepUis[type] as unknown as StepUi<StepType>;
}

export const STEP_TYPES = Object.keys(stepUis) as StepType[];

/** A step type in a person's words; also the default step name. */
export function stepTypeLabel(type: Step['type']): string {
  return stepUis[type].label;
}
