/**
 * The school's register: schools, classes, accounts, pupils and custody.
 * Every change that moves what somebody may see refreshes the scope of each
 * user it touches, in the same transaction.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { SessionUser } from '../auth/sessions.js';
import { refreshClassList, refreshClassListOfPupil, refreshClassListsOfUser } from '../boxes/class-list.js';
import type { Sql } from '../db/database.js';
import { refreshScope, usersOfPupil } from '../sync/scope.js';

export type Role = SessionUser['role'];

export async function createSchool(tx: Sql, s: { id: string; name: string; municipality: string }): Promise<void> {
  await tx.query('INSERT INTO schools (id, name, municipality) VALUES ($1, $2, $3)', [s.id, s.name, s.municipality]);
}

export async function createClass(
  tx: Sql,
  c: { id: string; schoolId: string; name: string; year: number },
): Promise<void> {
  await tx.query('INSERT INTO classes (id, school_id, name, year) VALUES ($1, $2, $3, $4)', [
    c.id,
    c.schoolId,
    c.name,
    c.year,
  ]);
}

/** Creates an account; `email` is stored in lower case. Returns its id. */
export async function createUser(
  tx: Sql,
  u: { id?: string; role: Role; name: string; email?: string | null; passwordHash?: string | null },
): Promise<string> {
  const id = u.id ?? randomUUID();
  await tx.query('INSERT INTO users (id, role, name, email, password_hash) VALUES ($1, $2, $3, $4, $5)', [
    id,
    u.role,
    u.name,
    u.email?.trim().toLowerCase() ?? null,
    u.passwordHash ?? null,
  ]);
  await refreshScope(tx, id);
  return id;
}

/** Enrols a pupil in a class, optionally with their own account. */
export async function createPupil(
  tx: Sql,
  p: { id?: string; firstName: string; lastName: string; classId: string; userId?: string | null },
): Promise<string> {
  const id = p.id ?? randomUUID();
  await tx.query('INSERT INTO pupils (id, user_id, first_name, last_name, class_id) VALUES ($1, $2, $3, $4, $5)', [
    id,
    p.userId ?? null,
    p.firstName,
    p.lastName,
    p.classId,
  ]);
  if (p.userId) await refreshScope(tx, p.userId);
  await refreshClassList(tx, p.classId);
  return id;
}

/** Gives a guardian custody of a pupil (again, if it had ended). */
export async function addCustody(tx: Sql, guardianId: string, pupilId: string): Promise<void> {
  await tx.query(
    `INSERT INTO custody (guardian_id, pupil_id) VALUES ($1, $2)
     ON CONFLICT (guardian_id, pupil_id) DO UPDATE SET ended_at = NULL`,
    [guardianId, pupilId],
  );
  await refreshScope(tx, guardianId);
  await refreshClassListOfPupil(tx, pupilId);
}

/** Ends a guardian's custody of a pupil: from now on they see nothing of the child. */
export async function endCustody(tx: Sql, guardianId: string, pupilId: string, at: Date): Promise<void> {
  await tx.query('UPDATE custody SET ended_at = $3 WHERE guardian_id = $1 AND pupil_id = $2 AND ended_at IS NULL', [
    guardianId,
    pupilId,
    at,
  ]);
  await refreshScope(tx, guardianId);
  await refreshClassListOfPupil(tx, pupilId);
}

/** Moves a pupil to another class; the pupil and their guardians see the new class's timetable. */
export async function movePupil(tx: Sql, pupilId: string, classId: string): Promise<void> {
  const [before] = await tx.query<{ class_id: string }>('SELECT class_id FROM pupils WHERE id = $1', [pupilId]);
  await tx.query('UPDATE pupils SET class_id = $2 WHERE id = $1', [pupilId, classId]);
  for (const userId of await usersOfPupil(tx, pupilId)) await refreshScope(tx, userId);
  if (before) await refreshClassList(tx, before.class_id);
  await refreshClassList(tx, classId);
}

/** Disables an account: its sessions end and its scope empties. */
export async function disableUser(tx: Sql, userId: string): Promise<void> {
  await tx.query('UPDATE users SET disabled = true WHERE id = $1', [userId]);
  await tx.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
  await refreshScope(tx, userId);
  await refreshClassListsOfUser(tx, userId);
}
