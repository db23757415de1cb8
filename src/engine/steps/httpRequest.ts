import type { StepOfType } from '../../schema/workflow';
import { StepError, type StepDefinition } from './types';

/**
 * Calls an HTTP endpoint. Errors say which of these it was: the endpoint could not be
 * reached, it took too long, the browser refused the answer (CORS: the endpoint must allow
 * this origin), or it answered with an error status.
 */
export const httpRequest: StepDefinition<'HTTP_REQUEST'> = {
  type: 'HTTP_REQUEST',
  outputs: () => [
    { path: 'status', label: 'Status' },
    { path: 'body', label: 'Response body' },
    { path: 'headers', label: 'Response headers' },
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
      throw new StepError(`"${resolved.url}" is not a URL (it must start with http:// or https://)`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new StepError(`only http and https URLs can be called, not ${url.protocol}`);
    for (const [k, v] of Object.entries(resolved.query ?? {})) url.searchParams.set(k, String(v));
    const headers = new Headers();
    for (const [k, v] of Object.entries(resolved.headers ?? {})) {
      try {
        headers.set(k, String(v));
      } catch {
        throw new StepError(`header "${k}" is not a valid HTTP header`);
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
      if (controller.signal.aborted)
        throw new StepError(`${url.host} did not answer within ${resolved.timeoutMs / 1000} s (timeout)`);
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
        if (resolved.responseType === 'json')
          throw new StepError(
            `${url.host} answered ${response.status} with text that is not JSON: ${text.slice(0, 200)}`,
          );
      }
    }
    // Twenty's HTTP step output is the answer's data itself (`{{http.id}}`): its keys are at the
    // top too; `status`, `headers` and `body` (Localflow's) win where a key has their name.
    const data =
      parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
    const output = { ...data, status: response.status, headers: Object.fromEntries(response.headers), body: parsed };
    if (resolved.failOnNon2xx && !response.ok) {
      throw new StepError(
        `${url.host} answered HTTP ${response.status} ${response.statusText}`.trim() +
          (text ? `: ${text.slice(0, 300)}` : ''),
      );
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

/** A fetch that throws is a network failure or a CORS refusal; an opaque probe tells them apart. */
async function explainFailure(doFetch: typeof fetch, url: URL, error: unknown): Promise<string> {
  const isBrowser = typeof (globalThis as { location?: unknown }).location !== 'undefined';
  if (isBrowser) {
    try {
      await doFetch(url, { mode: 'no-cors', method: 'GET' });
      const origin = (globalThis as unknown as { location: { origin: string } }).location.origin;
      return (
        `${url.host} answered, but the browser refused to share the answer (CORS). The endpoint must reply with ` +
        `"Access-Control-Allow-Origin: ${origin}" (or *), and allow the method and headers used (Access-Control-Allow-Methods / -Headers) in its answer to the OPTIONS preflight.`
      );
    } catch {
      /* unreachable as well */
    }
  }
  return `could not reach ${url.host} (network failure: ${error instanceof Error ? error.message : String(error)})`;
}
