import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalServer, type LocalServer } from '../support/localServer';
import { readWorkflowFile } from '../../src/share/workflowFile';
import { migrateWorkflowFile } from '../../src/schema/workflowMigrations';
import { evaluateTyped } from '../../src/engine/twentyFilter';
import type { Operand } from '../../src/schema/filter';
import { installWorkflow, noErrors, recordsOf, setup } from './helpers';
import { stepProblems } from '../../src/app/editor/validate';

/**
 * Twenty-shaped fixtures written from Twenty's schemas (twenty-shared/src/workflow/schemas):
 * one per trigger variant and action type, with every field, with every optional field left
 * out, and with nulls where Twenty allows them. Each imports as it is; where it can run, it runs.
 */
const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const errorHandling = { retryOnFailure: { value: true, maxAttempts: 2 }, continueOnFailure: { value: false } };

function version(trigger: Record<string, unknown>, steps: Record<string, unknown>[] = []) {
  return { trigger: { nextStepIds: steps.length ? [steps[0].id] : [], ...trigger }, steps };
}
function action(type: string, input: unknown, extra: Record<string, unknown> = {}) {
  return {
    id: ID(1),
    name: `${type} step`,
    type,
    valid: true,
    nextStepIds: [],
    position: { x: 0, y: 150 },
    settings: { input, outputSchema: {}, errorHandlingOptions: errorHandling },
    ...extra,
  };
}
const manual = { type: 'MANUAL', name: 'Launch manually', settings: { outputSchema: {} } };
const group = { id: 'g1', logicalOperator: 'AND' };
const condition = (over: Record<string, unknown> = {}) => ({
  id: 'f1',
  type: 'TEXT',
  stepOutputKey: '{{trigger.properties.after.name}}',
  operand: 'IS',
  value: 'Acme',
  stepFilterGroupId: 'g1',
  ...over,
});

const TRIGGERS: [string, Record<string, unknown>, (t: Record<string, unknown>) => void][] = [
  [
    'DATABASE_EVENT, every field',
    {
      type: 'DATABASE_EVENT',
      name: 'Company updated',
      position: { x: 0, y: 0 },
      settings: {
        eventName: 'company.updated',
        objectType: 'company',
        fields: ['name'],
        input: {},
        outputSchema: { recordId: { type: 'string' } },
        filter: { stepFilterGroups: [group], stepFilters: [condition({ positionInStepFilterGroup: 0 })] },
      },
    },
    (t) =>
      expect(t.settings).toMatchObject({
        eventName: 'company.updated',
        fields: ['name'],
        filter: { stepFilters: [{ stepOutputKey: '{{trigger.properties.after.name}}', operand: 'IS' }] },
        outputSchema: { recordId: { type: 'string' } },
      }),
  ],
  [
    'DATABASE_EVENT, nulls and no name',
    {
      type: 'DATABASE_EVENT',
      position: null,
      nextStepIds: null,
      settings: { eventName: 'person.created', fields: null, outputSchema: {} },
    },
    (t) =>
      expect(t).toMatchObject({ name: 'Record event', nextStepIds: [], settings: { eventName: 'person.created' } }),
  ],
  [
    'DATABASE_EVENT, a filter written without braces (older Twenty)',
    {
      type: 'DATABASE_EVENT',
      settings: {
        eventName: 'person.upserted',
        outputSchema: {},
        filter: {
          stepFilterGroups: [group],
          stepFilters: [condition({ stepOutputKey: 'trigger.properties.after.city' })],
        },
      },
    },
    (t) =>
      expect(t.settings).toMatchObject({
        filter: { stepFilters: [{ stepOutputKey: '{{trigger.properties.after.city}}' }] },
      }),
  ],
  ['MANUAL, no availability', manual, (t) => expect(t.settings).toMatchObject({ availability: { type: 'GLOBAL' } })],
  [
    'MANUAL, GLOBAL with locations, icon, pinned',
    {
      ...manual,
      settings: {
        outputSchema: {},
        icon: 'IconBolt',
        isPinned: true,
        availability: { type: 'GLOBAL', locations: ['x'] },
      },
    },
    (t) => expect(t.settings).toMatchObject({ icon: 'IconBolt', isPinned: true, availability: { type: 'GLOBAL' } }),
  ],
  [
    'MANUAL, SINGLE_RECORD',
    {
      ...manual,
      settings: { outputSchema: {}, availability: { type: 'SINGLE_RECORD', objectNameSingular: 'company' } },
    },
    (t) => expect(t.settings).toMatchObject({ availability: { type: 'SINGLE_RECORD', objectNameSingular: 'company' } }),
  ],
  [
    'MANUAL, BULK_RECORDS',
    { ...manual, settings: { outputSchema: {}, availability: { type: 'BULK_RECORDS', objectNameSingular: 'person' } } },
    (t) => expect(t.settings).toMatchObject({ availability: { type: 'BULK_RECORDS', objectNameSingular: 'person' } }),
  ],
  [
    'MANUAL, availability null with an objectType (older Twenty: one record)',
    { ...manual, settings: { outputSchema: {}, objectType: 'opportunity', availability: null } },
    (t) =>
      expect(t.settings).toMatchObject({ availability: { type: 'SINGLE_RECORD', objectNameSingular: 'opportunity' } }),
  ],
  [
    'CRON, DAYS',
    {
      type: 'CRON',
      name: 'Daily',
      settings: { type: 'DAYS', schedule: { day: 2, hour: 9, minute: 30 }, outputSchema: {} },
    },
    (t) =>
      expect(t.settings).toMatchObject({ type: 'DAYS', schedule: { day: 2, hour: 9, minute: 30 }, timezone: 'UTC' }),
  ],
  [
    'CRON, HOURS',
    { type: 'CRON', settings: { type: 'HOURS', schedule: { hour: 3, minute: 15 }, outputSchema: {} } },
    (t) => expect(t.settings).toMatchObject({ type: 'HOURS', schedule: { hour: 3, minute: 15 } }),
  ],
  [
    'CRON, MINUTES',
    { type: 'CRON', settings: { type: 'MINUTES', schedule: { minute: 10 }, outputSchema: {} } },
    (t) => expect(t.settings).toMatchObject({ type: 'MINUTES', schedule: { minute: 10 }, missedRuns: 'once' }),
  ],
  [
    'CRON, CUSTOM',
    { type: 'CRON', settings: { type: 'CUSTOM', pattern: '0 8 * * 1-5', outputSchema: {} } },
    (t) => expect(t.settings).toMatchObject({ type: 'CUSTOM', pattern: '0 8 * * 1-5' }),
  ],
  [
    'WEBHOOK, GET',
    { type: 'WEBHOOK', settings: { httpMethod: 'GET', authentication: null, outputSchema: {} } },
    (t) => expect(t.settings).toMatchObject({ httpMethod: 'GET', expectedBody: {} }),
  ],
  [
    'WEBHOOK, POST with an API key',
    {
      type: 'WEBHOOK',
      settings: {
        httpMethod: 'POST',
        expectedBody: { email: 'a@b.c' },
        expectedOutputSchema: {},
        authentication: 'API_KEY',
        outputSchema: {},
      },
    },
    (t) =>
      expect(t.settings).toMatchObject({
        httpMethod: 'POST',
        expectedBody: { email: 'a@b.c' },
        authentication: 'API_KEY',
      }),
  ],
];

const ACTIONS: [string, Record<string, unknown>, (input: Record<string, unknown>) => void][] = [
  [
    'CREATE_RECORD',
    action('CREATE_RECORD', { objectName: 'company', objectRecord: { name: 'Acme', employees: 5 } }),
    (i) => expect(i).toEqual({ objectName: 'company', objectRecord: { name: 'Acme', employees: 5 } }),
  ],
  [
    'UPDATE_RECORD',
    action('UPDATE_RECORD', {
      objectName: 'person',
      objectRecord: { companyId: '{{trigger.id}}' },
      objectRecordId: '{{trigger.properties.after.id}}',
      fieldsToUpdate: ['companyId'],
    }),
    (i) => expect(i).toMatchObject({ fieldsToUpdate: ['companyId'], objectRecord: { companyId: '{{trigger.id}}' } }),
  ],
  [
    'DELETE_RECORD',
    action('DELETE_RECORD', { objectName: 'task', objectRecordId: '{{trigger.recordId}}' }),
    (i) => expect(i).toEqual({ objectName: 'task', objectRecordId: '{{trigger.recordId}}' }),
  ],
  [
    'FIND_RECORDS, every field',
    action('FIND_RECORDS', {
      objectName: 'company',
      limit: '{{trigger.n}}',
      offset: 5,
      filter: {
        recordFilterGroups: [{ id: 'rg', logicalOperator: 'OR' }],
        recordFilters: [
          {
            id: 'rf',
            fieldMetadataId: 'fm-1',
            type: 'TEXT',
            label: 'Name',
            operand: 'CONTAINS',
            value: 'ac',
            displayValue: 'ac',
            recordFilterGroupId: 'rg',
          },
        ],
      },
      orderBy: {
        recordSorts: [{ id: 's', fieldMetadataId: 'fm-2', direction: 'desc' }],
        gqlOperationOrderBy: [{ employees: 'DescNullsLast' }],
      },
    }),
    (i) =>
      expect(i).toMatchObject({
        limit: '{{trigger.n}}',
        offset: 5,
        filter: { recordFilters: [{ label: 'Name', operand: 'CONTAINS' }] },
        orderBy: { gqlOperationOrderBy: [{ employees: 'DescNullsLast' }] },
      }),
  ],
  [
    'FIND_RECORDS, nothing optional',
    action('FIND_RECORDS', { objectName: 'person' }),
    (i) => expect(i).toEqual({ objectName: 'person' }),
  ],
  [
    'UPSERT_RECORD (no match fields, as Twenty has none)',
    action('UPSERT_RECORD', { objectName: 'person', objectRecord: { emails: { primaryEmail: 'x@y.z' } } }),
    (i) => expect(i.matchFields).toBeUndefined(),
  ],
  [
    'FILTER',
    action('FILTER', { stepFilterGroups: [group], stepFilters: [condition({ operand: 'Contains' })] }),
    (i) => expect(i).toMatchObject({ stepFilters: [{ operand: 'CONTAINS', value: 'Acme', type: 'TEXT' }] }),
  ],
  [
    'IF_ELSE',
    action('IF_ELSE', {
      stepFilterGroups: [group],
      stepFilters: [condition()],
      branches: [
        { id: 'b1', nextStepIds: [], filterGroupId: 'g1' },
        { id: 'b2', nextStepIds: [] },
      ],
    }),
    (i) => expect(i).toMatchObject({ branches: [{ id: 'b1', filterGroupId: 'g1' }, { id: 'b2' }] }),
  ],
  [
    'ITERATOR, every field',
    action('ITERATOR', { items: '{{trigger.list}}', initialLoopStepIds: [], shouldContinueOnIterationFailure: true }),
    (i) =>
      expect(i).toEqual({ items: '{{trigger.list}}', initialLoopStepIds: [], shouldContinueOnIterationFailure: true }),
  ],
  [
    'ITERATOR, nothing optional',
    action('ITERATOR', {}),
    (i) => expect(i).toMatchObject({ initialLoopStepIds: [], shouldContinueOnIterationFailure: false }),
  ],
  [
    'DELAY, a duration with variables',
    action('DELAY', { delayType: 'DURATION', duration: { minutes: '{{trigger.wait}}', seconds: 5 } }),
    (i) => expect(i).toEqual({ delayType: 'DURATION', duration: { minutes: '{{trigger.wait}}', seconds: 5 } }),
  ],
  [
    'DELAY, a date (null duration)',
    action('DELAY', { delayType: 'SCHEDULED_DATE', scheduledDateTime: '2030-01-01T00:00:00Z', duration: null }),
    (i) => expect(i).toEqual({ delayType: 'SCHEDULED_DATE', scheduledDateTime: '2030-01-01T00:00:00Z' }),
  ],
  [
    'HTTP_REQUEST, every field',
    action('HTTP_REQUEST', {
      url: 'https://x.test/a',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: { a: 1, b: ['x', null] },
    }),
    (i) => expect(i).toMatchObject({ method: 'POST', body: { a: 1, b: ['x', null] } }),
  ],
  [
    'HTTP_REQUEST, a text body',
    action('HTTP_REQUEST', { url: 'https://x.test', method: 'PUT', body: 'raw' }),
    (i) => expect(i.body).toBe('raw'),
  ],
  [
    'SEND_EMAIL, every field',
    action('SEND_EMAIL', {
      connectedAccountId: 'acc-1',
      fromHandle: 'sales',
      recipients: { to: 'a@b.c', cc: 'c@d.e', bcc: '' },
      subject: 'Hi',
      body: 'Hello',
      files: [],
      inReplyTo: 'm-1',
    }),
    (i) => expect(i).toMatchObject({ connectedAccountId: 'acc-1', recipients: { to: 'a@b.c', cc: 'c@d.e' } }),
  ],
  [
    'SEND_EMAIL, recipients partly absent',
    action('SEND_EMAIL', { connectedAccountId: '', recipients: { to: 'a@b.c' } }),
    (i) => expect(i).toMatchObject({ recipients: { to: 'a@b.c', cc: '', bcc: '' }, subject: '', body: '' }),
  ],
  [
    'CODE (a logic function)',
    action('CODE', { logicFunctionId: 'lf-1', logicFunctionInput: { a: '{{trigger.a}}' } }),
    (i) => expect(i).toEqual({ logicFunctionId: 'lf-1', logicFunctionInput: { a: '{{trigger.a}}' } }),
  ],
  [
    'CODE (an older serverless function)',
    action('CODE', {
      serverlessFunctionId: 'sf-1',
      serverlessFunctionVersion: 'draft',
      serverlessFunctionInput: { b: 1 },
    }),
    (i) => expect(i).toEqual({ logicFunctionId: 'sf-1', logicFunctionInput: { b: 1 } }),
  ],
  [
    'AI_AGENT, an agent by id',
    action('AI_AGENT', { agentId: 'agent-1', prompt: 'Summarise {{trigger.text}}' }),
    (i) => expect(i).toMatchObject({ agentId: 'agent-1', prompt: 'Summarise {{trigger.text}}' }),
  ],
  ['AI_AGENT, nothing optional', action('AI_AGENT', {}), (i) => expect(i).toMatchObject({ prompt: '' })],
  [
    'FORM',
    action('FORM', [
      { id: 'f1', name: 'budget', label: 'Budget', type: 'NUMBER', placeholder: '1000' },
      { id: 'f2', name: 'who', label: 'Who', type: 'RECORD', settings: { objectName: 'person' }, value: null },
    ]),
    (i) =>
      expect(i).toMatchObject([
        { name: 'budget', type: 'NUMBER' },
        { name: 'who', settings: { objectName: 'person' } },
      ]),
  ],
  [
    "a step type Localflow lacks (Twenty's EMPTY placeholder)",
    action('EMPTY', {}),
    (i) => expect(i).toMatchObject({ twentyStep: { type: 'EMPTY' } }),
  ],
];

describe('Twenty shapes import as they are', () => {
  it.each(TRIGGERS)('trigger: %s', (_name, trigger, check) => {
    const file = readWorkflowFile(version(trigger));
    check(file.trigger as unknown as Record<string, unknown>);
  });

  it.each(ACTIONS)('action: %s', (_name, step, check) => {
    const file = readWorkflowFile(version(manual, [step]));
    const [imported] = file.steps;
    expect(imported).toMatchObject({ id: ID(1), position: { x: 0, y: 150 } });
    expect(imported.settings.errorHandlingOptions).toEqual(errorHandling);
    check(imported.settings.input as Record<string, unknown>);
  });

  it('nulls where Twenty allows them, retryOnFailure as a number, __typename', () => {
    const file = readWorkflowFile(
      version(manual, [
        {
          ...action('CREATE_RECORD', { objectName: 'note', objectRecord: {} }),
          nextStepIds: null,
          position: null,
          name: '',
          __typename: 'WorkflowAction',
          settings: {
            input: { objectName: 'note', objectRecord: {} },
            outputSchema: {},
            errorHandlingOptions: { retryOnFailure: { value: 0 }, continueOnFailure: { value: true } },
          },
        },
      ]),
    );
    expect(file.steps[0]).toMatchObject({ nextStepIds: [], name: 'Create record' });
    expect(file.steps[0]).not.toHaveProperty('__typename');
    expect(file.steps[0].position).toBeUndefined();
    expect(file.steps[0].settings.errorHandlingOptions.retryOnFailure.value).toBe(0);
  });
});

describe('Twenty shapes run as Twenty runs them', () => {
  let server: LocalServer;
  const bodies: { type: string; body: string }[] = [];
  beforeAll(async () => {
    server = await startLocalServer((req, res) => {
      bodies.push({ type: String(req.headers['content-type']), body: req.body });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  afterAll(() => server.close());

  it('an IF_ELSE from Twenty takes the branch its conditions choose (they are not dropped)', async () => {
    const env = setup();
    const make = (id: string, title: string) => ({
      id,
      name: id,
      type: 'CREATE_RECORD',
      valid: true,
      settings: {
        input: { objectName: 'task', objectRecord: { title } },
        outputSchema: {},
        errorHandlingOptions: noErrors,
      },
    });
    const ifElse = action('IF_ELSE', {
      stepFilterGroups: [{ id: 'big', logicalOperator: 'AND' }],
      stepFilters: [
        {
          id: 'c',
          type: 'NUMBER',
          stepOutputKey: '{{trigger.properties.after.employees}}',
          operand: 'GREATER_THAN_OR_EQUAL',
          value: '100',
          stepFilterGroupId: 'big',
        },
      ],
      branches: [
        { id: 'b-big', nextStepIds: [ID(2)], filterGroupId: 'big' },
        { id: 'b-else', nextStepIds: [ID(3)] },
      ],
    });
    const id = await installWorkflow(
      env.workflows,
      version({ type: 'DATABASE_EVENT', settings: { eventName: 'company.created', outputSchema: {} } }, [
        ifElse,
        make(ID(2), 'Big {{trigger.properties.after.name}}'),
        make(ID(3), 'Small {{trigger.properties.after.name}}'),
      ]),
    );
    expect(id).toBeTruthy();
    env.engine.start();
    await env.records.create('company', { name: 'Giant', employees: 500 });
    await env.records.create('company', { name: 'Tiny', employees: 3 });
    await env.engine.idle();
    const titles = (await recordsOf(env.db, 'task')).map((t) => t.data.title);
    expect(titles).toEqual(expect.arrayContaining(['Big Giant', 'Small Tiny']));
    expect(titles).not.toContain('Small Giant');
  });

  it("a record trigger's conditions decide whether a run starts", async () => {
    const env = setup();
    await installWorkflow(
      env.workflows,
      version(
        {
          type: 'DATABASE_EVENT',
          settings: {
            eventName: 'company.created',
            outputSchema: {},
            filter: {
              stepFilterGroups: [group],
              stepFilters: [
                condition({
                  type: 'TEXT',
                  operand: 'CONTAINS',
                  value: 'Corp',
                  stepOutputKey: '{{trigger.properties.after.name}}',
                }),
              ],
            },
          },
        },
        [
          action('CREATE_RECORD', {
            objectName: 'note',
            objectRecord: { title: 'Saw {{trigger.properties.after.name}}' },
          }),
        ],
      ),
    );
    env.engine.start();
    await env.records.create('company', { name: 'Mega Corp' });
    await env.records.create('company', { name: 'mega corp' }); // Twenty compares text as written
    await env.engine.idle();
    expect((await recordsOf(env.db, 'note')).map((n) => n.data.title)).toContain('Saw Mega Corp');
    expect((await recordsOf(env.db, 'note')).map((n) => n.data.title)).not.toContain('Saw mega corp');
  });

  it('an HTTP POST from Twenty sends its body (as JSON, or as a form when its Content-Type says so); its answer is the output', async () => {
    const env = setup();
    const workflowId = await installWorkflow(
      env.workflows,
      version(manual, [
        action(
          'HTTP_REQUEST',
          { url: `${server.base}/json`, method: 'POST', body: { name: '{{trigger.missing}}x', n: 2 } },
          { nextStepIds: [ID(2)] },
        ),
        {
          ...action('HTTP_REQUEST', {
            url: `${server.base}/form`,
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: { a: '1', b: 'two' },
          }),
          id: ID(2),
        },
      ]),
    );
    env.engine.start();
    const [runId] = await env.engine.runManual({ workflowId });
    await env.engine.idle();
    expect(bodies.find((b) => b.type.includes('json'))?.body).toBe('{"name":"x","n":2}');
    // As in Twenty, the answer's data is the step's output (`{{step.ok}}`), beside Localflow's status and body.
    const run = (await env.db.runs.get(runId))!;
    expect(run.state.stepInfos[ID(1)].output).toMatchObject({ ok: true, status: 200, body: { ok: true } });
    expect(bodies.find((b) => b.type.includes('urlencoded'))?.body).toBe('a=1&b=two');
  });
});

describe('version 1 files and stored workflows lift to version 2, one shape at a time', () => {
  const v1 = (trigger: unknown, steps: unknown[] = []) =>
    migrateWorkflowFile({ format: 'localflow.workflow', version: 1, name: 'Old', trigger, steps }) as {
      version: number;
      trigger: { settings: Record<string, unknown> };
      steps: { name: string; settings: { input: unknown } }[];
    };
  const oldStep = (type: string, input: unknown) => ({
    id: 's',
    name: 's',
    type,
    nextStepIds: [],
    settings: { input },
  });
  const oldManual = { type: 'MANUAL', name: 'M', settings: { availability: { type: 'GLOBAL' } }, nextStepIds: [] };

  it('record trigger: its conditions name the event record', () => {
    const out = v1({
      type: 'DATABASE_EVENT',
      name: 'T',
      settings: {
        eventName: 'person.deleted',
        filter: { operator: 'AND', conditions: [{ left: 'city', operand: 'IS', right: 'Paris' }] },
      },
      nextStepIds: [],
    });
    expect(out.version).toBe(2);
    expect(out.trigger.settings.filter).toMatchObject({
      stepFilterGroups: [{ logicalOperator: 'AND' }],
      stepFilters: [
        { stepOutputKey: '{{trigger.properties.before.city}}', operand: 'IS', value: 'Paris', type: 'unknown' },
      ],
    });
  });
  it('manual trigger: objectName becomes objectNameSingular', () => {
    const out = v1({ ...oldManual, settings: { availability: { type: 'BULK_RECORDS', objectName: 'person' } } });
    expect(out.trigger.settings.availability).toEqual({ type: 'BULK_RECORDS', objectNameSingular: 'person' });
  });
  it.each([
    [
      { type: 'MINUTES', minutes: 5 },
      { type: 'MINUTES', schedule: { minute: 5 } },
    ],
    [
      { type: 'HOURS', hours: 2, minute: 7 },
      { type: 'HOURS', schedule: { hour: 2, minute: 7 } },
    ],
    [
      { type: 'DAYS', days: 1, hour: 9, minute: 0 },
      { type: 'DAYS', schedule: { day: 1, hour: 9, minute: 0 } },
    ],
    [
      { type: 'WEEKLY', daysOfWeek: [1, 3], hour: 8, minute: 5 },
      { type: 'CUSTOM', pattern: '5 8 * * 1,3' },
    ],
    [
      { type: 'CUSTOM', pattern: '0 0 1 * *' },
      { type: 'CUSTOM', pattern: '0 0 1 * *' },
    ],
  ])('schedule %o', (schedule, expected) => {
    const out = v1({
      type: 'CRON',
      name: 'C',
      settings: { schedule, timezone: 'Europe/Prague', missedRuns: 'skip' },
      nextStepIds: [],
    });
    expect(out.trigger.settings).toMatchObject({ ...expected, timezone: 'Europe/Prague', missedRuns: 'skip' });
  });
  it('webhook trigger', () => {
    const out = v1({
      type: 'WEBHOOK',
      name: 'W',
      settings: { httpMethod: 'GET', expectedBody: { q: 1 } },
      nextStepIds: [],
    });
    expect(out.trigger.settings).toMatchObject({ httpMethod: 'GET', expectedBody: { q: 1 } });
  });
  it.each([
    [
      'FILTER',
      {
        filter: {
          operator: 'OR',
          conditions: [
            { left: '{{a.b}}', operand: 'GREATER_THAN', right: 5 },
            { operator: 'AND', conditions: [] },
          ],
        },
      },
      (i: Record<string, unknown>) =>
        expect(i).toMatchObject({
          stepFilterGroups: [{ logicalOperator: 'OR' }, { logicalOperator: 'AND', positionInStepFilterGroup: 1 }],
          stepFilters: [{ stepOutputKey: '{{a.b}}', operand: 'GREATER_THAN', value: '5' }],
        }),
    ],
    [
      'IF_ELSE',
      {
        branches: [
          {
            id: 'if',
            filter: { operator: 'AND', conditions: [{ left: '{{x}}', operand: 'IS_EMPTY' }] },
            nextStepIds: ['n'],
          },
          { id: 'else', nextStepIds: [] },
        ],
      },
      (i: Record<string, unknown>) => {
        const input = i as { stepFilterGroups: { id: string }[]; branches: { id: string; filterGroupId?: string }[] };
        expect(input.branches[0]).toMatchObject({
          id: 'if',
          filterGroupId: input.stepFilterGroups[0].id,
          nextStepIds: ['n'],
        });
        expect(input.branches[1].filterGroupId).toBeUndefined();
      },
    ],
    [
      'FIND_RECORDS',
      {
        objectName: 'person',
        filter: { operator: 'AND', conditions: [{ left: 'name.firstName', operand: 'CONTAINS', right: 'a' }] },
        orderBy: [{ field: 'createdAt', direction: 'DESC' }],
        limit: 7,
      },
      (i: Record<string, unknown>) =>
        expect(i).toMatchObject({
          limit: 7,
          filter: {
            recordFilters: [{ fieldName: 'name', subFieldName: 'firstName', operand: 'CONTAINS', value: 'a' }],
          },
          orderBy: {
            recordSorts: [{ fieldName: 'createdAt', direction: 'desc' }],
            gqlOperationOrderBy: [{ createdAt: 'DescNullsLast' }],
          },
        }),
    ],
    [
      'ITERATOR',
      { items: [1], initialLoopStepIds: [], continueOnIterationFailure: true },
      (i: Record<string, unknown>) => expect(i).toMatchObject({ shouldContinueOnIterationFailure: true }),
    ],
    [
      'SEND_EMAIL',
      { to: 'a@b.c', cc: '', bcc: 'd@e.f', subject: 'S', body: 'B', bodyFormat: 'html' },
      (i: Record<string, unknown>) =>
        expect(i).toMatchObject({
          connectedAccountId: '',
          recipients: { to: 'a@b.c', cc: '', bcc: 'd@e.f' },
          bodyFormat: 'html',
        }),
    ],
    [
      'CODE',
      { code: 'export const main = () => 1', params: { a: 1 }, timeoutMs: 500 },
      (i: Record<string, unknown>) =>
        expect(i).toEqual({ code: 'export const main = () => 1', logicFunctionInput: { a: 1 }, timeoutMs: 500 }),
    ],
    [
      'FORM',
      {
        title: 'Tell us',
        fields: [{ name: 'x', label: 'X', type: 'SELECT', options: ['a'], required: true, defaultValue: 'a' }],
      },
      (i: Record<string, unknown>) =>
        expect(i).toMatchObject([
          {
            name: 'x',
            type: 'SELECT',
            settings: { options: ['a'], required: true },
            value: 'a',
            id: expect.any(String),
          },
        ]),
    ],
  ])('%s', (type, input, check) => {
    const out = v1(oldManual, [oldStep(type as string, input)]);
    check(out.steps[0].settings.input as Record<string, unknown>);
    if (type === 'FORM') expect(out.steps[0].name).toBe('Tell us');
  });
  it('the lifted file is a valid version 2 workflow', () => {
    const file = readWorkflowFile({
      format: 'localflow.workflow',
      version: 1,
      name: 'Old',
      trigger: {
        type: 'CRON',
        name: 'C',
        settings: { schedule: { type: 'WEEKLY', daysOfWeek: [5], hour: 17, minute: 0 } },
        nextStepIds: ['s'],
      },
      steps: [
        oldStep('FILTER', {
          filter: { operator: 'AND', conditions: [{ left: '{{trigger.scheduledAt}}', operand: 'IS_NOT_EMPTY' }] },
        }),
      ],
    });
    expect(file.version).toBe(2);
  });
});

describe("Twenty's filter semantics, by field type", () => {
  const now = Date.parse('2026-06-15T12:00:00Z');
  const cases: [type: string, operand: Operand, left: unknown, right: unknown, expected: boolean, subField?: string][] =
    [
      ['TEXT', 'IS', 'Acme', 'Acme', true],
      ['TEXT', 'IS', 'Acme', 'acme', false],
      ['TEXT', 'CONTAINS', 'Acme Corp', 'Corp', true],
      ['TEXT', 'CONTAINS', 'Acme Corp', 'corp', false],
      ['TEXT', 'CONTAINS', '', '', true],
      ['TEXT', 'DOES_NOT_CONTAIN', 'Acme', 'Zeta', true],
      ['TEXT', 'IS_EMPTY', '', '', true],
      ['TEXT', 'IS_NOT_EMPTY', 'x', '', true],
      ['MULTI_SELECT', 'CONTAINS', ['A', 'B'], '["B","C"]', true],
      ['MULTI_SELECT', 'CONTAINS', ['A'], '["C"]', false],
      ['MULTI_SELECT', 'IS_EMPTY', [], '', true],
      ['SELECT', 'IS', 'WON', '["WON","LOST"]', true],
      ['SELECT', 'IS', 'OPEN', '["WON","LOST"]', false],
      ['SELECT', 'IS_NOT', 'OPEN', '["WON"]', true],
      ['NUMBER', 'GREATER_THAN_OR_EQUAL', 100, '100', true],
      ['NUMBER', 'LESS_THAN_OR_EQUAL', 101, '100', false],
      ['NUMBER', 'IS', '5', 5, true],
      ['NUMBER', 'IS_EMPTY', null, '', true],
      ['DATE_TIME', 'IS', '2026-06-15T23:59:00Z', '2026-06-15T00:01:00Z', true],
      ['DATE_TIME', 'IS', '2026-06-15T23:59:00Z', '2026-06-16T00:01:00Z', false],
      ['DATE', 'IS_BEFORE', '2026-01-01', '2026-02-01', true],
      ['DATE', 'IS_AFTER', '2026-01-01', '2026-02-01', false],
      ['DATE', 'IS_IN_PAST', '2026-06-14T00:00:00Z', '', true],
      ['DATE', 'IS_IN_FUTURE', '2026-06-14T00:00:00Z', '', false],
      ['DATE', 'IS_TODAY', '2026-06-15T01:00:00Z', '', true],
      ['DATE', 'IS_RELATIVE', '2026-06-10T00:00:00Z', 'PAST_7_DAY', true],
      ['DATE', 'IS_RELATIVE', '2026-06-01T00:00:00Z', 'PAST_7_DAY', false],
      ['DATE', 'IS_RELATIVE', '2026-06-20T00:00:00Z', 'NEXT_1_WEEK', true],
      ['DATE', 'IS_RELATIVE', '2026-06-02T00:00:00Z', 'THIS_1_MONTH', true],
      ['BOOLEAN', 'IS', true, 'true', true],
      ['boolean', 'IS', false, 'true', false],
      ['UUID', 'IS', 'a', 'a', true],
      ['UUID', 'IS', 'c1', { id: 'c1', name: 'x' }, true], // a variable naming a related record: its id
      ['UUID', 'IS_NOT', 'c1', { id: 'c2' }, true],
      ['RATING', 'GREATER_THAN_OR_EQUAL', 'RATING_4', 'RATING_3', true],
      ['RATING', 'IS', 'RATING_2', '2', true],
      ['RELATION', 'IS', { id: 'c1', name: 'x' }, 'c1', true],
      ['RELATION', 'IS', 'c1', '{"selectedRecordIds":["c2","c1"]}', true],
      ['CURRENCY', 'GREATER_THAN_OR_EQUAL', 5_000_000, '1000000', true, 'amountMicros'],
      ['CURRENCY', 'IS', 'EUR', '["EUR","USD"]', true, 'currencyCode'],
      ['ACTOR', 'IS_NOT', 'MANUAL', '["EMAIL"]', true, 'source'],
      ['ACTOR', 'IS_NOT', 'EMAIL', '["EMAIL"]', false, 'source'],
      ['unknown', 'CONTAINS', 'Acme Corp', 'corp', true], // Localflow's own reading, for conditions without a type
      ['RAW_JSON', 'IS_NOT_NULL', null, '', false],
    ];
  it.each(cases)('%s %s %j vs %j → %s', (type, operand, left, right, expected, subField) => {
    expect(evaluateTyped({ type, operand, left, right, subField }, now, false)).toBe(expected);
  });
  it('an operand a type cannot take is an error in words, as in Twenty', () => {
    expect(() => evaluateTyped({ type: 'BOOLEAN', operand: 'CONTAINS', left: true, right: 'x' }, now, false)).toThrow(
      /"contains" cannot be used on a yes\/no value/,
    );
  });
});

describe('lifting is repeatable', () => {
  it('the same stored version 1 graph lifts to the same version 2 graph every time (ids included)', () => {
    const old = {
      format: 'localflow.workflow',
      version: 1,
      name: 'Old',
      trigger: {
        type: 'DATABASE_EVENT',
        name: 'T',
        settings: {
          eventName: 'company.created',
          filter: { operator: 'AND', conditions: [{ left: 'name', operand: 'IS_NOT_EMPTY' }] },
        },
        nextStepIds: ['b'],
      },
      steps: [
        {
          id: 'b',
          name: 'b',
          type: 'IF_ELSE',
          nextStepIds: [],
          settings: {
            input: {
              branches: [
                { id: 'if', filter: { operator: 'OR', conditions: [] }, nextStepIds: [] },
                { id: 'else', nextStepIds: [] },
              ],
            },
          },
        },
        {
          id: 'f',
          name: 'f',
          type: 'FORM',
          nextStepIds: [],
          settings: { input: { fields: [{ name: 'x', label: 'X', type: 'TEXT' }] } },
        },
      ],
    };
    expect(migrateWorkflowFile(structuredClone(old))).toEqual(migrateWorkflowFile(structuredClone(old)));
  });
});

describe("Twenty's record values", () => {
  it('a task written with bodyV2 (markdown) and a person with companyId', async () => {
    const env = setup();
    const workflowId = await installWorkflow(
      env.workflows,
      version(manual, [
        action('CREATE_RECORD', { objectName: 'company', objectRecord: { name: 'Bodyco' } }, { nextStepIds: [ID(2)] }),
        {
          ...action('CREATE_RECORD', {
            objectName: 'task',
            objectRecord: {
              title: 'Call',
              bodyV2: { blocknote: '[]', markdown: 'Ask about **{{' + ID(1) + '.name}}**' },
            },
          }),
          id: ID(2),
          nextStepIds: [ID(3)],
        },
        {
          ...action('CREATE_RECORD', {
            objectName: 'person',
            objectRecord: { name: { firstName: 'Quill' }, companyId: `{{${ID(1)}.id}}` },
          }),
          id: ID(3),
        },
      ]),
    );
    env.engine.start();
    const [runId] = await env.engine.runManual({ workflowId });
    await env.engine.idle();
    expect((await env.db.runs.get(runId))!.status).toBe('completed');
    const company = (await recordsOf(env.db, 'company')).find((c) => c.data.name === 'Bodyco')!;
    expect((await recordsOf(env.db, 'task')).find((t) => t.data.title === 'Call')?.data.body).toBe(
      'Ask about **Bodyco**',
    );
    expect(
      (await recordsOf(env.db, 'person')).find((p) => (p.data.name as { firstName: string }).firstName === 'Quill')
        ?.data.company,
    ).toBe(company.id);
  });

  it('an AI step that asked a Twenty agent by id is a step to finish', async () => {
    const env = setup();
    const id = await installWorkflow(
      env.workflows,
      version(manual, [action('AI_AGENT', { agentId: 'agent-7' })]),
      false,
    );
    const objects = new Map((await env.db.objects.toArray()).map((o) => [o.name, o]));
    const v = (await env.workflows.currentVersion(id))!;
    expect(stepProblems(v, v.steps[0], objects)).toEqual([
      "Prompt: this step asked Twenty's AI agent agent-7: write what to ask, and the agent's instructions as the system prompt",
    ]);
  });
});

describe("Twenty's record event payload", () => {
  it('a relation to one record holds that record, its id is in <relation>Id; conditions and steps read them', async () => {
    const env = setup();
    const acme = await env.records.create('company', { name: 'Relco', employees: 40 });
    await installWorkflow(
      env.workflows,
      version(
        {
          type: 'DATABASE_EVENT',
          settings: {
            eventName: 'person.created',
            outputSchema: {},
            filter: {
              stepFilterGroups: [group],
              stepFilters: [
                condition({
                  type: 'NUMBER',
                  operand: 'GREATER_THAN_OR_EQUAL',
                  value: '10',
                  stepOutputKey: '{{trigger.properties.after.company.employees}}',
                }),
              ],
            },
          },
        },
        [
          action('CREATE_RECORD', {
            objectName: 'note',
            objectRecord: {
              title: 'Works at {{trigger.properties.after.company.name}} ({{trigger.properties.after.companyId}})',
            },
          }),
        ],
      ),
    );
    env.engine.start();
    await env.records.create('person', { name: { firstName: 'Rel', lastName: 'One' }, company: acme.id });
    await env.records.create('person', { name: { firstName: 'Rel', lastName: 'Two' } }); // no company: no run
    await env.engine.idle();
    const titles = (await recordsOf(env.db, 'note')).map((n) => String(n.data.title));
    expect(titles.filter((t) => t.startsWith('Works at'))).toEqual([`Works at Relco (${acme.id})`]);
    const [run] = await env.db.runs.toArray();
    expect(run.triggerPayload).toMatchObject({
      properties: { after: { companyId: acme.id, company: { id: acme.id, name: 'Relco' } } },
    });
  });
});
