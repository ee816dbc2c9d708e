/**
 * Databases for tests: every test gets its own, migrated and empty. PGlite
 * always; PostgreSQL too when `TEST_DATABASE_URL` is set (each test then
 * gets a database of its own on that server, dropped afterwards).
 *
 * @module
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import type { Database } from '../db/database.js';
import { migrate, migrationFiles } from '../db/migrate.js';
import { loadPglite, openPglite } from '../db/pglite.js';
import { openPostgres } from '../db/postgres.js';

export type Engine = 'pglite' | 'postgres';

/** The engines this run tests: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const engines: Engine[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

let template: Promise<Blob | File> | undefined;

/** The installed PGlite's version (its package.json is not among its exports). */
async function pgliteVersion(): Promise<string> {
  let dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  for (; dir !== dirname(dir); dir = dirname(dir)) {
    const text = await readFile(join(dir, 'package.json'), 'utf8').catch(() => null);
    const pkg = text ? (JSON.parse(text) as { name?: string; version?: string }) : null;
    if (pkg?.name === '@electric-sql/pglite' && pkg.version) return pkg.version;
  }
  throw new Error('cannot find the version of @electric-sql/pglite');
}

/**
 * A migrated, empty PGlite data folder. Building one (initdb and migrations)
 * takes seconds, and every test file runs in a process of its own, so the
 * dump is kept in the system's temporary folder under a name that changes
 * with the migrations and the PGlite version.
 */
async function pgliteTemplate(): Promise<Blob | File> {
  template ??= (async () => {
    const key = createHash('sha256')
      .update(await pgliteVersion())
      .update(JSON.stringify(migrationFiles()))
      .digest('hex');
    const file = join(tmpdir(), `skolhubben-pglite-${key.slice(0, 16)}.tar`);
    const cached = await readFile(file).catch(() => null);
    if (cached) return new Blob([cached]);
    const db = await openPglite('memory://');
    await migrate(db);
    const dump = await db.dump();
    await db.close();
    // Written aside and renamed, so a parallel test process never reads half a file.
    const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, file);
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
