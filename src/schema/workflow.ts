import { msg, t } from '@lingui/core/macro';
import { z } from 'zod';
import { RecordFilters, StepFilters } from './filter';
import { said } from './issueWords';
import { childrenOf, outletsOf } from './stepEdges';
import { WORKFLOW_FORMAT, WORKFLOW_FORMAT_VERSION } from './workflowFormat';

/**
 * The workflow format: Twenty's workflow version (`packages/twenty-shared/src/workflow/schemas`),
 * field for field, inside a small envelope (format, version, name). Localflow's own settings
 * (time zones, inline code, HTTP body types, timeouts, AI response schemas…) are optional
 * fields Twenty ignores. Version 2. Older shapes are lifted by `migrateWorkflowFile` in
 * ./workflowMigrations, Twenty's own files by `fromTwenty` in ./twentyImport.
 */
export { WORKFLOW_FORMAT, WORKFLOW_FORMAT_VERSION };

const stepId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, said(msg`use letters, digits, "-" or "_" (at most 64)`));
const objectName = z.string().regex(/^[a-z][a-zA-Z0-9]*$/, said(msg`name an object, e.g. "person"`));
const recordFields = z.record(z.string(), z.unknown());
/** Twenty writes `null` where a list is empty or a value is unset: read as empty / absent. */
const idList = z
  .array(stepId)
  .nullish()
  .transform((v) => v ?? []);
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === null ? undefined : v), schema.optional());
const position = optional(z.object({ x: z.number(), y: z.number() }));
/** What a step's output looks like, as Twenty describes it for its variable picker: kept as written. */
const outputSchema = z.record(z.string(), z.unknown()).default({});

export const ErrorHandlingOptions = z.object({
  retryOnFailure: z
    .object({
      /** Twenty writes a boolean today and wrote a number (0) before: anything but true or a positive number is off. */
      value: z.union([z.boolean(), z.number()]),
      maxAttempts: z.number().int().min(1).max(3).optional(),
    })
    .default({ value: false }),
  continueOnFailure: z.object({ value: z.boolean() }).default({ value: false }),
});
export type ErrorHandlingOptions = z.infer<typeof ErrorHandlingOptions>;

const defaultErrorHandling = () => ({ retryOnFailure: { value: false }, continueOnFailure: { value: false } });

function stepOf<T extends string, I extends z.ZodType, E extends z.ZodRawShape = Record<never, never>>(
  type: T,
  input: I,
  extraSettings?: E,
) {
  return z.object({
    id: stepId,
    name: z.string().max(200).default(''),
    type: z.literal(type),
    /** Recomputed by the editor; never trusted from a file. */
    valid: z.boolean().default(true),
    position,
    nextStepIds: idList,
    settings: z.object({
      input,
      outputSchema,
      errorHandlingOptions: ErrorHandlingOptions.default(defaultErrorHandling),
      ...(extraSettings as E),
    }),
  });
}

export const CreateRecordStep = stepOf(
  'CREATE_RECORD',
  z.object({ objectName, objectRecord: recordFields.default({}) }),
);
export const UpdateRecordStep = stepOf(
  'UPDATE_RECORD',
  z.object({
    objectName,
    objectRecordId: z.string().min(1, said(msg`say which record to update`)),
    objectRecord: recordFields.default({}),
    /** When given and not empty, only these fields are written. */
    fieldsToUpdate: z.array(z.string()).optional(),
  }),
);
export const DeleteRecordStep = stepOf(
  'DELETE_RECORD',
  z.object({
    objectName,
    objectRecordId: z.string().min(1, said(msg`say which record to delete`)),
  }),
);
/** A number, or a `{{…}}` variable that resolves to one. */
const numberOrVariable = z.union([z.number(), z.string()]);
export const FindRecordsStep = stepOf(
  'FIND_RECORDS',
  z.object({
    objectName,
    filter: optional(RecordFilters),
    orderBy: optional(
      z.object({
        /** Twenty's sorts by field id; Localflow adds the field's name. */
        recordSorts: z
          .array(
            z.looseObject({
              id: z.string().optional(),
              fieldMetadataId: z.string().optional(),
              fieldName: z.string().optional(),
              direction: z.enum(['asc', 'desc']).default('asc'),
            }),
          )
          .optional(),
        /** `[{ "createdAt": "DescNullsLast" }]`, by field name. */
        gqlOperationOrderBy: z.array(z.record(z.string(), z.unknown())).optional(),
      }),
    ),
    limit: optional(numberOrVariable),
    offset: optional(numberOrVariable),
  }),
);
export const UpsertRecordStep = stepOf(
  'UPSERT_RECORD',
  z.object({
    objectName,
    objectRecord: recordFields.default({}),
    /** Localflow: fields whose values identify an existing record (none: the record's id, then its unique fields). */
    matchFields: z.array(z.string().min(1)).optional(),
  }),
);
export const FilterStep = stepOf('FILTER', StepFilters);
export const IfElseBranch = z.object({
  id: z.string().min(1),
  nextStepIds: idList,
  /** The root of this branch's conditions in `stepFilterGroups`; none: the else branch. */
  filterGroupId: optional(z.string()),
});
export type IfElseBranch = z.infer<typeof IfElseBranch>;
export const IfElseStep = stepOf(
  'IF_ELSE',
  z.object({
    stepFilterGroups: StepFilters.shape.stepFilterGroups,
    stepFilters: StepFilters.shape.stepFilters,
    branches: z.array(IfElseBranch).min(1),
  }),
);
export const IteratorStep = stepOf(
  'ITERATOR',
  z.object({
    /** An array, or a `{{…}}` variable that resolves to one. */
    items: z.unknown().optional(),
    initialLoopStepIds: idList,
    shouldContinueOnIterationFailure: z.boolean().default(false),
  }),
);
/** A number of units, or a `{{…}}` variable that resolves to one. */
const durationPart = z.union([z.number().min(0), z.string()]).optional();
export const DelayStep = stepOf(
  'DELAY',
  z.object({
    delayType: z.enum(['DURATION', 'SCHEDULED_DATE']),
    duration: optional(
      z.object({ days: durationPart, hours: durationPart, minutes: durationPart, seconds: durationPart }),
    ),
    scheduledDateTime: optional(z.string()),
  }),
);

export const HttpRequestStep = stepOf(
  'HTTP_REQUEST',
  z.object({
    url: z.string().min(1, said(msg`give the URL to call`)),
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('GET'),
    headers: z.record(z.string(), z.string()).default({}),
    /** An object (sent as JSON, or as a form when the Content-Type header says so) or text. */
    body: optional(z.union([z.record(z.string(), z.unknown()), z.string()])),
    /** Localflow: query parameters (variables allowed), added to the URL. */
    query: z.record(z.string(), z.string()).optional(),
    /** Localflow: how the body is sent; absent: as Twenty does, from the Content-Type header (JSON by default). */
    bodyType: z.enum(['none', 'json', 'form', 'raw']).optional(),
    timeoutMs: z.number().int().min(100).max(300_000).optional(),
    responseType: z.enum(['auto', 'json', 'text']).optional(),
    failOnNon2xx: z.boolean().optional(),
  }),
);

export const SendEmailStep = stepOf(
  'SEND_EMAIL',
  z.object({
    /**
     * Twenty's connected account. Localflow sends through the email endpoint in Settings; a
     * workflow from Twenty keeps its account id until someone confirms the endpoint (then '').
     */
    connectedAccountId: z.string().default(''),
    recipients: z
      .object({
        /** Comma-separated addresses; variables allowed. */
        to: z.string().default(''),
        cc: z.string().default(''),
        bcc: z.string().default(''),
      })
      .default({ to: '', cc: '', bcc: '' }),
    subject: z.string().default(''),
    body: z.string().default(''),
    fromHandle: z.string().optional(),
    files: z.array(z.unknown()).default([]),
    inReplyTo: z.string().optional(),
    /** Localflow: how the body is written. */
    bodyFormat: z.enum(['text', 'html']).default('text'),
  }),
);

export const AiAgentStep = stepOf(
  'AI_AGENT',
  z.object({
    /** Twenty's agent; Localflow asks the model in Settings with the prompts below. */
    agentId: z.string().optional(),
    prompt: z.string().default(''),
    /** Localflow: the instructions sent before the prompt. */
    systemPrompt: z.string().default(''),
    /** Localflow: a JSON Schema: the answer must be JSON of that shape (else the step fails). Empty: text. */
    responseSchema: z.string().default(''),
  }),
);

export const CodeStep = stepOf(
  'CODE',
  z.object({
    /** Twenty's logic function holding the code; Localflow keeps the code inline (`code`). */
    logicFunctionId: z.string().optional(),
    /** Values (variables allowed) passed as `params`. */
    logicFunctionInput: z.record(z.string(), z.unknown()).default({}),
    /** Localflow: JavaScript, `export const main = async (params) => { … return {…} }`. */
    code: z.string().optional(),
    timeoutMs: z.number().int().min(100).max(300_000).optional(),
    /** A Twenty step type Localflow lacks, imported as a code step to write (kept so it can go back). */
    twentyStep: z.object({ type: z.string(), input: z.unknown() }).optional(),
  }),
);

export const FORM_FIELD_TYPES = ['TEXT', 'NUMBER', 'DATE', 'SELECT', 'MULTI_SELECT', 'RECORD'] as const;
export const FormField = z.object({
  id: z.string().min(1),
  name: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, said(msg`use letters, digits and _ (it becomes ${'{{form.name}}'})`)),
  label: z.string().min(1),
  type: z.enum(FORM_FIELD_TYPES),
  placeholder: z.string().optional(),
  /** RECORD: `objectName`; SELECT and MULTI_SELECT: `options`; any: `required` (Localflow). */
  settings: z
    .looseObject({
      objectName: z.string().optional(),
      options: z.array(z.string()).optional(),
      required: z.boolean().optional(),
    })
    .optional(),
  /** The value it starts with; may hold variables (filled in when the run reaches the form). */
  value: z.unknown().optional(),
});
export type FormField = z.infer<typeof FormField>;

export const FormStep = stepOf('FORM', z.array(FormField).min(1, said(msg`add at least one field`)), {
  /** Localflow: shown under the form's title (the step's name) in the Inbox; may hold variables. */
  description: z.string().optional(),
});

export const Step = z.discriminatedUnion('type', [
  CreateRecordStep,
  UpdateRecordStep,
  DeleteRecordStep,
  FindRecordsStep,
  UpsertRecordStep,
  FilterStep,
  IfElseStep,
  IteratorStep,
  DelayStep,
  HttpRequestStep,
  SendEmailStep,
  AiAgentStep,
  CodeStep,
  FormStep,
]);
export type Step = z.infer<typeof Step>;
export type StepType = Step['type'];
export type StepOfType<T extends StepType> = Extract<Step, { type: T }>;

const RECORD_EVENT = /^[a-z][a-zA-Z0-9_]*\.(created|updated|deleted|upserted)$/;

/** A trigger: its type, a name, its settings, the steps it starts and where it sits on the canvas. */
function triggerOf<T extends string, S extends z.ZodType>(type: T, settings: S) {
  return z.object({
    type: z.literal(type),
    name: z.string().default(''),
    settings,
    nextStepIds: idList,
    position,
  });
}

export const DatabaseEventTrigger = triggerOf(
  'DATABASE_EVENT',
  z.object({
    eventName: z
      .string()
      .regex(RECORD_EVENT, said(msg`write "<object>.created", ".updated", ".deleted" or ".upserted"`)),
    objectType: z.string().optional(),
    /** updated: run only when one of these fields changed. */
    fields: optional(z.array(z.string())),
    /** Conditions on the event (`{{trigger.properties.after.…}}`): others do not start a run. */
    filter: optional(StepFilters),
    outputSchema,
  }),
);
export const ManualTrigger = triggerOf(
  'MANUAL',
  z.object({
    objectType: z.string().optional(),
    icon: z.string().optional(),
    isPinned: z.boolean().optional(),
    availability: z.preprocess(
      (v) => v ?? undefined,
      z
        .discriminatedUnion('type', [
          z.object({ type: z.literal('GLOBAL'), locations: z.array(z.string()).optional() }),
          z.object({ type: z.literal('SINGLE_RECORD'), objectNameSingular: objectName }),
          z.object({ type: z.literal('BULK_RECORDS'), objectNameSingular: objectName }),
        ])
        .default({ type: 'GLOBAL' }),
    ),
    outputSchema,
  }),
);

/** Localflow's schedule settings, beside Twenty's. */
const cronExtras = {
  /** IANA time zone (Twenty is UTC only; Localflow is not). */
  timezone: z.string().min(1).default('UTC'),
  /** What to do with fire times missed while the app was closed. */
  missedRuns: z.enum(['once', 'skip']).default('once'),
  outputSchema,
};
export const CronSettings = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('MINUTES'),
    schedule: z.object({ minute: z.number().int().min(1).max(60) }),
    ...cronExtras,
  }),
  z.object({
    type: z.literal('HOURS'),
    schedule: z.object({ hour: z.number().int().min(1), minute: z.number().int().min(0).max(59).default(0) }),
    ...cronExtras,
  }),
  z.object({
    type: z.literal('DAYS'),
    schedule: z.object({
      day: z.number().int().min(1),
      hour: z.number().int().min(0).max(23),
      minute: z.number().int().min(0).max(59).default(0),
    }),
    ...cronExtras,
  }),
  /** 5 fields (minute hour day month weekday), or 6 with seconds first. */
  z.object({ type: z.literal('CUSTOM'), pattern: z.string().min(1), ...cronExtras }),
]);
export type CronSettings = z.infer<typeof CronSettings>;
export const CronTrigger = triggerOf('CRON', CronSettings);

export const WebhookTrigger = triggerOf(
  'WEBHOOK',
  z.object({
    /** GET passes the query string; POST passes the JSON or form body (and the query). */
    httpMethod: z.enum(['GET', 'POST']).default('POST'),
    /** A sample of what callers send (the body for POST, the query for GET): it gives the variable picker its shape. */
    expectedBody: z.record(z.string(), z.unknown()).default({}),
    /** Twenty's API-key check; Localflow's webhook keys are per workflow (see the webhook panel). */
    authentication: optional(z.literal('API_KEY')),
    outputSchema,
  }),
);

export const Trigger = z.discriminatedUnion('type', [DatabaseEventTrigger, ManualTrigger, CronTrigger, WebhookTrigger]);
export type Trigger = z.infer<typeof Trigger>;
export type TriggerType = Trigger['type'];

/** The graph: trigger + steps, with the checks that need the whole graph. */
export const WorkflowGraph = z.object({ trigger: Trigger, steps: z.array(Step) }).superRefine((g, ctx) => {
  const ids = new Map<string, number>();
  g.steps.forEach((s, i) => {
    if (ids.has(s.id))
      ctx.addIssue({ code: 'custom', path: ['steps', i, 'id'], message: t`duplicate step id "${s.id}"` });
    ids.set(s.id, i);
  });
  const check = (targets: string[], path: (string | number)[]) =>
    targets.forEach((target, j) => {
      if (!ids.has(target))
        ctx.addIssue({ code: 'custom', path: [...path, j], message: t`no step has id "${target}"` });
    });
  check(g.trigger.nextStepIds, ['trigger', 'nextStepIds']);
  g.steps.forEach((s, i) => {
    for (const outlet of outletsOf(s)) check(outlet.targets, ['steps', i, ...outlet.path]);
  });
  const cycle = findCycle(g.steps, g.trigger.nextStepIds);
  if (cycle)
    ctx.addIssue({
      code: 'custom',
      path: ['steps'],
      message: t`steps form a cycle that is not an iterator loop: ${cycle.join(' → ')}`,
    });
});
export type WorkflowGraph = z.infer<typeof WorkflowGraph>;

export const WorkflowFile = z
  .object({
    format: z.literal(WORKFLOW_FORMAT),
    version: z.literal(WORKFLOW_FORMAT_VERSION),
    name: z
      .string()
      .trim()
      .min(1, said(msg`give the workflow a name`))
      .max(200),
    description: z.string().max(5000).optional(),
    trigger: Trigger,
    steps: z.array(Step),
  })
  .superRefine((f, ctx) => {
    const r = WorkflowGraph.safeParse({ trigger: f.trigger, steps: f.steps });
    if (!r.success)
      for (const issue of r.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  });
export type WorkflowFile = z.infer<typeof WorkflowFile>;

export { childrenOf } from './stepEdges';

/** A cycle is allowed only when it closes on an iterator (its loop body pointing back). */
function findCycle(steps: Step[], roots: string[]): string[] | null {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): string[] | null => {
    const s = byId.get(id);
    if (!s) return null;
    if (state.get(id) === 'done') return null;
    if (state.get(id) === 'open') {
      return s.type === 'ITERATOR' ? null : [...stack.slice(stack.indexOf(id)), id];
    }
    state.set(id, 'open');
    stack.push(id);
    for (const c of childrenOf(s)) {
      const found = visit(c);
      if (found) return found;
    }
    stack.pop();
    state.set(id, 'done');
    return null;
  };
  for (const r of [...roots, ...steps.map((s) => s.id)]) {
    const found = visit(r);
    if (found) return found;
  }
  return null;
}
