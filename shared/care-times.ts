/**
 * The rules of Fritidsschema (after-school care times): when a guardian may
 * set or change a child's arrival and departure for a day. The server applies
 * them as the authority when a `care.set` request arrives; the device runs the
 * same function so that a family sees a problem before sending.
 *
 * The rules the FAQ leaves open, as decided here:
 *
 * - One request sets one day (Monday–Friday) for one child: a week, a repeated
 *   week or a copy to a sibling is several requests, each decided on its own.
 * - A day can be set or changed until the end of the day before (Europe/Stockholm);
 *   the day itself is arranged with the staff directly. At most
 *   {@link CARE_HORIZON_DAYS} days ahead.
 * - Times lie within the fritids' opening hours (the child's enrolment says
 *   which; {@link DEFAULT_OPENS}–{@link DEFAULT_CLOSES} unless the school sets
 *   others), arrival before departure. "No care" that day is a choice too.
 * - A day the school has locked (a planning day, a closed fritids) cannot be
 *   changed; the lock's reason is the rejection's.
 * - Two guardians (in different homes) both set the day: each request names
 *   the version of the day its author saw (`previous`). A change made on top of
 *   another guardian's newer times is turned down, naming who changed the day,
 *   so neither overwrites the other unseen; the author sees the new times and
 *   may set the day again. A guardian's own successive changes never conflict.
 *
 * @module
 */
import type { Rejection } from './requests.js';
import { addDays, dateInZone, type IsoDate, isIsoDate, isoWeekday, isWallTime } from './time.js';
import type { Schema } from './validate.js';

export const CARE_SET = 'care.set';
export const CARE_COMMENT_MAX = 500;
/** How far ahead a day can be set: eight weeks. */
export const CARE_HORIZON_DAYS = 56;
export const DEFAULT_OPENS = '06:30';
export const DEFAULT_CLOSES = '18:00';

/** What the Fritidsschema sends for one child and day. */
export interface CareSetPayload {
  date: IsoDate;
  /** True: the child is not at fritids that day (arrival and departure empty). */
  noCare: boolean;
  arrival: string;
  departure: string;
  comment: string;
  /** The request id of the day's times the author saw ('' when the day had none). */
  previous: string;
}

export const careSetPayloadSchema: Schema = {
  type: 'object',
  properties: {
    date: { type: 'string', maxLength: 10 },
    noCare: { type: 'boolean' },
    arrival: { type: 'string', maxLength: 5 },
    departure: { type: 'string', maxLength: 5 },
    comment: { type: 'string', maxLength: 2000 },
    previous: { type: 'string', maxLength: 64 },
  },
  required: ['date', 'noCare', 'arrival', 'departure', 'comment', 'previous'],
};

/** The facts a decision needs, read from the server's tables or the device's replica. */
export interface CareFacts {
  /** The child's enrolment's opening hours, or null when the child is not enrolled in fritids. */
  hours: { opens: string; closes: string } | null;
  /** The lock's reason when the school has locked the day, else null. */
  lock: string | null;
  /** The day's current times, when set. */
  current: { requestId: string; setById: string; setBy: string } | null;
  /** The user asking. */
  userId: string;
}

export type CareEvaluation =
  | { ok: true; date: IsoDate; arrival: string; departure: string; comment: string }
  | { ok: false; rejection: Rejection };

const reject = (code: Rejection['code'], params: Record<string, string> = {}): CareEvaluation => ({
  ok: false,
  rejection: { code, params },
});

/** The first and last day a guardian may set at `now`. */
export function changeableDates(now: Date): { first: IsoDate; last: IsoDate } {
  const today = dateInZone(now);
  return { first: addDays(today, 1), last: addDays(today, CARE_HORIZON_DAYS) };
}

/** Whether `date` can still be set at `now` (ignoring locks and enrolment). */
export function isChangeable(date: IsoDate, now: Date): boolean {
  const { first, last } = changeableDates(now);
  return isIsoDate(date) && isoWeekday(date) <= 5 && date >= first && date <= last;
}

/** Decides whether a `care.set` can be taken at `now`. Pure: the caller checks custody. */
export function evaluateCareSet(payload: CareSetPayload, now: Date, facts: CareFacts): CareEvaluation {
  if (!isIsoDate(payload.date)) return reject('invalid_payload');
  if (!facts.hours) return reject('not_enrolled');
  const comment = payload.comment.trim();
  if (comment.length > CARE_COMMENT_MAX) return reject('comment_too_long', { max: String(CARE_COMMENT_MAX) });
  const { date } = payload;
  if (isoWeekday(date) > 5) return reject('care_weekend', { date });
  const { first, last } = changeableDates(now);
  if (date < first) return reject('care_too_late', { date });
  if (date > last) return reject('care_too_far', { date, last });
  if (facts.lock !== null) return reject('care_locked', { date, reason: facts.lock });
  if (facts.current && facts.current.requestId !== payload.previous && facts.current.setById !== facts.userId) {
    return reject('care_changed_by_other', { date, name: facts.current.setBy });
  }
  if (payload.noCare) {
    if (payload.arrival !== '' || payload.departure !== '') return reject('invalid_payload');
    return { ok: true, date, arrival: '', departure: '', comment };
  }
  const { arrival, departure } = payload;
  if (!isWallTime(arrival) || !isWallTime(departure)) return reject('care_times_missing', { date });
  if (arrival >= departure) return reject('invalid_time_range', { from: arrival, to: departure });
  const { opens, closes } = facts.hours;
  if (arrival < opens || departure > closes) {
    return reject('care_outside_hours', { date, opens, closes });
  }
  return { ok: true, date, arrival, departure, comment };
}
