/**
 * Utvecklingssamtal on the device: the times the school opened for the
 * child's class and the child's booking, with the user's own booking requests
 * laid over them, so that a booking, a change or a cancellation shows at once
 * — waiting to be sent, taken by the school, or turned down with the reason —
 * and the family is offered the free times the school would take.
 *
 * @module
 */

import type { ReactiveControllerHost } from 'lit';
import type { ConferenceDoc, RequestDoc } from '../../../shared/collections.js';
import {
  byTime,
  CONFERENCE_BOOK,
  CONFERENCE_CANCEL,
  type ConferenceBookPayload,
  type ConferenceCancelPayload,
  withinDeadline,
} from '../../../shared/conferences.js';
import { dateInZone } from '../../../shared/time.js';
import { type PupilSummary, selectedPupil, store } from '../../app/state.js';
import type { SkolDatabase } from '../../data/db.js';
import { QueryController, type QuerySpec } from '../../data/query-controller.js';

/** The child's class's times and the child's bookings. */
export function conferencesOf(db: SkolDatabase, pupil: PupilSummary): QuerySpec {
  return {
    key: `${db.name}|conferences|${pupil.id}|${pupil.classId}`,
    query: db.conferences.find({
      selector: {
        $or: [
          { scopeKind: 'class', scopeRef: pupil.classId, kind: 'slot' },
          { scopeKind: 'pupil', scopeRef: pupil.id, kind: 'booking' },
        ],
      },
    }),
  };
}

/** The user's booking requests, for every child (the model picks the child's). */
export function conferenceRequests(db: SkolDatabase): QuerySpec {
  return {
    key: `${db.name}|requests|conference`,
    query: db.requests.find({ selector: { kind: { $in: [CONFERENCE_BOOK, CONFERENCE_CANCEL] } } }),
  };
}

/** The child's booked time as shown: confirmed by the school, or asked for and waiting. */
export interface ShownBooking {
  /** The booking's id (the request that made it). */
  id: string;
  slot: Pick<ConferenceDoc, 'slotId' | 'date' | 'start' | 'end' | 'location' | 'teacher' | 'bookUntil'>;
  /** accepted: the school has it; pending: a booking or change waits to be sent or decided. */
  state: 'accepted' | 'pending';
  bookedBy: string;
  /** A cancellation of it waits. */
  cancelling: boolean;
  /** Whether it can still be changed or cancelled. */
  changeable: boolean;
}

export interface ConferenceModel {
  /** The class's times the family may book now, in time order (free or taken). */
  times: (ConferenceDoc & { bookable: boolean })[];
  booking: ShownBooking | null;
  /** The latest request for the child, when the school turned it down (and nothing was asked since), while times are open. */
  rejected: RequestDoc | null;
  /** Whether the box belongs on the start page: bookable times, a booking, or a rejection to read. */
  open: boolean;
  /** The last day to book among the times shown. */
  lastDay: string | null;
}

const toSlot = (d: ConferenceDoc): ShownBooking['slot'] => ({
  slotId: d.slotId,
  date: d.date,
  start: d.start,
  end: d.end,
  location: d.location,
  teacher: d.teacher,
  bookUntil: d.bookUntil,
});

/** The child's times, booking and latest rejection at `now`. */
export function conferenceModel(
  docs: readonly ConferenceDoc[],
  requests: readonly RequestDoc[],
  pupil: Pick<PupilSummary, 'id' | 'classId'>,
  now: Date,
): ConferenceModel {
  const today = dateInZone(now);
  const slots = new Map(
    docs.filter((d) => d.kind === 'slot' && d.scopeRef === pupil.classId).map((d) => [d.slotId, d] as const),
  );
  const confirmed = docs
    .filter((d) => d.kind === 'booking' && d.scopeRef === pupil.id && d.date >= today)
    .sort(byTime)[0];
  let booking: ShownBooking | null = confirmed
    ? {
        id: confirmed.id,
        slot: toSlot(confirmed),
        state: 'accepted',
        bookedBy: confirmed.bookedBy,
        cancelling: false,
        changeable: withinDeadline(confirmed, now),
      }
    : null;
  const mine = requests
    .filter((r) => r.pupilId === pupil.id)
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  // What waits, in the order it was asked: a booking or change takes the place of what is shown, a cancellation marks it.
  for (const r of mine) {
    if (r.status !== 'pending') continue;
    if (r.kind === CONFERENCE_BOOK) {
      const slot = slots.get((r.payload as unknown as ConferenceBookPayload).slotId);
      if (!slot) continue;
      booking = { id: r.id, slot: toSlot(slot), state: 'pending', bookedBy: '', cancelling: false, changeable: false };
    } else if (booking && (r.payload as unknown as ConferenceCancelPayload).bookingId === booking.id) {
      booking = { ...booking, cancelling: true, changeable: false };
    }
  }
  const taken = booking?.slot.slotId;
  const times = [...slots.values()]
    .filter((s) => withinDeadline(s, now) || s.slotId === taken)
    .map((s) => ({ ...s, bookable: !s.taken && s.slotId !== taken && withinDeadline(s, now) }))
    .sort(byTime);
  // A refusal matters while there are times to choose from; an old one does not keep the box open.
  const last = mine[mine.length - 1];
  const rejected = last?.status === 'rejected' && times.length > 0 ? last : null;
  const lastDay = times.reduce<string | null>((d, s) => (d === null || s.bookUntil > d ? s.bookUntil : d), null);
  return {
    times,
    booking,
    rejected,
    open: times.some((s) => s.bookable) || booking !== null || rejected !== null,
    lastDay,
  };
}

/** The child's bookings (confirmed by the school), for the calendar. */
export function bookingsOf(docs: readonly ConferenceDoc[], pupilIds: readonly string[]): ConferenceDoc[] {
  const ids = new Set(pupilIds);
  return docs.filter((d) => d.kind === 'booking' && ids.has(d.scopeRef));
}

/** The selected child's development talks for a component, kept live from the device database. */
export class ConferenceListController {
  private readonly _docs: QueryController<ConferenceDoc>;
  private readonly _requests: QueryController<RequestDoc>;

  constructor(host: ReactiveControllerHost) {
    this._docs = new QueryController<ConferenceDoc>(host, () => {
      const { db } = store.get();
      const pupil = selectedPupil();
      return db && pupil ? conferencesOf(db, pupil) : null;
    });
    this._requests = new QueryController<RequestDoc>(host, () => {
      const { db } = store.get();
      return db ? conferenceRequests(db) : null;
    });
  }

  get ready(): boolean {
    return this._docs.ready && this._requests.ready;
  }

  /** The selected child's model at `now`, or null without a child. */
  model(now: Date): ConferenceModel | null {
    const pupil = selectedPupil();
    return pupil ? conferenceModel(this._docs.docs, this._requests.docs, pupil, now) : null;
  }
}
