import { t } from '@lingui/core/macro';
import type { RecordEvent } from '../schema/record';
import type { RunRow, RunValueRow, TimerRow } from '../schema/run';
import type { Step, Trigger } from '../schema/workflow';
import { initialRunState } from './runState';
import { graphOf } from './graph';
import type { EngineTx, RecordTx } from './ports';
import { advanceRun, completeExternal, fireTimer } from './runner';
import { RunValueCache } from './runValues';

export interface DryRunResult {
  run: RunRow;
  /** The record changes the run would make, in order; none were written. */
  changes: RecordEvent[];
  /** Delays and retries the dry run skipped over, by step. */
  waits: { stepId: string; kind: TimerRow['kind']; wouldWaitMs: number }[];
  /** Steps that would call out (HTTP, email…): not called in a dry run. */
  notCalled: string[];
}

/**
 * Runs a workflow's steps for real against the records, but with every write staged in
 * `records` (never committed) and the run kept in memory: nothing is written, no event
 * fires, delays and retries are fast-forwarded. The caller discards `records` afterwards.
 */
export async function dryRun(
  records: RecordTx & { staged(): RecordEvent[] },
  flow: { trigger: Trigger; steps: Step[] },
  payload: unknown,
  now: number,
): Promise<DryRunResult> {
  const runs = new Map<string, RunRow>();
  const values = new Map<string, RunValueRow>();
  const timers = new Map<string, TimerRow>();
  const waits: DryRunResult['waits'] = [];
  let clock = now;
  const tx: EngineTx = {
    records,
    getRun: async (id) => structuredClone(runs.get(id)),
    hasRun: async (id) => runs.has(id),
    putRun: async (run) => {
      runs.set(run.id, structuredClone(run));
    },
    getRunValue: async (id) => values.get(id)?.value,
    putRunValue: async (row) => {
      values.set(row.id, row);
    },
    getWorkflow: async () => undefined,
    putWorkflow: async () => {},
    getVersion: async () => undefined,
    activeVersions: async () => [],
    addTimer: async (t) => {
      timers.set(t.id, t);
      waits.push({ stepId: t.stepId, kind: t.kind, wouldWaitMs: t.dueAt - clock });
    },
    deleteTimer: async (id) => {
      timers.delete(id);
    },
    timersOfRun: async (runId) => [...timers.values()].filter((t) => t.runId === runId),
    getTimer: async (id) => timers.get(id),
    eventsAfter: async () => [],
    deleteEventsThrough: async () => {},
    getCursor: async () => 0,
    setCursor: async () => {},
    getNote: async () => undefined,
    putNote: async () => {},
  };
  const id = 'dry-run';
  runs.set(id, {
    id,
    workflowId: 'dry-run',
    versionId: 'dry-run',
    workflowName: 'Dry run',
    status: 'queued',
    flow,
    triggerPayload: payload,
    state: initialRunState(graphOf(flow), payload, now),
    depth: 0,
    createdAt: now,
    updatedAt: now,
  });
  const context = { now: () => clock, limits: { maxSteps: 100_000, maxMs: Infinity }, values: new RunValueCache() };
  const notCalled: string[] = [];
  for (let guard = 0; guard < 10_000; guard++) {
    for (;;) {
      const result = await advanceRun(tx, id, context);
      if (typeof result === 'object') {
        // No side effects: the call is not made, the run goes on as if it had succeeded.
        notCalled.push(result.external.stepId);
        await completeExternal(
          tx,
          result.external,
          { outcome: { output: { notSent: t`a dry run makes no requests` } } },
          context,
        );
        continue;
      }
      if (result !== 'more') break;
    }
    const due = [...timers.values()].sort((a, b) => a.dueAt - b.dueAt)[0];
    if (!due) break;
    clock = Math.max(clock, due.dueAt);
    await fireTimer(tx, due.id, clock, context.values);
  }
  return { run: runs.get(id)!, changes: records.staged(), waits, notCalled };
}
