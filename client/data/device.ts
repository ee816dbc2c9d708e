/**
 * Everything the device runs for a signed-in user, loaded after the first
 * paint: the user's database (IndexedDB through Dexie, shared by the tabs),
 * replication in the leader tab, and the outbox mirror for Background Sync.
 *
 * @module
 */
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { PupilDoc } from '../../shared/collections.js';
import { databaseNameFor, openDatabase, type SkolDatabase } from './db.js';
import { keepOutbox, outboxClear } from './outbox.js';
import { type Sync, type SyncOptions, startSync } from './replication.js';
import { mirrorPendingToOutbox } from './requests.js';

export interface Device {
  db: SkolDatabase;
  sync: Sync;
  /** Stops replication and closes the database (it stays on the device). */
  close(): Promise<void>;
  /** Stops, then removes the database and the outbox from the device (sign-out). */
  remove(): Promise<void>;
}

export interface DeviceOptions extends Pick<SyncOptions, 'onUnauthorized' | 'onReachable'> {
  userId: string;
  /** A shared computer: the database lives in this tab's memory only, and there is no outbox. */
  memory?: boolean;
  /** The children the user may see changed (replicated pupils). */
  onPupils?(pupils: PupilDoc[]): void;
}

export async function openDevice(options: DeviceOptions): Promise<Device> {
  const memory = options.memory ?? false;
  keepOutbox(!memory);
  const db = await openDatabase({
    name: databaseNameFor(options.userId),
    storage: memory ? (await import('rxdb/plugins/storage-memory')).getRxStorageMemory() : getRxStorageDexie(),
    multiInstance: !memory,
  });
  const sync = startSync(db, { onUnauthorized: options.onUnauthorized, onReachable: options.onReachable });
  const stopMirror = memory ? () => undefined : mirrorPendingToOutbox(db);
  const pupilsSub = db.pupils
    .find({ sort: [{ firstName: 'asc' }, { id: 'asc' }] } as any)
    .$.subscribe((docs) => options.onPupils?.(docs.map((d) => d.toJSON() as PupilDoc)));
  const onOnline = () => sync.reSync();
  addEventListener('online', onOnline);

  const close = async () => {
    removeEventListener('online', onOnline);
    pupilsSub.unsubscribe();
    stopMirror();
    await sync.stop();
  };
  return {
    db,
    sync,
    async close() {
      await close();
      await db.close();
    },
    async remove() {
      await close();
      await db.remove();
      if (!memory) await outboxClear();
    },
  };
}
