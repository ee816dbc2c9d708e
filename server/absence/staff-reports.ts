/**
 * The school's side of "Rapportera frånvaro": one day's absence reports of
 * the schools a staff member works at, as they arrive. A cursor (the sync
 * sequence of the last report returned) lets a client ask only for what is
 * new or changed since — a report ended early comes again with its new end.
 * Writers take the sync lock, so sequence numbers are handed out in commit
 * order and nothing can arrive behind a cursor a client already holds.
 *
 * @module
 */

import type { StaffAbsenceReport, StaffAbsenceReportPage } from '../../shared/absence.js';
import { receiptReference } from '../../shared/absence.js';
import { dateInZone, type IsoDate, isIsoDate } from '../../shared/time.js';
import type { Schema } from '../../shared/validate.js';
import type { SessionUser } from '../auth/sessions.js';
import type { Sql } from '../db/database.js';
import { BadRequest } from '../http.js';

/** At most this many reports per answer; `more` says when to ask again from `cursor`. */
export const REPORTS_PAGE = 500;

const text = { type: 'string' } as const;
export const staffAbsenceReportSchema: Schema = {
  type: 'object',
  properties: {
    id: text,
    pupilId: text,
    pupilName: text,
    classId: text,
    className: text,
    date: { type: 'string', description: 'YYYY-MM-DD' },
    wholeDay: { type: 'boolean' },
    from: { type: 'string', description: 'HH:MM, school time' },
    to: { type: 'string', description: 'HH:MM, school time' },
    lessons: {
      type: 'array',
      items: {
        type: 'object',
        properties: { id: text, start: text, end: text, subject: text },
        required: ['id', 'start', 'end', 'subject'],
      },
    },
    comment: text,
    reportedBy: text,
    sentAt: { type: 'string', description: 'When the guardian’s device made the report (ISO 8601)' },
    receivedAt: { type: 'string', description: 'When the school received it (ISO 8601)' },
    reference: { type: 'string', description: 'The reference on the family’s receipt' },
    endedAt: { type: 'string', description: 'When a guardian ended the absence early; empty if not' },
  },
  required: [
    'id',
    'pupilId',
    'pupilName',
    'classId',
    'className',
    'date',
    'wholeDay',
    'from',
    'to',
    'lessons',
    'comment',
    'reportedBy',
    'sentAt',
    'receivedAt',
    'reference',
    'endedAt',
  ],
};

export const staffAbsenceReportPageSchema: Schema = {
  type: 'object',
  properties: {
    date: text,
    reports: { type: 'array', items: staffAbsenceReportSchema },
    cursor: { type: 'string', description: 'Send as `after` to get only what is new or changed since' },
    more: { type: 'boolean', description: 'More reports wait: ask again at once with `after=cursor`' },
  },
  required: ['date', 'reports', 'cursor', 'more'],
};

/** Reads `date` and `after` from a query; 400 for anything else than a date and a cursor this API gave. */
export function parseReportQuery(date: string | undefined, after: string | undefined, now: Date) {
  if (date !== undefined && !isIsoDate(date)) {
    throw new BadRequest('invalid_query', '"date" must be a date written YYYY-MM-DD.');
  }
  if (after !== undefined && !/^\d{1,18}$/.test(after)) {
    throw new BadRequest('invalid_query', '"after" must be a cursor from an earlier answer.');
  }
  return { date: date ?? dateInZone(now), after: after ?? '0' };
}

/** The school a staff member works at (admins: every school, null). Staff without one see nothing. */
export async function staffSchool(tx: Sql, user: SessionUser): Promise<string | null | undefined> {
  if (user.role === 'admin') return null;
  const [row] = await tx.query<{ school_id: string | null }>(
    'SELECT school_id FROM users WHERE id = $1 AND NOT disabled',
    [user.id],
  );
  return row?.school_id ?? undefined;
}

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v ? String(v) : '');

/** The reports of `date` after `after`, in the order they arrived or changed. */
export async function absenceReportsFor(
  tx: Sql,
  user: SessionUser,
  date: IsoDate,
  after: string,
): Promise<StaffAbsenceReportPage> {
  const school = await staffSchool(tx, user);
  if (school === undefined) return { date, reports: [], cursor: after, more: false };
  const rows = await tx.query<{
    id: string;
    pupil_id: string;
    first_name: string;
    last_name: string;
    class_id: string;
    class_name: string;
    date: string;
    whole_day: boolean;
    from_time: string;
    to_time: string;
    lesson_ids: string[];
    comment: string;
    reported_by: string;
    request_id: string | null;
    created_at: string | null;
    received_at: Date | string | null;
    ended_at: Date | string | null;
    seq: string;
  }>(
    `SELECT a.id, a.pupil_id, p.first_name, p.last_name, p.class_id, c.name AS class_name, a.date, a.whole_day,
            a.from_time, a.to_time, a.lesson_ids, a.comment, a.reported_by, a.request_id, r.created_at,
            r.received_at, e.received_at AS ended_at, a.seq::text AS seq
       FROM absences a
       JOIN pupils p ON p.id = a.pupil_id
       JOIN classes c ON c.id = p.class_id
       LEFT JOIN requests r ON r.id = a.request_id
       LEFT JOIN requests e ON e.id = a.ended_by_request
      WHERE a.date = $1 AND a.seq > $2::bigint AND a.source = 'reported' AND NOT a.deleted
        AND ($3::text IS NULL OR c.school_id = $3::text)
      ORDER BY a.seq
      LIMIT ${REPORTS_PAGE}`,
    [date, after, school],
  );
  const lessonIds = [...new Set(rows.flatMap((r) => r.lesson_ids))];
  const lessons = new Map(
    (lessonIds.length === 0
      ? []
      : await tx.query<{ id: string; start: string; end: string; subject: string }>(
          'SELECT id, start_time AS start, end_time AS end, subject FROM lessons WHERE id = ANY($1)',
          [lessonIds],
        )
    ).map((l) => [l.id, l]),
  );
  const reports = rows.map(
    (r): StaffAbsenceReport => ({
      id: r.id,
      pupilId: r.pupil_id,
      pupilName: `${r.first_name} ${r.last_name}`,
      classId: r.class_id,
      className: r.class_name,
      date: r.date,
      wholeDay: r.whole_day,
      from: r.from_time,
      to: r.to_time,
      lessons: r.lesson_ids
        .map((id) => lessons.get(id))
        .filter((l) => l !== undefined)
        .sort((a, b) => (a.start < b.start ? -1 : 1)),
      comment: r.comment,
      reportedBy: r.reported_by,
      sentAt: r.created_at ?? '',
      receivedAt: iso(r.received_at),
      reference: receiptReference(r.request_id ?? r.id),
      endedAt: iso(r.ended_at),
    }),
  );
  return {
    date,
    reports,
    cursor: rows.at(-1)?.seq ?? after,
    more: rows.length === REPORTS_PAGE,
  };
}
