import type { RecordView } from '../../schema/record';
import type { Trigger } from '../../schema/workflow';
import type { WebhookPayload } from '../../engine/webhook';

/** The object whose record a test needs as sample data, if any. */
export function sampleObject(trigger: Trigger): string | undefined {
  if (trigger.type === 'DATABASE_EVENT') return trigger.settings.eventName.split('.')[0];
  if (trigger.type === 'CRON' || trigger.type === 'WEBHOOK') return undefined;
  return trigger.settings.availability.type === 'GLOBAL' ? undefined : trigger.settings.availability.objectName;
}

/** What `{{trigger…}}` holds when the trigger fires for this record (as a real event would). */
export function samplePayload(trigger: Trigger, record?: RecordView, now = Date.now()): unknown {
  if (trigger.type === 'CRON') return { scheduledAt: new Date(now).toISOString(), firedAt: new Date(now).toISOString(), missedTimes: [] };
  if (trigger.type === 'WEBHOOK') return webhookSample(trigger, now);
  if (trigger.type === 'MANUAL') {
    return trigger.settings.availability.type === 'GLOBAL' ? {} : { objectName: trigger.settings.availability.objectName, record };
  }
  const [objectName, kind] = trigger.settings.eventName.split('.');
  const event = kind === 'upserted' ? 'created' : kind;
  return {
    name: `${objectName}.${event}`, objectName, recordId: record?.id,
    properties: {
      before: event === 'created' ? null : record ?? null,
      after: event === 'deleted' ? null : record ?? null,
      ...(event === 'updated' ? { updatedFields: [] } : {}),
    },
  };
}

/** A webhook call as the service worker would pass it, with the trigger's expected body as the data. */
export function webhookSample(trigger: Extract<Trigger, { type: 'WEBHOOK' }>, now = Date.now()): WebhookPayload {
  const { httpMethod, expectedBody } = trigger.settings;
  const query = httpMethod === 'GET'
    ? Object.fromEntries(Object.entries(expectedBody).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])) : {};
  return { method: httpMethod, query, body: httpMethod === 'POST' ? expectedBody : {}, headers: {}, receivedAt: new Date(now).toISOString() };
}
