/**
 * Records never cross a trust boundary as a whole (the repository checks every written value
 * against its object's fields), so their shapes are plain types: no validator ships with the
 * app shell.
 */

/** One row of the `records` table: every object's records live in the same table. */
export interface RecordRow {
  id: string;
  object: string;
  data: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
}

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
export interface EventOrigin {
  workflowId: string;
  runId: string;
  depth: number;
}

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
