/**
 * The outbox: a copy of the device's pending requests in a small IndexedDB
 * store that the service worker can read without RxDB. When the browser fires
 * a Background Sync (the network came back, perhaps with the app closed), the
 * worker posts what is here to the push endpoint; the server takes each
 * request once, however often it arrives.
 *
 * The page keeps the outbox equal to its pending requests (`mirror`).
 *
 * @module
 */

export const OUTBOX_DB = 'skolhubben-outbox';
const STORE = 'requests';
export const SYNC_TAG = 'skolhubben-requests';

let enabled = true;

/**
 * Turns the outbox off (a shared computer keeps nothing on the device: its
 * requests are sent by the page while it is open, never by the worker later).
 */
export function keepOutbox(on: boolean): void {
  enabled = on;
}

/** Whether requests go to the outbox (not on a shared computer). */
export function outboxKept(): boolean {
  return enabled;
}

export interface OutboxEntry {
  id: string;
  doc: Record<string, unknown>;
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(OUTBOX_DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'id' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function run<T>(
  mode: IDBTransactionMode,
  work: (store: IDBObjectStore) => IDBRequest<T> | undefined,
): Promise<T | undefined> {
  const db = await open();
  try {
    return await new Promise<T | undefined>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req ? req.result : undefined);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** Every entry in the outbox. */
export async function outboxEntries(): Promise<OutboxEntry[]> {
  return (await run<OutboxEntry[]>('readonly', (s) => s.getAll())) ?? [];
}

/** Adds (or replaces) requests. */
export async function outboxPut(docs: readonly Record<string, unknown>[]): Promise<void> {
  if (docs.length === 0 || !enabled) return;
  await run('readwrite', (s) => {
    for (const doc of docs) s.put({ id: String(doc.id), doc });
    return undefined;
  });
}

/** Removes requests by id. */
export async function outboxDelete(ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await run('readwrite', (s) => {
    for (const id of ids) s.delete(id);
    return undefined;
  });
}

/** Makes the outbox hold exactly `pending` (the page's pending requests). */
export async function outboxMirror(pending: readonly Record<string, unknown>[]): Promise<void> {
  if (!enabled) return;
  const want = new Set(pending.map((d) => String(d.id)));
  const have = await outboxEntries();
  await outboxDelete(have.filter((e) => !want.has(e.id)).map((e) => e.id));
  const had = new Set(have.map((e) => e.id));
  await outboxPut(pending.filter((d) => !had.has(String(d.id))));
}

/** Empties the outbox (sign-out). */
export async function outboxClear(): Promise<void> {
  await run('readwrite', (s) => {
    s.clear();
    return undefined;
  });
}

/**
 * Sends every request in the outbox to the push endpoint and removes those the
 * server took (accepted or rejected, it has them now). Throws when the server
 * cannot be reached, so that the browser retries the sync later.
 */
export async function flushOutbox(fetchFn: typeof fetch = fetch, base = ''): Promise<number> {
  const entries = await outboxEntries();
  let sent = 0;
  for (let i = 0; i < entries.length; i += 20) {
    const batch = entries.slice(i, i + 20);
    const res = await fetchFn(`${base}/api/sync/requests/push`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(batch.map((e) => ({ assumedMasterState: null, newDocumentState: e.doc }))),
    });
    if (res.status === 401) return sent; // Signed out: the page sends them after the next sign-in.
    if (res.status >= 500) throw new Error(`push answered ${res.status}`);
    // 2xx: taken. Another 4xx: the server will never take these as they are; the page keeps its own copy.
    await outboxDelete(batch.map((e) => e.id));
    sent += batch.length;
  }
  return sent;
}
