/**
 * Databases for tests: every test gets its own, migrated and empty. PGlite
 * always; PostgreSQL too when `TEST_DATABASE_URL` is set (each test then
 * gets a database of its own on that server, dropped afterwards).
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { loadPglite, openPglite } from '../db/pglite.js';
import { openPostgres } from '../db/postgres.js';

export type Engine = 'pglite' | 'postgres';

/** The engines this run tests: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const engines: Engine[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

let template: Promise<Blob | File> | undefined;

async function pgliteTemplate(): Promise<Blob | File> {
  template ??= (async () => {
    const db = await openPglite('memory://');
    await migrate(db);
    const dump = await db.dump();
    await db.close();
    return dump;
  })();
  return template;
}

/** A test database; `url` is set on PostgreSQL, for tests that open a second pool (a second server). */
export type TestDatabase = Database & { url?: string };

/** A fresh migrated database; `close()` also removes it. */
export async function testDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'pglite') return loadPglite(await pgliteTemplate());
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const name = `skolhubben_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  const db = await openPostgres(dbUrl.toString(), { max: 12 });
  await migrate(db);
  const close = db.close.bind(db);
  return {
    ...db,
    engine: 'postgres',
    url: dbUrl.toString(),
    async close() {
      await close();
      const drop = new pg.Client({ connectionString: url });
      await drop.connect();
      await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await drop.end();
    },
  };
}
