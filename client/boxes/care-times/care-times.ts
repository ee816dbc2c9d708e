/**
 * Fritidsschema on the device: the child's enrolment, days and the school's
 * locked days from the `careTimes` collection, joined with the user's own
 * `care.set` requests, so that a change shows at once — waiting to be sent,
 * saved (the staff can see it), or not saved with the reason — on top of the
 * times the school has.
 *
 * @module
 */
import {
  CARE_SET,
  type CareFacts,
  type CareSetPayload,
  evaluateCareSet,
  isChangeable,
} from '../../../shared/care-times.js';
import type { CareTimeDoc, RequestDoc } from '../../../shared/collections.js';
import type { Rejection } from '../../../shared/requests.js';
import { addDays, type IsoDate, isoWeekday, mondayOf } from '../../../shared/time.js';
import type { SkolDatabase } from '../../data/db.js';
import type { QuerySpec } from '../../data/query-controller.js';

export { enrolmentOf } from './enrolment.js';

/** Every Fritidsschema document on the device (a family's are few). */
export function careDocs(db: SkolDatabase): QuerySpec {
  return { key: `${db.name}|careTimes`, query: db.careTimes.find() };
}

/** The user's own care-time requests. */
export function careRequests(db: SkolDatabase): QuerySpec {
  return { key: `${db.name}|requests|${CARE_SET}`, query: db.requests.find({ selector: { kind: CARE_SET } }) };
}

/** Times as the form edits them: both times, or no care. */
export interface CareTimes {
  noCare: boolean;
  arrival: string;
  departure: string;
  comment: string;
}

export type CareDayState = 'none' | 'saved' | 'pending' | 'accepted' | 'rejected';

/** One day of a child's Fritidsschema as the screen shows it. */
export interface CareDay {
  date: IsoDate;
  /** What the day shows: the waiting change, else the school's times; null when none are set. */
  times: CareTimes | null;
  /** The school's times (what the staff see now). */
  saved: (CareTimes & { setBy: string; requestId: string }) | null;
  /** The state of the user's latest change to this day, or of the school's times. */
  state: CareDayState;
  rejection?: Rejection;
  /** The lock's reason when the school locked the day. */
  lock: string | null;
  /** Whether the guardian may still change the day (not locked, tomorrow or later, within the horizon). */
  changeable: boolean;
}

const timesOf = (d: { arrival: string; departure: string; comment: string }): CareTimes => ({
  noCare: d.arrival === '',
  arrival: d.arrival,
  departure: d.departure,
  comment: d.comment,
});

const payloadOf = (r: RequestDoc) => r.payload as unknown as CareSetPayload;

/** The five weekdays of the week starting `monday`, for `pupilId`, at `now`. */
export function careWeek(
  docs: readonly CareTimeDoc[],
  requests: readonly RequestDoc[],
  pupil: { id: string; schoolId?: string },
  monday: IsoDate,
  now: Date,
): CareDay[] {
  return [0, 1, 2, 3, 4].map((i) => careDay(docs, requests, pupil, addDays(monday, i), now));
}

export function careDay(
  docs: readonly CareTimeDoc[],
  requests: readonly RequestDoc[],
  pupil: { id: string; schoolId?: string },
  date: IsoDate,
  now: Date,
): CareDay {
  const day = docs.find((d) => d.kind === 'day' && d.scopeRef === pupil.id && d.date === date);
  const lock = docs.find(
    (d) => d.kind === 'lock' && d.date === date && (pupil.schoolId === undefined || d.scopeRef === pupil.schoolId),
  );
  const saved = day ? { ...timesOf(day), setBy: day.setBy, requestId: day.requestId } : null;
  const latest = requests
    .filter((r) => r.pupilId === pupil.id && payloadOf(r).date === date)
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0))
    .at(-1);
  const base = {
    date,
    saved,
    lock: lock ? lock.reason : null,
    changeable: !lock && isChangeable(date, now),
  };
  if (latest?.status === 'pending') return { ...base, times: timesOf(payloadOf(latest)), state: 'pending' };
  if (latest?.status === 'rejected') {
    return {
      ...base,
      times: saved,
      state: 'rejected',
      rejection: latest.reasonCode
        ? {
            code: latest.reasonCode as Rejection['code'],
            params: (latest.reasonParams ?? {}) as Record<string, string>,
          }
        : undefined,
    };
  }
  if (latest?.status === 'accepted') {
    // The school's day holds this change — or it has not arrived yet (then the change is what the school has),
    // or the other home changed the day since (then theirs is what the school has).
    const theirsSince = saved && saved.requestId !== latest.id && day && day.updatedAt > (latest.receivedAt ?? '');
    if (!theirsSince) return { ...base, times: timesOf(payloadOf(latest)), state: 'accepted' };
  }
  return { ...base, times: saved, state: saved ? 'saved' : 'none' };
}

/** The Monday the Fritidsschema opens on: the week of the first day that can still be changed. */
export function firstWeek(now: Date, today: IsoDate): IsoDate {
  let day = addDays(today, 1);
  while (isoWeekday(day) > 5) day = addDays(day, 1);
  return mondayOf(isChangeable(day, now) ? day : today);
}

/** The device's check of one change, with what it knows (the school decides for good). */
export function checkOnDevice(
  payload: CareSetPayload,
  now: Date,
  enrolment: CareTimeDoc | undefined,
  lock: string | null,
  userId: string,
) {
  const facts: CareFacts = {
    hours: enrolment ? { opens: enrolment.opens, closes: enrolment.closes } : null,
    lock,
    current: null,
    userId,
  };
  return evaluateCareSet(payload, now, facts);
}

/** The payload that sets `date` to `times`, on top of the school's times the user saw. */
export function payloadFor(date: IsoDate, times: CareTimes, saved: CareDay['saved']): CareSetPayload {
  return {
    date,
    noCare: times.noCare,
    arrival: times.noCare ? '' : times.arrival,
    departure: times.noCare ? '' : times.departure,
    comment: times.comment.trim(),
    previous: saved?.requestId ?? '',
  };
}

/** Whether the form's times differ from what the day shows. */
export function differs(a: CareTimes | null, b: CareTimes): boolean {
  if (!a) return b.noCare || b.arrival !== '' || b.departure !== '' || b.comment.trim() !== '';
  if (a.noCare !== b.noCare || a.comment.trim() !== b.comment.trim()) return true;
  return !b.noCare && (a.arrival !== b.arrival || a.departure !== b.departure);
}
