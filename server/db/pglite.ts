/**
 * PGlite: PostgreSQL compiled to WebAssembly, embedded in the server process.
 * Single connection, so every transaction runs alone; that also makes it the
 * simplest correct engine for one school.
 *
 * @module
 */
import { mkdirSync } from 'node:fs';
import { PGlite, types } from '@electric-sql/pglite';
import type { Database, Sql } from './database.js';

const parsers = {
  [types.INT8]: (v: string) => Number(v),
  [types.DATE]: (v: string) => v,
};

/** A PGlite database, which can also dump its data folder (tests open copies of a migrated one). */
export interface PgliteDatabase extends Database {
  dump(): Promise<Blob | File>;
}

function wrap(pg: PGlite): PgliteDatabase {
  const sql = (runner: Pick<PGlite, 'query' | 'exec'>): Sql => ({
    async query<T>(text: string, params?: readonly unknown[]) {
      const res = await runner.query<T>(text, params as unknown[] | undefined);
      return res.rows;
    },
    async exec(text: string) {
      await runner.exec(text);
    },
  });
  return {
    engine: 'pglite',
    ...sql(pg),
    transaction(fn) {
      return pg.transaction((tx) => fn(sql(tx)));
    },
    async listen(channel, onNotify) {
      const unlisten = await pg.listen(channel, onNotify);
      return async () => {
        await unlisten();
      };
    },
    async close() {
      if (!pg.closed) await pg.close();
    },
    dump() {
      return pg.dumpDataDir('none');
    },
  };
}

/** Opens (creating when new) a PGlite database in `dataDir`; `memory://` keeps it in memory. */
export async function openPglite(dataDir: string): Promise<PgliteDatabase> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const pg = await PGlite.create({ dataDir, parsers, relaxedDurability: true });
  return wrap(pg);
}

/** Opens a PGlite database from a data-folder dump (tests start from a migrated copy). */
export async function loadPglite(dump: Blob | File): Promise<PgliteDatabase> {
  const pg = await PGlite.create({ loadDataDir: dump, parsers, relaxedDurability: true });
  return wrap(pg);
}
