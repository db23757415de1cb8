/// <reference lib="webworker" />
import { t } from '@lingui/core/macro';
import * as Comlink from 'comlink';
import { LocalflowDB } from '../db/database';
import { createEngineStore, dryRunOnDb } from '../db/engineStore';
import { engineServices } from '../db/engineServices';
import { followSharedLocale } from '../db/locale';
// Languages other than English load on demand here, as on the page.
import '../i18n';
import { Engine } from '../engine/engine';
import { describeError } from '../client/errors';
import { stepDefinition } from '../engine/steps';
import type { EngineApi, EngineStatus } from './api';
import { kickChannel, LEADER_LOCK, type KickHint } from './hostProtocol';

/**
 * The engine host: a dedicated worker per tab. Tabs elect a leader with the Web Locks API;
 * only the leader's engine runs. When the leader's tab closes its lock is released and a
 * standby worker takes over, resuming whatever the database says is unfinished.
 */
const db = new LocalflowDB();
// Run failures are written in the language a tab chose (read again when a tab shares another).
void followSharedLocale(db);
const engine = new Engine(
  createEngineStore(db, Date.now, () => others.kick({ outbox: true })),
  {
    services: {
      ...engineServices(db),
      // Code steps are deferred until this tab has registered (see deferStep), so the runner is there.
      runCode: async (request) => {
        if (!codeRunner) throw new Error(t`code steps need a window: open Localflow in a tab`);
        return codeRunner(request);
      },
    },
    codeCutOffCleanly: (callId) => cutOffCleanly.has(callId),
    // Until this tab has said which code calls a closing tab cut off, code steps wait (a few ms).
    deferStep: (step) =>
      stepDefinition(step.type).needsTab && !notesRead ? t`this tab’s code sandbox, which is starting` : null,
    onError: (error) => setStatus({ ...status, lastError: error instanceof Error ? error.message : String(error) }),
  },
);
let status: EngineStatus = { role: 'starting' };
let codeRunner: Parameters<EngineApi['setCodeRunner']>[0] | null = null;
let readCutOff: Parameters<EngineApi['setCodeRunner']>[1] | null = null;
/** Code calls that a closing or reloading tab cut off (see `RunnerContext.codeCutOffCleanly`). */
let cutOffCleanly = new Set<string>();
let notesRead = false;
const listeners = new Set<(s: EngineStatus) => void>();

function setStatus(next: EngineStatus) {
  status = next;
  for (const l of listeners) l(status);
}

/** A kick with `locale`: a tab shared another language, which this host follows. */
function heard(hint: KickHint) {
  if (hint.locale) void followSharedLocale(db);
  engine.kick(hint);
}
const others = kickChannel(heard);

/** Kicks can be lost (a tab frozen mid-message): the leader also looks for work now and then. */
const SAFETY_POLL_MS = 2000;

/** A tab that closed or reloaded mid code step said so in storage only a tab can read: ask this worker's tab. */
async function readCutOffNotes(): Promise<void> {
  try {
    // A Comlink proxy of the tab's function: the answer arrives as a promise.
    if (readCutOff) cutOffCleanly = new Set(await readCutOff());
  } catch {
    // The tab is going away: every cut-off code call counts as a crash.
  }
  notesRead = true;
}

async function lead(): Promise<never> {
  // The language is read meanwhile; the engine starts once it is known (run failures are
  // written in it).
  const speaking = followSharedLocale(db);
  // Read when this worker takes the lead (a tab that closed a moment ago wrote them); a tab
  // that has not registered yet is asked when it does (see setCodeRunner). Between reading
  // them (or finding no tab yet) and becoming the leader nothing may wait, or a tab
  // registering meanwhile would see neither done.
  if (readCutOff) await readCutOffNotes();
  setStatus({ role: 'leader' });
  await speaking;
  engine.start();
  setInterval(() => engine.kick(), SAFETY_POLL_MS);
  // Hold the lock for the life of this worker.
  return new Promise<never>(() => {});
}

async function elect(): Promise<void> {
  const led = await navigator.locks.request(LEADER_LOCK, { ifAvailable: true }, async (lock) => {
    if (!lock) return false;
    return lead();
  });
  if (led === false) {
    setStatus({ role: 'standby' });
    await navigator.locks.request(LEADER_LOCK, lead);
  }
}
void elect();

const api: EngineApi = {
  status: () => status,
  async writeRecords(write) {
    try {
      return await engine.writeRecords(write);
    } catch (error) {
      // Said here, where the error is whole: only its message and name reach the page.
      throw Object.assign(new Error(describeError(error)), { name: (error as Error | null)?.name ?? 'Error' });
    } finally {
      // The leader (another tab's, when this one waits) takes up what the runs left.
      others.kick();
    }
  },
  async runManual(request) {
    const ids = await engine.runManual(request);
    others.kick();
    return ids;
  },
  async testRun(request) {
    const id = await engine.testRun(request);
    others.kick();
    return id;
  },
  dryRun: (flow, payload) => dryRunOnDb(db, flow, payload),
  async submitForm(runId, stepId, answers) {
    await engine.submitForm(runId, stepId, answers);
    others.kick();
  },
  async retryRun(runId) {
    await engine.retryRun(runId);
    others.kick();
  },
  async stopRun(runId) {
    await engine.stopRun(runId);
    others.kick();
  },
  kick(hint) {
    heard(hint ?? {});
    others.kick(hint);
  },
  setCodeRunner(runner, codeCutOff) {
    codeRunner = runner;
    readCutOff = codeCutOff;
    if (status.role === 'leader' && !notesRead) void readCutOffNotes().then(() => engine.retryDeferred());
  },
  subscribe(listener) {
    listeners.add(listener);
    listener(status);
  },
};

Comlink.expose(api);
