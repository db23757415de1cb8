import type { ObjectMetadata } from '../schema/objectMetadata';
import type { EventOrigin, RecordEvent, RecordView } from '../schema/record';
import type { RunRow, RunValueRow, TimerRow } from '../schema/run';
import type { VersionRow, WorkflowRow } from '../schema/workflowRows';

/**
 * Ports: how the engine reaches storage and time. The engine never imports a database,
 * the DOM or React; hosts (worker, service worker, Node tests) plug these in.
 */

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/**
 * Bounds (inclusive, whole epoch ms) on a field the records are indexed by, as a workflow reads
 * the field: to the millisecond, toward zero (`new Date(t)`), so a stored 1000.5 is 1000. A
 * search given a range returns exactly the records within it.
 */
export interface IndexedRange {
  field: 'createdAt' | 'updatedAt';
  lower: number;
  upper: number;
}

/** Whether a stored time on the range's field lies within it, as a workflow reads the time. */
export function withinRange(range: IndexedRange, row: { createdAt: number; updatedAt: number }): boolean {
  const t = Math.trunc(row[range.field]);
  return t >= range.lower && t <= range.upper;
}

/**
 * The stored times (both bounds excluded) a store reads for a range: a time less than a
 * millisecond outside the range's whole milliseconds may be within it (`withinRange` decides).
 */
export function storedBounds(range: IndexedRange): [after: number, before: number] {
  return [range.lower - 1, range.upper + 1];
}

/**
 * A text condition every match of a search meets (a required one of its filter), for a store
 * that can check it itself: it may pass records that fail it — the filter still decides — but
 * never holds back one that meets it. `value` is printable ASCII, lower case; the comparison
 * ignores case, as the filter's does.
 */
export interface TextCondition {
  field: string;
  operand: 'CONTAINS' | 'IS' | 'STARTS_WITH' | 'ENDS_WITH';
  value: string;
}

/** Record access inside one storage transaction; writes also append outbox events. */
export interface RecordTx {
  object(name: string): Promise<ObjectMetadata | undefined>;
  get(object: string, id: string): Promise<RecordView | undefined>;
  /** Values as they would be stored (text lifted into composites, selects checked). */
  normalise(object: string, data: Record<string, unknown>): Promise<Record<string, unknown>>;
  /**
   * Every record of the object within `range` (optional: only that part of the index is read)
   * that `where` accepts, oldest first. `text` (optional) holds text conditions every match
   * meets, which a store may check itself (SQL does); `where` still decides.
   */
  find(
    object: string,
    where?: (record: RecordView) => boolean,
    range?: IndexedRange,
    text?: TextCondition[],
  ): Promise<RecordView[]>;
  create(object: string, data: Record<string, unknown>, origin: EventOrigin | null): Promise<RecordView>;
  update(object: string, id: string, patch: Record<string, unknown>, origin: EventOrigin | null): Promise<RecordView>;
  /**
   * The same update made at once, without waiting, when the store has what it needs at hand
   * (undefined when it has not: then `update`). A step that can answer at once costs a long
   * loop no turn of the event loop, which inside a storage transaction is not free.
   */
  updateNow?(
    object: string,
    id: string,
    patch: Record<string, unknown>,
    origin: EventOrigin | null,
  ): RecordView | undefined;
  delete(object: string, id: string, origin: EventOrigin | null): Promise<RecordView>;
  /**
   * Reads these records ahead in one batch, so the steps that follow find them without a
   * round trip each (the iterator warms its next items). Ids that are not records are ignored.
   * Undefined (no promise) when `firstId` is already at hand or there is nothing to read.
   */
  prefetch?(firstId: string, ids: () => string[]): Promise<void> | undefined;
  /**
   * The record events staged so far that some active workflow listens to, with their ids, taken
   * out of the outbox (they are not written): the caller starts their runs in this transaction
   * (see `Engine.writeRecords`). Savepoints made before are gone. When there are more than `max`,
   * none are taken (undefined): they go to the outbox.
   */
  takeEvents?(max: number): Promise<RecordEvent[] | undefined>;
  /** Marks the writes so far, so a failing step's partial writes can be undone. */
  savepoint?(): number;
  rollbackTo?(savepoint: number): void;
  /**
   * Called between steps: the store may send the writes so far ahead of the commit (its
   * transaction still commits or fails whole), so it stores them while the next steps run.
   */
  writeAhead?(): void;
}

/** Everything the engine reads and writes in one atomic storage transaction. */
export interface EngineTx {
  records: RecordTx;
  getRun(id: string): Promise<RunRow | undefined>;
  /**
   * Whether this run exists, whoever holds it (`getRun` finds none of the runs another runner
   * has leased: see runner/sql/engineStore.ts). Read only, nothing locked.
   */
  hasRun(id: string): Promise<boolean>;
  /**
   * Reads these runs ahead in one batch (a group about to advance), so each `getRun` that
   * follows finds its run without a round trip. Returns them as they are (read, or written in
   * this transaction), to be looked at only: they are not the runs `getRun` gives.
   */
  prefetchRuns?(ids: string[]): Promise<RunRow[]>;
  putRun(run: RunRow): Promise<void>;
  getRunValue(id: string): Promise<unknown>;
  putRunValue(row: RunValueRow): Promise<void>;
  getWorkflow(id: string): Promise<WorkflowRow | undefined>;
  putWorkflow(workflow: WorkflowRow): Promise<void>;
  getVersion(id: string): Promise<VersionRow | undefined>;
  activeVersions(): Promise<VersionRow[]>;
  addTimer(timer: TimerRow): Promise<void>;
  deleteTimer(id: string): Promise<void>;
  timersOfRun(runId: string): Promise<TimerRow[]>;
  getTimer(id: string): Promise<TimerRow | undefined>;
  eventsAfter(seq: number, limit: number): Promise<RecordEvent[]>;
  deleteEventsThrough(seq: number): Promise<void>;
  getCursor(name: string): Promise<number>;
  setCursor(name: string, value: number): Promise<void>;
  /** A small note the engine keeps (e.g. which run a webhook's Idempotency-Key started). */
  getNote(key: string): Promise<string | undefined>;
  putNote(key: string, value: string): Promise<void>;
}

/** A snapshot of the engine's work, taken at the start of each cycle. */
export interface PendingWork {
  /** Whether the outbox holds unconsumed events. */
  outbox: boolean;
  /** Timers due at `now`, earliest first (at most `timerLimit`). */
  dueTimers: TimerRow[];
  /** Runs the engine should drive: queued, running or stopping. Oldest first. */
  runIds: string[];
  /** When the earliest timer is due, if any. */
  nextDueAt?: number;
}

export interface EngineStore {
  /** Runs `fn` in one atomic transaction. `fn` may await only this store's operations. */
  transaction<T>(fn: (tx: EngineTx) => Promise<T>): Promise<T>;
  /**
   * Deletes each workflow's oldest finished runs beyond the retention setting (their stored
   * values too); running and waiting runs are never touched. Returns how many went.
   */
  pruneRuns(): Promise<number>;
  /** What there is to do now, read in one transaction (see `PendingWork`). */
  pendingWork(now: number, timerLimit: number): Promise<PendingWork>;
  nextTimerDueAt(): Promise<number | undefined>;
}
