import { t } from '@lingui/core/macro';
import { webhookTriggerPayload, type WebhookPayload } from '../webhook';
import type { OutputSpec } from '../steps/types';
import type { TriggerDefinition, TriggerOfType } from './types';

/** A call to the workflow's webhook URL, answered by the service worker (see `receiveWebhook`). */
export const webhookTrigger: TriggerDefinition<'WEBHOOK'> = {
  type: 'WEBHOOK',
  fires: 'webhook',
  outputs(trigger) {
    const part = trigger.settings.httpMethod === 'GET' ? 'query' : 'body';
    const out: OutputSpec[] = [];
    // The expected body's keys (those a variable can name) are offered one by one.
    const walk = (value: unknown, path: string, label: string) => {
      out.push({ path, label });
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        for (const [k, v] of Object.entries(value))
          if (/^[A-Za-z_$][\w$]*$/.test(k)) walk(v, `${path}.${k}`, `${label} › ${k}`);
      }
    };
    walk(trigger.settings.expectedBody, part, part === 'body' ? t`Body` : t`Query`);
    // Twenty's variables name the body's keys at the top (`{{trigger.email}}`): offered too.
    for (const [k, v] of Object.entries(trigger.settings.expectedBody))
      if (/^[A-Za-z_$][\w$]*$/.test(k) && !['method', 'query', 'body', 'headers', 'receivedAt'].includes(k))
        walk(v, k, k);
    if (part === 'body') out.push({ path: 'query', label: t`Query` });
    out.push({ path: 'headers', label: t`Headers` }, { path: 'receivedAt', label: t`Received at` });
    return out;
  },
  sampleObject: () => undefined,
  samplePayload: (trigger, _record, now) => webhookTriggerPayload(webhookSample(trigger, now)),
};

/** A webhook call as the service worker would pass it, with the trigger's expected body as the data. */
export function webhookSample(trigger: TriggerOfType<'WEBHOOK'>, now = Date.now()): WebhookPayload {
  const { httpMethod, expectedBody } = trigger.settings;
  const query =
    httpMethod === 'GET'
      ? Object.fromEntries(
          Object.entries(expectedBody).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
        )
      : {};
  return {
    method: httpMethod,
    query,
    body: httpMethod === 'POST' ? expectedBody : {},
    headers: {},
    receivedAt: new Date(now).toISOString(),
  };
}
