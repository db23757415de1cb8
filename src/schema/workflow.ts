import { z } from 'zod';
import { FilterGroup } from './filter';
import { childrenOf, outletsOf } from './stepEdges';
import { WORKFLOW_FORMAT, WORKFLOW_FORMAT_VERSION } from './workflowFormat';

/**
 * The workflow format, modelled on Twenty's workflowVersion.
 * Version 1. Older shapes are lifted by `migrateWorkflowFile` in ./workflowMigrations.
 */
export { WORKFLOW_FORMAT, WORKFLOW_FORMAT_VERSION };

const stepId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'use letters, digits, "-" or "_" (at most 64)');
const objectName = z.string().regex(/^[a-z][a-zA-Z0-9]*$/, 'name an object, e.g. "person"');
const recordFields = z.record(z.string(), z.unknown());

export const ErrorHandlingOptions = z.object({
  retryOnFailure: z
    .object({ value: z.boolean(), maxAttempts: z.number().int().min(1).max(3).optional() })
    .default({ value: false }),
  continueOnFailure: z.object({ value: z.boolean() }).default({ value: false }),
});
export type ErrorHandlingOptions = z.infer<typeof ErrorHandlingOptions>;

const defaultErrorHandling = () => ({ retryOnFailure: { value: false }, continueOnFailure: { value: false } });

function stepOf<T extends string, I extends z.ZodType>(type: T, input: I) {
  return z.object({
    id: stepId,
    name: z.string().min(1).max(200),
    type: z.literal(type),
    valid: z.boolean().default(true),
    position: z.object({ x: z.number(), y: z.number() }).optional(),
    nextStepIds: z.array(stepId).default([]),
    settings: z.object({
      input,
      errorHandlingOptions: ErrorHandlingOptions.default(defaultErrorHandling),
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
    objectRecordId: z.string().min(1, 'say which record to update'),
    objectRecord: recordFields.default({}),
    /** When given, only these fields are written. */
    fieldsToUpdate: z.array(z.string()).optional(),
  }),
);
export const DeleteRecordStep = stepOf(
  'DELETE_RECORD',
  z.object({
    objectName,
    objectRecordId: z.string().min(1, 'say which record to delete'),
  }),
);
export const FindRecordsStep = stepOf(
  'FIND_RECORDS',
  z.object({
    objectName,
    filter: FilterGroup.optional(),
    orderBy: z
      .array(z.object({ field: z.string().min(1), direction: z.enum(['ASC', 'DESC']).default('ASC') }))
      .optional(),
    limit: z.number().int().min(1).max(10_000).default(100),
  }),
);
export const UpsertRecordStep = stepOf(
  'UPSERT_RECORD',
  z.object({
    objectName,
    objectRecord: recordFields.default({}),
    /** Fields whose values identify an existing record; none matching → create. */
    matchFields: z.array(z.string().min(1)).min(1, 'choose at least one field to match on'),
  }),
);
export const FilterStep = stepOf('FILTER', z.object({ filter: FilterGroup }));
export const IfElseBranch = z.object({
  id: stepId,
  /** No filter: the else branch. */
  filter: FilterGroup.optional(),
  nextStepIds: z.array(stepId).default([]),
});
export const IfElseStep = stepOf('IF_ELSE', z.object({ branches: z.array(IfElseBranch).min(1) }));
export const IteratorStep = stepOf(
  'ITERATOR',
  z.object({
    /** An array, or a `{{…}}` variable that resolves to one. */
    items: z.unknown(),
    initialLoopStepIds: z.array(stepId).default([]),
    continueOnIterationFailure: z.boolean().default(false),
  }),
);
export const DelayStep = stepOf(
  'DELAY',
  z.discriminatedUnion('delayType', [
    z.object({
      delayType: z.literal('DURATION'),
      duration: z.object({
        days: z.number().min(0).default(0),
        hours: z.number().min(0).default(0),
        minutes: z.number().min(0).default(0),
        seconds: z.number().min(0).default(0),
      }),
    }),
    z.object({ delayType: z.literal('SCHEDULED_DATE'), scheduledDateTime: z.string().min(1) }),
  ]),
);

export const HttpRequestStep = stepOf(
  'HTTP_REQUEST',
  z.object({
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('GET'),
    url: z.string().min(1, 'give the URL to call'),
    query: z.record(z.string(), z.string()).default({}),
    headers: z.record(z.string(), z.string()).default({}),
    bodyType: z.enum(['none', 'json', 'form', 'raw']).default('none'),
    /** JSON: an object (or `{{…}}`); form: an object of fields; raw: text. */
    body: z.unknown().optional(),
    timeoutMs: z.number().int().min(100).max(300_000).default(30_000),
    responseType: z.enum(['auto', 'json', 'text']).default('auto'),
    failOnNon2xx: z.boolean().default(true),
  }),
);

export const SendEmailStep = stepOf(
  'SEND_EMAIL',
  z.object({
    /** Comma-separated addresses; variables allowed. */
    to: z.string().min(1, 'say who receives the email'),
    cc: z.string().default(''),
    bcc: z.string().default(''),
    subject: z.string().default(''),
    body: z.string().default(''),
    bodyFormat: z.enum(['text', 'html']).default('text'),
  }),
);

export const AiAgentStep = stepOf(
  'AI_AGENT',
  z.object({
    prompt: z.string().min(1, 'write the prompt'),
    systemPrompt: z.string().default(''),
    /** A JSON Schema: the answer must be JSON of that shape (else the step fails). Empty: text. */
    responseSchema: z.string().default(''),
  }),
);

export const CodeStep = stepOf(
  'CODE',
  z.object({
    /** JavaScript: `export const main = async (params) => { … return {…} }`. */
    code: z.string().min(1, 'write the code'),
    /** Values (variables allowed) passed as `params`. */
    params: z.record(z.string(), z.unknown()).default({}),
    timeoutMs: z.number().int().min(100).max(300_000).default(10_000),
  }),
);

export const FormField = z.object({
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'use letters, digits and _ (it becomes {{form.name}})'),
  label: z.string().min(1),
  type: z.enum(['TEXT', 'NUMBER', 'DATE', 'SELECT', 'MULTI_SELECT', 'RECORD']),
  placeholder: z.string().default(''),
  /** May hold variables (filled in when the run reaches the form). */
  defaultValue: z.unknown().optional(),
  options: z.array(z.string()).default([]),
  /** RECORD fields: which object's records to pick from. */
  objectName: z.string().optional(),
  required: z.boolean().default(false),
});
export type FormField = z.infer<typeof FormField>;

export const FormStep = stepOf(
  'FORM',
  z.object({
    title: z.string().default(''),
    description: z.string().default(''),
    fields: z.array(FormField).min(1, 'add at least one field'),
  }),
);

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

const RECORD_EVENT = /^[a-z][a-zA-Z0-9]*\.(created|updated|deleted|upserted)$/;

/** A trigger: its type, a name, its settings, the steps it starts and where it sits on the canvas. */
function triggerOf<T extends string, S extends z.ZodType>(type: T, settings: S) {
  return z.object({
    type: z.literal(type),
    name: z.string().min(1),
    settings,
    nextStepIds: z.array(stepId).default([]),
    position: z.object({ x: z.number(), y: z.number() }).optional(),
  });
}

export const DatabaseEventTrigger = triggerOf(
  'DATABASE_EVENT',
  z.object({
    eventName: z.string().regex(RECORD_EVENT, 'write "<object>.created", ".updated", ".deleted" or ".upserted"'),
    /** updated: run only when one of these fields changed. */
    fields: z.array(z.string()).optional(),
    /** Conditions on the changed record (`after`, or `before` for deletes). */
    filter: FilterGroup.optional(),
  }),
);
export const ManualTrigger = triggerOf(
  'MANUAL',
  z.object({
    availability: z
      .discriminatedUnion('type', [
        z.object({ type: z.literal('GLOBAL') }),
        z.object({ type: z.literal('SINGLE_RECORD'), objectName }),
        z.object({ type: z.literal('BULK_RECORDS'), objectName }),
      ])
      .default({ type: 'GLOBAL' }),
  }),
);
export const CronSchedule = z.discriminatedUnion('type', [
  z.object({ type: z.literal('MINUTES'), minutes: z.number().int().min(1).max(59) }),
  z.object({
    type: z.literal('HOURS'),
    hours: z.number().int().min(1).max(23),
    minute: z.number().int().min(0).max(59).default(0),
  }),
  z.object({
    type: z.literal('DAYS'),
    days: z.number().int().min(1).max(31),
    hour: z.number().int().min(0).max(23),
    minute: z.number().int().min(0).max(59).default(0),
  }),
  z.object({
    type: z.literal('WEEKLY'),
    daysOfWeek: z.array(z.number().int().min(0).max(6)).min(1, 'choose at least one day'),
    hour: z.number().int().min(0).max(23),
    minute: z.number().int().min(0).max(59).default(0),
  }),
  /** 5 fields (minute hour day month weekday), or 6 with seconds first. */
  z.object({ type: z.literal('CUSTOM'), pattern: z.string().min(1) }),
]);
export type CronSchedule = z.infer<typeof CronSchedule>;

export const CronTrigger = triggerOf(
  'CRON',
  z.object({
    schedule: CronSchedule,
    /** IANA time zone (Twenty is UTC only; we are not). */
    timezone: z.string().min(1).default('UTC'),
    /** What to do with fire times missed while the app was closed. */
    missedRuns: z.enum(['once', 'skip']).default('once'),
  }),
);

export const WebhookTrigger = triggerOf(
  'WEBHOOK',
  z.object({
    /** GET passes the query string; POST passes the JSON or form body (and the query). */
    httpMethod: z.enum(['GET', 'POST']).default('POST'),
    /** A sample of what callers send (the body for POST, the query for GET): it gives the variable picker its shape. */
    expectedBody: z.record(z.string(), z.unknown()).default({}),
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
      ctx.addIssue({ code: 'custom', path: ['steps', i, 'id'], message: `duplicate step id "${s.id}"` });
    ids.set(s.id, i);
  });
  const check = (targets: string[], path: (string | number)[]) =>
    targets.forEach((t, j) => {
      if (!ids.has(t)) ctx.addIssue({ code: 'custom', path: [...path, j], message: `no step has id "${t}"` });
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
      message: `steps form a cycle that is not an iterator loop: ${cycle.join(' → ')}`,
    });
});
export type WorkflowGraph = z.infer<typeof WorkflowGraph>;

export const WorkflowFile = z
  .object({
    format: z.literal(WORKFLOW_FORMAT),
    version: z.literal(WORKFLOW_FORMAT_VERSION),
    name: z.string().trim().min(1, 'give the workflow a name').max(200),
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
