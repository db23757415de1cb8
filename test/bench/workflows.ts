/**
 * Workflows the benchmarks run, the same in the browser's pages and for the runner
 * (runnerBench.ts), so their figures measure the same work.
 */

/** Records the 10k loop goes over. */
export const LOOP_RECORDS = 10_000;

/** Every company renumbered: find all → for each → update (the 10k loop). */
export const iteratorWorkflow = {
  format: 'localflow.workflow',
  version: 1,
  name: 'Renumber every company',
  trigger: {
    type: 'MANUAL',
    name: 'Launch manually',
    settings: { availability: { type: 'GLOBAL' } },
    nextStepIds: ['find'],
  },
  steps: [
    {
      id: 'find',
      name: 'All companies',
      type: 'FIND_RECORDS',
      settings: { input: { objectName: 'company', limit: LOOP_RECORDS } },
      nextStepIds: ['loop'],
    },
    {
      id: 'loop',
      name: 'For each',
      type: 'ITERATOR',
      settings: { input: { items: '{{find.all}}', initialLoopStepIds: ['update'] } },
      nextStepIds: [],
    },
    {
      id: 'update',
      name: 'Renumber',
      type: 'UPDATE_RECORD',
      settings: {
        input: {
          objectName: 'company',
          objectRecordId: '{{loop.currentItem.id}}',
          objectRecord: { employees: '{{loop.currentItemIndex}}' },
        },
      },
      nextStepIds: ['loop'],
    },
  ],
};

export const always = (left: string) => ({
  filter: { operator: 'AND', conditions: [{ left, operand: 'IS_NOT_EMPTY' }] },
});

/** Three small steps on each new company: a check, an update of the company, a task about it. */
export const onCompanyCreated = {
  format: 'localflow.workflow',
  version: 1,
  name: 'Follow up new companies',
  trigger: {
    type: 'DATABASE_EVENT',
    name: 'Company created',
    settings: { eventName: 'company.created' },
    nextStepIds: ['check'],
  },
  steps: [
    {
      id: 'check',
      name: 'Has a name',
      type: 'FILTER',
      settings: { input: always('{{trigger.properties.after.name}}') },
      nextStepIds: ['mark'],
    },
    {
      id: 'mark',
      name: 'Mark it',
      type: 'UPDATE_RECORD',
      settings: {
        input: {
          objectName: 'company',
          objectRecordId: '{{trigger.recordId}}',
          objectRecord: { idealCustomerProfile: true },
        },
      },
      nextStepIds: ['task'],
    },
    {
      id: 'task',
      name: 'Task',
      type: 'CREATE_RECORD',
      settings: {
        input: { objectName: 'task', objectRecord: { title: 'Call {{trigger.properties.after.name}}' } },
      },
      nextStepIds: [],
    },
  ],
};

/** One step on each new company: a note about it (the event-latency bench: when its step begins). */
export const noteOnCompany = {
  format: 'localflow.workflow',
  version: 1,
  name: 'On company',
  trigger: {
    type: 'DATABASE_EVENT',
    name: 'Company created',
    settings: { eventName: 'company.created' },
    nextStepIds: ['n'],
  },
  steps: [
    {
      id: 'n',
      name: 'Note',
      type: 'CREATE_RECORD',
      settings: { input: { objectName: 'note', objectRecord: { title: 'new {{trigger.properties.after.name}}' } } },
      nextStepIds: [],
    },
  ],
};
