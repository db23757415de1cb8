import { t } from '@lingui/core/macro';
import { systemClock, type Clock, type EngineStore, type EngineTx, type PendingWork } from './ports';
import type { RunRow } from '../schema/run';
import type { Step } from '../schema/workflow';
import {
  advanceRun,
  completeExternal,
  contextFor,
  fireTimer,
  hostServices,
  submitForm,
  type AdvanceResult,
  type GroupLimits,
  type RunnerContext,
  type RunnerProbes,
} from './runner';
import { errorMessage, failBrokenRun, isBug, retryRun, stopRun } from './runEnd';
import { stepDefinition } from './steps';
import { StepError, type StepOutcome, type StepServices } from './steps/types';
import { RunValueCache } from './runValues';
import { maskSecrets, maskText, secretForms } from './secrets';
import { canStop } from './runMachine';
import {
  consumeOutbox,
  createManualRuns,
  createTestRun,
  DEFAULT_MAX_DEPTH,
  startRuns,
  type ManualRunRequest,
} from './triggers/runs';
import { applyRecordWrite, type RecordWrite, type RecordWriteResult } from './recordWrites';

/** External steps called at once, by default. */
export const DEFAULT_MAX_EXTERNAL = 4;

/** A counting semaphore: at most `size` holders at once, the others wait in order. */
class Slots {
  private used = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly size: number) {}
  async acquire(): Promise<void> {
    if (this.used < this.size) {
      this.used++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }
  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.used--;
  }
}

/** How many times in a row a run may throw before it is failed with the reason. */
const BROKEN_RUN_TRIES = 3;

/** Errors of the storage itself (full, closed, aborted): the run is not at fault; try again later. */
function isStorageError(error: unknown): boolean {
  const name = String((error as { name?: unknown } | null)?.name ?? '');
  return /Quota|Abort|DatabaseClosed|TransactionInactive|InvalidState|ReadOnly|PrematureCommit|UnknownError|Timeout|OpenFailed|MissingAPI/.test(
    name,
  );
}

/** A run advanced in a transaction, and what it needs once that commits (see `Engine.settle`). */
interface Advanced {
  runId: string;
  result: AdvanceResult;
  /** `deferEpoch` when it was advanced. */
  epoch: number;
}

/**
 * How far a record write's new runs advance before it commits (`Engine.writeRecords`): the
 * person's save waits for this, so it is short; the rest is the engine loop's.
 */
const WRITE_RUN_LIMITS: GroupLimits = { maxSteps: 100, maxMs: 20 };

/** Outbox events turned into runs in one transaction at most; a write with more leaves them to the outbox. */
const EVENT_BATCH = 500;

/** Runs advanced together in one transaction at most (see `cycle`). */
const RUNS_PER_GROUP = 100;

export interface EngineOptions {
  clock?: Clock;
  /** Loop guard depth: a trigger more than this many runs deep is skipped (README, "How it works"). */
  maxDepth?: number;
  group?: Partial<GroupLimits>;
  /**
   * Up to this many runs created by an outbox batch or a record write advance in its transaction
   * (default: all; 0: none).
   */
  inlineRuns?: number;
  /** How many external steps (code, HTTP, email, AI) may be called at once (default 4). */
  maxExternal?: number;
  /**
   * Record events turned into runs per second at most (default: no limit): a burst of events
   * waits in the outbox, which is durable, and starts its runs at this pace.
   */
  maxEventsPerSecond?: number;
  probes?: RunnerProbes;
  /** What external steps may use (default: the global `fetch`). */
  services?: Partial<StepServices>;
  /** Steps this host cannot call (see `RunnerContext.deferStep`): their runs wait for another host. */
  deferStep?: (step: Step) => string | null;
  /** See `RunnerContext.codeCutOffCleanly`. */
  codeCutOffCleanly?: (callId: string) => boolean;
  /** How often the engine trims run history to the retention setting (default: every minute). */
  pruneEveryMs?: number;
  /** Called when a cycle throws (storage errors); the engine keeps going. */
  onError?(error: unknown): void;
}

/**
 * The engine: consumes the outbox into runs, fires due timers, and advances runs,
 * each in its own transaction. Only one engine drives a database at a time (the host
 * elects it); any context may create runs or request a stop, and then `kick()` the engine.
 */
export class Engine {
  private readonly clock: Clock;
  private readonly runner: RunnerContext;
  private readonly services: StepServices;
  private running = false;
  private pumping: Promise<void> | null = null;
  private dirty = false;
  private wakeHandle: unknown = null;
  private outboxHint = false;
  /** A batch whose new runs failed to advance inline goes again without: they advance in groups (`cycle`). */
  private inlineFailed = false;
  private lastPrune = -Infinity;
  /** Runs waiting for a step this host cannot call: not retried until the next start. */
  private readonly deferred = new Set<string>();
  /** Counts `retryDeferred` calls: a run deferred by an advance that began before one is not kept deferred. */
  private deferEpoch = 0;
  /** Runs whose advance threw, and how many times in a row. */
  private readonly brokenRuns = new Map<string, number>();
  /** Runs with an external step being called in the background (see callInBackground). */
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly slots: Slots;
  /** Events this engine may consume now (`maxEventsPerSecond`: refilled at that rate, up to a second's worth). */
  private eventTokens = Infinity;
  private tokensAt = 0;
  private throttleHandle: unknown = null;

  constructor(
    private readonly store: EngineStore,
    private readonly options: EngineOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.services = hostServices(options.services);
    this.slots = new Slots(options.maxExternal ?? DEFAULT_MAX_EXTERNAL);
    if (options.maxEventsPerSecond) {
      this.eventTokens = options.maxEventsPerSecond;
      this.tokensAt = this.clock.now();
    }
    this.runner = {
      now: () => this.clock.now(),
      // A group ends after 250 ms of steps: fewer, larger commits for a long loop (each costs
      // IndexedDB a drain of its writes), while a page reading the stores meanwhile waits for
      // at most one group. The step cap only bounds what one transaction holds.
      limits: { maxSteps: 10_000, maxMs: 250, ...options.group },
      values: new RunValueCache(),
      probes: options.probes,
      deferStep: options.deferStep,
      codeCutOffCleanly: options.codeCutOffCleanly,
    };
  }

  start(): void {
    this.running = true;
    this.deferred.clear();
    this.kick();
  }

  /** Runs left waiting for a step this host could not call may go on now (the host can call it). */
  retryDeferred(): void {
    this.deferEpoch++;
    this.deferred.clear();
    this.kick();
  }

  /** Marks a run as waiting for a step this host cannot call, unless `retryDeferred` came while it was advanced. */
  private defer(runId: string, epoch: number): void {
    if (epoch === this.deferEpoch) this.deferred.add(runId);
  }

  /** Stops after the transaction in progress; what is committed stays committed. */
  stop(): void {
    this.running = false;
    this.clearWake();
    if (this.throttleHandle !== null) this.clock.clearTimeout(this.throttleHandle);
    this.throttleHandle = null;
  }

  /** How many events may be consumed now (see `maxEventsPerSecond`). */
  private eventAllowance(): number {
    const rate = this.options.maxEventsPerSecond;
    if (!rate) return Infinity;
    const now = this.clock.now();
    this.eventTokens = Math.min(rate, this.eventTokens + ((now - this.tokensAt) * rate) / 1000);
    this.tokensAt = now;
    if (this.eventTokens < 1 && this.throttleHandle === null) {
      // Come back when the next event may go.
      this.throttleHandle = this.clock.setTimeout(
        () => {
          this.throttleHandle = null;
          this.kick({ outbox: true });
        },
        Math.ceil(((1 - this.eventTokens) * 1000) / rate),
      );
    }
    return Math.floor(this.eventTokens);
  }

  /** Whether a cycle is in progress (a transaction or an external call). */
  get isBusy(): boolean {
    return this.pumping !== null || this.inFlight.size > 0;
  }

  /**
   * Something changed (a record, a run, a timer): look for work. `outbox` says record events
   * were just written, so the engine reads them without checking first.
   */
  kick(hint: { outbox?: boolean } = {}): void {
    this.dirty = true;
    if (hint.outbox) this.outboxHint = true;
    if (this.running && !this.pumping) this.pumping = this.pump();
  }

  /** Resolves when the engine has nothing left to do right now (tests, benchmarks). */
  async idle(): Promise<void> {
    while (this.pumping || this.inFlight.size > 0) await Promise.all([this.pumping, ...this.inFlight.values()]);
  }

  runManual(request: ManualRunRequest): Promise<string[]> {
    return this.store
      .transaction((tx) => createManualRuns(tx, request, this.clock.now()))
      .then((ids) => {
        this.kick();
        return ids;
      });
  }

  async testRun(request: { workflowId: string; versionId: string; payload: unknown }): Promise<string> {
    const id = await this.store.transaction((tx) => createTestRun(tx, request, this.clock.now()));
    this.kick();
    return id;
  }

  /**
   * A record write from outside a run (a person's save), with the runs it triggers started in
   * its transaction: their events never enter the outbox, and their first steps run before it
   * commits (within `WRITE_RUN_LIMITS`), so a change reaches its workflows with no second
   * transaction. An external step they reach is called once it commits when this engine runs,
   * else left for the engine that does. While older events wait in the outbox, this write's
   * join them there (runs start in event order). If starting its runs fails, the write is made
   * again alone, its events left to the outbox: a save never fails because of a workflow.
   */
  async writeRecords<W extends RecordWrite>(write: W): Promise<RecordWriteResult<W>> {
    // A pace set for events is kept by the outbox (`maxEventsPerSecond`).
    const inline = !this.options.maxEventsPerSecond;
    let written = false;
    try {
      const [value, advanced] = await this.store.transaction(async (tx) => {
        // Asked along with the write's own reads.
        const waiting = inline && tx.records.takeEvents ? tx.eventsAfter(0, 1) : undefined;
        waiting?.catch(() => {});
        const value = await applyRecordWrite(tx.records, write);
        written = true;
        const events = waiting && (await waiting).length === 0 ? await tx.records.takeEvents!(EVENT_BATCH) : undefined;
        if (!events?.length) return [value, [] as Advanced[]] as const;
        const now = this.clock.now();
        const created: string[] = [];
        const depth = this.options.maxDepth ?? DEFAULT_MAX_DEPTH;
        await startRuns(tx, events, await tx.activeVersions(), now, depth, created);
        const runner = { ...this.runner, limits: WRITE_RUN_LIMITS, leaveExternal: !this.running };
        return [value, await this.advanceNew(tx, created, runner, now)] as const;
      });
      // External steps begun (this engine ran) are called; none were when it did not.
      this.settle(advanced);
      return value;
    } catch (error) {
      if (!written || isStorageError(error)) throw error;
      this.options.onError?.(error);
      return this.store.transaction((tx) => applyRecordWrite(tx.records, write));
    } finally {
      this.kick();
    }
  }

  /** Answers a waiting form; throws with the field and reason when an answer is refused. */
  async submitForm(runId: string, stepId: string, answers: Record<string, unknown>): Promise<void> {
    await this.store.transaction((tx) => submitForm(tx, runId, stepId, answers, this.runner));
    this.kick();
  }

  async retryRun(runId: string): Promise<void> {
    await this.store.transaction((tx) => retryRun(tx, runId, this.clock.now()));
    this.kick();
  }

  async stopRun(runId: string): Promise<void> {
    await this.store.transaction(async (tx) => {
      const run = await tx.getRun(runId);
      if (!run || !canStop(run.status)) return;
      await stopRun(tx, run, this.clock.now());
    });
    this.kick();
  }

  private async pump(): Promise<void> {
    // When the last cycle found nothing to do, its snapshot says when the next timer is due.
    let quiet: PendingWork | undefined;
    try {
      while (this.dirty && this.running) {
        this.dirty = false;
        quiet = undefined;
        try {
          // Record events just written locally: consume them before reading anything else.
          const hinted = this.outboxHint && (await this.consumeEvents());
          const work = await this.store.pendingWork(this.clock.now(), 200);
          if ((await this.cycle(work)) || hinted) this.dirty = true;
          else quiet = work;
          // Quiet now: trim the run history now and then (its own transaction, never mid-work;
          // a kick meanwhile is seen by the loop).
          if (quiet && this.running && this.clock.now() - this.lastPrune >= (this.options.pruneEveryMs ?? 60_000)) {
            this.lastPrune = this.clock.now();
            await this.store.pruneRuns();
          }
        } catch (error) {
          this.options.onError?.(error);
        }
      }
    } finally {
      this.pumping = null;
    }
    if (this.running) await this.scheduleWake(quiet);
  }

  /** Turns outbox events into runs, in batches; whether any were consumed. */
  private async consumeEvents(): Promise<boolean> {
    this.outboxHint = false;
    let any = false;
    for (let more = true; more && this.running;) {
      const batch = Math.min(EVENT_BATCH, this.eventAllowance());
      if (batch < 1) break;
      let consumed = 0;
      const inline = !this.inlineFailed;
      this.inlineFailed = false;
      try {
        let advanced: Advanced[];
        [consumed, advanced] = await this.store.transaction(async (tx) => {
          const created: string[] = [];
          const now = this.clock.now();
          const n = await consumeOutbox(tx, now, this.options.maxDepth ?? DEFAULT_MAX_DEPTH, batch, created);
          // The new runs advance in the same transaction, within the group's time limit (those
          // left over wait for the run loop): a record change reaches its first step one commit
          // sooner, and a run that finishes here is stored once, never read back. (Their records
          // are read in one batch: each read one after the other, a whole batch inline measured
          // 8% fewer runs a second than 8 at most; in one batch, 1,029 against 718.)
          return [n, inline ? await this.advanceNew(tx, created, this.runner, now) : []] as const;
        });
        this.settle(advanced);
      } catch (error) {
        // Nothing of the batch was kept. A run that cannot advance must not hold up the outbox:
        // the batch goes again at once without advancing its runs, which the run loop then takes
        // up one group at a time (a group that fails goes again run by run).
        if (inline && !isStorageError(error)) {
          this.inlineFailed = true;
          this.outboxHint = true;
          this.dirty = true;
        }
        throw error;
      }
      if (consumed > 0) any = true;
      this.eventTokens -= consumed;
      more = consumed === batch;
    }
    return any;
  }

  /**
   * One pass over the work of a snapshot. Returns whether anything happened: work it
   * created (new runs, fired timers) is found by the next pass.
   */
  private async cycle(work: PendingWork): Promise<boolean> {
    const now = () => this.clock.now();
    let worked = false;
    if (work.outbox && (await this.consumeEvents())) worked = true;
    for (const timer of work.dueTimers) {
      if (!this.running) return worked;
      await this.store.transaction((tx) => fireTimer(tx, timer.id, now(), this.runner.values));
      worked = true;
    }
    const runIds = work.runIds.filter((id) => !this.deferred.has(id) && !this.inFlight.has(id));
    for (let next = 0; next < runIds.length && this.running;) {
      // Runs advance together, a group of each in one transaction (many small runs commit
      // once, not once each); a run with more to do is taken up again by the next pass.
      let tried = 0;
      try {
        const results = await this.store.transaction(async (tx) => {
          const started = now();
          const out: Advanced[] = [];
          await prefetchGroup(tx, runIds.slice(next, next + RUNS_PER_GROUP));
          for (tried = 0; next + tried < runIds.length && tried < RUNS_PER_GROUP;) {
            const runId = runIds[next + tried++];
            out.push({ runId, epoch: this.deferEpoch, result: await advanceRun(tx, runId, this.runner) });
            if (now() - started >= this.runner.limits.maxMs) break;
          }
          return out;
        });
        this.settle(results);
      } catch (error) {
        // One run's failure never stops the others: a group's runs go again one by one (the
        // one that failed says so then).
        if (tried <= 1) await this.failedRun(runIds[next], error);
        else for (const runId of runIds.slice(next, next + tried)) await this.advanceAlone(runId);
      }
      next += tried;
      worked = true;
    }
    return worked;
  }

  /**
   * Advances runs created in this transaction, in order (`inlineRuns` of them at most), until
   * `runner`'s time limit since `started`; the rest wait for the run loop. Their rows and records
   * are read in one batch each.
   */
  private async advanceNew(
    tx: EngineTx,
    created: string[],
    runner: RunnerContext,
    started: number,
  ): Promise<Advanced[]> {
    const first = created.slice(0, this.options.inlineRuns ?? created.length);
    const out: Advanced[] = [];
    await prefetchGroup(tx, first);
    for (const runId of first) {
      out.push({ runId, epoch: this.deferEpoch, result: await advanceRun(tx, runId, runner) });
      if (this.clock.now() - started >= runner.limits.maxMs) break;
    }
    return out;
  }

  /**
   * After the commit of a group of advanced runs: an external step a run reached (committed as
   * RUNNING) is called now, and a run left for another host is noted.
   */
  private settle(advanced: Advanced[]): void {
    for (const { runId, result, epoch } of advanced) {
      this.brokenRuns.delete(runId);
      if (typeof result === 'object') this.callInBackground(runId, result);
      else if (result === 'deferred') this.defer(runId, epoch);
    }
  }

  /** Advances one run in transactions of its own; one that keeps failing is failed. */
  private async advanceAlone(runId: string): Promise<void> {
    try {
      await this.advance(runId);
      this.brokenRuns.delete(runId);
    } catch (error) {
      await this.failedRun(runId, error);
    }
  }

  /** A run's advance threw: said, and a run that keeps failing is failed (storage errors stop the pass). */
  private async failedRun(runId: string, error: unknown): Promise<void> {
    this.options.onError?.(error);
    if (isStorageError(error)) throw error;
    const tries = (this.brokenRuns.get(runId) ?? 0) + 1;
    this.brokenRuns.set(runId, tries);
    if (tries >= BROKEN_RUN_TRIES) {
      this.brokenRuns.delete(runId);
      await this.store.transaction((tx) => failBrokenRun(tx, runId, errorMessage(error), this.clock.now()));
    }
  }

  /**
   * Advances one run as far as it goes now (internal steps in groups). An external step it
   * reaches is called in the background: the loop goes on with other runs meanwhile.
   */
  private async advance(runId: string): Promise<void> {
    while (this.running) {
      const epoch = this.deferEpoch;
      const next = await this.store.transaction((tx) => advanceRun(tx, runId, this.runner));
      if (typeof next === 'object') return this.callInBackground(runId, next);
      if (next === 'deferred') this.defer(runId, epoch);
      if (next !== 'more') return;
    }
  }

  /**
   * An external step (code, HTTP, email, AI) runs beside the engine's loop, up to
   * `maxExternal` at once: a slow or spinning one never holds up other runs. Its result is
   * committed with the run's next group, in one transaction.
   */
  private callInBackground(runId: string, first: Extract<AdvanceResult, object>): void {
    const task = (async () => {
      let next: AdvanceResult = first;
      try {
        while (typeof next === 'object') {
          const { run, step, external } = next;
          await this.slots.acquire();
          let result: Awaited<ReturnType<Engine['callExternal']>>;
          try {
            result = await this.callExternal(run, step);
          } finally {
            this.slots.release();
          }
          const epoch = this.deferEpoch;
          next = await this.store.transaction(async (tx) => {
            await completeExternal(tx, external, result, this.runner);
            return this.running ? advanceRun(tx, runId, this.runner) : 'idle';
          });
          if (next === 'deferred') this.defer(runId, epoch);
        }
      } catch (error) {
        this.options.onError?.(error);
      } finally {
        this.inFlight.delete(runId);
        this.kick();
      }
    })();
    this.inFlight.set(runId, task);
  }

  /** Runs an external step outside any transaction. */
  private async callExternal(
    run: RunRow,
    step: Step,
  ): Promise<{ outcome: StepOutcome } | { error: string; final?: boolean; bug?: boolean }> {
    const noRecords = new Proxy(
      {},
      { get: () => () => Promise.reject(new Error(t`steps that call out cannot change records`)) },
    );
    const ctx = contextFor({ records: noRecords as never }, run, step, this.clock.now(), this.services);
    let result: { outcome: StepOutcome } | { error: string; final?: boolean; bug?: boolean };
    try {
      result = { outcome: await stepDefinition(step.type).execute(ctx) };
    } catch (error) {
      result = { error: errorMessage(error), final: error instanceof StepError && error.final, bug: isBug(error) };
    }
    // Whatever came back (an echoed header, a URL in an error) keeps no secret.
    const forms = secretForms(await this.services.secrets().catch(() => ({})));
    if ('error' in result) return { error: maskText(result.error, forms), final: result.final, bug: result.bug };
    const { outcome } = result;
    return {
      outcome: {
        ...outcome,
        input: maskSecrets(outcome.input, forms),
        output: maskSecrets(outcome.output, forms),
        ...(outcome.logs ? { logs: maskSecrets(outcome.logs, forms) } : {}),
      },
    };
  }

  private clearWake(): void {
    if (this.wakeHandle !== null) this.clock.clearTimeout(this.wakeHandle);
    this.wakeHandle = null;
  }

  private async scheduleWake(quiet?: PendingWork): Promise<void> {
    this.clearWake();
    const dueAt = quiet ? quiet.nextDueAt : await this.store.nextTimerDueAt();
    if (dueAt === undefined || !this.running) return;
    // Long waits are re-checked at least every minute (clock jumps, sleep).
    const ms = Math.min(Math.max(0, dueAt - this.clock.now()), 60_000);
    this.wakeHandle = this.clock.setTimeout(() => {
      this.wakeHandle = null;
      this.kick();
    }, ms);
  }
}

/**
 * A group's runs, and the records they were started for (which their steps most often read
 * or change), read in two batches before the group advances, instead of two round trips a run.
 */
async function prefetchGroup(tx: EngineTx, runIds: string[]): Promise<void> {
  if (!tx.prefetchRuns || runIds.length < 2) return;
  const rows = await tx.prefetchRuns(runIds);
  const recordIds: string[] = [];
  for (const row of rows) {
    const id = (row.triggerPayload as { recordId?: unknown } | null)?.recordId;
    if (typeof id === 'string') recordIds.push(id);
  }
  if (recordIds.length > 0 && tx.records.prefetch) await tx.records.prefetch(recordIds[0], () => recordIds);
}
