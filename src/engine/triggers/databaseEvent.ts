import type { RecordEvent, RecordView } from '../../schema/record';
import type { Trigger } from '../../schema/workflow';
import { resolveValue } from '../resolver';
import { evaluateStepFilters } from '../twentyFilter';
import type { TriggerDefinition } from './types';

/** A record created, updated, deleted or upserted: fired by the outbox (see `consumeOutbox`). */
export const databaseEventTrigger: TriggerDefinition<'DATABASE_EVENT'> = {
  type: 'DATABASE_EVENT',
  fires: 'outbox',
  outputs(trigger) {
    const [object, kind] = trigger.settings.eventName.split('.');
    return [
      { path: 'recordId', label: 'Record id' },
      ...(kind !== 'deleted' ? [{ path: 'properties.after', label: '', record: object }] : []),
      ...(kind === 'updated' || kind === 'deleted'
        ? [{ path: 'properties.before', label: 'Before', record: object }]
        : []),
    ];
  },
  sampleObject: (trigger) => trigger.settings.eventName.split('.')[0],
  samplePayload(trigger, record) {
    const [objectName, kind] = trigger.settings.eventName.split('.');
    const event = kind === 'upserted' ? 'created' : kind;
    return {
      name: `${objectName}.${event}`,
      objectName,
      recordId: record?.id,
      properties: {
        before: event === 'created' ? null : (record ?? null),
        after: event === 'deleted' ? null : (record ?? null),
        ...(event === 'updated' ? { updatedFields: [] } : {}),
      },
    };
  },
};

/** What `{{trigger.…}}` holds for a record event (Twenty's shape). */
export interface RecordEventPayload {
  name: string;
  objectName: string;
  recordId: string;
  properties: { before: RecordView | null; after: RecordView | null; updatedFields?: string[] };
}

export function recordEventPayload(event: RecordEvent): RecordEventPayload {
  const properties: RecordEventPayload['properties'] = { before: event.before, after: event.after };
  if (event.event === 'updated') properties.updatedFields = changedFields(event.before, event.after);
  return { name: `${event.object}.${event.event}`, objectName: event.object, recordId: event.recordId, properties };
}

export function changedFields(before: RecordView | null, after: RecordView | null): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  keys.delete('updatedAt');
  return [...keys].filter((k) => JSON.stringify(before?.[k] ?? null) !== JSON.stringify(after?.[k] ?? null));
}

/** Whether a DATABASE_EVENT trigger fires for this event. */
export function triggerMatches(trigger: Trigger, event: RecordEvent, now: number): boolean {
  if (trigger.type !== 'DATABASE_EVENT') return false;
  const [object, kind] = trigger.settings.eventName.split('.');
  if (object !== event.object) return false;
  const isKind =
    kind === event.event || (kind === 'upserted' && (event.event === 'created' || event.event === 'updated'));
  if (!isKind) return false;
  const fields = trigger.settings.fields;
  if (event.event === 'updated' && fields && fields.length > 0) {
    const changed = changedFields(event.before, event.after);
    if (!fields.some((f) => changed.includes(f))) return false;
  }
  const filter = trigger.settings.filter;
  if (filter && filter.stepFilters.length > 0) {
    // Twenty's trigger conditions read the event as `{{trigger.…}}`, like the steps will.
    const context = { trigger: recordEventPayload(event) };
    try {
      if (!evaluateStepFilters(filter, (v) => resolveValue(v, context), now)) return false;
    } catch {
      // A condition that cannot be read (a wrong operand for its type) does not start a run.
      return false;
    }
  }
  return true;
}
