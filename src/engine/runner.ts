import { t } from '@lingui/core/macro';
import { recordedInput, type RunRow, type StepInfo } from '../schema/run';
import type { EventOrigin } from '../schema/record';
import type { Step } from '../schema/workflow';
import { emit, hasPending, removeReady, resetBody, settle, stateResolver, variableScopeWithSecrets } from './runState';
import { graphOf, type Graph } from './graph';
import type { EngineTx } from './ports';
import { resolveValue } from './resolver';
import { nextRunStatus } from './runMachine';
import { errorMessage, fail, isBug, stopRun } from './runEnd';
import { HydratedRun, type RunValueCache } from './runValues';
import { stepDefinition } from './steps';
import { readFormAnswers } from './steps/form';
import { fireSchedule } from './scheduler';
import { codeCallId } from './steps/code';
import { StepError, type StepContext, type StepOutcome, type StepServices } from './steps/types';

export interface GroupLimits {
  /** Steps executed in one transaction (group commit) at most. */
  maxSteps: number;
  /** Time spent in one transaction at most. */
  maxMs: number;
}

export interface RunnerContext {
  now: () => number;
  limits: GroupLimits;
  values: RunValueCache;
  probes?: RunnerProbes;
  /**
   * Why this host cannot call an external step now (the service worker has no sandbox for
   * code steps), or null. Such a step is left ready, marked with the reason, for another host.
   */
  deferStep?: (step: Step) => string | null;
  /**
   * Whether the tab that ran this code call unloaded cleanly while it ran (closed or reloaded):
   * such a call runs again. A call cut off any other way (the tab or its sandbox died, which is
   * what code that exhausts memory does where the browser does not isolate the sandbox) fails.
   */
  codeCutOffCleanly?: (callId: string) => boolean;
  /**
   * External steps are left ready, not begun: another engine calls them (a record write's runs,
   * started by a tab that does not lead; see `Engine.writeRecords`).
   */
  leaveExternal?: boolean;
}

/** A step that talks to the world, to run outside any transaction (see `runExternalStep`). */
export interface ExternalCall {
  runId: string;
  stepId: string;
  attempt: number;
}

/** An external step to call now, with the run as just committed (no second read needed). */
export type AdvanceResult = 'more' | 'idle' | 'deferred' | { external: ExternalCall; run: RunRow; step: Step };

export interface RunnerProbes {
  /** Called before each step inside the transaction; a throw aborts (and rolls back) the group. */
  beforeStep?(runId: string, stepId: string): void;
}

/**
 * Advances a run by a group of steps inside one transaction: the steps' record writes,
 * their outbox events and the run's progress commit together, so each step happens once.
 * Returns 'more' when the run has more ready steps.
 */
export async function advanceRun(
  tx: EngineTx,
  runId: string,
  { now, limits, values, probes = {}, deferStep, codeCutOffCleanly, leaveExternal }: RunnerContext,
): Promise<AdvanceResult> {
  const loaded = await HydratedRun.load(tx, runId, values);
  if (!loaded) return 'idle';
  const run = loaded.run;
  if (run.status === 'stopping') {
    await stopRun(tx, run, now(), () => loaded.save(tx));
    return 'idle';
  }
  if (run.status === 'queued') {
    run.status = nextRunStatus(run.status, { type: 'START' });
    run.startedAt = now();
  }
  if (run.status !== 'running') return 'idle';
  const graph = graphOf(run.flow);
  const started = now();
  let count = 0;
  let external: ExternalCall | undefined;
  let deferred = false;
  while (run.state.ready.length > 0 && run.status === 'running') {
    const stepId = run.state.ready[0];
    if (stepDefinition(graph.steps.get(stepId)!.type).external) {
      // Commit what the group did first; the call itself happens outside the transaction.
      if (count > 0 || leaveExternal) break;
      const info = run.state.stepInfos[stepId] ?? { status: 'NOT_STARTED' };
      const waitingFor = deferStep?.(graph.steps.get(stepId)!);
      if (waitingFor) {
        run.state.stepInfos[stepId] = { ...info, waitingFor };
        deferred = true;
        break;
      }
      const attempt = info.attempt ?? 1;
      // Still RUNNING from before: the call was cut off (the engine or its tab stopped). It runs
      // again (at-least-once) — but a code step only when its tab said it was closing or
      // reloading: otherwise the tab died under it, and running it again could kill the next one.
      const cutOff = info.status === 'RUNNING';
      const interrupted = (info.interrupted ?? 0) + (cutOff ? 1 : 0);
      if (
        cutOff &&
        stepDefinition(graph.steps.get(stepId)!.type).needsTab &&
        !codeCutOffCleanly?.(codeCallId(attemptKey(run.id, stepId, attempt), info.interrupted))
      ) {
        run.state.stepInfos[stepId] = { ...info, interrupted };
        await fail(
          tx,
          run,
          graph,
          graph.steps.get(stepId)!,
          t`the tab running this code stopped before it answered (the browser or the tab crashed — code that uses too much memory does that); it is not run again on its own: use “Retry from failed step” to run it again`,
          now(),
          false,
        );
        count++;
        continue;
      }
      // Committed as RUNNING before the call: a crash during it runs it again (at-least-once).
      run.state.stepInfos[stepId] = {
        ...info,
        status: 'RUNNING',
        attempt,
        startedAt: info.startedAt ?? now(),
        error: undefined,
        waitingFor: undefined,
        ...(interrupted ? { interrupted } : {}),
      };
      external = { runId: run.id, stepId, attempt };
      break;
    }
    probes.beforeStep?.(run.id, stepId);
    const stepping = executeStep(tx, run, graph, stepId, now());
    if (stepping) await stepping;
    tx.records.writeAhead?.();
    count++;
    if (count >= limits.maxSteps || now() - started >= limits.maxMs) break;
  }
  if (run.status === 'running' && run.state.ready.length === 0) {
    run.status = nextRunStatus(run.status, hasPending(run.state) ? { type: 'WAIT' } : { type: 'COMPLETE' });
    if (run.status === 'completed') run.endedAt = now();
  }
  run.updatedAt = now();
  await loaded.save(tx);
  if (external) return { external, run, step: graph.steps.get(external.stepId)! };
  if (deferred) return 'deferred';
  return run.status === 'running' && run.state.ready.length > 0 ? 'more' : 'idle';
}

/** Commits an external step's result (unless the run was stopped meanwhile). */
export async function completeExternal(
  tx: EngineTx,
  call: ExternalCall,
  result: { outcome: StepOutcome } | { error: string; final?: boolean; bug?: boolean },
  { now, values }: RunnerContext,
): Promise<void> {
  const loaded = await HydratedRun.load(tx, call.runId, values);
  const run = loaded?.run;
  const info = run?.state.stepInfos[call.stepId];
  if (!loaded || !run || run.status !== 'running' || info?.status !== 'RUNNING' || info.attempt !== call.attempt)
    return;
  const graph = graphOf(run.flow);
  const step = graph.steps.get(call.stepId)!;
  if ('error' in result) await fail(tx, run, graph, step, result.error, now(), !result.final, result.bug);
  else await applyOutcome(tx, run, graph, step, info, result.outcome, now());
  run.updatedAt = now();
  await loaded.save(tx);
}

/**
 * Runs one step and records its outcome. A step that answers at once (no promise) is recorded
 * at once too, and nothing is returned: an `await` in a storage transaction is not free (see
 * `StepDefinition.execute`), and most steps of a long run need none.
 */
function executeStep(tx: EngineTx, run: RunRow, graph: Graph, stepId: string, now: number): Promise<void> | undefined {
  const step = graph.steps.get(stepId)!;
  const state = run.state;
  const info: StepInfo = state.stepInfos[stepId] ?? { status: 'NOT_STARTED' };
  const ctx = contextFor(tx, run, step, now);
  const savepoint = tx.records.savepoint?.();
  let outcome: StepOutcome | Promise<StepOutcome>;
  try {
    outcome = stepDefinition(step.type).execute(ctx);
  } catch (error) {
    return stepFailed(tx, run, graph, step, savepoint, error, now);
  }
  // Not `instanceof Promise`: inside a Dexie transaction the global Promise is Dexie's own.
  if ('then' in outcome)
    return outcome.then(
      (answered) => applyOutcome(tx, run, graph, step, info, answered, now),
      (error) => stepFailed(tx, run, graph, step, savepoint, error, now),
    );
  return applyOutcome(tx, run, graph, step, info, outcome, now);
}

/** A step threw: its record writes go back to where it began, and the run records the failure. */
function stepFailed(
  tx: EngineTx,
  run: RunRow,
  graph: Graph,
  step: Step,
  savepoint: number | undefined,
  error: unknown,
  now: number,
): Promise<void> {
  if (savepoint !== undefined) tx.records.rollbackTo?.(savepoint);
  return fail(
    tx,
    run,
    graph,
    step,
    errorMessage(error),
    now,
    !(error instanceof StepError && error.final),
    isBug(error),
  );
}

/** Records a step's outcome in its run; a promise only when it stores something (a delay's timer). */
function applyOutcome(
  tx: EngineTx,
  run: RunRow,
  graph: Graph,
  step: Step,
  info: StepInfo,
  outcome: StepOutcome,
  now: number,
): Promise<void> | undefined {
  const state = run.state;
  const stepId = step.id;
  const startedAt = info.startedAt ?? now;
  const input = recordedInput(step, outcome.input);
  if (outcome.waitForInput) {
    state.stepInfos[stepId] = { ...info, status: 'PENDING', input, startedAt };
    removeReady(state, stepId);
    return undefined;
  }
  if (outcome.waitUntil !== undefined) {
    state.stepInfos[stepId] = { ...info, status: 'PENDING', input, startedAt };
    removeReady(state, stepId);
    return tx.addTimer({
      id: `${run.id}:${stepId}:delay`,
      dueAt: outcome.waitUntil,
      kind: 'delay',
      workflowId: run.workflowId,
      runId: run.id,
      stepId,
    });
  }
  if (outcome.loop && step.type === 'ITERATOR') {
    const loop = outcome.loop;
    if (loop.index < loop.items.length) {
      state.loops[stepId] = loop;
      resetBody(state, graph, stepId);
      state.stepInfos[stepId] = {
        ...info,
        status: 'RUNNING',
        input,
        output: outcome.output,
        startedAt,
        count: loop.index + 1,
      };
      removeReady(state, stepId);
      const body = graph.loopStarts.get(stepId) ?? [];
      if (body.length === 0) state.ready.push(stepId);
      else emit(state, graph, stepId, body, body);
      return undefined;
    }
    delete state.loops[stepId];
  }
  settle(
    state,
    graph,
    stepId,
    {
      status: 'SUCCESS',
      input,
      output: outcome.output,
      error: undefined,
      ...(outcome.logs ? { logs: outcome.logs } : {}),
      startedAt,
      endedAt: now,
      count: (info.count ?? 0) + (step.type === 'ITERATOR' ? 0 : 1),
    },
    outcome.next ?? step.nextStepIds,
  );
  return undefined;
}

/** `<runId>:<stepId>:<attempt>`: one attempt of a step (its idempotency key; code calls add times cut off). */
export function attemptKey(runId: string, stepId: string, attempt: number): string {
  return `${runId}:${stepId}:${attempt}`;
}

/** The services of a step run inside a transaction (which lends none), made once. */
let ownServices: StepServices | undefined;

export function contextFor(
  tx: Pick<EngineTx, 'records'>,
  run: RunRow,
  step: Step,
  now: number,
  services: StepServices = (ownServices ??= hostServices()),
): StepContext {
  return new RunStepContext(step, run, tx.records, now, services);
}

/**
 * A step's context: one is made for every step run, so what only some steps use (the origin of
 * their record events, their idempotency key, the run's variables) is made when asked for.
 */
class RunStepContext implements StepContext {
  /** The attempt this context runs (its idempotency key's last part). */
  private readonly attempt: number;
  private madeOrigin?: EventOrigin;

  constructor(
    readonly step: Step,
    readonly run: RunRow,
    readonly records: EngineTx['records'],
    readonly now: number,
    readonly services: StepServices,
  ) {
    this.attempt = run.state.stepInfos[step.id]?.attempt ?? 1;
  }

  get state() {
    return this.run.state;
  }

  get origin(): EventOrigin {
    return (this.madeOrigin ??= { workflowId: this.run.workflowId, runId: this.run.id, depth: this.run.depth });
  }

  get idempotencyKey() {
    return attemptKey(this.run.id, this.step.id, this.attempt);
  }

  /**
   * Not a method: steps hand it on by itself (`evaluateStepFilters(input, ctx.resolve, …)`). One
   * for the run's state, not one for each step's context (there is one for each step run).
   */
  get resolve(): (value: unknown) => unknown {
    return stateResolver(this.run.state);
  }

  async resolveWithSecrets(value: unknown) {
    const secrets = await this.services.secrets();
    const masked = Object.fromEntries(Object.keys(secrets).map((k) => [k, '••••']));
    return {
      real: resolveValue(value, variableScopeWithSecrets(this.run.state, secrets)),
      masked: resolveValue(value, variableScopeWithSecrets(this.run.state, masked)),
    };
  }
}

/** What steps may use in this host: the global `fetch`, and what the host lends (email, AI, code, secrets). */
export function hostServices(lent: Partial<StepServices> = {}): StepServices {
  return {
    fetch: (...args) => globalThis.fetch(...args),
    sendEmail: () => Promise.reject(new Error(t`email is not set up in this host`)),
    aiSettings: async () => undefined,
    runCode: () => Promise.reject(new Error(t`code steps need a window: open Localflow in a tab`)),
    secrets: async () => ({}),
    ...lent,
  };
}

/** A delay or retry timer is due: the waiting step succeeds, or runs again. */
export async function fireTimer(
  tx: EngineTx,
  timerId: string,
  now: number,
  values: RunValueCache,
): Promise<string | undefined> {
  const timer = await tx.getTimer(timerId);
  // Gone, or already fired and re-armed by another engine: nothing to do.
  if (!timer || timer.dueAt > now) return undefined;
  if (timer.kind === 'schedule') {
    await fireSchedule(tx, timer, now);
    return undefined;
  }
  await tx.deleteTimer(timerId);
  const loaded = await HydratedRun.load(tx, timer.runId, values);
  const run = loaded?.run;
  if (!loaded || !run || (run.status !== 'waiting' && run.status !== 'running')) return undefined;
  const info = run.state.stepInfos[timer.stepId];
  if (!info || info.status !== 'PENDING') return undefined;
  const graph = graphOf(run.flow);
  const step = graph.steps.get(timer.stepId)!;
  if (timer.kind === 'retry') {
    run.state.stepInfos[step.id] = { ...info, status: 'NOT_STARTED' };
    run.state.ready.push(step.id);
  } else {
    const executor = stepDefinition(step.type);
    const outcome = executor.resume?.(contextFor(tx, run, step, now)) ?? {};
    settle(
      run.state,
      graph,
      step.id,
      { status: 'SUCCESS', output: outcome.output, endedAt: now, count: (info.count ?? 0) + 1 },
      step.nextStepIds,
    );
  }
  if (run.status === 'waiting') run.status = nextRunStatus(run.status, { type: 'RESUME' });
  run.updatedAt = now;
  await loaded.save(tx);
  return run.id;
}

/** A person answered a form: the step succeeds with their answers and the run resumes. */
export async function submitForm(
  tx: EngineTx,
  runId: string,
  stepId: string,
  answers: Record<string, unknown>,
  { now, values }: RunnerContext,
): Promise<void> {
  const loaded = await HydratedRun.load(tx, runId, values);
  const run = loaded?.run;
  if (!loaded || !run) throw new Error(t`This run no longer exists.`);
  const info = run.state.stepInfos[stepId];
  const step = graphOf(run.flow).steps.get(stepId);
  if (!step || step.type !== 'FORM' || info?.status !== 'PENDING' || run.status !== 'waiting')
    throw new Error(t`This form is no longer waiting for an answer.`);
  const output = await readFormAnswers(step.settings.input, answers, tx.records);
  settle(
    run.state,
    graphOf(run.flow),
    stepId,
    { status: 'SUCCESS', output, endedAt: now(), count: (info.count ?? 0) + 1 },
    step.nextStepIds,
  );
  run.status = nextRunStatus(run.status, { type: 'RESUME' });
  run.updatedAt = now();
  await loaded.save(tx);
}
