/**
 * How engine hosts (each tab's worker, the service worker) and pages coordinate. Only one
 * engine leads at a time (a Web Lock); the others are told "there may be work" over a
 * BroadcastChannel — never data, which is all in IndexedDB.
 */

/** The Web Lock whose holder runs the engine. */
export const LEADER_LOCK = 'localflow-engine-leader';

/** The background sync / periodic sync tag that wakes the service worker's engine. */
export const SW_WAKE_TAG = 'localflow-due-work';

/** A page asks the service worker to look for due work (`waitForLeadMs`: it is closing). */
export type ServiceWorkerWake = { type: 'WAKE'; waitForLeadMs?: number };

const ENGINE_CHANNEL = 'localflow-engine';
/** `outbox`: record events were just written; `locale`: a tab shared another language (db/locale.ts). */
export type KickHint = { outbox?: boolean; locale?: boolean };
type KickMessage = { type: 'kick' } & KickHint;

/**
 * This host's end of the kick channel: `kick` tells every other host there may be work
 * (`outbox`: record events were just written); `onKick` hears the others.
 */
export function kickChannel(onKick: (hint: KickHint) => void): { kick(hint?: KickHint): void } {
  const channel = new BroadcastChannel(ENGINE_CHANNEL);
  channel.onmessage = (event: MessageEvent<KickMessage>) => {
    if (event.data?.type !== 'kick') return;
    const { outbox, locale } = event.data;
    onKick({ outbox, locale });
  };
  return {
    kick: (hint = {}) => channel.postMessage({ type: 'kick', ...hint } satisfies KickMessage),
  };
}
