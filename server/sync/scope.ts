/**
 * Who may replicate what. A user's scope is a set of keys: their own requests
 * (`user`), each child they may see (`pupil`), each such child's class
 * (`class`) and school (`school`). The keys live in `scope_keys` with the sequence numbers at which
 * they entered and left, which is what lets pulls deliver scope changes.
 *
 * Call `refreshScope` in the same transaction as any change to custody, class
 * membership or a pupil's account, for every user the change touches.
 *
 * @module
 */
import type { Sql } from '../db/database.js';

export type ScopeKind = 'pupil' | 'class' | 'user' | 'school';

/** A key as text, `kind:ref`, the form notifications carry. */
export type ScopeKey = `${ScopeKind}:${string}`;

export const scopeKey = (kind: ScopeKind, ref: string): ScopeKey => `${kind}:${ref}`;

/** The keys `userId` should hold now, from custody, class (and so school) membership and their own account. */
export async function desiredScope(tx: Sql, userId: string): Promise<Set<ScopeKey>> {
  const keys = new Set<ScopeKey>([scopeKey('user', userId)]);
  const rows = await tx.query<{ id: string; class_id: string; school_id: string }>(
    `SELECT p.id, p.class_id, c.school_id
       FROM pupils p
       JOIN classes c ON c.id = p.class_id
       JOIN users u ON u.id = $1 AND NOT u.disabled
      WHERE NOT p.deleted
        AND (p.user_id = $1
             OR EXISTS (SELECT 1 FROM custody c
                         WHERE c.pupil_id = p.id AND c.guardian_id = $1 AND c.ended_at IS NULL))`,
    [userId],
  );
  for (const r of rows) {
    keys.add(scopeKey('pupil', r.id));
    keys.add(scopeKey('class', r.class_id));
    keys.add(scopeKey('school', r.school_id));
  }
  return keys;
}

/** The keys `userId` holds now (entered and not left). */
export async function activeScope(db: Sql, userId: string): Promise<Set<ScopeKey>> {
  const rows = await db.query<{ kind: ScopeKind; ref: string }>(
    'SELECT kind, ref FROM scope_keys WHERE user_id = $1 AND until_seq IS NULL',
    [userId],
  );
  return new Set(rows.map((r) => scopeKey(r.kind, r.ref)));
}

function split(key: ScopeKey): [ScopeKind, string] {
  const i = key.indexOf(':');
  return [key.slice(0, i) as ScopeKind, key.slice(i + 1)];
}

/**
 * Brings `userId`'s stored scope in line with `desiredScope`: keys that
 * entered get a new since_seq, keys that left get an until_seq. Returns
 * whether anything changed.
 */
export async function refreshScope(tx: Sql, userId: string): Promise<boolean> {
  // The lock first: scope numbers must be handed out in commit order like any document's.
  await tx.query('SELECT sync_lock()');
  const desired = await desiredScope(tx, userId);
  const active = await activeScope(tx, userId);
  const entered = [...desired].filter((k) => !active.has(k));
  const left = [...active].filter((k) => !desired.has(k));
  for (const key of entered) {
    const [kind, ref] = split(key);
    await tx.query(
      `INSERT INTO scope_keys (user_id, kind, ref, since_seq, until_seq)
       VALUES ($1, $2, $3, nextval('sync_seq'), NULL)
       ON CONFLICT (user_id, kind, ref)
       DO UPDATE SET since_seq = EXCLUDED.since_seq, until_seq = NULL`,
      [userId, kind, ref],
    );
  }
  for (const key of left) {
    const [kind, ref] = split(key);
    await tx.query(
      `UPDATE scope_keys SET until_seq = nextval('sync_seq')
        WHERE user_id = $1 AND kind = $2 AND ref = $3 AND until_seq IS NULL`,
      [userId, kind, ref],
    );
  }
  return entered.length + left.length > 0;
}

/** The users whose scope follows a pupil: the pupil's own account and every guardian, past or present. */
export async function usersOfPupil(tx: Sql, pupilId: string): Promise<string[]> {
  const rows = await tx.query<{ user_id: string }>(
    `SELECT user_id FROM pupils WHERE id = $1 AND user_id IS NOT NULL
     UNION
     SELECT guardian_id FROM custody WHERE pupil_id = $1`,
    [pupilId],
  );
  return rows.map((r) => r.user_id);
}
