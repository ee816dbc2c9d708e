/**
 * The school's side of Fritidsschema, behind the staff API: enrol a pupil in
 * fritids (with the opening hours), end an enrolment, lock and unlock days,
 * and see the care times of every enrolled pupil for a range of days. Staff
 * act for their own school, administrators for any school they name. The demo
 * school goes through the same functions.
 *
 * Locking a day keeps the times already set (the staff still see them) and
 * turns down every later change to that day with the lock's reason.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { DEFAULT_CLOSES, DEFAULT_OPENS } from '../../shared/care-times.js';
import type { CareTimeDoc } from '../../shared/collections.js';
import { addDays, daysBetween, type IsoDate, isIsoDate, isWallTime } from '../../shared/time.js';
import { type Schema, validate } from '../../shared/validate.js';
import { assertMayPublish, type Publisher } from '../boxes/publish.js';
import type { Row, Sql } from '../db/database.js';
import { BadRequest } from '../http.js';
import { serverCollections } from '../sync/collections.js';

/** The longest range `GET /api/staff/care/times` answers for. */
export const MAX_RANGE_DAYS = 31;

const timeField: Schema = {
  type: 'string',
  pattern: '^([01]\\d|2[0-3]):[0-5]\\d$',
  maxLength: 5,
  description: 'A wall-clock time (HH:MM) in Europe/Stockholm.',
};

export const enrolmentInputSchema: Schema = {
  type: 'object',
  description: `The pupil is enrolled in fritids, open from \`opens\` to \`closes\` (default ${DEFAULT_OPENS}–${DEFAULT_CLOSES}).`,
  properties: { opens: timeField, closes: timeField },
};

export const lockInputSchema: Schema = {
  type: 'object',
  description: 'Locks a day: guardians can no longer set or change care times for it. The reason is shown to them.',
  properties: {
    reason: { type: 'string', minLength: 1, maxLength: 200, description: 'Why, e.g. "Studiedag – fritids stängt".' },
    schoolId: {
      type: 'string',
      minLength: 1,
      maxLength: 64,
      description: 'The school (administrators); staff lock days of their own school.',
    },
  },
  required: ['reason'],
};

function check(schema: Schema, input: unknown): void {
  const problems = validate(schema, input);
  if (problems.length > 0) throw new BadRequest('invalid_body', problems.slice(0, 5).join('; '));
}

function checkDate(date: string): void {
  if (!isIsoDate(date)) throw new BadRequest('invalid_date', `${date} is not a calendar date (YYYY-MM-DD).`);
}

/** A stable id for an enrolment or a lock: the same school and day (or pupil) is always the same document. */
const careId = (kind: 'enrolment' | 'lock', ref: string, date = '') =>
  `care-${kind}-${createHash('sha256').update(`${ref}\n${date}`).digest('hex').slice(0, 32)}`;

const toDoc = (row: Row): CareTimeDoc => serverCollections.careTimes.toDoc(row);
const COLUMNS = serverCollections.careTimes.columns;

/** The school `user` acts for: a staff member's own (or 403 for another), the one an admin names. */
export async function careSchoolOf(tx: Sql, user: Publisher, requested: string | undefined): Promise<string> {
  if (user.role === 'staff') {
    const [row] = await tx.query<{ school_id: string | null }>('SELECT school_id FROM users WHERE id = $1', [user.id]);
    const own = row?.school_id ?? null;
    if (!own || (requested !== undefined && requested !== own)) {
      throw new BadRequest('forbidden', 'You may not act for this school.', 403);
    }
    return own;
  }
  if (!requested) throw new BadRequest('school_required', 'Name the school (schoolId).');
  const [row] = await tx.query('SELECT 1 FROM schools WHERE id = $1', [requested]);
  if (!row) throw new BadRequest('unknown_school', `There is no school "${requested}".`);
  await assertMayPublish(tx, user, requested);
  return requested;
}

async function schoolOfPupil(tx: Sql, pupilId: string): Promise<string | null> {
  const [row] = await tx.query<{ school_id: string }>(
    'SELECT c.school_id FROM pupils p JOIN classes c ON c.id = p.class_id WHERE p.id = $1 AND NOT p.deleted',
    [pupilId],
  );
  return row?.school_id ?? null;
}

/** Enrols `pupilId` in fritids (or changes the opening hours); `created` when it was not enrolled. */
export async function enrol(
  tx: Sql,
  user: Publisher,
  pupilId: string,
  input: unknown,
): Promise<{ item: CareTimeDoc; created: boolean }> {
  check(enrolmentInputSchema, input);
  const { opens = DEFAULT_OPENS, closes = DEFAULT_CLOSES } = input as { opens?: string; closes?: string };
  if (!isWallTime(opens) || !isWallTime(closes) || opens >= closes) {
    throw new BadRequest('invalid_body', 'closes must be after opens.');
  }
  const schoolId = await schoolOfPupil(tx, pupilId);
  if (!schoolId) throw new BadRequest('not_found', `There is no pupil "${pupilId}".`, 404);
  await assertMayPublish(tx, user, schoolId);
  const [existing] = await tx.query<{ id: string; deleted: boolean }>(
    "SELECT id, deleted FROM care_times WHERE kind = 'enrolment' AND scope_ref = $1",
    [pupilId],
  );
  const id = existing?.id ?? careId('enrolment', pupilId);
  if (existing) {
    await tx.query('UPDATE care_times SET opens = $2, closes = $3, deleted = false, author_id = $4 WHERE id = $1', [
      id,
      opens,
      closes,
      user.id,
    ]);
  } else {
    await tx.query(
      `INSERT INTO care_times (id, school_id, scope_kind, scope_ref, kind, opens, closes, author_id)
       VALUES ($1, $2, 'pupil', $3, 'enrolment', $4, $5, $6)`,
      [id, schoolId, pupilId, opens, closes, user.id],
    );
  }
  const [row] = await tx.query(`SELECT ${COLUMNS} FROM care_times d WHERE d.id = $1`, [id]);
  return { item: toDoc(row as Row), created: !existing || existing.deleted };
}

/** Ends `pupilId`'s enrolment: the box leaves the family's start page; the times set stay with the school. */
export async function unenrol(tx: Sql, user: Publisher, pupilId: string): Promise<void> {
  const [row] = await tx.query<{ id: string; school_id: string }>(
    "SELECT id, school_id FROM care_times WHERE kind = 'enrolment' AND scope_ref = $1 AND NOT deleted",
    [pupilId],
  );
  if (!row) throw new BadRequest('not_found', `"${pupilId}" is not enrolled in fritids.`, 404);
  await assertMayPublish(tx, user, row.school_id);
  await tx.query('UPDATE care_times SET deleted = true, author_id = $2 WHERE id = $1', [row.id, user.id]);
}

/** Locks `date` at a school, with the reason guardians see; `created` when it was not locked. */
export async function lockDay(
  tx: Sql,
  user: Publisher,
  date: string,
  input: unknown,
): Promise<{ item: CareTimeDoc; created: boolean }> {
  checkDate(date);
  check(lockInputSchema, input);
  const { reason, schoolId: requested } = input as { reason: string; schoolId?: string };
  const schoolId = await careSchoolOf(tx, user, requested);
  const text = reason.trim();
  if (!text) throw new BadRequest('invalid_body', 'Give the reason guardians will see.');
  const [existing] = await tx.query<{ id: string; deleted: boolean }>(
    "SELECT id, deleted FROM care_times WHERE kind = 'lock' AND scope_ref = $1 AND date = $2",
    [schoolId, date],
  );
  const id = existing?.id ?? careId('lock', schoolId, date);
  if (existing) {
    await tx.query('UPDATE care_times SET reason = $2, deleted = false, author_id = $3 WHERE id = $1', [
      id,
      text,
      user.id,
    ]);
  } else {
    await tx.query(
      `INSERT INTO care_times (id, school_id, scope_kind, scope_ref, kind, date, reason, author_id)
       VALUES ($1, $2, 'school', $2, 'lock', $3, $4, $5)`,
      [id, schoolId, date, text, user.id],
    );
  }
  const [row] = await tx.query(`SELECT ${COLUMNS} FROM care_times d WHERE d.id = $1`, [id]);
  return { item: toDoc(row as Row), created: !existing || existing.deleted };
}

/** Unlocks `date`: guardians may change it again (within the usual rules). */
export async function unlockDay(tx: Sql, user: Publisher, date: string, requested: string | undefined): Promise<void> {
  checkDate(date);
  const schoolId = await careSchoolOf(tx, user, requested);
  const [row] = await tx.query<{ id: string }>(
    "SELECT id FROM care_times WHERE kind = 'lock' AND scope_ref = $1 AND date = $2 AND NOT deleted",
    [schoolId, date],
  );
  if (!row) throw new BadRequest('not_found', `${date} is not locked.`, 404);
  await tx.query('UPDATE care_times SET deleted = true, author_id = $2 WHERE id = $1', [row.id, user.id]);
}

export interface CareDayOfPupil {
  date: IsoDate;
  noCare: boolean;
  arrival: string;
  departure: string;
  comment: string;
  setBy: string;
  updatedAt: string;
}

export interface CareOverview {
  schoolId: string;
  from: IsoDate;
  to: IsoDate;
  locks: { date: IsoDate; reason: string }[];
  pupils: {
    id: string;
    name: string;
    className: string;
    opens: string;
    closes: string;
    days: CareDayOfPupil[];
  }[];
}

/** The care times of every pupil enrolled at the school, `from`–`to` (defaults: today and six days on). */
export async function careOverview(
  tx: Sql,
  user: Publisher,
  query: { from?: string; to?: string; schoolId?: string },
  today: IsoDate,
): Promise<CareOverview> {
  const from = query.from ?? today;
  checkDate(from);
  const to = query.to ?? addDays(from, 6);
  checkDate(to);
  if (to < from) throw new BadRequest('invalid_range', '`to` must not be before `from`.');
  if (daysBetween(from, to) >= MAX_RANGE_DAYS) {
    throw new BadRequest('invalid_range', `At most ${MAX_RANGE_DAYS} days at a time.`);
  }
  const schoolId = await careSchoolOf(tx, user, query.schoolId);
  const locks = await tx.query<{ date: string; reason: string }>(
    `SELECT date::text AS date, reason FROM care_times
      WHERE kind = 'lock' AND scope_ref = $1 AND date BETWEEN $2 AND $3 AND NOT deleted ORDER BY date`,
    [schoolId, from, to],
  );
  const pupils = await tx.query<{
    id: string;
    first_name: string;
    last_name: string;
    class_name: string;
    opens: string;
    closes: string;
  }>(
    `SELECT p.id, p.first_name, p.last_name, c.name AS class_name, e.opens, e.closes
       FROM care_times e
       JOIN pupils p ON p.id = e.scope_ref AND NOT p.deleted
       JOIN classes c ON c.id = p.class_id
      WHERE e.kind = 'enrolment' AND e.school_id = $1 AND NOT e.deleted
      ORDER BY c.year, c.name, p.last_name, p.first_name, p.id`,
    [schoolId],
  );
  const days = await tx.query<{
    pupil_id: string;
    date: string;
    arrival: string;
    departure: string;
    comment: string;
    set_by: string;
    updated_at: Date | string;
  }>(
    `SELECT scope_ref AS pupil_id, date::text AS date, arrival, departure, comment, set_by, updated_at
       FROM care_times
      WHERE kind = 'day' AND school_id = $1 AND date BETWEEN $2 AND $3 AND NOT deleted
      ORDER BY date`,
    [schoolId, from, to],
  );
  const byPupil = new Map<string, CareDayOfPupil[]>();
  for (const d of days) {
    const list = byPupil.get(d.pupil_id) ?? [];
    list.push({
      date: d.date,
      noCare: d.arrival === '',
      arrival: d.arrival,
      departure: d.departure,
      comment: d.comment,
      setBy: d.set_by,
      updatedAt: d.updated_at instanceof Date ? d.updated_at.toISOString() : String(d.updated_at),
    });
    byPupil.set(d.pupil_id, list);
  }
  return {
    schoolId,
    from,
    to,
    locks,
    pupils: pupils.map((p) => ({
      id: p.id,
      name: `${p.first_name} ${p.last_name}`,
      className: p.class_name,
      opens: p.opens,
      closes: p.closes,
      days: byPupil.get(p.id) ?? [],
    })),
  };
}
