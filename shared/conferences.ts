/**
 * The rules of "Utvecklingssamtal" (development talks) that the device and the
 * server share: which request kinds exist, what their payloads look like, and
 * until when a time can be booked, changed or cancelled. The server decides
 * with these as the authority; the box uses the same functions so a family
 * is not offered what the school would turn down.
 *
 * A school opens times (slots) for a class. A guardian with custody books one
 * for the child; changing is booking another time while naming the booking it
 * replaces (both in one transaction), cancelling is its own request. Each
 * time can be booked by one family only.
 *
 * @module
 */
import type { ConferenceDoc } from './collections.js';
import { addDays, dateInZone, type IsoDate, instantInZone } from './time.js';
import type { Schema } from './validate.js';

export const CONFERENCE_BOOK = 'conference.book';
export const CONFERENCE_CANCEL = 'conference.cancel';

/** Book `slotId`; with `replaces`, the child's current booking (its id) is released in the same transaction. */
export interface ConferenceBookPayload {
  slotId: string;
  replaces?: string;
}

/** Cancel the booking `bookingId` (the id of the request that made it). */
export interface ConferenceCancelPayload {
  bookingId: string;
}

const ref = { type: 'string', minLength: 1, maxLength: 64 } as const;

export const conferenceBookPayloadSchema: Schema = {
  type: 'object',
  properties: { slotId: ref, replaces: ref },
  required: ['slotId'],
};

export const conferenceCancelPayloadSchema: Schema = {
  type: 'object',
  properties: { bookingId: ref },
  required: ['bookingId'],
};

type SlotTimes = Pick<ConferenceDoc, 'date' | 'start' | 'bookUntil'>;

/**
 * Whether a family may still book, change or cancel `slot` at `now`: on or
 * before its last day (`bookUntil`, in the school's time zone) and before the
 * talk begins.
 */
export function withinDeadline(slot: SlotTimes, now: Date): boolean {
  const today: IsoDate = dateInZone(now);
  if (today > slot.bookUntil) return false;
  return instantInZone(slot.date, slot.start).getTime() > now.getTime();
}

/** The default last day to book: the day before the talk. */
export function defaultBookUntil(date: IsoDate): IsoDate {
  return addDays(date, -1);
}

/** Orders slots and bookings by when the talk is. */
export function byTime(a: Pick<ConferenceDoc, 'date' | 'start'>, b: Pick<ConferenceDoc, 'date' | 'start'>): number {
  return a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.start < b.start ? -1 : a.start > b.start ? 1 : 0;
}
