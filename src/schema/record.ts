import { z } from 'zod';

/** One row of the `records` table: every object's records live in the same table. */
export const RecordRow = z.object({
  id: z.string(),
  object: z.string(),
  data: z.record(z.string(), z.unknown()),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type RecordRow = z.infer<typeof RecordRow>;

/** What a workflow sees of a record: its id and fields flattened together, as in Twenty. */
export type RecordView = { id: string; createdAt: string; updatedAt: string } & Record<string, unknown>;

export function toRecordView(row: RecordRow): RecordView {
  return {
    ...row.data,
    id: row.id,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

export const RECORD_EVENT_TYPES = ['created', 'updated', 'deleted', 'upserted'] as const;
export type RecordEventType = (typeof RECORD_EVENT_TYPES)[number];

/** Who caused a record change: a person in the UI (no origin) or a workflow run. */
export const EventOrigin = z.object({
  workflowId: z.string(),
  runId: z.string(),
  depth: z.number().int().nonnegative(),
});
export type EventOrigin = z.infer<typeof EventOrigin>;

/** A row of the `events` outbox, written in the same transaction as the record change. */
export interface RecordEvent {
  seq?: number;
  object: string;
  event: RecordEventType;
  recordId: string;
  before: RecordView | null;
  after: RecordView | null;
  at: number;
  origin: EventOrigin | null;
}
