import { t } from '@lingui/core/macro';
import type { RunState, LoopState, RunRow } from '../../schema/run';
import type { EventOrigin } from '../../schema/record';
import type { AiSettings } from '../../schema/settings';
import type { EmailMessage } from '../../schema/mail';
import type { StepOfType, StepType } from '../../schema/workflow';
import type { RecordTx } from '../ports';

export interface StepContext<T extends StepType = StepType> {
  step: StepOfType<T>;
  run: RunRow;
  state: RunState;
  /** Resolves `{{…}}` variables against the trigger and earlier steps' outputs. */
  resolve(value: unknown): unknown;
  /**
   * External steps: resolves with `{{secrets.NAME}}` filled in. `masked` gives the same
   * value with secrets shown as •••• — what the run history keeps.
   */
  resolveWithSecrets(value: unknown): Promise<{ real: unknown; masked: unknown }>;
  records: RecordTx;
  /** Carried by the record events this step causes (loop guard). */
  origin: EventOrigin;
  now: number;
  /** What the host lends to steps that talk to the world. */
  services: StepServices;
  /** `<runId>:<stepId>:<attempt>`: sent with external requests so endpoints can drop duplicates. */
  idempotencyKey: string;
}

export interface StepServices {
  fetch: typeof fetch;
  /** Delivers an email (endpoint or in-app Outbox). */
  sendEmail(
    message: EmailMessage,
    idempotencyKey: string,
  ): Promise<{ messageId: string; deliveredTo: 'endpoint' | 'outbox' }>;
  /** The AI endpoint set up in Settings, if any. */
  aiSettings(): Promise<AiSettings | undefined>;
  /** Secret values by name (Settings → Secrets); they never leave the device in exports. */
  secrets(): Promise<Record<string, string>>;
  /** Runs user code isolated from the app (a sandboxed iframe's worker in the browser). */
  runCode(request: CodeRunRequest): Promise<CodeRunResult>;
}

export interface CodeRunRequest {
  code: string;
  params: unknown;
  timeoutMs: number;
  /**
   * Names this attempt (`<runId>:<stepId>:<attempt>:<times cut off>`): a tab that unloads mid-call says which calls it
   * cut off.
   */
  callId?: string;
}

export interface CodeRunResult {
  ok: boolean;
  value?: unknown;
  error?: string;
  line?: number;
  logs: string[];
  timedOut?: boolean;
  /** The sandbox died while the code ran (it used too much memory): running it again would only do the same. */
  sandboxDied?: boolean;
}

export interface StepOutcome {
  /** What the step ran with, after variables (shown in run history). */
  input?: unknown;
  output?: unknown;
  /** Children that receive control; default: all of `nextStepIds`. Others are skipped. */
  next?: string[];
  /** The step waits until this time (a `timers` row), then succeeds. */
  waitUntil?: number;
  /** The step waits for a person to fill in a form (the Inbox); its output is their answers. */
  waitForInput?: boolean;
  /** What the step printed (code steps' console.log). */
  logs?: string[];
  /** Iterator only: the loop's state after this turn. */
  loop?: LoopState;
}

/**
 * One value a step's output holds, described for the variable picker and the share preview.
 * `path` is under the step's id ('' for the whole output).
 */
export interface OutputSpec {
  path: string;
  label: string;
  /** The value is one record of this object: its fields are offered too. */
  record?: string;
  /** The value is a list of records of this object (an iterator over it yields such records). */
  recordList?: string;
}

/** What a step's outputs may depend on beyond its own settings. */
export interface OutputEnv {
  /** Which object's records a `{{…}}` list (an iterator's items) holds, when known. */
  listObjectOf(value: unknown): string | undefined;
}

/**
 * Everything the engine knows about one step type, in its own file (`steps/<type>.ts`) and
 * registered in `steps/index.ts`, a mapped type over the step types: a type without a
 * definition, or a definition without any of its parts, does not compile. What the app shows
 * for it (label, defaults, form) is its other half, in `app/steps/`.
 */
export interface StepDefinition<T extends StepType = StepType> {
  type: T;
  /** Talks to the world: runs outside any storage transaction, at-least-once, beside the engine's loop. */
  external?: boolean;
  /** Needs a tab's window (the code sandbox): a host without one leaves the run waiting for a tab. */
  needsTab?: boolean;
  /** Creates, updates or deletes records of its `objectName` (the share preview lists them). */
  writesRecords?: boolean;
  /**
   * Runs the step. A step that needs no storage or call answers at once, not with a promise:
   * the engine then goes on to the next step without an `await`, each of which costs a turn of
   * the storage transaction's bookkeeping (the per-step figure in README's Benchmarks).
   */
  execute(ctx: StepContext<T>): StepOutcome | Promise<StepOutcome>;
  /** Output when a waiting step's timer fires. */
  resume?(ctx: StepContext<T>): StepOutcome;
  /** What its output holds, for the variable picker and the share preview. */
  outputs(step: StepOfType<T>, env: OutputEnv): OutputSpec[];
}

/** A step failure with a message meant for the person reading the run. */
export class StepError extends Error {
  /** Trying again cannot help (the code exhausted its sandbox's memory): the step's retries are skipped. */
  readonly final: boolean;
  constructor(message: string, options: { final?: boolean } = {}) {
    super(message);
    this.name = 'StepError';
    this.final = options.final ?? false;
  }
}

export function requireObject(value: unknown, label: () => string): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    const what = label();
    throw new StepError(t`${what} must be an object`);
  }
  return value as Record<string, unknown>;
}

export function requireId(value: unknown, label: () => string): string {
  if (typeof value === 'string' && value.trim()) return value.trim();
  if (value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string')
    return (value as { id: string }).id;
  {
    const resolved = JSON.stringify(value ?? null);
    const what = label();
    throw new StepError(t`${what} is empty: it resolved to ${resolved}`);
  }
}
