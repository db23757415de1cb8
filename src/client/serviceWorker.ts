import { registerSW } from 'virtual:pwa-register';
import { SW_WAKE_TAG, type ServiceWorkerWake } from '../worker/hostProtocol';

/** What the browser lets the service worker be woken by, for the Settings page. */
export interface BackgroundStatus {
  serviceWorker: 'active' | 'unsupported' | 'starting';
  periodicSync: 'registered' | 'not-installed' | 'unsupported' | 'refused';
  backgroundSync: 'available' | 'unsupported';
}

let backgroundStatus: BackgroundStatus = {
  serviceWorker: typeof navigator !== 'undefined' && 'serviceWorker' in navigator ? 'starting' : 'unsupported',
  periodicSync: 'unsupported',
  backgroundSync: 'unsupported',
};
const statusListeners = new Set<(s: BackgroundStatus) => void>();

export function getBackgroundStatus(): BackgroundStatus {
  return backgroundStatus;
}

export function onBackgroundStatus(listener: (s: BackgroundStatus) => void): () => void {
  statusListeners.add(listener);
  return () => statusListeners.delete(listener);
}

function setBackgroundStatus(patch: Partial<BackgroundStatus>) {
  backgroundStatus = { ...backgroundStatus, ...patch };
  for (const l of statusListeners) l(backgroundStatus);
}

interface WakeableRegistration extends ServiceWorkerRegistration {
  periodicSync?: { register(tag: string, options: { minInterval: number }): Promise<void> };
  sync?: { register(tag: string): Promise<void> };
}

/**
 * Asks the browser to wake the service worker's engine when no tab is open: periodic sync
 * (Chromium grants it to installed apps only, at intervals it chooses) and a background
 * sync each time the last visible tab goes to the background (it fires when online).
 */
async function registerWakeUps(registration: WakeableRegistration): Promise<void> {
  if (registration.sync) {
    setBackgroundStatus({ backgroundSync: 'available' });
    const sync = registration.sync;
    const register = () => void sync.register(SW_WAKE_TAG).catch(() => {});
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') register();
    });
  }
  // A closing tab tells the service worker (a message is sent at once, unlike a sync
  // registration): it waits for the engine lead and, if this was the last tab, finishes what
  // is due soon (a short delay, a retry).
  addEventListener('pagehide', () => {
    navigator.serviceWorker.controller?.postMessage({
      type: 'WAKE',
      waitForLeadMs: 20_000,
    } satisfies ServiceWorkerWake);
  });
  if (!registration.periodicSync) return;
  try {
    await registration.periodicSync.register(SW_WAKE_TAG, { minInterval: 15 * 60_000 });
    setBackgroundStatus({ periodicSync: 'registered' });
  } catch (error) {
    // Chromium: NotAllowedError unless the app is installed (and the site has engagement).
    setBackgroundStatus({
      periodicSync: error instanceof DOMException && error.name === 'NotAllowedError' ? 'not-installed' : 'refused',
    });
  }
}

/** How often a tab left open asks the server for a new version. */
const UPDATE_CHECK_MS = 60 * 60_000;

/**
 * A tab that stays open still learns of a new version: it asks every hour, when it comes back to
 * the foreground and when the network returns (the browser itself asks only on navigation).
 */
function watchForUpdates(registration: ServiceWorkerRegistration): void {
  const check = () => {
    if (navigator.onLine === false) return;
    registration.update().catch(() => {
      // Offline or the server is away: the next check tries again.
    });
  };
  setInterval(check, UPDATE_CHECK_MS);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') check();
  });
  addEventListener('online', check);
}

/**
 * Registers the service worker. `onUpdate` is called when a new version is waiting;
 * calling the returned `applyUpdate` activates it and reloads the page.
 */
export function registerServiceWorker(onUpdate: (applyUpdate: () => void) => void, onOfflineReady?: () => void): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  const updateSW = registerSW({
    // After the page's load event: installing fetches the whole app for offline use, which
    // must not compete with the first page for the network.
    immediate: false,
    onRegisteredSW(_url, registration) {
      if (!registration) return;
      void navigator.serviceWorker.ready.then(() => setBackgroundStatus({ serviceWorker: 'active' }));
      void registerWakeUps(registration);
      watchForUpdates(registration);
    },
    onNeedRefresh() {
      onUpdate(() => {
        // The waiting worker takes control after SKIP_WAITING; reload onto it then. (The
        // plugin reloads only for updates found at registration, not ones found later.)
        navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
        void updateSW(true);
      });
    },
    onOfflineReady() {
      onOfflineReady?.();
    },
  });
}
