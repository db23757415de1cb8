import { i18n } from '@lingui/core';
import { t } from '@lingui/core/macro';
import type { EngineStore } from './ports';
import { receiveWebhook, type WebhookAnswer, type WebhookPayload } from './webhook';
import { readLimited } from '../share/readLimited';
import { setDataKey } from '../schema/dataKey';

/** Bodies larger than this are refused (413): a webhook carries data, not files. */
export const MAX_HOOK_BODY_BYTES = 1_000_000;

/**
 * Webhook URLs over HTTP, the same for every host that answers them: the service worker (in the
 * browser, never the network) and the runner (on its port).
 */

/** Whether a URL is under the app's `/hooks/`. */
export function isHookUrl(url: URL, scope: string): boolean {
  const base = new URL('hooks/', scope);
  return url.origin === base.origin && url.pathname.startsWith(base.pathname);
}

/** `/hooks/<workflowId>` or `/hooks/<workflowId>/test` under the app's scope, else null. */
export function matchHookPath(url: URL, scope: string): { workflowId: string; test: boolean } | null {
  if (!isHookUrl(url, scope)) return null;
  const m = /^([A-Za-z0-9_-]{1,100})(\/test)?\/?$/.exec(url.pathname.slice(new URL('hooks/', scope).pathname.length));
  return m ? { workflowId: m[1], test: !!m[2] } : null;
}

class BadRequest extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** Query or form fields as an object; a key such as `constructor` or `__proto__` is just a key. */
function entriesToObject(entries: Iterable<[string, string]>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of entries) {
    const prev = Object.hasOwn(out, k) ? out[k] : undefined;
    setDataKey(out, k, prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v]);
  }
  return out;
}

const tooLarge = () => new BadRequest(`the body is larger than ${MAX_HOOK_BODY_BYTES / 1_000_000} MB`, 413);

/** The body's bytes, read as they stream in and refused once past the limit, whatever its type. */
async function readBytes(request: Request): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array(await request.arrayBuffer());
  return readLimited(request.body, MAX_HOOK_BODY_BYTES, tooLarge);
}

/** The body as data: JSON (any content type but forms), URL-encoded or multipart forms. */
async function readBody(request: Request): Promise<unknown> {
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_HOOK_BODY_BYTES) throw tooLarge();
  const bytes = await readBytes(request);
  if (type.startsWith('multipart/form-data')) {
    let form: FormData;
    try {
      form = await new Response(bytes as BufferSource, {
        headers: { 'content-type': request.headers.get('content-type') ?? '' },
      }).formData();
    } catch (error) {
      throw new BadRequest(`the multipart form could not be read: ${error instanceof Error ? error.message : error}`);
    }
    const pairs: [string, string][] = [];
    form.forEach((value, key) => {
      // Files are described, not kept: a run's input is data.
      pairs.push([
        key,
        typeof value === 'string'
          ? value
          : `(file “${value.name}”, ${value.size} bytes, ${value.type || 'unknown type'})`,
      ]);
    });
    return entriesToObject(pairs);
  }
  const text = new TextDecoder().decode(bytes);
  if (type.startsWith('application/x-www-form-urlencoded')) return entriesToObject(new URLSearchParams(text));
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new BadRequest(
      `the body is not valid JSON (${error instanceof Error ? error.message : error}); send JSON, or a form with Content-Type application/x-www-form-urlencoded or multipart/form-data`,
    );
  }
}

/** Headers a workflow may read; cookies and credentials stay out of the run history. */
function safeHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, key) => {
    if (!['cookie', 'authorization', 'proxy-authorization'].includes(key)) out[key] = value;
  });
  return out;
}

function page(status: number, title: string, html: string): Response {
  const doc =
    `<!doctype html><html lang="${i18n.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title} · Localflow</title>` +
    `<style>body{font:16px system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1f2328}code{background:#f3f4f6;padding:0 .25em}</style></head>` +
    `<body><h1>${title}</h1>${html}</body></html>`;
  return new Response(doc, {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
  });
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The answer: JSON for programs; a short page when a person opened the URL in a tab. */
function respond(
  answer: WebhookAnswer | { status: 400 | 413 | 422 | 503; error: string },
  navigate: boolean,
  appRoot: string,
): Response {
  if (navigate) {
    if (answer.status === 202) {
      return page(
        202,
        t`Request received`,
        `<p>${escapeHtml(answer.skipped || (answer.test ? t`Localflow started a test run of this workflow.` : t`Localflow started a run of this workflow.`))}</p>` +
          `<p><a href="${appRoot}runs/${answer.runId}">${escapeHtml(t`Open the run`)}</a> · <code>${answer.runId}</code></p>`,
      );
    }
    return page(
      answer.status,
      t`Request refused`,
      `<p>${escapeHtml(answer.error)}.</p><p><a href="${appRoot}">${escapeHtml(t`Open Localflow`)}</a></p>`,
    );
  }
  const headers: Record<string, string> = { 'content-type': 'application/json', 'cache-control': 'no-store' };
  if ('allow' in answer && answer.allow) headers.allow = answer.allow;
  const body =
    answer.status === 202
      ? {
          runId: answer.runId,
          workflowId: answer.workflowId,
          ...(answer.test ? { test: true } : {}),
          ...(answer.skipped ? { skipped: answer.skipped } : {}),
          ...(answer.replayed ? { replayed: true } : {}),
        }
      : { error: answer.error };
  return new Response(JSON.stringify(body), { status: answer.status, headers });
}

/**
 * Answers a webhook call: 202 `{runId}` once the run is stored; 401 wrong token; 404 unknown
 * or inactive workflow; 405 wrong method; 400 malformed body; 413 too large; 503 when the
 * run could not be stored (nothing was started).
 */
export async function handleHookRequest(
  request: Request,
  store: EngineStore,
  scope: string,
  now: () => number = Date.now,
  /** A person opened the URL in a tab (they get a page, not JSON). */
  navigate = request.mode === 'navigate',
): Promise<{ response: Response; runId?: string }> {
  const url = new URL(request.url);
  const target = matchHookPath(url, scope);
  if (!target)
    return {
      response: respond(
        { status: 404, error: 'a webhook URL looks like /hooks/<workflow id>?token=<secret>' },
        navigate,
        scope,
      ),
    };
  const method = request.method.toUpperCase();
  if (method !== 'GET' && method !== 'POST') {
    return {
      response: respond({ status: 405, error: `webhooks answer GET and POST, not ${method}` }, navigate, scope),
    };
  }
  const query = entriesToObject([...url.searchParams].filter(([k]) => k !== 'token'));
  let body: unknown = {};
  if (method === 'POST') {
    try {
      body = await readBody(request);
    } catch (error) {
      if (error instanceof BadRequest)
        return { response: respond({ status: error.status as 400 | 413, error: error.message }, navigate, scope) };
      throw error;
    }
  }
  const payload: WebhookPayload = {
    method,
    query,
    body,
    headers: safeHeaders(request.headers),
    receivedAt: new Date(now()).toISOString(),
  };
  let answer: WebhookAnswer;
  try {
    answer = await store.transaction((tx) =>
      receiveWebhook(
        tx,
        {
          workflowId: target.workflowId,
          token: url.searchParams.get('token') ?? '',
          payload,
          test: target.test,
        },
        now(),
      ),
    );
  } catch (error) {
    // Nothing was stored (the transaction rolled back). Storage that is full or busy can take the
    // same call later (503); a value the database cannot hold never will (422, no "try again").
    const name = error instanceof Error ? error.name : '';
    if (name === 'DataCloneError' || name === 'DataError') {
      return {
        response: respond(
          {
            status: 422,
            error: `the request holds a value that cannot be stored (${(error as Error).message}); nothing was started`,
          },
          navigate,
          scope,
        ),
      };
    }
    const reason =
      name === 'QuotaExceededError'
        ? 'the browser’s storage for Localflow is full'
        : error instanceof Error
          ? error.message
          : String(error);
    return {
      response: respond(
        { status: 503, error: `the run could not be stored (${reason}); nothing was started — send it again later` },
        navigate,
        scope,
      ),
    };
  }
  return {
    response: respond(answer, navigate, scope),
    runId: answer.status === 202 && !answer.skipped && !answer.replayed ? answer.runId : undefined,
  };
}
