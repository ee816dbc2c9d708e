/**
 * The pull side of replication: the next page of a user's documents after a
 * checkpoint.
 *
 * The order is (effective sequence, id). A document in scope has the effective
 * sequence GREATEST(its own, the one at which its scope key entered the user's
 * scope); a document whose key left has a tombstone at the sequence at which it
 * left, if it was born before (a later one never reached the device). Sequences are handed out in commit order (see the migration), and the
 * scope filter is part of the query, before LIMIT: a short page really means
 * "nothing more".
 *
 * @module
 */
import type { CollectionName, Replicated } from '../../shared/collections.js';
import type { Row, Sql } from '../db/database.js';
import { replicated, serverCollections } from './collections.js';

/** Where a device stands in a collection: the last (effective sequence, id) it has. */
export interface Checkpoint {
  seq: number;
  id: string;
}

export const MAX_PULL_LIMIT = 500;
export const DEFAULT_PULL_LIMIT = 100;

/** Parses a checkpoint from the query string; throws a message on anything malformed. */
export function parseCheckpoint(raw: string | undefined): Checkpoint | null {
  if (raw === undefined || raw === '' || raw === 'null') return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new Error('checkpoint is not JSON');
  }
  if (value === null) return null;
  const cp = value as Partial<Checkpoint>;
  if (
    typeof value !== 'object' ||
    Array.isArray(value) ||
    !Number.isSafeInteger(cp.seq) ||
    (cp.seq as number) < 0 ||
    typeof cp.id !== 'string' ||
    cp.id.length > 200 ||
    Object.keys(value).some((k) => k !== 'seq' && k !== 'id')
  ) {
    throw new Error('checkpoint must be {"seq": non-negative integer, "id": string}');
  }
  return { seq: cp.seq as number, id: cp.id };
}

/** Parses the page size; throws a message unless it is an integer in 1..MAX_PULL_LIMIT. */
export function parseLimit(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_PULL_LIMIT;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_PULL_LIMIT) {
    throw new Error(`limit must be an integer from 1 to ${MAX_PULL_LIMIT}`);
  }
  return n;
}

const pullSql = new Map<CollectionName, string>();

function sqlFor(name: CollectionName): string {
  let text = pullSql.get(name);
  if (text) return text;
  const c = serverCollections[name];
  const from = `${c.table} d ${c.joins ?? ''}
     JOIN scope_keys k ON k.user_id = $1 AND k.kind = ${c.scope.kind} AND k.ref = ${c.scope.ref}`;
  const filter = c.rowFilter ? ` AND (${c.rowFilter})` : '';
  text = `
    SELECT * FROM (
      SELECT ${c.columns}, GREATEST(d.seq, k.since_seq) AS _eff, d.deleted AS _gone
        FROM ${from} AND k.until_seq IS NULL
       WHERE (GREATEST(d.seq, k.since_seq), d.id) > ($2::bigint, $3::text)${filter}
      UNION ALL
      SELECT ${c.columns}, k.until_seq AS _eff, true AS _gone
        FROM ${from} AND k.until_seq IS NOT NULL
       WHERE (k.until_seq, d.id) > ($2::bigint, $3::text) AND d.created_seq < k.until_seq${filter}
    ) page
    ORDER BY _eff, id
    LIMIT $4`;
  pullSql.set(name, text);
  return text;
}

/** The next page of `collection` for `userId` after `checkpoint`. */
export async function pull(
  db: Sql,
  userId: string,
  collection: CollectionName,
  checkpoint: Checkpoint | null,
  limit: number,
): Promise<{ documents: Replicated<unknown>[]; checkpoint: Checkpoint | null }> {
  const c = serverCollections[collection];
  const rows = await db.query<Row & { _eff: number; _gone: boolean; id: string }>(sqlFor(collection), [
    userId,
    checkpoint?.seq ?? 0,
    checkpoint?.id ?? '',
    limit,
  ]);
  const documents = rows.map((r) => (r._gone ? replicated(c.tombstone(r.id), true) : replicated(c.toDoc(r), false)));
  const last = rows[rows.length - 1];
  return { documents, checkpoint: last ? { seq: Number(last._eff), id: last.id } : checkpoint };
}
