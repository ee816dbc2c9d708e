/**
 * The class list (Kontaktlista): one entry per pupil of a class, with the
 * guardians the school shows, built from the register and replicated to
 * everyone who holds the class's scope key. Call `refreshClassList` (or one
 * of the helpers below) in the same transaction as any change to pupils,
 * custody, names, phone numbers or protected identity.
 *
 * What other families may see of a person is decided in one place,
 * `visibleTo` in server/access/visibility.ts; every class-list entry is
 * built through it, as seen by another family.
 *
 * @module
 */
import { visibleTo } from '../access/visibility.js';
import type { Sql } from '../db/database.js';

export interface RegisterGuardian {
  name: string;
  email: string;
  phone: string;
  protectedIdentity: boolean;
  /** Whether any child in their custody has protected identity. */
  guardsProtectedChild: boolean;
}

export interface RegisterPupil {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  classId: string;
  className: string;
  protectedIdentity: boolean;
  nameInClassList: boolean;
  guardians: RegisterGuardian[];
}

export interface ClassListEntry {
  id: string;
  name: string;
  sortName: string;
  role: string;
  email: string;
  phone: string;
  guardians: { name: string; email: string; phone: string }[];
}

/**
 * A pupil's entry in their class's list, as every other family sees it, or
 * null when the pupil must not appear. No guardian is listed beside a pupil
 * with protected identity (their names would lead to the child).
 */
export function classListEntry(p: RegisterPupil): ClassListEntry | null {
  const pupil = visibleTo('otherFamily', {
    kind: 'pupil',
    name: `${p.firstName} ${p.lastName}`,
    email: p.email,
    phone: p.phone,
    protectedIdentity: p.protectedIdentity,
    nameInClassList: p.nameInClassList,
  });
  if (!pupil) return null;
  const guardians = p.protectedIdentity
    ? []
    : p.guardians.flatMap((g) => {
        const seen = visibleTo('otherFamily', { kind: 'guardian', ...g });
        return seen ? [{ name: seen.name, email: seen.email ?? '', phone: seen.phone ?? '' }] : [];
      });
  return {
    id: `cl-${p.classId}-${p.id}`,
    name: pupil.name,
    sortName: `${p.lastName} ${p.firstName}`.toLocaleLowerCase('sv').slice(0, 120),
    role: p.className,
    email: pupil.email ?? '',
    phone: pupil.phone ?? '',
    guardians,
  };
}

/** Brings the class list of `classId` in line with the register: new and changed entries written, gone ones unpublished. */
export async function refreshClassList(tx: Sql, classId: string): Promise<void> {
  const [klass] = await tx.query<{ name: string; school_id: string }>(
    'SELECT name, school_id FROM classes WHERE id = $1',
    [classId],
  );
  if (!klass) return;
  const pupils = await tx.query<{
    id: string;
    first_name: string;
    last_name: string;
    email: string | null;
    phone: string | null;
    protected_identity: boolean;
    name_in_class_list: boolean;
  }>(
    `SELECT p.id, p.first_name, p.last_name, u.email, u.phone, p.protected_identity, p.name_in_class_list
       FROM pupils p LEFT JOIN users u ON u.id = p.user_id AND NOT u.disabled
      WHERE p.class_id = $1 AND NOT p.deleted`,
    [classId],
  );
  const guardians = await tx.query<{
    pupil_id: string;
    name: string;
    email: string | null;
    phone: string;
    protected_identity: boolean;
    guards_protected: boolean;
  }>(
    `SELECT cu.pupil_id, u.name, u.email, u.phone, u.protected_identity,
            EXISTS (SELECT 1 FROM custody c2 JOIN pupils p2 ON p2.id = c2.pupil_id
                     WHERE c2.guardian_id = u.id AND c2.ended_at IS NULL AND p2.protected_identity
                       AND NOT p2.deleted) AS guards_protected
       FROM custody cu
       JOIN users u ON u.id = cu.guardian_id
       JOIN pupils p ON p.id = cu.pupil_id
      WHERE p.class_id = $1 AND cu.ended_at IS NULL AND NOT u.disabled
      ORDER BY u.name, u.id`,
    [classId],
  );
  const desired = new Map<string, ClassListEntry>();
  for (const p of pupils) {
    const entry = classListEntry({
      id: p.id,
      firstName: p.first_name,
      lastName: p.last_name,
      email: p.email ?? '',
      phone: p.phone ?? '',
      classId,
      className: klass.name,
      protectedIdentity: p.protected_identity,
      nameInClassList: p.name_in_class_list,
      guardians: guardians
        .filter((g) => g.pupil_id === p.id)
        .map((g) => ({
          name: g.name,
          email: g.email ?? '',
          phone: g.phone,
          protectedIdentity: g.protected_identity,
          guardsProtectedChild: g.guards_protected,
        })),
    });
    if (entry) desired.set(entry.id, entry);
  }
  const existing = await tx.query<{
    id: string;
    name: string;
    sort_name: string;
    role: string;
    email: string;
    phone: string;
    guardians: unknown;
    deleted: boolean;
  }>(
    `SELECT id, name, sort_name, role, email, phone, guardians, deleted FROM contacts
      WHERE scope_kind = 'class' AND scope_ref = $1 AND kind = 'pupil'`,
    [classId],
  );
  const known = new Map(existing.map((r) => [r.id, r]));
  for (const entry of desired.values()) {
    const row = known.get(entry.id);
    if (
      row &&
      !row.deleted &&
      row.name === entry.name &&
      row.sort_name === entry.sortName &&
      row.role === entry.role &&
      row.email === entry.email &&
      row.phone === entry.phone &&
      JSON.stringify(row.guardians) === JSON.stringify(entry.guardians)
    ) {
      continue;
    }
    await tx.query(
      `INSERT INTO contacts (id, school_id, scope_kind, scope_ref, kind, name, sort_name, role, email, phone, guardians)
       VALUES ($1, $2, 'class', $3, 'pupil', $4, $5, $6, $7, $8, $9)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, sort_name = EXCLUDED.sort_name, role = EXCLUDED.role,
         email = EXCLUDED.email, phone = EXCLUDED.phone, guardians = EXCLUDED.guardians, deleted = false`,
      [
        entry.id,
        klass.school_id,
        classId,
        entry.name,
        entry.sortName,
        entry.role,
        entry.email,
        entry.phone,
        JSON.stringify(entry.guardians),
      ],
    );
  }
  const gone = existing.filter((r) => !r.deleted && !desired.has(r.id)).map((r) => r.id);
  if (gone.length > 0) await tx.query('UPDATE contacts SET deleted = true WHERE id = ANY($1::text[])', [gone]);
}

/**
 * Refreshes the class lists a change to a pupil touches: their own class, and
 * the classes of their brothers and sisters (any child sharing a guardian),
 * since a guardian of a protected child is hidden beside every child of theirs.
 */
export async function refreshClassListOfPupil(tx: Sql, pupilId: string): Promise<void> {
  const rows = await tx.query<{ class_id: string }>(
    `SELECT DISTINCT p.class_id FROM pupils p
      WHERE p.id = $1
         OR EXISTS (SELECT 1 FROM custody mine JOIN custody theirs ON theirs.guardian_id = mine.guardian_id
                     WHERE mine.pupil_id = $1 AND theirs.pupil_id = p.id)`,
    [pupilId],
  );
  for (const r of rows) await refreshClassList(tx, r.class_id);
}

/** Refreshes every class list a user appears in (as a pupil or a guardian): their name, phone or protection changed. */
export async function refreshClassListsOfUser(tx: Sql, userId: string): Promise<void> {
  const rows = await tx.query<{ class_id: string }>(
    `SELECT DISTINCT p.class_id FROM pupils p
      WHERE p.user_id = $1 OR EXISTS (SELECT 1 FROM custody c WHERE c.pupil_id = p.id AND c.guardian_id = $1)`,
    [userId],
  );
  for (const r of rows) await refreshClassList(tx, r.class_id);
}

/**
 * Sets a pupil's protected identity and whether the class list shows their
 * name. Protecting a pupil takes them off the class list unless
 * `nameInClassList` is given as true in the same call.
 */
export async function setPupilPrivacy(
  tx: Sql,
  pupilId: string,
  p: { protectedIdentity?: boolean; nameInClassList?: boolean },
): Promise<void> {
  const nameShown = p.nameInClassList ?? (p.protectedIdentity === true ? false : undefined);
  await tx.query(
    `UPDATE pupils SET protected_identity = COALESCE($2, protected_identity),
                       name_in_class_list = COALESCE($3, name_in_class_list)
      WHERE id = $1`,
    [pupilId, p.protectedIdentity ?? null, nameShown ?? null],
  );
  await refreshClassListOfPupil(tx, pupilId);
}

/** Sets a person's phone number or protected identity; the class lists follow. */
export async function setUserContact(
  tx: Sql,
  userId: string,
  p: { phone?: string; protectedIdentity?: boolean },
): Promise<void> {
  await tx.query(
    `UPDATE users SET phone = COALESCE($2, phone), protected_identity = COALESCE($3, protected_identity)
      WHERE id = $1`,
    [userId, p.phone ?? null, p.protectedIdentity ?? null],
  );
  await refreshClassListsOfUser(tx, userId);
}
