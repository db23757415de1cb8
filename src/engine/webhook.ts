import { t } from '@lingui/core/macro';
import type { EngineTx } from './ports';
import { createRun, DEFAULT_MAX_DEPTH } from './triggers/runs';

/** What `{{trigger.…}}` holds for a webhook call (`trigger.body.…`, `trigger.query.…`). */
export interface WebhookPayload {
  method: 'GET' | 'POST';
  query: Record<string, string | string[]>;
  body: unknown;
  headers: Record<string, string>;
  receivedAt: string;
}

/**
 * What a webhook run's `{{trigger}}` holds: the call's parts, and — as in Twenty, where a POST's
 * body is the trigger's payload (`{{trigger.email}}`) — the body's (or a GET's query's) keys at
 * the top. Where a key of the body has the name of a part (`body`, `query`, `headers`…), the part wins.
 */
export function webhookTriggerPayload(payload: WebhookPayload): Record<string, unknown> {
  const data = payload.method === 'GET' ? payload.query : payload.body;
  const top = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  return { ...top, ...payload };
}

export interface WebhookCall {
  workflowId: string;
  token: string;
  payload: WebhookPayload;
  /** A test call runs the draft (or the active version when there is no draft), active or not. */
  test?: boolean;
}

export type WebhookAnswer =
  | { status: 202; runId: string; workflowId: string; test: boolean; skipped?: string; replayed?: boolean }
  | { status: 401 | 404 | 405; error: string; allow?: 'GET' | 'POST' };

/** Compares without stopping at the first difference, so timing says nothing about the token. */
function sameToken(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

/**
 * A call to `/hooks/<workflowId>`: checks the workflow, its token and method, then creates
 * the run in the same transaction. The answer says what the caller gets back.
 */
export async function receiveWebhook(tx: EngineTx, call: WebhookCall, now: number): Promise<WebhookAnswer> {
  const workflow = await tx.getWorkflow(call.workflowId);
  if (!workflow) return { status: 404, error: `no workflow has id "${call.workflowId}"` };
  if (!workflow.hookToken || !sameToken(workflow.hookToken, call.token)) {
    return {
      status: 401,
      error:
        'the token is missing or wrong (copy the URL again from the workflow’s trigger: the token may have been regenerated)',
    };
  }
  const versionId = call.test ? (workflow.draftVersionId ?? workflow.activeVersionId) : workflow.activeVersionId;
  const version = versionId ? await tx.getVersion(versionId) : undefined;
  if (!version)
    return {
      status: 404,
      error: `the workflow “${workflow.name}” is not active: activate it to receive calls (or use its test URL)`,
    };
  const trigger = version.trigger;
  if (trigger.type !== 'WEBHOOK')
    return { status: 404, error: `the workflow “${workflow.name}” does not start from a webhook` };
  if (trigger.settings.httpMethod !== call.payload.method) {
    return {
      status: 405,
      error: `this webhook expects ${trigger.settings.httpMethod}, not ${call.payload.method}`,
      allow: trigger.settings.httpMethod,
    };
  }
  // A replayed Idempotency-Key gets the run the first call started, not a second one — even
  // while another runner holds that run (unless the run history let it go since).
  const key = call.payload.headers['idempotency-key'];
  const noteKey = key ? `hook:${workflow.id}:${call.test ? 'test:' : ''}${key.slice(0, 200)}` : undefined;
  const earlier = noteKey ? await tx.getNote(noteKey) : undefined;
  if (earlier && (await tx.hasRun(earlier)))
    return { status: 202, runId: earlier, workflowId: workflow.id, test: !!call.test, replayed: true };
  // A call made by a workflow's own HTTP step (its Idempotency-Key names the run and the step,
  // which is mid-call) is one link deeper in the chain: the loop guard stops a workflow that
  // keeps calling webhooks. A key naming a run that is not calling out counts for nothing.
  const caller = await callingRun(tx, key);
  const depth = caller ? caller.depth + 1 : 0;
  const skipReason =
    depth > DEFAULT_MAX_DEPTH
      ? t`Loop guard: skipped because this webhook was called by run ${caller!.id} (a chain of ${depth} workflow runs; the limit is ${DEFAULT_MAX_DEPTH}).`
      : undefined;
  const run = await createRun(tx, {
    workflow,
    version,
    payload: webhookTriggerPayload(call.payload),
    depth,
    now,
    skipReason,
    test: call.test,
  });
  if (noteKey) await tx.putNote(noteKey, run.id);
  return {
    status: 202,
    runId: run.id,
    workflowId: workflow.id,
    test: !!call.test,
    ...(skipReason ? { skipped: skipReason } : {}),
  };
}

/**
 * The run whose HTTP step sent this `Idempotency-Key` (`<runId>:<stepId>:<attempt>`), if that
 * step is an HTTP request running now, in that attempt; else none.
 */
async function callingRun(tx: EngineTx, key: string | undefined) {
  const m = key ? /^([0-9a-f-]{36}):([A-Za-z0-9_-]{1,64}):(\d+)$/.exec(key) : null;
  if (!m) return undefined;
  const run = await tx.getRun(m[1]);
  const step = run?.flow.steps.find((s) => s.id === m[2]);
  const info = run?.state.stepInfos[m[2]];
  if (
    !run ||
    step?.type !== 'HTTP_REQUEST' ||
    run.status !== 'running' ||
    info?.status !== 'RUNNING' ||
    (info.attempt ?? 1) !== Number(m[3])
  )
    return undefined;
  return run;
}

/** A fresh secret for a webhook URL: 24 random bytes, base64url. */
export function newHookToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}
