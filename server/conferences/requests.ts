/**
 * "Utvecklingssamtal" on the server: a guardian with custody books a time the
 * school opened for the child's class, changes it (books another, releasing
 * the old one in the same transaction) or cancels it, until the time's last
 * day. Requests are decided one at a time under the replication lock, so of
 * several families asking for one time exactly one gets it; the others are
 * told, in Swedish, that it was taken.
 *
 * @module
 */
import {
  CONFERENCE_BOOK,
  CONFERENCE_CANCEL,
  type ConferenceBookPayload,
  type ConferenceCancelPayload,
  conferenceBookPayloadSchema,
  conferenceCancelPayloadSchema,
  withinDeadline,
} from '../../shared/conferences.js';
import { dateInZone } from '../../shared/time.js';
import type { SessionUser } from '../auth/sessions.js';
import type { Sql } from '../db/database.js';
import { type Decision, type RequestHandler, rejected } from '../requests/handlers.js';

interface SlotRow {
  id: string;
  school_id: string;
  class_id: string;
  date: string;
  start: string;
  end: string;
  location: string;
  teacher: string;
  book_until: string;
  taken: boolean;
  deleted: boolean;
}

interface BookingRow {
  id: string;
  slot_id: string;
  pupil_id: string;
  date: string;
  start: string;
  book_until: string;
}

const SLOT_COLUMNS = `id, school_id, class_id, date, start_time AS start, end_time AS end, location, teacher,
  book_until, taken, deleted`;
const BOOKING_COLUMNS = 'id, slot_id, pupil_id, date, start_time AS start, book_until';

/** The child's class when `user` is a guardian with custody of `pupilId`; a rejection otherwise. */
async function custodyOf(tx: Sql, user: SessionUser, pupilId: string): Promise<{ classId: string } | Decision> {
  if (user.role !== 'guardian') return rejected('conference_not_guardian');
  const [pupil] = await tx.query<{ class_id: string }>(
    `SELECT p.class_id FROM pupils p
       JOIN custody c ON c.pupil_id = p.id AND c.guardian_id = $2 AND c.ended_at IS NULL
      WHERE p.id = $1 AND NOT p.deleted`,
    [pupilId, user.id],
  );
  return pupil ? { classId: pupil.class_id } : rejected('conference_no_custody');
}

const isDecision = (v: unknown): v is Decision => typeof v === 'object' && v !== null && 'status' in v;

/** The child's live booking `id`, or none. */
async function bookingOf(tx: Sql, id: string, pupilId: string): Promise<BookingRow | undefined> {
  const [row] = await tx.query<BookingRow>(
    `SELECT ${BOOKING_COLUMNS} FROM conferences
      WHERE id = $1 AND kind = 'booking' AND pupil_id = $2 AND NOT deleted`,
    [id, pupilId],
  );
  return row;
}

/** Books `slot` (free, checked by the caller) for `pupilId`, by guardian `user`. */
export async function insertBooking(
  tx: Sql,
  slot: Pick<
    SlotRow,
    'id' | 'school_id' | 'class_id' | 'date' | 'start' | 'end' | 'location' | 'teacher' | 'book_until'
  >,
  ids: { id: string; requestId: string | null },
  pupilId: string,
  user: Pick<SessionUser, 'id' | 'name'>,
): Promise<void> {
  await tx.query(`UPDATE conferences SET taken = true WHERE id = $1`, [slot.id]);
  await tx.query(
    `INSERT INTO conferences (id, school_id, scope_kind, scope_ref, kind, slot_id, class_id, date, start_time,
                              end_time, location, teacher, book_until, taken, pupil_id, booked_by, booked_by_id,
                              request_id)
     VALUES ($1, $2, 'pupil', $3, 'booking', $4, $5, $6, $7, $8, $9, $10, $11, false, $3, $12, $13, $14)`,
    [
      ids.id,
      slot.school_id,
      pupilId,
      slot.id,
      slot.class_id,
      slot.date,
      slot.start,
      slot.end,
      slot.location,
      slot.teacher,
      slot.book_until,
      user.name,
      user.id,
      ids.requestId,
    ],
  );
}

/** Slot `id` as the booking rules read it. */
export async function slotRow(tx: Sql, id: string): Promise<SlotRow | undefined> {
  const [slot] = await tx.query<SlotRow>(`SELECT ${SLOT_COLUMNS} FROM conferences WHERE id = $1 AND kind = 'slot'`, [
    id,
  ]);
  return slot;
}

const when = (b: { date: string; start: string }) => ({ date: b.date, time: b.start });

async function release(tx: Sql, booking: BookingRow): Promise<void> {
  await tx.query('UPDATE conferences SET deleted = true WHERE id = $1', [booking.id]);
  await tx.query(`UPDATE conferences SET taken = false WHERE id = $1 AND kind = 'slot'`, [booking.slot_id]);
}

export const conferenceBookHandler: RequestHandler<ConferenceBookPayload> = {
  kind: CONFERENCE_BOOK,
  payloadSchema: conferenceBookPayloadSchema,
  async decide({ tx, user, now }, request) {
    const custody = await custodyOf(tx, user, request.pupilId);
    if (isDecision(custody)) return custody;
    const { slotId, replaces } = request.payload;
    const slot = await slotRow(tx, slotId);
    // Another class's time is no more bookable than a closed one, and says nothing about it.
    if (!slot || slot.deleted || slot.class_id !== custody.classId) return rejected('slot_closed');
    const slotTimes = { date: slot.date, start: slot.start, bookUntil: slot.book_until };
    if (!withinDeadline(slotTimes, now)) {
      return rejected('booking_deadline_passed', { ...when(slot), deadline: slot.book_until });
    }
    let replaced: BookingRow | undefined;
    if (replaces !== undefined) {
      replaced = await bookingOf(tx, replaces, request.pupilId);
      // Changed or cancelled meanwhile (by the other guardian, say): the family decides again on what is now.
      if (!replaced) return rejected('booking_changed');
      if (replaced.slot_id === slot.id) return rejected('invalid_payload');
      if (!withinDeadline({ date: replaced.date, start: replaced.start, bookUntil: replaced.book_until }, now)) {
        return rejected('booking_deadline_passed', { ...when(replaced), deadline: replaced.book_until });
      }
    } else {
      // One upcoming talk per child: a second booking must say which one it replaces.
      const [current] = await tx.query<BookingRow>(
        `SELECT ${BOOKING_COLUMNS} FROM conferences
          WHERE kind = 'booking' AND pupil_id = $1 AND NOT deleted AND date >= $2
          ORDER BY date, start_time LIMIT 1`,
        [request.pupilId, dateInZone(now)],
      );
      if (current) return rejected('already_booked', when(current));
    }
    if (slot.taken) return rejected('slot_taken', when(slot));
    return {
      status: 'accepted',
      async apply() {
        if (replaced) await release(tx, replaced);
        await insertBooking(tx, slot, { id: request.id, requestId: request.id }, request.pupilId, user);
      },
    };
  },
};

export const conferenceCancelHandler: RequestHandler<ConferenceCancelPayload> = {
  kind: CONFERENCE_CANCEL,
  payloadSchema: conferenceCancelPayloadSchema,
  async decide({ tx, user, now }, request) {
    const custody = await custodyOf(tx, user, request.pupilId);
    if (isDecision(custody)) return custody;
    const booking = await bookingOf(tx, request.payload.bookingId, request.pupilId);
    if (!booking) return rejected('not_booked');
    if (!withinDeadline({ date: booking.date, start: booking.start, bookUntil: booking.book_until }, now)) {
      return rejected('booking_deadline_passed', { ...when(booking), deadline: booking.book_until });
    }
    return {
      status: 'accepted',
      apply: () => release(tx, booking),
    };
  },
};
