/**
 * What Uppgifter and eTest share on the server: the per-pupil document id,
 * finding a pupil's own record and the published items in a pupil's scope.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import type { Sql } from '../db/database.js';

/** The id of a pupil's document about a task (conversation or submission): stable, at most 64 characters. */
export function pupilDocId(kind: 'conversation' | 'submission', taskId: string, pupilId: string): string {
  const hash = createHash('sha256').update(`${kind}\u0000${taskId}\u0000${pupilId}`).digest('hex');
  return `${kind === 'conversation' ? 'c' : 's'}-${hash.slice(0, 40)}`;
}

export interface OwnPupil {
  id: string;
  classId: string;
  schoolId: string;
  name: string;
}

/** The pupil record `pupilId` if it is the signed-in pupil's own, else null. */
export async function ownPupil(tx: Sql, userId: string, pupilId: string): Promise<OwnPupil | null> {
  const [row] = await tx.query<{ id: string; class_id: string; school_id: string; name: string }>(
    `SELECT p.id, p.class_id, c.school_id, p.first_name || ' ' || p.last_name AS name
       FROM pupils p JOIN classes c ON c.id = p.class_id
      WHERE p.id = $1 AND p.user_id = $2 AND NOT p.deleted`,
    [pupilId, userId],
  );
  return row ? { id: row.id, classId: row.class_id, schoolId: row.school_id, name: row.name } : null;
}

/** SQL (over alias `t`, parameters $a pupil, $b class, $c school) for "published for this pupil". */
export const IN_PUPIL_SCOPE = (a: number, b: number, c: number) =>
  `((t.scope_kind = 'pupil' AND t.scope_ref = $${a}) OR (t.scope_kind = 'class' AND t.scope_ref = $${b})
    OR (t.scope_kind = 'school' AND t.scope_ref = $${c}))`;

/** The pupils a published task is for, by name: its pupil, its class's or its school's. */
export async function pupilsOfScope(tx: Sql, scopeKind: string, scopeRef: string) {
  return tx.query<{ id: string; name: string; class_name: string }>(
    `SELECT p.id, p.first_name || ' ' || p.last_name AS name, c.name AS class_name
       FROM pupils p JOIN classes c ON c.id = p.class_id
      WHERE NOT p.deleted
        AND (($1 = 'pupil' AND p.id = $2) OR ($1 = 'class' AND p.class_id = $2) OR ($1 = 'school' AND c.school_id = $2))
      ORDER BY c.name, p.last_name, p.first_name, p.id`,
    [scopeKind, scopeRef],
  );
}
