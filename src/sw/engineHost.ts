/// <reference lib="webworker" />
import { t } from '@lingui/core/macro';
import { LocalflowDB } from '../db/database';
import { engineServices } from '../db/engineServices';
import { createEngineStore } from '../db/engineStore';
import { followSharedLocale } from '../db/locale';
import { Engine } from '../engine/engine';
import { stepDefinition } from '../engine/steps';
import type { EngineStore } from '../engine/ports';
import { kickChannel, LEADER_LOCK } from '../worker/hostProtocol';

/** Shown on a code step a run reached while only the service worker was running it. */
export const codeWaitsForTab = () =>
  t`a Localflow tab: code steps run in a tab’s sandbox, so this one starts when Localflow is next opened`;

/** The service worker keeps the lead this long for timers that are due soon (a short delay, a retry). */
const HOLD_FOR_DUE_MS = 25_000;
const POLL_MS = 200;
/** One wake-up hosts the engine this long at most (browsers stop service workers after a few minutes). */
const MAX_HOST_MS = 60_000;

/**
 * What one wake-up did: ran the engine here; left it to a tab's engine (which holds the lead);
 * or gave the lead to a tab that asked for it — which may be the engine worker of a tab that is
 * closing, gone before it leads, so the lead is looked at again.
 */
type WakeOutcome = 'ran' | 'tab' | 'yielded';
/** How often, and how long apart, the service worker looks again after yielding the lead. */
const RECHECKS_AFTER_YIELD = 3;
const RECHECK_MS = 1000;

/**
 * The service worker as engine host. On a wake-up (webhook call, sync,
 * periodic sync, push, message) it takes the engine lead only if no tab holds it, runs what
 * is due with the same engine code, and gives the lead back as soon as a tab asks for it or
 * nothing is due soon. Code steps wait for a tab. When a tab leads, it is only kicked.
 */
export class ServiceWorkerEngineHost {
  private readonly db = new LocalflowDB();
  readonly store: EngineStore;
  private readonly others = kickChannel((hint) => this.engine?.kick(hint));
  private engine: Engine | null = null;
  private hosting: Promise<void> | null = null;
  private wanted = false;
  private waitForLeadMs = 0;

  constructor(
    private readonly options: {
      log?: (message: string) => void;
      /** Called after the service worker ran the engine, with the database and when it started. */
      afterHosting?: (db: LocalflowDB, since: number) => Promise<void>;
      /** The `fetch` HTTP steps use here (the service worker's own requests skip its fetch handler). */
      fetch?: typeof fetch;
    } = {},
  ) {
    this.store = createEngineStore(this.db, Date.now, () => this.broadcast(true));
  }

  /**
   * Looks for due work; resolves when the service worker has finished (or left it to a tab).
   * `waitForLeadMs`: when a tab leads, wait this long for it to close (a closing tab posts a
   * wake-up with it) before leaving the work to it.
   */
  wake(waitForLeadMs = 0): Promise<void> {
    this.wanted = true;
    this.waitForLeadMs = Math.max(this.waitForLeadMs, waitForLeadMs);
    this.engine?.kick();
    if (!this.hosting) {
      this.hosting = (async () => {
        // A wake-up that arrives while the engine winds down is served by one more round.
        while (this.wanted) {
          this.wanted = false;
          const wait = this.waitForLeadMs;
          this.waitForLeadMs = 0;
          let outcome = await this.hostOnce(wait);
          for (let i = 0; outcome === 'yielded' && i < RECHECKS_AFTER_YIELD; i++) {
            await new Promise((resolve) => setTimeout(resolve, RECHECK_MS));
            outcome = await this.hostOnce(0);
          }
        }
      })().finally(() => {
        this.hosting = null;
      });
    }
    return this.hosting;
  }

  /** Speaks the language a tab last chose (run failures, notifications, webhook pages). */
  followLocale(): Promise<void> {
    return followSharedLocale(this.db);
  }

  /** Resolves when the current wake-up (if any) is over: keeps the service worker alive meanwhile. */
  idle(): Promise<void> {
    return this.hosting ?? Promise.resolve();
  }

  private broadcast(outbox = false): void {
    this.others.kick({ outbox });
  }

  private async hostOnce(waitForLeadMs: number): Promise<WakeOutcome> {
    const options: LockOptions =
      waitForLeadMs > 0 ? { signal: AbortSignal.timeout(waitForLeadMs) } : { ifAvailable: true };
    const outcome = await navigator.locks
      .request(LEADER_LOCK, options, async (lock): Promise<WakeOutcome> => {
        if (!lock) return 'tab';
        // A tab is already waiting for the lead (it opened while this wake-up waited): let it lead.
        if (await tabWantsLead()) return 'yielded';
        // Failures and notifications in the language a tab chose.
        await this.followLocale();
        const engine = new Engine(this.store, {
          services: { ...engineServices(this.db), ...(this.options.fetch ? { fetch: this.options.fetch } : {}) },
          deferStep: (step) => (stepDefinition(step.type).needsTab ? codeWaitsForTab() : null),
          onError: (error) =>
            this.options.log?.(`engine error: ${error instanceof Error ? error.message : String(error)}`),
        });
        this.engine = engine;
        engine.start();
        const started = Date.now();
        let yielded = false;
        try {
          while (Date.now() - started < MAX_HOST_MS) {
            await new Promise((resolve) => setTimeout(resolve, POLL_MS));
            if (await tabWantsLead()) {
              yielded = true;
              break;
            }
            if (engine.isBusy) continue;
            const due = await this.store.nextTimerDueAt();
            if (due === undefined || due - Date.now() > HOLD_FOR_DUE_MS) break;
          }
        } finally {
          engine.stop();
          await engine.idle();
          this.engine = null;
        }
        await this.options
          .afterHosting?.(this.db, started)
          .catch((error: unknown) => this.options.log?.(`after hosting: ${String(error)}`));
        return yielded ? 'yielded' : 'ran';
      })
      .catch((error: unknown) => {
        // Timed out waiting for the leading tab: it is still open and runs the work.
        if (error instanceof DOMException && (error.name === 'AbortError' || error.name === 'TimeoutError'))
          return 'tab' as const;
        throw error;
      });
    if (outcome !== 'ran') this.broadcast();
    return outcome;
  }
}

async function tabWantsLead(): Promise<boolean> {
  const { pending = [] } = await navigator.locks.query();
  return pending.some((l) => l.name === LEADER_LOCK);
}
