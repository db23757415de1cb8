import { t } from '@lingui/core/macro';
import type { StepOfType } from '../../schema/workflow';
import { formatNumber } from '../../i18n/format';
import { StepError, type StepDefinition } from './types';

/**
 * Calls an HTTP endpoint. Errors say which of these it was: the endpoint could not be
 * reached, it took too long, the browser refused the answer (CORS: the endpoint must allow
 * this origin), or it answered with an error status.
 */
export const httpRequest: StepDefinition<'HTTP_REQUEST'> = {
  type: 'HTTP_REQUEST',
  outputs: () => [
    { path: 'status', label: t`Status` },
    { path: 'body', label: t`Response body` },
    { path: 'headers', label: t`Response headers` },
  ],
  external: true,
  async execute(ctx) {
    const settings = httpDefaults(ctx.step.settings.input);
    // Secrets are filled in for the request only; the run history keeps them masked.
    const { real, masked } = await ctx.resolveWithSecrets(settings);
    const resolved = real as typeof settings;
    const shown = masked as typeof settings;
    let url: URL;
    try {
      url = new URL(String(resolved.url));
    } catch {
      const written = String(resolved.url);
      throw new StepError(t`"${written}" is not a URL (it must start with http:// or https://)`);
    }
    const { protocol, host } = url;
    if (protocol !== 'http:' && protocol !== 'https:')
      throw new StepError(t`only http and https URLs can be called, not ${protocol}`);
    for (const [k, v] of Object.entries(resolved.query ?? {})) url.searchParams.set(k, String(v));
    const headers = new Headers();
    for (const [k, v] of Object.entries(resolved.headers ?? {})) {
      try {
        headers.set(k, String(v));
      } catch {
        throw new StepError(t`header "${k}" is not a valid HTTP header`);
      }
    }
    headers.set('Idempotency-Key', ctx.idempotencyKey);
    let body: BodyInit | undefined;
    if (resolved.method !== 'GET' && resolved.bodyType !== 'none') {
      if (resolved.bodyType === 'json') {
        body = typeof resolved.body === 'string' ? resolved.body : JSON.stringify(resolved.body ?? null);
        if (!headers.has('content-type')) headers.set('content-type', 'application/json');
      } else if (resolved.bodyType === 'form') {
        body = new URLSearchParams(
          Object.entries((resolved.body ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v ?? '')]),
        );
      } else {
        body = String(resolved.body ?? '');
      }
    }
    const shownHeaders = Object.fromEntries(
      Object.entries(shown.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
    );
    const input = {
      method: resolved.method,
      url: shown.url,
      headers: { ...shownHeaders, 'idempotency-key': ctx.idempotencyKey },
      bodyType: resolved.bodyType,
      body: shown.body,
    };
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), resolved.timeoutMs);
    let response: Response;
    try {
      response = await ctx.services.fetch(url, { method: resolved.method, headers, body, signal: controller.signal });
    } catch (error) {
      clearTimeout(timer);
      if (controller.signal.aborted) {
        const seconds = formatNumber(resolved.timeoutMs / 1000);
        throw new StepError(t`${host} did not answer within ${seconds} s (timeout)`);
      }
      throw new StepError(await explainFailure(ctx.services.fetch, url, error));
    }
    let text: string;
    try {
      text = await response.text();
    } finally {
      clearTimeout(timer);
    }
    const type = response.headers.get('content-type') ?? '';
    let parsed: unknown = text;
    if (resolved.responseType === 'json' || (resolved.responseType === 'auto' && /\bjson\b/.test(type))) {
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        if (resolved.responseType === 'json') {
          const { status } = response;
          const answer = text.slice(0, 200);
          throw new StepError(t`${host} answered ${status} with text that is not JSON: ${answer}`);
        }
      }
    }
    // Twenty's HTTP step output is the answer's data itself (`{{http.id}}`): its keys are at the
    // top too; `status`, `headers` and `body` (Localflow's) win where a key has their name.
    const data =
      parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
    const output = { ...data, status: response.status, headers: Object.fromEntries(response.headers), body: parsed };
    if (resolved.failOnNon2xx && !response.ok) {
      const status = `${response.status} ${response.statusText}`.trim();
      const answer = text.slice(0, 300);
      throw new StepError(text ? t`${host} answered HTTP ${status}: ${answer}` : t`${host} answered HTTP ${status}`);
    }
    return { input, output };
  },
};

type HttpInput = StepOfType<'HTTP_REQUEST'>['settings']['input'];

/**
 * Localflow's optional settings filled in. Without a body type the body is sent as Twenty sends
 * it: as a form when the Content-Type header says so, as JSON when it is an object, as written
 * when it is text.
 */
export function httpDefaults(input: HttpInput): Required<Omit<HttpInput, 'body'>> & Pick<HttpInput, 'body'> {
  const contentType = Object.entries(input.headers ?? {}).find(([k]) => k.toLowerCase() === 'content-type')?.[1];
  const bodyType =
    input.bodyType ??
    (input.body === undefined || input.body === ''
      ? 'none'
      : /x-www-form-urlencoded/i.test(contentType ?? '')
        ? 'form'
        : typeof input.body === 'string' && !/json/i.test(contentType ?? '')
          ? 'raw'
          : 'json');
  return {
    ...input,
    headers: input.headers ?? {},
    query: input.query ?? {},
    bodyType,
    timeoutMs: input.timeoutMs ?? 30_000,
    responseType: input.responseType ?? 'auto',
    failOnNon2xx: input.failOnNon2xx ?? true,
  };
}

const GENERIC_FETCH_FAILURE =
  /^(failed to fetch|load failed|fetch failed|networkerror when attempting to fetch resource\.?)$/i;

/** A fetch that throws is a network failure or a CORS refusal; an opaque probe tells them apart. */
async function explainFailure(doFetch: typeof fetch, url: URL, error: unknown): Promise<string> {
  const isBrowser = typeof (globalThis as { location?: unknown }).location !== 'undefined';
  if (isBrowser) {
    try {
      await doFetch(url, { mode: 'no-cors', method: 'GET' });
      const origin = (globalThis as unknown as { location: { origin: string } }).location.origin;
      const { host } = url;
      return t`${host} answered, but the browser refused to share the answer (CORS). The endpoint must reply with "Access-Control-Allow-Origin: ${origin}" (or *), and allow the method and headers used (Access-Control-Allow-Methods / -Headers) in its answer to the OPTIONS preflight.`;
    } catch {
      /* unreachable as well */
    }
  }
  const { host } = url;
  // Browsers say only "Failed to fetch" (or "Load failed"…): nothing more to tell. Node names the cause.
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  const message = error instanceof Error ? error.message : String(error);
  const reason = typeof cause === 'string' ? cause : GENERIC_FETCH_FAILURE.test(message) ? '' : message;
  return reason
    ? t`could not reach ${host} (network failure: ${reason})`
    : t`could not reach ${host} (network failure)`;
}
