import type { StepType } from '../../schema/workflow';
import { aiAgent } from './aiAgent';
import { codeStep } from './code';
import { createRecord } from './createRecord';
import { delay } from './delay';
import { deleteRecord } from './deleteRecord';
import { filterStep } from './filter';
import { httpRequest } from './httpRequest';
import { findRecords } from './findRecords';
import { formStep } from './form';
import { ifElse } from './ifElse';
import { iterator } from './iterator';
import { sendEmail } from './sendEmail';
import type { StepDefinition } from './types';
import { updateRecord } from './updateRecord';
import { upsertRecord } from './upsertRecord';

/** Every step type's definition (see `StepDefinition`), registered in one place. */
export const stepDefinitions: { [T in StepType]: StepDefinition<T> } = {
  CREATE_RECORD: createRecord,
  UPDATE_RECORD: updateRecord,
  DELETE_RECORD: deleteRecord,
  FIND_RECORDS: findRecords,
  UPSERT_RECORD: upsertRecord,
  FILTER: filterStep,
  IF_ELSE: ifElse,
  ITERATOR: iterator,
  DELAY: delay,
  HTTP_REQUEST: httpRequest,
  SEND_EMAIL: sendEmail,
  AI_AGENT: aiAgent,
  CODE: codeStep,
  FORM: formStep,
};

/** The definition of a step's type, typed for any step. */
export function stepDefinition(type: StepType): StepDefinition {
  return stepDefinitions[type] as StepDefinition;
}
