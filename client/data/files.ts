/**
 * Files saved for offline reading: one Cache Storage cache per user, filled
 * only when the user asks ("Spara offline"), emptied at sign-out. Files are
 * personal (documentation about a child): the service worker never caches
 * `/api/`, and nothing here is shared between users of one device.
 *
 * @module
 */

const PREFIX = 'skolhubben-files-';
export const fileUrl = (id: string) => `/api/files/${encodeURIComponent(id)}`;
const cacheName = (userId: string) => `${PREFIX}${userId}`;

const listeners = new Set<() => void>();
/** Calls `fn` whenever a file is saved or removed; returns the unsubscribe function. */
export function onSavedFilesChange(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
const changed = () => {
  for (const fn of listeners) fn();
};

const available = () => typeof caches !== 'undefined';

/** Downloads file `id` and keeps it on the device; resolves to its size in bytes. */
export async function saveFile(userId: string, id: string): Promise<number> {
  const res = await fetch(fileUrl(id), { credentials: 'same-origin' });
  if (!res.ok) throw new Error(`${res.status}`);
  const blob = await res.blob();
  const cache = await caches.open(cacheName(userId));
  await cache.put(
    fileUrl(id),
    new Response(blob, {
      headers: {
        'content-type': res.headers.get('content-type') ?? 'application/octet-stream',
        'content-disposition': res.headers.get('content-disposition') ?? '',
        'x-saved-at': new Date().toISOString(),
      },
    }),
  );
  changed();
  return blob.size;
}

/** Removes one saved file. */
export async function unsaveFile(userId: string, id: string): Promise<void> {
  if (!available()) return;
  await (await caches.open(cacheName(userId))).delete(fileUrl(id));
  changed();
}

/** The ids of the files saved for `userId`. */
export async function savedFileIds(userId: string): Promise<Set<string>> {
  if (!available() || !(await caches.has(cacheName(userId)))) return new Set();
  const keys = await (await caches.open(cacheName(userId))).keys();
  return new Set(keys.map((r) => decodeURIComponent(new URL(r.url).pathname.replace('/api/files/', ''))));
}

/** How many files are saved for `userId` and how many bytes they take. */
export async function savedFilesSize(userId: string): Promise<{ count: number; bytes: number }> {
  if (!available() || !(await caches.has(cacheName(userId)))) return { count: 0, bytes: 0 };
  const cache = await caches.open(cacheName(userId));
  let bytes = 0;
  const keys = await cache.keys();
  for (const key of keys) bytes += (await (await cache.match(key))?.blob())?.size ?? 0;
  return { count: keys.length, bytes };
}

/**
 * Opens file `id`: from the device when it is saved (works offline), else
 * from the server. Opened through an object URL in a new tab, or downloaded
 * when the browser cannot show it.
 */
export async function openFile(userId: string, id: string, name: string): Promise<void> {
  const saved = available() ? await (await caches.open(cacheName(userId))).match(fileUrl(id)) : undefined;
  if (!saved) {
    window.open(fileUrl(id), '_blank', 'noopener');
    return;
  }
  const url = URL.createObjectURL(await saved.blob());
  const inline = /inline/.test(saved.headers.get('content-disposition') ?? '');
  const a = Object.assign(document.createElement('a'), { href: url, rel: 'noopener' });
  if (inline) a.target = '_blank';
  else a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
