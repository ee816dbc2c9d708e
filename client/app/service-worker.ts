/**
 * Registers the service worker (installable app, offline start, Background
 * Sync of requests) through workbox-window, and offers a new version when the
 * server has one: the new worker waits until the user chooses "Uppdatera nu",
 * then takes over and the page reloads once.
 *
 * @module
 */
import { Workbox } from 'workbox-window/build/workbox-window.prod.mjs';
import { store } from './state.js';

let wb: Workbox | undefined;
let updateRequested = false;

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || location.protocol === 'file:') return;
  wb = new Workbox('/sw.js', { scope: '/' });
  wb.addEventListener('waiting', () => store.set({ updateReady: true }));
  wb.addEventListener('controlling', () => {
    // Reload only when this page asked for the new version; the first install needs no reload.
    if (updateRequested) location.reload();
  });
  void wb.register().catch(() => undefined);
  // Look for a new version when the app comes back to the foreground, and hourly.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void wb?.update().catch(() => undefined);
  });
  setInterval(() => void wb?.update().catch(() => undefined), 60 * 60 * 1000);
}

/** Lets the waiting version take over (the page reloads when it does). */
export function applyUpdate(): void {
  updateRequested = true;
  wb?.messageSkipWaiting();
}

/** Checks the server for a new version now. */
export async function checkForUpdate(): Promise<void> {
  await wb?.update();
}
