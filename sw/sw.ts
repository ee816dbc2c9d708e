/**
 * The service worker: makes the app installable and start with no network,
 * and sends requests made offline when the network returns, also when every
 * page of the app is closed (Background Sync).
 *
 * - precache: the app shell (hashed files, injected at build time);
 * - navigations: `index.html` from the cache (the app routes itself), never `/api/`;
 * - `/api/`: network only, personal data is never cached here (the live
 *   stream is not even routed through the worker);
 * - a new version waits until the page says "skip waiting" (the update prompt).
 *
 * @module
 */
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NetworkOnly } from 'workbox-strategies';
import { flushOutbox, SYNC_TAG } from '../client/data/outbox.js';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
  readonly lastChance: boolean;
}

cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);
// The live stream is left to the browser: a response that never ends, held by
// this worker, would keep a new version from taking over until it closed.
registerRoute(
  ({ url }) =>
    url.origin === self.location.origin && url.pathname.startsWith('/api/') && url.pathname !== '/api/sync/stream',
  new NetworkOnly(),
);
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api\//] }));

// The first version takes the open page at once; later versions wait for the user.
clientsClaim();

self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

self.addEventListener('sync', (event) => {
  const sync = event as SyncEvent;
  if (sync.tag === SYNC_TAG) sync.waitUntil(flushOutbox(fetch.bind(self)));
});
