/**
 * Runs CODE steps in a hidden `<iframe sandbox="allow-scripts">` (opaque origin: no access
 * to the app's IndexedDB, storage, cookies or DOM). The iframe runs each execution in a
 * fresh Worker and terminates it at the timeout, so an endless loop never blocks the page.
 */
import { t } from '@lingui/core/macro';
import type { CodeRunRequest, CodeRunResult } from '../engine/steps/types';

/**
 * The sandbox is spoken to through a MessageChannel handed to it once, when it has loaded:
 * if its frame is navigated elsewhere, the new document holds no port, so it receives no
 * code or parameters and can answer nothing. A frame that navigates is thrown away and a
 * fresh sandbox is built for the next run.
 */
let current: { frame: HTMLIFrameElement; ready: Promise<MessagePort>; pongs: number } | null = null;
const pending = new Map<string, (r: CodeRunResult) => void>();
const START_TIMEOUT_MS = 15_000;

/**
 * The sandbox is a cross-origin frame, which Chromium puts in a process of its own: code that
 * exhausts memory kills that process, never the app. Nothing tells the host, so while code runs
 * it pings the sandbox page every second; two pings without an answer mean the process is gone.
 * (Pings are messages, which hidden tabs do not throttle; only the checks slow down there.)
 */
const LIVENESS_CHECK_MS = 1000;
const sandboxDied = () =>
  t`the code used too much memory (or crashed its sandbox), so the sandbox was stopped; the step is not run again on its own`;
let liveness: ReturnType<typeof setInterval> | undefined;
let pinged = 0;

function watchLiveness(port: MessagePort): void {
  if (liveness) return;
  const sandboxAtStart = current;
  pinged = 0;
  liveness = setInterval(() => {
    if (pending.size === 0 || current !== sandboxAtStart || !current) {
      clearInterval(liveness);
      liveness = undefined;
      return;
    }
    if (pinged - current.pongs >= 2) {
      clearInterval(liveness);
      liveness = undefined;
      discardSandbox(sandboxDied(), true);
      return;
    }
    port.postMessage({ ping: ++pinged });
  }, LIVENESS_CHECK_MS);
}

function discardSandbox(reason: string, died = false): void {
  if (!current) return;
  current.frame.remove();
  current = null;
  for (const [id, done] of pending) {
    pending.delete(id);
    done({ ok: false, error: reason, logs: [], ...(died ? { sandboxDied: true } : {}) });
  }
}

function sandbox(): Promise<MessagePort> {
  if (current) return current.ready;
  const frame = document.createElement('iframe');
  frame.setAttribute('sandbox', 'allow-scripts');
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  frame.title = t`Code sandbox`;
  frame.style.display = 'none';
  const ready = new Promise<MessagePort>((resolve, reject) => {
    let loads = 0;
    const timer = setTimeout(() => {
      discardSandbox(t`the code sandbox did not start`);
      reject(new Error(t`the code sandbox did not start`));
    }, START_TIMEOUT_MS);
    frame.addEventListener('load', () => {
      if (++loads > 1) {
        // Navigated away from the sandbox: whatever document is there now is not ours.
        discardSandbox(t`the code sandbox was replaced while the code ran; run the step again`);
        return;
      }
      const { port1, port2 } = new MessageChannel();
      port1.onmessage = (event) => {
        const data = event.data as { sandboxReady?: boolean; id?: unknown; pong?: unknown } | null;
        if (typeof data?.pong === 'number') {
          if (current?.frame === frame) current.pongs = Math.max(current.pongs, data.pong);
          return;
        }
        if (data?.sandboxReady) {
          clearTimeout(timer);
          resolve(port1);
          return;
        }
        const done = typeof data?.id === 'string' ? pending.get(data.id) : undefined;
        if (done) {
          pending.delete(data!.id as string);
          done(readSandboxAnswer(data));
        }
      };
      frame.contentWindow?.postMessage({ connect: 'localflow-sandbox' }, '*', [port2]);
    });
  });
  ready.catch(() => {});
  current = { frame, ready, pongs: 0 };
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
export function readSandboxAnswer(data: unknown): CodeRunResult {
  const d = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  const logs = Array.isArray(d.logs)
    ? d.logs.slice(0, MAX_LOG_LINES).map((l) => String(l).slice(0, MAX_LOG_CHARS))
    : [];
  if (d.ok !== true) {
    return {
      ok: false,
      logs,
      timedOut: d.timedOut === true,
      error: typeof d.error === 'string' && d.error ? d.error.slice(0, 2000) : t`the code failed without saying why`,
      line: typeof d.line === 'number' && Number.isInteger(d.line) && d.line > 0 ? d.line : undefined,
    };
  }
  if (typeof d.valueJson !== 'string')
    return {
      ok: false,
      logs,
      error: t`the code step answered in an unexpected form (did the code post a message of its own?)`,
    };
  if (d.valueJson.length > MAX_RESULT_CHARS) {
    return {
      ok: false,
      logs,
      error: t`the result is too large to keep (${(d.valueJson.length / 1e6).toFixed(1)} MB as JSON; the limit is ${MAX_RESULT_CHARS / 1e6} MB)`,
    };
  }
  try {
    return { ok: true, value: JSON.parse(d.valueJson), logs };
  } catch {
    return { ok: false, logs, error: t`the code step’s result is not valid JSON` };
  }
}

/**
 * Calls in flight when this tab closes or reloads are noted in localStorage (written during
 * `pagehide`, which a crash never reaches): the next leader runs them again, while a call cut
 * off without a note — the tab died under it — fails instead of killing the next tab too.
 */
const CUT_OFF_KEY = 'localflow.codeCutOff';
const CUT_OFF_KEEP_MS = 7 * 24 * 3600_000;
const inFlight = new Set<string>();

function readCutOffNotes(): Record<string, number> {
  try {
    const notes = JSON.parse(localStorage.getItem(CUT_OFF_KEY) ?? '{}') as unknown;
    return notes && typeof notes === 'object' && !Array.isArray(notes) ? (notes as Record<string, number>) : {};
  } catch {
    return {};
  }
}

if (typeof window !== 'undefined') {
  window.addEventListener('pagehide', () => {
    if (inFlight.size === 0) return;
    const notes = readCutOffNotes();
    for (const id of inFlight) notes[id] = Date.now();
    try {
      localStorage.setItem(CUT_OFF_KEY, JSON.stringify(notes));
    } catch {
      // Storage full or blocked: the calls count as cut off by a crash.
    }
  });
}

/** Code calls cut off by a tab closing or reloading in the last week. */
export function codeCutOffByUnload(): string[] {
  const notes = readCutOffNotes();
  const recent = Object.entries(notes).filter(([, at]) => typeof at === 'number' && Date.now() - at < CUT_OFF_KEEP_MS);
  if (recent.length !== Object.keys(notes).length) {
    try {
      localStorage.setItem(CUT_OFF_KEY, JSON.stringify(Object.fromEntries(recent)));
    } catch {
      /* read-only storage */
    }
  }
  return recent.map(([id]) => id);
}

export async function runCode(request: CodeRunRequest): Promise<CodeRunResult> {
  if (request.callId) inFlight.add(request.callId);
  try {
    return await callSandbox(request);
  } finally {
    if (request.callId) inFlight.delete(request.callId);
  }
}

async function callSandbox(request: CodeRunRequest): Promise<CodeRunResult> {
  let port: MessagePort;
  try {
    port = await sandbox();
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error), logs: [] };
  }
  const id = crypto.randomUUID();
  return new Promise((resolve) => {
    pending.set(id, resolve);
    // The iframe stops the worker at the timeout; this is the net for a sandbox that died.
    setTimeout(() => {
      if (pending.delete(id))
        resolve({
          ok: false,
          error: t`the sandbox did not answer within ${request.timeoutMs / 1000 + 5} s`,
          logs: [],
          timedOut: true,
        });
    }, request.timeoutMs + 5000);
    // Parameters travel as JSON text: a string crosses into the sandbox and its fresh worker far
    // faster than a structured clone of many objects (a cold worker deserialises slowly).
    port.postMessage({
      id,
      code: request.code,
      paramsJson: JSON.stringify(request.params ?? null),
      timeoutMs: request.timeoutMs,
    });
    watchLiveness(port);
  });
}
