/**
 * The one way the device changes anything: a new request (insert-only),
 * pending until the server decides. It is stored in the device's database
 * (so the UI shows it at once, marked as waiting), copied to the outbox, and a
 * Background Sync is registered, so it reaches the school even when the app is
 * closed before the network returns.
 *
 * @module
 */
import type { RequestDoc } from '../../shared/collections.js';
import { uuid } from '../common/uuid.js';
import type { SkolDatabase } from './db.js';
import { outboxKept, outboxMirror, outboxPut, SYNC_TAG } from './outbox.js';

export interface RequestInput<P extends object> {
  kind: string;
  pupilId: string;
  payload: P;
}

/** Creates a pending request; resolves to the stored document. */
export async function createRequest<P extends object>(db: SkolDatabase, input: RequestInput<P>): Promise<RequestDoc> {
  const doc = {
    id: uuid(),
    kind: input.kind,
    pupilId: input.pupilId,
    payload: JSON.parse(JSON.stringify(input.payload)) as Record<string, unknown>,
    createdAt: new Date().toISOString(),
    status: 'pending' as const,
  };
  await db.requests.insert(doc);
  if (!outboxKept()) return doc; // a shared computer: the page sends it while open, nothing stays behind
  try {
    await outboxPut([doc]);
    await registerBackgroundSync();
  } catch {
    // The outbox is a second road; the page's replication still pushes the request.
  }
  return doc;
}

/** Asks the browser to wake the service worker when the network is back (where supported). */
export async function registerBackgroundSync(): Promise<void> {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  const reg = (await navigator.serviceWorker.getRegistration()) as
    | (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } })
    | undefined;
  await reg?.sync?.register(SYNC_TAG);
}

/** Keeps the outbox equal to the pending requests for as long as the database is open. */
export function mirrorPendingToOutbox(db: SkolDatabase): () => void {
  const sub = db.requests.find({ selector: { status: 'pending' } }).$.subscribe((docs) => {
    const pending = docs.map((d) => d.toMutableJSON(false) as unknown as Record<string, unknown>);
    void outboxMirror(pending)
      .then(() => (pending.length > 0 ? registerBackgroundSync() : undefined))
      .catch(() => undefined);
  });
  return () => sub.unsubscribe();
}
