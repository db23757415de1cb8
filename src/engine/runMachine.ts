import { setup, transition } from 'xstate';
import type { RunStatus } from '../schema/run';

/**
 * The run lifecycle as a state machine. The engine decides with the pure `transition()`;
 * the host performs effects. The persisted state value is the run's `status`.
 * Events that make no sense in a state (stop a completed run, resume a stopped one) are ignored.
 */
export type RunEvent =
  | { type: 'START' }
  | { type: 'WAIT' }
  | { type: 'RESUME' }
  | { type: 'COMPLETE' }
  | { type: 'FAIL' }
  | { type: 'STOP' }
  | { type: 'STOPPED' }
  | { type: 'SKIP' }
  | { type: 'RETRY' };

export const runMachine = setup({ types: { events: {} as RunEvent } }).createMachine({
  id: 'run',
  initial: 'queued',
  states: {
    queued: { on: { START: 'running', STOP: 'stopped', SKIP: 'skipped', FAIL: 'failed' } },
    running: { on: { WAIT: 'waiting', COMPLETE: 'completed', FAIL: 'failed', STOP: 'stopping' } },
    waiting: { on: { RESUME: 'running', STOP: 'stopping', FAIL: 'failed' } },
    stopping: { on: { STOPPED: 'stopped' } },
    completed: { type: 'final' },
    // A failed run can continue from its failed step.
    failed: { on: { RETRY: 'running' } },
    stopped: { type: 'final' },
    skipped: { type: 'final' },
  },
});

/** Answers of the machine so far: it has no context or guards, so status and event decide. */
const answers = new Map<string, RunStatus>();

/** The status after `event`, or the same status when the event does not apply. */
export function nextRunStatus(status: RunStatus, event: RunEvent): RunStatus {
  const key = `${status} ${event.type}`;
  let next = answers.get(key);
  if (next === undefined) {
    const snapshot = runMachine.resolveState({ value: status, context: {} });
    next = transition(runMachine, snapshot, event)[0].value as RunStatus;
    answers.set(key, next);
  }
  return next;
}

export function canRetry(status: RunStatus): boolean {
  return nextRunStatus(status, { type: 'RETRY' }) !== status;
}

export function canStop(status: RunStatus): boolean {
  return nextRunStatus(status, { type: 'STOP' }) !== status;
}
