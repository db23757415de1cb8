import { t } from '@lingui/core/macro';
import { retries } from '../schema/workflowValues';
import type { RunRow } from '../schema/run';
import type { Step } from '../schema/workflow';
import { removeReady, settle } from './runState';
import type { Graph } from './graph';
import type { EngineTx } from './ports';
import { nextRunStatus } from './runMachine';

/** How runs and steps end: a failure (retried, continued past, or ending the run), a stop, a retry by hand. */

/** Retry backoff, as in Twenty: 1 s, 5 s, 15 s. */
export const RETRY_BACKOFF_MS = [1_000, 5_000, 15_000];

/** Retry (as a timer), continue, skip the rest of this loop turn, or fail the run. */
/**
 * A step failed: retried if it may be (`retry` false: never, the cause would come back), else continues or fails the
 * run.
 */
export async function fail(
  tx: EngineTx,
  run: RunRow,
  graph: Graph,
  step: Step,
  message: string,
  now: number,
  retry = true,
  bug = false,
): Promise<void> {
  const state = run.state;
  const info = state.stepInfos[step.id] ?? { status: 'NOT_STARTED' };
  const attempt = info.attempt ?? 1;
  const { retryOnFailure, continueOnFailure } = step.settings.errorHandlingOptions;
  const maxRetries = retryOnFailure.maxAttempts ?? 3;
  if (retry && retries(step.settings.errorHandlingOptions) && attempt <= maxRetries) {
    state.stepInfos[step.id] = {
      ...info,
      status: 'PENDING',
      error: message,
      attempt: attempt + 1,
      startedAt: info.startedAt ?? now,
    };
    removeReady(state, step.id);
    const dueAt = now + RETRY_BACKOFF_MS[Math.min(attempt - 1, RETRY_BACKOFF_MS.length - 1)];
    await tx.addTimer({
      id: `${run.id}:${step.id}:retry`,
      dueAt,
      kind: 'retry',
      workflowId: run.workflowId,
      runId: run.id,
      stepId: step.id,
    });
    return;
  }
  const ended = { error: message, startedAt: info.startedAt ?? now, endedAt: now, ...(bug ? { bug } : {}) };
  if (continueOnFailure.value) {
    settle(state, graph, step.id, { status: 'FAILED_SAFELY', ...ended }, step.nextStepIds);
    return;
  }
  const loopId = graph.enclosing.get(step.id)?.find((id) => state.loops[id]);
  const loopStep = loopId ? graph.steps.get(loopId) : undefined;
  if (loopId && loopStep?.type === 'ITERATOR' && loopStep.settings.input.shouldContinueOnIterationFailure) {
    state.loops[loopId].failures++;
    settle(state, graph, step.id, { status: 'FAILED_SAFELY', ...ended }, []);
    return;
  }
  state.stepInfos[step.id] = { ...info, status: 'FAILED', ...ended };
  const name = step.name;
  run.error = t`Step "${name}" failed: ${message}`;
  await endRun(tx, run, 'FAILED_RUN', now);
}

/**
 * A run the engine cannot advance (its stored state cannot be read back, a step throws where
 * it should fail) fails with the reason instead of being tried again forever: one broken run
 * never holds up the others.
 */
export async function failBrokenRun(tx: EngineTx, runId: string, message: string, now: number): Promise<void> {
  const run = await tx.getRun(runId);
  if (!run || nextRunStatus(run.status, { type: 'FAIL' }) === run.status) return;
  run.error = t`The run could not go on: ${message}`;
  await endRun(tx, run, 'FAILED_RUN', now);
  run.updatedAt = now;
  await tx.putRun(run);
}

/** Stops a run: waiting and running steps become STOPPED, its timers are removed. */
export async function stopRun(tx: EngineTx, run: RunRow, now: number, save = () => tx.putRun(run)): Promise<void> {
  let status = nextRunStatus(run.status, { type: 'STOP' });
  if (status === run.status) return;
  status = nextRunStatus(status, { type: 'STOPPED' });
  run.status = status;
  await endRun(tx, run, 'STOPPED_RUN', now);
  run.updatedAt = now;
  await save();
}

async function endRun(tx: EngineTx, run: RunRow, why: 'FAILED_RUN' | 'STOPPED_RUN', now: number): Promise<void> {
  for (const [id, info] of Object.entries(run.state.stepInfos)) {
    if (info.status === 'PENDING' || info.status === 'RUNNING')
      run.state.stepInfos[id] = { ...info, status: 'STOPPED', endedAt: now };
  }
  run.state.ready = [];
  // A failed run keeps its loop positions so "retry from the failed step" can continue.
  if (why === 'STOPPED_RUN') run.state.loops = {};
  for (const t of await tx.timersOfRun(run.id)) await tx.deleteTimer(t.id);
  if (why === 'FAILED_RUN') run.status = nextRunStatus(run.status, { type: 'FAIL' });
  run.endedAt = now;
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * Whether a step's failure is a bug in Localflow rather than something the person can fix: the
 * errors steps raise on purpose (StepError, a refused record value, a bad variable) and what
 * the world answers are theirs; a TypeError or ReferenceError thrown by the engine's own code is not.
 */
export function isBug(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (!['TypeError', 'ReferenceError', 'RangeError', 'SyntaxError'].includes(error.name)) return false;
  // A failed fetch is the network's answer, not a bug.
  return !/fetch|network|load failed/i.test(error.message);
}

/**
 * Retry from the failed step: the failed step (and any step the failure stopped) runs
 * again, in the version the run started with; everything that succeeded stays done.
 */
export async function retryRun(tx: EngineTx, runId: string, now: number): Promise<void> {
  const run = await tx.getRun(runId);
  if (!run) throw new Error(t`This run no longer exists.`);
  const status = nextRunStatus(run.status, { type: 'RETRY' });
  if (status === run.status) {
    const current = run.status;
    throw new Error(t`Only a failed run can be retried; this one is ${current}.`);
  }
  for (const [id, info] of Object.entries(run.state.stepInfos)) {
    if (info.status !== 'FAILED' && info.status !== 'STOPPED') continue;
    if (run.state.loops[id]) {
      // An iterator stopped mid-loop picks up where it was once its body finishes.
      run.state.stepInfos[id] = { ...info, status: 'RUNNING', endedAt: undefined };
      continue;
    }
    run.state.stepInfos[id] = {
      ...info,
      status: 'NOT_STARTED',
      attempt: undefined,
      error: undefined,
      bug: undefined,
      endedAt: undefined,
    };
    if (!run.state.ready.includes(id)) run.state.ready.push(id);
  }
  run.status = status;
  run.error = undefined;
  run.endedAt = undefined;
  run.updatedAt = now;
  await tx.putRun(run);
}
