import { z } from 'zod';

/**
 * Twenty's workflow version schemas (twenty-shared/src/workflow/schemas, written out again from
 * its source for the tests): what "Export for Twenty" must satisfy.
 */
const operand = z.enum([
  'IS',
  'IS_NOT_NULL',
  'IS_NOT',
  'LESS_THAN_OR_EQUAL',
  'GREATER_THAN_OR_EQUAL',
  'IS_BEFORE',
  'IS_AFTER',
  'CONTAINS',
  'DOES_NOT_CONTAIN',
  'IS_EMPTY',
  'IS_NOT_EMPTY',
  'IS_RELATIVE',
  'IS_IN_PAST',
  'IS_IN_FUTURE',
  'IS_TODAY',
  'VECTOR_SEARCH',
]);
const stepFilterGroup = z.object({
  id: z.string(),
  logicalOperator: z.enum(['AND', 'OR']),
  parentStepFilterGroupId: z.string().optional(),
  positionInStepFilterGroup: z.number().optional(),
});
const stepFilter = z.object({
  id: z.string(),
  type: z.string(),
  stepOutputKey: z.string(),
  operand,
  value: z.string(),
  stepFilterGroupId: z.string(),
  positionInStepFilterGroup: z.number().optional(),
  fieldMetadataId: z.string().optional(),
  compositeFieldSubFieldName: z.string().optional(),
});
const settingsOf = <I extends z.ZodType>(input: I) =>
  z.object({
    input,
    outputSchema: z.looseObject({}),
    errorHandlingOptions: z.object({
      retryOnFailure: z.object({ value: z.boolean(), maxAttempts: z.number().int().min(1).max(3).optional() }),
      continueOnFailure: z.object({ value: z.boolean() }),
    }),
  });
const action = <T extends string, I extends z.ZodType>(type: T, input: I) =>
  z.object({
    id: z.uuid(),
    name: z.string(),
    type: z.literal(type),
    valid: z.boolean(),
    nextStepIds: z.array(z.uuid()).optional().nullable(),
    position: z.object({ x: z.number(), y: z.number() }).optional().nullable(),
    settings: settingsOf(input),
  });
const record = z.record(z.string(), z.any());
const variable = z.string();

export const twentyAction = z.discriminatedUnion('type', [
  action('CODE', z.object({ logicFunctionId: z.string(), logicFunctionInput: record })),
  action(
    'SEND_EMAIL',
    z.object({
      connectedAccountId: z.string(),
      fromHandle: z.string().optional(),
      recipients: z.object({ to: z.string().optional(), cc: z.string().optional(), bcc: z.string().optional() }),
      subject: z.string().optional(),
      body: z.string().optional(),
      files: z.array(z.any()).optional(),
      inReplyTo: z.string().optional(),
    }),
  ),
  action('CREATE_RECORD', z.object({ objectName: z.string(), objectRecord: record })),
  action(
    'UPDATE_RECORD',
    z.object({
      objectName: z.string(),
      objectRecord: record,
      objectRecordId: z.string(),
      fieldsToUpdate: z.array(z.string()).optional(),
    }),
  ),
  action('DELETE_RECORD', z.object({ objectName: z.string(), objectRecordId: z.string() })),
  action('UPSERT_RECORD', z.object({ objectName: z.string(), objectRecord: record })),
  action(
    'FIND_RECORDS',
    z.object({
      objectName: z.string(),
      limit: z.union([z.number(), variable]).optional(),
      offset: z.union([z.number().int().nonnegative(), variable]).optional(),
      filter: z
        .object({ recordFilterGroups: z.array(z.any()).optional(), recordFilters: z.array(z.any()).optional() })
        .optional(),
      orderBy: z
        .object({ recordSorts: z.array(z.any()).optional(), gqlOperationOrderBy: z.array(record).optional() })
        .optional(),
    }),
  ),
  action(
    'FORM',
    z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        label: z.string(),
        type: z.enum(['TEXT', 'NUMBER', 'DATE', 'SELECT', 'MULTI_SELECT', 'RECORD']),
        placeholder: z.string().optional(),
        settings: record.optional(),
        value: z.any().optional(),
      }),
    ),
  ),
  action(
    'HTTP_REQUEST',
    z.object({
      url: z.string(),
      method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
      headers: z.record(z.string(), z.string()).optional(),
      body: z
        .record(
          z.string(),
          z.union([
            z.string(),
            z.number(),
            z.boolean(),
            z.null(),
            z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])),
          ]),
        )
        .or(z.string())
        .optional(),
    }),
  ),
  action('AI_AGENT', z.object({ agentId: z.string().optional(), prompt: z.string().optional() })),
  action('FILTER', z.object({ stepFilterGroups: z.array(stepFilterGroup), stepFilters: z.array(stepFilter) })),
  action(
    'IF_ELSE',
    z.object({
      stepFilterGroups: z.array(stepFilterGroup),
      stepFilters: z.array(stepFilter),
      branches: z.array(
        z.object({ id: z.string(), nextStepIds: z.array(z.string()), filterGroupId: z.string().optional() }),
      ),
    }),
  ),
  action(
    'ITERATOR',
    z.object({
      items: z.union([z.array(z.any()), z.string()]).optional(),
      initialLoopStepIds: z.array(z.string()).optional(),
      shouldContinueOnIterationFailure: z.boolean().optional(),
    }),
  ),
  action(
    'DELAY',
    z.object({
      delayType: z.enum(['SCHEDULED_DATE', 'DURATION']),
      scheduledDateTime: z.string().nullable().optional(),
      duration: z
        .object({
          days: z.union([z.number().min(0), z.string()]).optional(),
          hours: z.union([z.number().min(0), z.string()]).optional(),
          minutes: z.union([z.number().min(0), z.string()]).optional(),
          seconds: z.union([z.number().min(0), z.string()]).optional(),
        })
        .optional(),
    }),
  ),
  action('EMPTY', z.looseObject({})),
]);

const baseTrigger = {
  name: z.string().optional(),
  position: z.object({ x: z.number(), y: z.number() }).optional().nullable(),
  nextStepIds: z.array(z.string()).optional().nullable(),
};
export const twentyTrigger = z.discriminatedUnion('type', [
  z.object({
    ...baseTrigger,
    type: z.literal('DATABASE_EVENT'),
    settings: z.object({
      eventName: z.string().regex(/^[a-z][a-zA-Z0-9_]*\.(created|updated|deleted|upserted)$/),
      input: z.looseObject({}).optional(),
      outputSchema: z.looseObject({}),
      objectType: z.string().optional(),
      fields: z.array(z.string()).optional().nullable(),
      filter: z.object({ stepFilterGroups: z.array(stepFilterGroup), stepFilters: z.array(stepFilter) }).optional(),
    }),
  }),
  z.object({
    ...baseTrigger,
    type: z.literal('MANUAL'),
    settings: z.object({
      objectType: z.string().optional(),
      outputSchema: z.looseObject({}),
      icon: z.string().optional(),
      isPinned: z.boolean().optional(),
      availability: z
        .discriminatedUnion('type', [
          z.object({ type: z.literal('GLOBAL'), locations: z.array(z.string()).optional() }),
          z.object({ type: z.literal('SINGLE_RECORD'), objectNameSingular: z.string() }),
          z.object({ type: z.literal('BULK_RECORDS'), objectNameSingular: z.string() }),
        ])
        .optional()
        .nullable(),
    }),
  }),
  z.object({
    ...baseTrigger,
    type: z.literal('CRON'),
    settings: z.discriminatedUnion('type', [
      z.object({
        type: z.literal('DAYS'),
        schedule: z.object({
          day: z.number().min(1),
          hour: z.number().min(0).max(23),
          minute: z.number().min(0).max(59),
        }),
        outputSchema: z.looseObject({}),
      }),
      z.object({
        type: z.literal('HOURS'),
        schedule: z.object({ hour: z.number().min(1), minute: z.number().min(0).max(59) }),
        outputSchema: z.looseObject({}),
      }),
      z.object({
        type: z.literal('MINUTES'),
        schedule: z.object({ minute: z.number().min(1).max(60) }),
        outputSchema: z.looseObject({}),
      }),
      z.object({ type: z.literal('CUSTOM'), pattern: z.string(), outputSchema: z.looseObject({}) }),
    ]),
  }),
  z.object({
    ...baseTrigger,
    type: z.literal('WEBHOOK'),
    settings: z.discriminatedUnion('httpMethod', [
      z.object({
        outputSchema: z.looseObject({}),
        httpMethod: z.literal('GET'),
        authentication: z.literal('API_KEY').nullable(),
      }),
      z.object({
        outputSchema: z.looseObject({}),
        httpMethod: z.literal('POST'),
        expectedBody: z.looseObject({}),
        authentication: z.literal('API_KEY').nullable(),
      }),
    ]),
  }),
]);

export const twentyVersion = z.object({ name: z.string(), trigger: twentyTrigger, steps: z.array(twentyAction) });
