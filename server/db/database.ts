/**
 * The one interface the server talks to its database through, with two
 * engines behind it: embedded PGlite (the default, one process, data in a
 * folder) and a PostgreSQL server (production, `DATABASE_URL`). Both speak the
 * same SQL dialect and return the same JavaScript types: bigint as number,
 * `date` as `YYYY-MM-DD` text, `timestamptz` as Date, json as objects.
 *
 * @module
 */

export type Row = Record<string, unknown>;

/** Something that runs SQL: the database itself, or a transaction. */
export interface Sql {
  query<T = Row>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs several statements, without parameters (migrations). */
  exec(text: string): Promise<void>;
}

export interface Database extends Sql {
  readonly engine: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction: committed when it returns, rolled back when it throws. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  /**
   * Calls `onNotify` for every NOTIFY on `channel`, and with `*` when
   * notifications may have been missed (a lost connection came back).
   * Resolves to a function that stops listening.
   */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Opens the configured engine: PostgreSQL when `databaseUrl` is set, else PGlite in `dataDir`. */
export async function openDatabase(options: { databaseUrl?: string; dataDir: string }): Promise<Database> {
  if (options.databaseUrl) {
    const { openPostgres } = await import('./postgres.js');
    return openPostgres(options.databaseUrl);
  }
  const { openPglite } = await import('./pglite.js');
  return openPglite(options.dataDir);
}
