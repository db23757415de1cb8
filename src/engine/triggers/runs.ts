import { t } from '@lingui/core/macro';
import type { RecordEvent } from '../../schema/record';
import type { RunRow } from '../../schema/run';
import type { VersionRow, WorkflowRow } from '../../schema/workflowRows';
import { initialRunState } from '../runState';
import { flowOfVersion, graphOf } from '../graph';
import { uuidv7 } from '../ids';
import type { EngineTx } from '../ports';
import {
  recordEventPayload,
  triggerConditionsHold,
  triggerListensTo,
  withRelatedRecords,
  type RecordEventPayload,
} from './databaseEvent';

/** Creating runs: for record events (the outbox), by hand, and for tests; schedules and webhooks call `createRun`. */

export const DEFAULT_MAX_DEPTH = 5;
const OUTBOX = 'outbox';

export interface NewRun {
  workflow: WorkflowRow;
  version: VersionRow;
  payload: unknown;
  depth: number;
  now: number;
  maxDepth?: number;
  /** Why the run was skipped instead of run. */
  skipReason?: string;
  /** A test run (see `RunRow.test`). */
  test?: boolean;
  /** The record event that started it. */
  eventId?: string;
}

export async function createRun(
  tx: EngineTx,
  { workflow, version, payload, depth, now, skipReason, test, eventId }: NewRun,
): Promise<RunRow> {
  const flow = flowOfVersion(version);
  const run: RunRow = {
    id: uuidv7(now),
    workflowId: workflow.id,
    versionId: version.id,
    workflowName: workflow.name,
    status: skipReason ? 'skipped' : 'queued',
    flow,
    ...(version.status !== 'draft' ? { flowFromVersion: true as const } : {}),
    triggerPayload: payload,
    ...(eventId ? { triggerEventId: eventId } : {}),
    state: initialRunState(graphOf(flow), payload, now),
    depth,
    ...(test ? { test: true as const } : {}),
    createdAt: now,
    updatedAt: now,
  };
  if (skipReason) {
    run.error = skipReason;
    run.endedAt = now;
    run.state.ready = [];
  }
  await tx.putRun(run);
  await tx.putWorkflow({ ...workflow, lastRunAt: now });
  return run;
}

/**
 * Consumes the outbox in `seq` order: creates the runs for a batch of events and advances
 * the cursor in the same transaction, so each event triggers each workflow exactly once.
 * Returns how many events were consumed; the new runs' ids are pushed to `created`.
 */
export async function consumeOutbox(
  tx: EngineTx,
  now: number,
  maxDepth = DEFAULT_MAX_DEPTH,
  batch = 500,
  created: string[] = [],
): Promise<number> {
  // Consumed events are deleted with the cursor's move, so the first rows are the next ones:
  // the cursor, the events and the active versions are read in one round trip.
  const [cursor, first, active] = await Promise.all([
    tx.getCursor(OUTBOX),
    tx.eventsAfter(0, batch),
    tx.activeVersions(),
  ]);
  let events = first.filter((e) => e.seq! > cursor);
  if (events.length === 0 && first.length > 0) events = await tx.eventsAfter(cursor, batch);
  if (events.length === 0) return 0;
  await startRuns(tx, events, active, now, maxDepth, created);
  const last = events[events.length - 1].seq!;
  await tx.setCursor(OUTBOX, last);
  await tx.deleteEventsThrough(last);
  return events.length;
}

/**
 * Creates the runs of these record events (in order) for the active versions listening to
 * them; skipped runs (the loop guard) are made too. The new runs' ids are pushed to `created`.
 */
export async function startRuns(
  tx: EngineTx,
  events: RecordEvent[],
  active: VersionRow[],
  now: number,
  maxDepth: number,
  created: string[],
): Promise<void> {
  // The versions listening to each event; their workflows are read while the payloads are built
  // (one round trip, not two).
  const listening = events.map((e) => active.filter((v) => triggerListensTo(v.trigger, e)));
  const ids = [...new Set(listening.flat().map((v) => v.workflowId))];
  const reading = Promise.all(ids.map((id) => tx.getWorkflow(id)));
  reading.catch(() => {}); // awaited below, unless a payload fails first
  const matches: { event: RecordEvent; version: VersionRow; payload: RecordEventPayload }[] = [];
  for (const [i, event] of events.entries()) {
    if (listening[i].length === 0) continue;
    // The payload (with its related records read) is built once, for events some trigger listens to.
    const payload = await withRelatedRecords(tx.records, recordEventPayload(event));
    for (const version of listening[i])
      if (triggerConditionsHold(version.trigger, payload, now)) matches.push({ event, version, payload });
  }
  const rows = await reading;
  const workflows = new Map(ids.map((id, i) => [id, rows[i]]));
  for (const { event, version, payload } of matches) {
    const workflow = workflows.get(version.workflowId);
    if (!workflow) continue;
    const depth = event.origin ? event.origin.depth + 1 : 0;
    const { object, event: change } = event;
    const runId = event.origin?.runId ?? '';
    const skipReason =
      depth > maxDepth
        ? t`Loop guard: skipped because this ${object} was ${change} by run ${runId} (a chain of ${depth} workflow runs; the limit is ${maxDepth}).`
        : undefined;
    const run = await createRun(tx, { workflow, version, payload, depth, now, skipReason, eventId: event.id });
    if (!skipReason) created.push(run.id);
    workflows.set(workflow.id, { ...workflow, lastRunAt: run.createdAt });
  }
}

export interface ManualRunRequest {
  workflowId: string;
  /** Records chosen by the person (single record or selection); each gets its own run. */
  recordIds?: string[];
  /** Run this version instead of the active one (test runs of a draft). */
  versionId?: string;
}

/** Starts a manual workflow: one run, or one run per selected record. */
export async function createManualRuns(tx: EngineTx, request: ManualRunRequest, now: number): Promise<string[]> {
  const workflow = await tx.getWorkflow(request.workflowId);
  if (!workflow) throw new Error(t`This workflow no longer exists.`);
  const versionId = request.versionId ?? workflow.activeVersionId;
  const version = versionId ? await tx.getVersion(versionId) : undefined;
  if (!version) throw new Error(t`"${workflow.name}" is not active: activate it before running it.`);
  const trigger = version.trigger;
  if (trigger.type !== 'MANUAL') throw new Error(t`"${workflow.name}" starts on ${trigger.name}, not by hand.`);
  const availability = trigger.settings.availability;
  if (availability.type === 'GLOBAL') {
    return [(await createRun(tx, { workflow, version, payload: {}, depth: 0, now })).id];
  }
  const ids = request.recordIds ?? [];
  const { name } = workflow;
  if (ids.length === 0)
    throw new Error(
      availability.type === 'SINGLE_RECORD'
        ? t`Choose a record to run "${name}" on.`
        : t`Choose records to run "${name}" on.`,
    );
  if (availability.type === 'SINGLE_RECORD' && ids.length > 1)
    throw new Error(t`"${name}" runs on one record at a time.`);
  const runIds: string[] = [];
  for (const id of ids) {
    const record = await tx.records.get(availability.objectNameSingular, id);
    const object = availability.objectNameSingular;
    if (!record) throw new Error(t`No ${object} record has id ${id}.`);
    runIds.push(
      (
        await createRun(tx, {
          workflow,
          version,
          payload: { objectName: availability.objectNameSingular, record },
          depth: 0,
          now,
        })
      ).id,
    );
  }
  return runIds;
}

/** A test run of any version (usually the draft) with sample trigger data the person chose. */
export async function createTestRun(
  tx: EngineTx,
  request: { workflowId: string; versionId: string; payload: unknown },
  now: number,
): Promise<string> {
  const workflow = await tx.getWorkflow(request.workflowId);
  const version = await tx.getVersion(request.versionId);
  if (!workflow || !version || version.workflowId !== workflow.id) throw new Error(t`This version no longer exists.`);
  // A sample record event gets its related records as a real event would.
  const payload =
    version.trigger.type === 'DATABASE_EVENT' && isRecordEventPayload(request.payload)
      ? await withRelatedRecords(tx.records, request.payload)
      : request.payload;
  return (await createRun(tx, { workflow, version, payload, depth: 0, now, test: true })).id;
}

function isRecordEventPayload(value: unknown): value is RecordEventPayload {
  const v = value as Partial<RecordEventPayload> | null;
  return !!v && typeof v.objectName === 'string' && !!v.properties && typeof v.properties === 'object';
}
