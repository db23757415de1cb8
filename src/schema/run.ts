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
  triggerPayload: unknown;
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

/** `runValues` table: a large value of a run (a search result, iterator items), stored once. */
export interface RunValueRow {
  id: string;
  runId: string;
  value: unknown;
}
