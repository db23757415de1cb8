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
      const done = data.id ? pending.get(data.id) : undefined;
      if (done) {
        pending.delete(data.id!);
        done(data);
      }
    });
  });
  frame.src = '/sandbox.html';
  document.body.append(frame);
  return ready;
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
