import { registerSW } from 'virtual:pwa-register';

/**
 * Registers the service worker. `onUpdate` is called when a new version is waiting;
 * calling the returned `applyUpdate` activates it and reloads the page.
 */
export function registerServiceWorker(onUpdate: (applyUpdate: () => void) => void, onOfflineReady?: () => void): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  const updateSW = registerSW({
    immediate: true,
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
