import { t } from '@lingui/core/macro';
import type { RecordEvent, RecordView } from '../../schema/record';
import type { Trigger } from '../../schema/workflow';
import { resolveValue } from '../resolver';
import { evaluateStepFilters } from '../twentyFilter';
import type { RecordTx } from '../ports';
import type { TriggerDefinition } from './types';

/** A record created, updated, deleted or upserted: fired by the outbox (see `consumeOutbox`). */
export const databaseEventTrigger: TriggerDefinition<'DATABASE_EVENT'> = {
  type: 'DATABASE_EVENT',
  fires: 'outbox',
  outputs(trigger) {
    const [object, kind] = trigger.settings.eventName.split('.');
    return [
      { path: 'recordId', label: t`Record id` },
      ...(kind !== 'deleted' ? [{ path: 'properties.after', label: '', record: object }] : []),
      ...(kind === 'updated' || kind === 'deleted'
        ? [{ path: 'properties.before', label: t`Before`, record: object }]
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

/**
 * The payload as Twenty builds it: in `before` and `after`, each relation to one record holds
 * that record (`{{trigger.properties.after.company.name}}`) and its id is in `<relation>Id`
 * (`companyId`); a related record that no longer exists reads as `{id}`.
 */
export async function withRelatedRecords(records: RecordTx, payload: RecordEventPayload): Promise<RecordEventPayload> {
  const meta = await records.object(payload.objectName);
  const relations = (meta?.fields ?? []).filter(
    (f) => f.type === 'RELATION' && !f.relation?.multiple && (f.relation?.objects.length ?? 0) === 1,
  );
  if (relations.length === 0) return payload;
  const enrich = async (record: RecordView | null): Promise<RecordView | null> => {
    if (!record) return record;
    const out: RecordView = { ...record };
    for (const f of relations) {
      const id = record[f.name];
      if (typeof id !== 'string' || !id) continue;
      out[`${f.name}Id`] = id;
      out[f.name] = (await records.get(f.relation!.objects[0], id)) ?? { id };
    }
    return out;
  };
  const [before, after] = await Promise.all([enrich(payload.properties.before), enrich(payload.properties.after)]);
  return { ...payload, properties: { ...payload.properties, before, after } };
}

export function changedFields(before: RecordView | null, after: RecordView | null): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  keys.delete('updatedAt');
  return [...keys].filter((k) => JSON.stringify(before?.[k] ?? null) !== JSON.stringify(after?.[k] ?? null));
}

/** Whether a DATABASE_EVENT trigger listens to this event (its object, kind and watched fields). */
export function triggerListensTo(trigger: Trigger, event: RecordEvent): boolean {
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
  return true;
}

/** Whether the trigger's conditions hold for the event's payload (as `{{trigger.…}}`). */
export function triggerConditionsHold(trigger: Trigger, payload: RecordEventPayload, now: number): boolean {
  if (trigger.type !== 'DATABASE_EVENT') return false;
  const filter = trigger.settings.filter;
  if (!filter || filter.stepFilters.length === 0) return true;
  const context = { trigger: payload };
  try {
    return evaluateStepFilters(filter, (v) => resolveValue(v, context), now);
  } catch {
    // A condition that cannot be read (an operand its type does not take) does not start a run.
    return false;
  }
}
