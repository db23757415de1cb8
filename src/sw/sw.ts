/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { ServiceWorkerEngineHost } from './engineHost';
import { addCatalogs } from '../i18n/core';
import { messages as cs } from '../locales/cs.po';
import { handleHookRequest, isHookUrl } from '../engine/webhookHttp';
import type { ServiceWorkerWake } from '../worker/hostProtocol';
import { notificationsWanted, runNotices } from '../db/notices';

// A service worker cannot import on demand: its languages come with it.
addCatalogs({ cs: async () => ({ messages: cs }) });

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

/**
 * Runs the service worker finished or left waiting while no tab was open: a system
 * notification each (failed, form waiting, code step waiting), if the person opted in.
 */
const announced = new Set<string>();
async function notify(db: Parameters<typeof runNotices>[0], since: number): Promise<void> {
  if (Notification.permission !== 'granted' || !(await notificationsWanted(db))) return;
  for (const notice of await runNotices(db, since)) {
    if (announced.has(notice.tag)) continue;
    announced.add(notice.tag);
    await self.registration.showNotification(notice.title, {
      body: notice.body,
      tag: notice.tag,
      data: { path: notice.path },
    });
  }
}

/** A webhook call: the run is stored, then the engine runs it (here, or in the leading tab). */
async function answerHook(request: Request): Promise<Response> {
  // A person who opened the URL in a tab reads the answer in their language.
  await host.followLocale();
  const { response, runId } = await handleHookRequest(request, host.store, self.registration.scope);
  if (runId) void host.wake();
  return response;
}

const host = new ServiceWorkerEngineHost({
  log: (message) => console.warn(`[localflow sw] ${message}`),
  afterHosting: notify,
  // The service worker's own requests do not pass through its fetch handler: an HTTP step run
  // here that calls a webhook URL of this app is answered directly.
  fetch: (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input), self.location.href);
    return isHookUrl(url, self.registration.scope) ? answerHook(new Request(input, init)) : fetch(input, init);
  },
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = new URL((event.notification.data as { path?: string } | null)?.path ?? '', self.registration.scope).href;
  event.waitUntil(
    (async () => {
      const tabs = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const tab = tabs[0];
      if (tab) {
        await tab.focus();
        await tab.navigate(url);
      } else {
        await self.clients.openWindow(url);
      }
    })(),
  );
});

/**
 * Webhooks: `/hooks/<workflowId>?token=…` is answered here (202 with the run id) and never
 * reaches the network. The run is stored first; then the engine runs it, here if no tab
 * leads the engine, or in the leading tab.
 */
self.addEventListener('fetch', (event) => {
  if (!isHookUrl(new URL(event.request.url), self.registration.scope)) return;
  const answered = answerHook(event.request);
  event.respondWith(answered);
  event.waitUntil(answered.then(() => host.idle()).catch(() => undefined));
});

/**
 * Wake-ups: what is due (delays, retries, schedules, queued runs) runs when the browser
 * wakes the service worker. Chromium offers periodic sync to installed apps only, about
 * as often as it decides; background sync fires when the network is back.
 */
self.addEventListener('periodicsync', (event) => {
  (event as ExtendableEvent).waitUntil(host.wake());
});
self.addEventListener('sync', (event) => {
  (event as ExtendableEvent).waitUntil(host.wake());
});
self.addEventListener('push', (event) => {
  event.waitUntil(host.wake());
});

/** Only Localflow itself may frame its pages (see scripts/staticServer.mjs). */
function withFrameGuard(response: Response): Response {
  const headers = new Headers(response.headers);
  headers.set('content-security-policy', "frame-ancestors 'self'");
  headers.set('x-frame-options', 'SAMEORIGIN');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// The app shell, served from the precache, carries the same framing policy as the server's pages.
const appShell = createHandlerBoundToURL('index.html');
registerRoute(
  new NavigationRoute(async (options) => withFrameGuard(await appShell(options)), {
    denylist: [/^\/hooks\//, /^\/sandbox\.html/],
  }),
);

self.addEventListener('message', (event) => {
  if (event.data?.type === 'SKIP_WAITING') void self.skipWaiting();
  // `waitForLeadMs`: sent by a closing tab, so the service worker takes over if it was the last.
  const wake = event.data as Partial<ServiceWorkerWake> | null;
  if (wake?.type === 'WAKE') event.waitUntil(host.wake(Math.min(60_000, Math.max(0, Number(wake.waitForLeadMs) || 0))));
});

clientsClaim();
