import type { Step, Trigger } from './workflow';

export const RUN_STATUSES = [
  'queued',
  'running',
  'waiting',
  'completed',
  'failed',
  'stopping',
  'stopped',
  'skipped',
] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const FINISHED_RUN_STATUSES: readonly RunStatus[] = ['completed', 'failed', 'stopped', 'skipped'];

export type StepStatus =
  'NOT_STARTED' | 'RUNNING' | 'SUCCESS' | 'FAILED' | 'FAILED_SAFELY' | 'SKIPPED' | 'STOPPED' | 'PENDING';

export interface StepInfo {
  status: StepStatus;
  input?: unknown;
  output?: unknown;
  error?: string;
  startedAt?: number;
  endedAt?: number;
  /** Attempts made so far (retry on failure). */
  attempt?: number;
  /** How many times the step ran (inside loops). */
  count?: number;
  /** What a ready step waits for (a code step reached while only the service worker runs). */
  waitingFor?: string;
  /** How many times an external step's call was cut off (the tab, its sandbox or the engine stopped mid-call). */
  interrupted?: number;
  /** Lines the step printed (code steps). */
  logs?: string[];
  /** The failure is a bug in Localflow (a programming error), not something the workflow or its settings can fix. */
  bug?: boolean;
}

/**
 * What a step's info keeps as its input: nothing when the input is the step's own settings (no
 * variable in them), which is most steps — the run then does not carry every setting twice.
 */
export function recordedInput(step: Step, input: unknown): unknown {
  return sameValue(input, step.settings.input) ? undefined : input;
}

/** The input a step ran with: the one recorded, or its settings when it ran with them as they are. */
export function stepInput(step: Step, info: StepInfo | undefined): unknown {
  if (!info || info.status === 'NOT_STARTED') return undefined;
  return info.input !== undefined ? info.input : step.settings.input;
}

/** Whether two JSON-like values are equal (own enumerable keys, any order); allocates nothing (runs for every step). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let keys = 0;
  for (const k in x) {
    if (!Object.hasOwn(x, k)) continue;
    if (!Object.hasOwn(y, k) || !sameValue(x[k], y[k])) return false;
    keys++;
  }
  for (const k in y) if (Object.hasOwn(y, k)) keys--;
  return keys === 0;
}

export interface LoopState {
  items: unknown[];
  index: number;
  failures: number;
  /** When the items are an earlier step's output (`{{find.all}}`), that variable: the items are not stored twice. */
  source?: string;
}

/** Progress through the step graph; committed with every step. */
export interface RunState {
  stepInfos: Record<string, StepInfo>;
  /** Steps ready to run, in order. */
  ready: string[];
  /** Per step: edges arrived from settled parents, live or dead. */
  arrivals: Record<string, { live: number; dead: number }>;
  loops: Record<string, LoopState>;
}

/** `runs` table. `status` is the run machine's state (see engine/runMachine.ts). */
export interface RunRow {
  id: string;
  workflowId: string;
  versionId: string;
  workflowName: string;
  status: RunStatus;
  /** The version's graph as it was when the run started, and the format version it is written in. */
  flow: { trigger: Trigger; steps: Step[]; formatVersion?: number };
  /**
   * The flow is its version's trigger and steps, which never change again (the version had left
   * the draft state when the run started): the stored row keeps no copy (`StoredRunRow`).
   */
  flowFromVersion?: true;
  triggerPayload: unknown;
  /** The record event that started it (`RecordEvent.id`), for runs started by one. */
  triggerEventId?: string;
  state: RunState;
  /** Loop guard: how many workflow runs led to this one. */
  depth: number;
  /** A test of a version (the editor's Test, a webhook's test URL): it ran for real, on purpose, by hand. */
  test?: true;
  error?: string;
  createdAt: number;
  startedAt?: number;
  endedAt?: number;
  updatedAt: number;
}

/**
 * A run as stored: a run of a version that has left the draft state (whose content never
 * changes again) keeps no copy of its flow — it is its version's trigger and steps, read with
 * `withFlows` (db/storedShapes.ts). A run of a draft (a test) keeps its copy: the draft may change.
 */
export type StoredRunRow = Omit<RunRow, 'flow'> & { flow?: RunRow['flow'] };

/**
 * A run as IndexedDB holds it: its state and trigger payload as one JSON text (`packed`), the
 * fields its indexes and list pages use as they are. IndexedDB clones an object property by
 * property, and a run is written at every group of steps: one string clones many times faster
 * (a 101-step run's state is 101 step infos). Rows written before hold `state` and
 * `triggerPayload` themselves and are read as they are (`db/storedShapes.ts`).
 */
export type PackedRunRow = Omit<StoredRunRow, 'state' | 'triggerPayload'> & { packed: string };

export type TimerKind = 'delay' | 'retry' | 'schedule';

/** `timers` table: waiting is data, not a setTimeout. */
export interface TimerRow {
  id: string;
  dueAt: number;
  kind: TimerKind;
  workflowId: string;
  /** delay/retry: the waiting run and step ('' for schedules). */
  runId: string;
  stepId: string;
  /** schedule: the active version whose CRON trigger this is. */
  versionId?: string;
}

/** A large value of a run (a search result, iterator items), stored once, as the engine hands it over. */
export interface RunValueRow {
  id: string;
  runId: string;
  value: unknown;
}

/**
 * `runValues` table: a run value as IndexedDB keeps it. Written as JSON text (`json`): one
 * string is cloned into IndexedDB at a fraction of the cost of 10,000 records' objects, and a
 * run's values are JSON data anyway (the runner keeps them in a `json` column). Rows written before
 * hold the value itself (`value`); both are read (`runValueOf`).
 */
export interface StoredRunValueRow {
  id: string;
  runId: string;
  json?: string;
  value?: unknown;
}

export function storedRunValue(row: RunValueRow): StoredRunValueRow {
  return { id: row.id, runId: row.runId, json: JSON.stringify(row.value ?? null) };
}

export function runValueOf(row: StoredRunValueRow): unknown {
  return typeof row.json === 'string' ? JSON.parse(row.json) : row.value;
}
