/**
 * Live updates: the database announces every committed change on the `sync`
 * channel (see the migration's triggers), and the hub forwards each
 * announcement to the open streams of the users whose scope holds the changed
 * key. With several server instances each listens on its own connection, so a
 * change made through one reaches devices connected to another.
 *
 * Events are hints: a device that hears one pulls from its checkpoint, so an
 * event lost or repeated costs a request, never a document.
 *
 * @module
 */
import type { Database } from '../db/database.js';
import { activeScope, type ScopeKey } from './scope.js';

/** What a stream receives: a changed collection, or RESYNC (pull everything from your checkpoints). */
export type HubEvent = { collection: string; checkpoint: { seq: number } | null } | 'RESYNC';

interface Subscriber {
  userId: string;
  keys: Set<ScopeKey>;
  send(event: HubEvent): void;
}

type Notice = { c: string; k: ScopeKey; s: number } | { u: string };

export class SyncHub {
  private readonly subscribers = new Set<Subscriber>();
  private stopListening?: () => Promise<void>;

  constructor(private readonly db: Database) {}

  /** Starts listening to the database. */
  async start(): Promise<void> {
    this.stopListening = await this.db.listen('sync', (payload) => this.onNotice(payload));
  }

  async stop(): Promise<void> {
    await this.stopListening?.();
    this.stopListening = undefined;
    this.subscribers.clear();
  }

  /**
   * Registers a stream that hears exactly `keys`, whoever's scope they are in
   * (e.g. `staff:<school id>` for the school's absence reports); user scope
   * changes leave it alone.
   */
  subscribeKeys(keys: Iterable<string>, send: (event: HubEvent) => void): () => void {
    const sub: Subscriber = { userId: '', keys: new Set(keys) as Set<ScopeKey>, send };
    this.subscribers.add(sub);
    return () => {
      this.subscribers.delete(sub);
    };
  }

  /** Number of open streams (for tests and health). */
  get size(): number {
    return this.subscribers.size;
  }

  /** Registers a stream for `userId`; resolves to the function that removes it. */
  async subscribe(userId: string, send: (event: HubEvent) => void): Promise<() => void> {
    const sub: Subscriber = { userId, keys: await activeScope(this.db, userId), send };
    this.subscribers.add(sub);
    return () => {
      this.subscribers.delete(sub);
    };
  }

  private onNotice(payload: string): void {
    if (payload === '*') {
      for (const sub of this.subscribers) sub.send('RESYNC');
      return;
    }
    let notice: Notice;
    try {
      notice = JSON.parse(payload) as Notice;
    } catch {
      return;
    }
    if ('u' in notice) {
      void this.rescope(notice.u);
      return;
    }
    for (const sub of this.subscribers) {
      if (sub.keys.has(notice.k)) sub.send({ collection: notice.c, checkpoint: { seq: notice.s } });
    }
  }

  private async rescope(userId: string): Promise<void> {
    const subs = [...this.subscribers].filter((s) => s.userId !== '' && s.userId === userId);
    if (subs.length === 0) return;
    const keys = await activeScope(this.db, userId).catch(() => null);
    for (const sub of subs) {
      if (keys) sub.keys = keys;
      sub.send('RESYNC');
    }
  }
}
