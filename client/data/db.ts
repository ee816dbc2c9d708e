/**
 * The device's database: RxDB with one collection per replicated kind, named
 * per signed-in user so two people on one device never share data. In the
 * browser it stores in IndexedDB through Dexie (the copy RxDB pins); tests
 * pass a memory storage.
 *
 * @module
 */
import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase, type RxStorage } from 'rxdb/plugins/core';
import { RxDBLeaderElectionPlugin } from 'rxdb/plugins/leader-election';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { type CollectionName, collectionSchemas, type DocTypes } from '../../shared/collections.js';

export type SkolCollections = { [N in CollectionName]: RxCollection<DocTypes[N]> };
export type SkolDatabase = RxDatabase<SkolCollections>;

addRxPlugin(RxDBLeaderElectionPlugin);
addRxPlugin(RxDBLocalDocumentsPlugin);
addRxPlugin(RxDBMigrationSchemaPlugin);

/**
 * How documents stored by an older version of the app become this version's.
 * The device is a replica: a field it cannot know yet is left empty, and the
 * collection pulls again from the start (see replication.ts) to fill it.
 */
const migrationStrategies: Partial<Record<CollectionName, Record<number, (doc: any) => any>>> = {
  pupils: { 1: (doc) => ({ ...doc, schoolId: '' }) },
};

/**
 * Collections that also keep local documents (on the device only, never
 * replicated, removed with the database at sign-out): `tasks` keeps the eTest
 * answers a pupil has given but not yet handed in.
 */
const withLocalDocuments: ReadonlySet<CollectionName> = new Set(['tasks']);

/** The database name for a user: one database per account on a device. */
export function databaseNameFor(userId: string): string {
  // RxDB names: lower-case letters, digits and a few signs; user ids are hex, uuid or slug.
  return `skolhubben-${userId.toLowerCase().replace(/[^a-z0-9]/g, '-')}`;
}

export interface OpenOptions {
  name: string;
  storage: RxStorage<any, any>;
  /** Several tabs share the database and elect one leader to replicate (browser). */
  multiInstance?: boolean;
}

/** Opens (creating when new) the database with every replicated collection. */
export async function openDatabase(options: OpenOptions): Promise<SkolDatabase> {
  const db = await createRxDatabase<SkolCollections>({
    name: options.name,
    storage: options.storage,
    multiInstance: options.multiInstance ?? false,
    eventReduce: true,
    closeDuplicates: true,
  });
  await db.addCollections(
    Object.fromEntries(
      Object.entries(collectionSchemas).map(([name, schema]) => [
        name,
        {
          schema,
          migrationStrategies: migrationStrategies[name as CollectionName] ?? {},
          localDocuments: withLocalDocuments.has(name as CollectionName),
        },
      ]),
    ) as unknown as {
      [N in CollectionName]: { schema: (typeof collectionSchemas)[N] };
    },
  );
  return db;
}
