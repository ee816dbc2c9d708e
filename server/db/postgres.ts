/**
 * A PostgreSQL server through node-postgres: a pool for queries and
 * transactions, and one dedicated connection per channel for LISTEN, which
 * reconnects when the server goes away.
 *
 * @module
 */
import pg from 'pg';
import type { Database, Sql } from './database.js';

const INT8 = 20;
const DATE = 1082;

const typeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8) return (v: string) => Number(v);
    if (oid === DATE) return (v: string) => v;
    return pg.types.getTypeParser(oid, format);
  },
} as unknown as typeof pg.types;

const sql = (runner: pg.Pool | pg.PoolClient): Sql => ({
  async query<T>(text: string, params?: readonly unknown[]) {
    const res = await runner.query(text, params as unknown[] | undefined);
    return res.rows as T[];
  },
  async exec(text: string) {
    await runner.query(text);
  },
});

/** Opens a pool on `url` (e.g. `postgres://user@127.0.0.1:5432/skolhubben`). */
export async function openPostgres(url: string, options: { max?: number } = {}): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, types: typeParsers });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on next use.
  });
  await pool.query('SELECT 1');
  const listeners = new Set<() => Promise<void>>();
  let closed = false;

  return {
    engine: 'postgres',
    ...sql(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(sql(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async listen(channel, onNotify) {
      let client: pg.Client | undefined;
      let stopped = false;
      let connectedBefore = false;
      const connect = async (): Promise<void> => {
        while (!stopped && !closed) {
          const c = new pg.Client({ connectionString: url });
          try {
            await c.connect();
            c.on('notification', (msg) => {
              if (msg.channel === channel) onNotify(msg.payload ?? '');
            });
            c.on('error', () => {
              client = undefined;
              c.end().catch(() => undefined);
              if (!stopped && !closed) setTimeout(() => void connect(), 1000);
            });
            await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
            client = c;
            // Whatever was notified while the connection was down is lost: say "anything".
            if (connectedBefore) onNotify('*');
            connectedBefore = true;
            return;
          } catch {
            await c.end().catch(() => undefined);
            await new Promise((r) => setTimeout(r, 1000));
          }
        }
      };
      await connect();
      const stop = async () => {
        stopped = true;
        listeners.delete(stop);
        await client?.end().catch(() => undefined);
      };
      listeners.add(stop);
      return stop;
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([...listeners].map((stop) => stop()));
      await pool.end();
    },
  };
}
