/**
 * Replication of every collection with the server's sync API (contract in the
 * architecture page): pull pages from a checkpoint, push requests, and a live
 * stream whose events make the named collection pull again. Written against
 * an injectable `fetch`, so the same code replicates in the browser and in
 * Node tests that inject faults.
 *
 * Never wait for the first replication before showing data: offline it never
 * ends. The database shows what it has; this keeps it fresh when it can.
 *
 * @module
 */
import { type RxReplicationState, replicateRxCollection } from 'rxdb/plugins/replication';
import { Subject } from 'rxjs';
import { type CollectionName, collectionNames, type DocTypes } from '../../shared/collections.js';
import type { SkolDatabase } from './db.js';
import { openEventStream } from './sse.js';

/** The server's checkpoint: opaque to the device, stored by RxDB. */
export type Checkpoint = { seq: number; id: string };

export interface SyncOptions {
  /** The server's origin; '' (default) for the page's own. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Keep replicating and listen to the live stream (default true). */
  live?: boolean;
  /** Milliseconds before a failed request is retried (default 5000). */
  retryTime?: number;
  /** Documents per pull page (default 100). */
  batchSize?: number;
  /** Replicate only in the tab that is leader (default true; browser tabs share one database). */
  waitForLeadership?: boolean;
  /** The session is gone (401): sign in again. */
  onUnauthorized?(): void;
  /** Every answer from the server (true) or failure to reach it (false). */
  onReachable?(reachable: boolean): void;
}

export interface Sync {
  states: { [N in CollectionName]: RxReplicationState<DocTypes[N], Checkpoint> };
  /** Pull every collection again from its checkpoint (the network came back, say). */
  reSync(): void;
  /** Resolves when every collection has pushed and pulled everything (online only). */
  awaitInSync(): Promise<void>;
  stop(): Promise<void>;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const REPLICATION_VERSION = 'v1';
/**
 * A collection whose documents gained a field pulls again from the start
 * under a new identifier (the server fills the field; see db.ts).
 */
const COLLECTION_VERSIONS: Partial<Record<CollectionName, string>> = { pupils: 'p2' };

export function startSync(db: SkolDatabase, options: SyncOptions = {}): Sync {
  const base = options.baseUrl ?? '';
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const live = options.live ?? true;

  const call = async (url: string, init?: RequestInit): Promise<Response> => {
    let res: Response;
    try {
      res = await doFetch(url, { credentials: 'same-origin', ...init });
    } catch (error) {
      options.onReachable?.(false);
      throw error;
    }
    options.onReachable?.(res.status < 500);
    if (res.status === 401) {
      options.onUnauthorized?.();
      throw new HttpError(401, 'signed out');
    }
    if (!res.ok) throw new HttpError(res.status, `${init?.method ?? 'GET'} ${url}: ${res.status}`);
    return res;
  };

  const streams = new Map<CollectionName, Subject<'RESYNC'>>();
  const states = {} as Sync['states'];
  for (const name of collectionNames) {
    const stream$ = new Subject<'RESYNC'>();
    streams.set(name, stream$);
    const collection = db.collections[name];
    states[name] = replicateRxCollection<any, Checkpoint>({
      replicationIdentifier: `skolhubben-${REPLICATION_VERSION}-${name}${COLLECTION_VERSIONS[name] ?? ''}-${base || 'same-origin'}`,
      collection,
      live,
      retryTime: options.retryTime ?? 5000,
      waitForLeadership: options.waitForLeadership ?? true,
      autoStart: true,
      pull: {
        batchSize: options.batchSize ?? 100,
        stream$: stream$.asObservable(),
        async handler(checkpoint, batchSize) {
          const cp = checkpoint ? `&checkpoint=${encodeURIComponent(JSON.stringify(checkpoint))}` : '';
          const res = await call(`${base}/api/sync/${name}/pull?limit=${batchSize}${cp}`, {
            headers: { accept: 'application/json' },
          });
          return (await res.json()) as { documents: any[]; checkpoint: Checkpoint };
        },
      },
      push:
        name === 'requests'
          ? {
              batchSize: 20,
              async handler(rows) {
                const push = async (batch: typeof rows) => {
                  const res = await call(`${base}/api/sync/${name}/push`, {
                    method: 'POST',
                    headers: { 'content-type': 'application/json', accept: 'application/json' },
                    body: JSON.stringify(batch),
                  });
                  return (await res.json()) as any[];
                };
                const masters = await push(rows);
                // A request the server took comes back as nothing, yet the server stored it decided
                // (accepted), not as pushed (pending). RxDB then takes the pending state for the
                // server's, and if a pull brought the decided one while this push was on its way (it
                // skips a document with a local write not yet pushed), it never pulls it again: the
                // request would stay pending on the device for good. Pushing the taken ones again
                // changes nothing on the server and answers with their stored, decided state.
                const answered = new Set(masters.map((doc) => doc.id));
                const taken = rows.filter(
                  (row) => !answered.has(row.newDocumentState.id) && !row.newDocumentState._deleted,
                );
                return taken.length === 0 ? masters : [...masters, ...(await push(taken))];
              },
            }
          : undefined,
    }) as any;
  }

  const resyncAll = () => {
    for (const s of streams.values()) s.next('RESYNC');
  };

  let closeStream: (() => void) | undefined;
  if (live) {
    // Open the live stream only where replication runs (the leader tab).
    const leader =
      options.waitForLeadership === false ? Promise.resolve() : db.waitForLeadership().then(() => undefined);
    void leader.then(() => {
      if (stopped) return;
      closeStream = openEventStream({
        url: `${base}/api/sync/stream`,
        fetch: doFetch,
        onMessage(data) {
          if (data === 'RESYNC') return resyncAll();
          try {
            const { collection } = JSON.parse(data) as { collection: CollectionName };
            streams.get(collection)?.next('RESYNC');
          } catch {
            resyncAll();
          }
        },
        onConnection(open) {
          options.onReachable?.(open);
        },
        onUnauthorized: () => options.onUnauthorized?.(),
      });
    });
  }

  let stopped = false;
  return {
    states,
    reSync() {
      for (const s of Object.values(states)) s.reSync();
    },
    async awaitInSync() {
      await Promise.all(Object.values(states).map((s) => s.awaitInSync()));
    },
    async stop() {
      stopped = true;
      closeStream?.();
      await Promise.all(Object.values(states).map((s) => s.cancel()));
    },
  };
}
