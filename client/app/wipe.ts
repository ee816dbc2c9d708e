/**
 * Removes everything personal from the device at sign-out: every IndexedDB
 * database of the app (the user's RxDB database and its bookkeeping, the
 * outbox), every Cache Storage cache but the app shell's precache, and the
 * app's entries in localStorage and sessionStorage. The app shell stays, so
 * the app still starts offline; the language choice stays (not personal),
 * and so does the note that the server has yet to hear of a sign-out made
 * offline.
 *
 * @module
 */

/** localStorage entries that are not personal and outlive a sign-out. */
const KEEP = new Set(['skolhubben:lang', 'skolhubben:logout-pending']);
const PRECACHE = /^workbox-precache/;

/** Deletes one IndexedDB database; resolves when done, or after `ms` when another tab still holds it. */
function deleteDatabase(name: string, ms = 5000): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    try {
      const req = indexedDB.deleteDatabase(name);
      req.onsuccess = done;
      req.onerror = done;
      // Blocked: another tab has it open; it closes when that tab reloads (it hears of the sign-out), and the deletion completes then.
    } catch {
      done();
    }
  });
}

/** Removes everything personal this origin keeps on the device. */
export async function wipeDevice(): Promise<void> {
  try {
    const dbs = (await indexedDB.databases?.()) ?? [];
    await Promise.all(dbs.flatMap((d) => (d.name ? [deleteDatabase(d.name)] : [])));
  } catch {
    // IndexedDB unavailable (private mode): nothing was kept there.
  }
  try {
    if (typeof caches !== 'undefined') {
      for (const key of await caches.keys()) if (!PRECACHE.test(key)) await caches.delete(key);
    }
  } catch {
    // Cache Storage unavailable: nothing was kept there.
  }
  try {
    for (const key of Object.keys(localStorage)) {
      if (key.startsWith('skolhubben:') && !KEEP.has(key)) localStorage.removeItem(key);
    }
    sessionStorage.clear();
  } catch {
    // Storage blocked: nothing was kept there.
  }
}
