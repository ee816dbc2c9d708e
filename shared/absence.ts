/**
 * The rules of "Rapportera frånvaro": what a guardian may report, and which of
 * the day's lessons a report covers. The server applies them as the authority
 * when a request arrives; the report form runs the same function on the device
 * so that a family sees a problem before sending, not after.
 *
 * @module
 */

import type { LessonDoc } from './collections.js';
import type { Rejection } from './requests.js';
import {
  addDays,
  dateInZone,
  type IsoDate,
  isIsoDate,
  isWallTime,
  minutesOf,
  rangesOverlap,
  timeInZone,
} from './time.js';
import type { Schema } from './validate.js';

export const ABSENCE_REPORT = 'absence.report';
export const COMMENT_MAX = 500;

/** What the report form sends: the whole day, chosen lessons, or a time range. */
export interface AbsenceReportPayload {
  date: IsoDate;
  wholeDay: boolean;
  lessonIds?: string[];
  from?: string;
  to?: string;
  comment?: string;
}

export const absenceReportPayloadSchema: Schema = {
  type: 'object',
  properties: {
    date: { type: 'string', maxLength: 10 },
    wholeDay: { type: 'boolean' },
    lessonIds: { type: 'array', items: { type: 'string', maxLength: 64 }, maxItems: 20 },
    from: { type: 'string', maxLength: 5 },
    to: { type: 'string', maxLength: 5 },
    comment: { type: 'string', maxLength: 2000 },
  },
  required: ['date', 'wholeDay'],
};

type LessonTimes = Pick<LessonDoc, 'id' | 'date' | 'start' | 'end' | 'status'>;

/** What an accepted report covers, as stored in the absence document. */
export interface AbsenceCoverage {
  date: IsoDate;
  wholeDay: boolean;
  from: string;
  to: string;
  lessonIds: string[];
  comment: string;
}

export type AbsenceEvaluation = ({ ok: true } & AbsenceCoverage) | { ok: false; rejection: Rejection };

/** Today and tomorrow in the school's time zone: the only days a report may name. */
export function reportableDates(now: Date): [IsoDate, IsoDate] {
  const today = dateInZone(now);
  return [today, addDays(today, 1)];
}

const reject = (code: Rejection['code'], params: Record<string, string> = {}): AbsenceEvaluation => ({
  ok: false,
  rejection: { code, params },
});

/**
 * Decides whether a report can be taken at `now`, against the lessons of the
 * child's class (any dates; only the report's day counts, cancelled lessons
 * never). Pure: the caller decides who may report for whom.
 */
export function evaluateAbsenceReport(
  payload: AbsenceReportPayload,
  now: Date,
  lessons: readonly LessonTimes[],
): AbsenceEvaluation {
  const comment = (payload.comment ?? '').trim();
  if (comment.length > COMMENT_MAX) return reject('comment_too_long', { max: String(COMMENT_MAX) });
  if (!isIsoDate(payload.date)) return reject('invalid_payload');
  const [today, tomorrow] = reportableDates(now);
  if (payload.date !== today && payload.date !== tomorrow) {
    return reject('date_not_reportable', { date: payload.date, today });
  }
  const day = lessons
    .filter((l) => l.date === payload.date && l.status !== 'cancelled')
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const first = day[0];
  const last = day[day.length - 1];
  if (!first || !last) return reject('no_lessons', { date: payload.date });

  const hasLessons = (payload.lessonIds?.length ?? 0) > 0;
  const hasRange = payload.from !== undefined || payload.to !== undefined;
  if (payload.wholeDay) {
    if (hasLessons || hasRange) return reject('invalid_payload');
    return {
      ok: true,
      date: payload.date,
      wholeDay: true,
      from: first.start,
      to: day.reduce((end, l) => (l.end > end ? l.end : end), last.end),
      lessonIds: day.map((l) => l.id),
      comment,
    };
  }
  if (hasLessons === hasRange) return reject('invalid_payload');

  if (hasLessons) {
    const wanted = new Set(payload.lessonIds);
    const chosen = day.filter((l) => wanted.has(l.id));
    if (chosen.length !== wanted.size) return reject('unknown_lessons', { date: payload.date });
    return {
      ok: true,
      date: payload.date,
      wholeDay: false,
      from: chosen.reduce((s, l) => (l.start < s ? l.start : s), chosen[0]?.start ?? ''),
      to: chosen.reduce((e, l) => (l.end > e ? l.end : e), ''),
      lessonIds: chosen.map((l) => l.id),
      comment,
    };
  }

  const { from, to } = payload;
  if (!isWallTime(from) || !isWallTime(to)) return reject('invalid_payload');
  if (from >= to) return reject('invalid_time_range', { from, to });
  const covered = day.filter((l) => rangesOverlap(from, to, l.start, l.end));
  if (covered.length === 0) return reject('outside_schedule', { from, to, date: payload.date });
  return {
    ok: true,
    date: payload.date,
    wholeDay: false,
    from,
    to,
    lessonIds: covered.map((l) => l.id),
    comment,
  };
}

// --- Ending an absence early ---------------------------------------------------------------

export const ABSENCE_END = 'absence.end';

/**
 * How late an end may be sent after the time it names: a parent who drops the
 * child off at 10:00 and reports it at 10:10 is telling the truth, not
 * rewriting the past.
 */
export const END_GRACE_MINUTES = 15;

/** "The child is back at school from `endAt`": shortens a reported absence of today. */
export interface AbsenceEndPayload {
  absenceId: string;
  /** Wall-clock time in the school's zone, HH:MM. */
  endAt: string;
}

export const absenceEndPayloadSchema: Schema = {
  type: 'object',
  properties: {
    absenceId: { type: 'string', maxLength: 64 },
    endAt: { type: 'string', maxLength: 5 },
  },
  required: ['absenceId', 'endAt'],
};

/** The parts of an absence that ending it depends on. */
export type EndableAbsence = Pick<AbsenceCoverage, 'date' | 'from' | 'to' | 'lessonIds'> & {
  source: 'reported' | 'registered';
};

export type AbsenceEndEvaluation = { ok: true; to: string; lessonIds: string[] } | { ok: false; rejection: Rejection };

const endReject = (code: Rejection['code'], params: Record<string, string> = {}): AbsenceEndEvaluation => ({
  ok: false,
  rejection: { code, params },
});

/**
 * Decides whether `absence` can end at `payload.endAt`, judged at `now`:
 * only a family's own report (the school's registrations are the school's),
 * only today's, only later than it starts and earlier than it ends, and not
 * further back than {@link END_GRACE_MINUTES}. The lessons left are those of
 * the absence that begin before the new end. Pure: the caller decides who may
 * ask.
 */
export function evaluateAbsenceEnd(
  absence: EndableAbsence,
  payload: AbsenceEndPayload,
  now: Date,
  lessons: readonly LessonTimes[],
): AbsenceEndEvaluation {
  if (!isWallTime(payload.endAt)) return endReject('invalid_payload');
  if (absence.source !== 'reported') return endReject('absence_registered');
  const today = dateInZone(now);
  if (absence.date !== today) return endReject('absence_not_today', { date: absence.date, today });
  const { endAt } = payload;
  if (endAt <= absence.from) return endReject('end_not_after_start', { from: absence.from, endAt });
  if (endAt >= absence.to) return endReject('end_not_earlier', { to: absence.to, endAt });
  const clock = timeInZone(now);
  if (minutesOf(endAt) < minutesOf(clock) - END_GRACE_MINUTES) {
    return endReject('end_in_past', { endAt, now: clock });
  }
  const covered = new Set(absence.lessonIds);
  const lessonIds = lessons
    .filter((l) => covered.has(l.id) && l.date === absence.date && rangesOverlap(absence.from, endAt, l.start, l.end))
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))
    .map((l) => l.id);
  return { ok: true, to: endAt, lessonIds };
}

/** The short reference a family quotes to the school: the request id's first eight characters, upper case. */
export function receiptReference(requestId: string): string {
  return requestId.replace(/-/g, '').slice(0, 8).toUpperCase();
}

/** One absence report as the staff API gives it (`GET /api/staff/absence-reports`), and the staff view reads it. */
export interface StaffAbsenceReport {
  id: string;
  pupilId: string;
  pupilName: string;
  classId: string;
  className: string;
  date: IsoDate;
  wholeDay: boolean;
  from: string;
  to: string;
  lessons: { id: string; start: string; end: string; subject: string }[];
  comment: string;
  reportedBy: string;
  /** When the guardian's device made the report (its own clock). */
  sentAt: string;
  /** When the school received it. */
  receivedAt: string;
  /** The reference the family sees on its receipt. */
  reference: string;
  /** When a guardian ended the absence early ('' while it runs as reported). */
  endedAt: string;
}

export interface StaffAbsenceReportPage {
  date: IsoDate;
  reports: StaffAbsenceReport[];
  cursor: string;
  more: boolean;
}
