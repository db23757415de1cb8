/**
 * Runs CODE steps in a hidden `<iframe sandbox="allow-scripts">` (opaque origin: no access
 * to the app's IndexedDB, storage, cookies or DOM). The iframe runs each execution in a
 * fresh Worker and terminates it at the timeout, so an endless loop never blocks the page.
 */
export interface CodeResult { ok: boolean; value?: unknown; error?: string; line?: number; logs: string[]; timedOut?: boolean }

let frame: HTMLIFrameElement | null = null;
let ready: Promise<void> | null = null;
const pending = new Map<string, (r: CodeResult) => void>();

function sandbox(): Promise<void> {
  if (ready) return ready;
  frame = document.createElement('iframe');
  frame.setAttribute('sandbox', 'allow-scripts');
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  frame.title = 'Code sandbox';
  frame.style.display = 'none';
  ready = new Promise((resolve) => {
    window.addEventListener('message', (event) => {
      if (event.source !== frame?.contentWindow) return;
      const data = event.data as { sandboxReady?: boolean; id?: string } & CodeResult;
      if (data.sandboxReady) return resolve();
      const done = typeof data.id === 'string' ? pending.get(data.id) : undefined;
      if (done) {
        pending.delete(data.id!);
        done(readSandboxAnswer(data));
      }
    });
  });
  frame.src = '/sandbox.html';
  document.body.append(frame);
  return ready;
}

/** Largest result a code step may return, as JSON text. */
export const MAX_RESULT_CHARS = 10_000_000;
const MAX_LOG_LINES = 200;
const MAX_LOG_CHARS = 2000;

/**
 * What the sandbox answered, as plain data. The sandbox runs the person's code, which can post
 * messages of its own: nothing in the answer is trusted. The result crosses as JSON text and
 * is parsed here, so it is plain data (no cycles, BigInt, functions) of a bounded size.
 */
export function readSandboxAnswer(data: unknown): CodeResult {
  const d = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  const logs = Array.isArray(d.logs) ? d.logs.slice(0, MAX_LOG_LINES).map((l) => String(l).slice(0, MAX_LOG_CHARS)) : [];
  if (d.ok !== true) {
    return {
      ok: false, logs, timedOut: d.timedOut === true,
      error: typeof d.error === 'string' && d.error ? d.error.slice(0, 2000) : 'the code failed without saying why',
      line: typeof d.line === 'number' && Number.isInteger(d.line) && d.line > 0 ? d.line : undefined,
    };
  }
  if (typeof d.valueJson !== 'string') return { ok: false, logs, error: 'the code step answered in an unexpected form (did the code post a message of its own?)' };
  if (d.valueJson.length > MAX_RESULT_CHARS) {
    return { ok: false, logs, error: `the result is too large to keep (${(d.valueJson.length / 1e6).toFixed(1)} MB as JSON; the limit is ${MAX_RESULT_CHARS / 1e6} MB)` };
  }
  try {
    return { ok: true, value: JSON.parse(d.valueJson), logs };
  } catch {
    return { ok: false, logs, error: 'the code step’s result is not valid JSON' };
  }
}

export async function runCode(request: { code: string; params: unknown; timeoutMs: number }): Promise<CodeResult> {
  await sandbox();
  const id = crypto.randomUUID();
  return new Promise((resolve) => {
    pending.set(id, resolve);
    // The iframe stops the worker at the timeout; this is the net for a sandbox that died.
    setTimeout(() => {
      if (pending.delete(id)) resolve({ ok: false, error: `the sandbox did not answer within ${request.timeoutMs / 1000 + 5} s`, logs: [], timedOut: true });
    }, request.timeoutMs + 5000);
    // Parameters travel as JSON text: a string crosses into the sandbox and its fresh worker far
    // faster than a structured clone of many objects (a cold worker deserialises slowly).
    frame!.contentWindow!.postMessage({ id, code: request.code, paramsJson: JSON.stringify(request.params ?? null), timeoutMs: request.timeoutMs }, '*');
  });
}
