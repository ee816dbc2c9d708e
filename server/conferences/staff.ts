/**
 * The school's side of "Utvecklingssamtal": opening times for a class
 * (creating or updating them), closing them, and seeing who booked which.
 * Used by the staff API (`/api/staff/conferences…`) and the demo school.
 *
 * A booked time can be moved or have its place changed: the family's booking
 * follows. Closing a booked time is refused unless the caller says to cancel
 * the booking too (`cancelBooking`), so no family loses a talk by accident.
 *
 * @module
 */
import { defaultBookUntil } from '../../shared/conferences.js';
import { type IsoDate, isIsoDate, minutesOf } from '../../shared/time.js';
import { type Schema, validate } from '../../shared/validate.js';
import { assertMayPublish, ITEM_ID_PATTERN, type Publisher } from '../boxes/publish.js';
import type { Row, Sql } from '../db/database.js';
import { BadRequest } from '../http.js';
import { serverCollections } from '../sync/collections.js';

const line = (max: number, min = 0): Schema => ({ type: 'string', minLength: min, maxLength: max });
const dateField = (description: string): Schema => ({
  type: 'string',
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  maxLength: 10,
  description,
});
const timeField: Schema = {
  type: 'string',
  pattern: '^([01]\\d|2[0-3]):[0-5]\\d$',
  maxLength: 5,
  description: 'A wall-clock time (HH:MM) in Europe/Stockholm.',
};

/** What the school sends to open (or update) a time. */
export const conferenceSlotInputSchema: Schema = {
  type: 'object',
  description: 'A time for a development talk (utvecklingssamtal) that the families of one class can book.',
  properties: {
    classId: { ...line(64, 1), description: 'The class whose families may book it. It cannot change later.' },
    date: dateField('The day of the talk (YYYY-MM-DD) in Europe/Stockholm.'),
    start: timeField,
    end: timeField,
    location: line(200),
    teacher: { ...line(100), description: 'Who holds the talk, e.g. the mentor.' },
    bookUntil: dateField(
      'The last day (inclusive, Europe/Stockholm) on which families may book, change or cancel; ' +
        'at most the day of the talk. Default: the day before the talk.',
    ),
  },
  required: ['classId', 'date', 'start', 'end'],
};

export interface ConferenceSlotInput {
  classId: string;
  date: IsoDate;
  start: string;
  end: string;
  location?: string;
  teacher?: string;
  bookUntil?: IsoDate;
}

/** Who booked a time, as the school sees it. */
export interface StaffBooking {
  id: string;
  pupilId: string;
  pupilName: string;
  bookedBy: string;
  bookedAt: string;
}

const slots = serverCollections.conferences;

async function schoolOfClass(tx: Sql, classId: string): Promise<string> {
  const [row] = await tx.query<{ school_id: string }>('SELECT school_id FROM classes WHERE id = $1', [classId]);
  if (!row) throw new BadRequest('unknown_class', `There is no class "${classId}".`);
  return row.school_id;
}

function checkInput(input: unknown): ConferenceSlotInput {
  const problems = validate(conferenceSlotInputSchema, input);
  if (problems.length > 0) throw new BadRequest('invalid_body', problems.slice(0, 5).join('; '));
  const slot = input as ConferenceSlotInput;
  for (const d of [slot.date, slot.bookUntil]) {
    if (d !== undefined && !isIsoDate(d)) throw new BadRequest('invalid_body', `${d} is not a calendar date.`);
  }
  if (minutesOf(slot.end) <= minutesOf(slot.start)) throw new BadRequest('invalid_body', 'end must be after start.');
  if (slot.bookUntil !== undefined && slot.bookUntil > slot.date) {
    throw new BadRequest('invalid_body', 'bookUntil must not be after the day of the talk.');
  }
  return slot;
}

/** The time as the school sees it: the slot document, whether it is open, and its booking. */
async function stored(tx: Sql, id: string) {
  const [row] = await tx.query<Row & { deleted: boolean; class_id: string }>(
    `SELECT ${slots.columns}, d.class_id, d.deleted FROM conferences d WHERE d.id = $1 AND d.kind = 'slot'`,
    [id],
  );
  if (!row) return null;
  const [booking] = await bookingsOf(tx, [id]);
  return {
    ...slots.toDoc(row),
    classId: row.class_id,
    open: !row.deleted,
    booking: booking ? withoutSlot(booking) : null,
  };
}

async function bookingsOf(tx: Sql, slotIds: string[]): Promise<(StaffBooking & { slotId: string })[]> {
  if (slotIds.length === 0) return [];
  const rows = await tx.query<{
    id: string;
    slot_id: string;
    pupil_id: string;
    first_name: string;
    last_name: string;
    booked_by: string;
    updated_at: unknown;
  }>(
    `SELECT b.id, b.slot_id, b.pupil_id, p.first_name, p.last_name, b.booked_by, b.updated_at
       FROM conferences b JOIN pupils p ON p.id = b.pupil_id
      WHERE b.kind = 'booking' AND NOT b.deleted AND b.slot_id = ANY($1::text[])`,
    [slotIds],
  );
  return rows.map((r) => ({
    id: r.id,
    slotId: r.slot_id,
    pupilId: r.pupil_id,
    pupilName: `${r.first_name} ${r.last_name}`,
    bookedBy: r.booked_by,
    bookedAt: r.updated_at instanceof Date ? r.updated_at.toISOString() : String(r.updated_at),
  }));
}

/**
 * Opens time `id` for a class, or updates it (and opens it again if it was
 * closed). A booking follows a moved time. 400 for invalid input, 403 for
 * another school, 409 when the time exists for another class.
 */
export async function openSlot(tx: Sql, publisher: Publisher, id: string, input: unknown) {
  if (!new RegExp(ITEM_ID_PATTERN).test(id)) throw new BadRequest('invalid_id', `"${id}" is not a valid id.`);
  const slot = checkInput(input);
  const schoolId = await schoolOfClass(tx, slot.classId);
  await assertMayPublish(tx, publisher, schoolId);
  const [existing] = await tx.query<{ kind: string; class_id: string }>(
    'SELECT kind, class_id FROM conferences WHERE id = $1',
    [id],
  );
  if (existing && (existing.kind !== 'slot' || existing.class_id !== slot.classId)) {
    throw new BadRequest(
      'scope_fixed',
      `"${id}" is ${existing.kind === 'slot' ? `a time for class "${existing.class_id}"` : 'taken'}; close it and open a new time instead.`,
      409,
    );
  }
  const values = [
    slot.date,
    slot.start,
    slot.end,
    slot.location ?? '',
    slot.teacher ?? '',
    slot.bookUntil ?? defaultBookUntil(slot.date),
  ];
  await tx.query(
    `INSERT INTO conferences (id, school_id, scope_kind, scope_ref, kind, slot_id, class_id, date, start_time, end_time,
                              location, teacher, book_until, author_id, deleted)
     VALUES ($1, $2, 'class', $3, 'slot', $1, $3, $4, $5, $6, $7, $8, $9, $10, false)
     ON CONFLICT (id) DO UPDATE SET date = EXCLUDED.date, start_time = EXCLUDED.start_time,
       end_time = EXCLUDED.end_time, location = EXCLUDED.location, teacher = EXCLUDED.teacher,
       book_until = EXCLUDED.book_until, author_id = EXCLUDED.author_id, deleted = false`,
    [id, schoolId, slot.classId, ...values, publisher.id],
  );
  await tx.query(
    `UPDATE conferences SET date = $2, start_time = $3, end_time = $4, location = $5, teacher = $6, book_until = $7
      WHERE kind = 'booking' AND slot_id = $1 AND NOT deleted`,
    [id, ...values],
  );
  return { created: !existing, slot: await stored(tx, id) };
}

async function slotSchool(tx: Sql, publisher: Publisher, id: string): Promise<{ taken: boolean; deleted: boolean }> {
  const [row] = await tx.query<{ school_id: string; taken: boolean; deleted: boolean }>(
    `SELECT school_id, taken, deleted FROM conferences WHERE id = $1 AND kind = 'slot'`,
    [id],
  );
  if (!row) throw new BadRequest('not_found', `There is no conference time "${id}".`, 404);
  await assertMayPublish(tx, publisher, row.school_id);
  return row;
}

/**
 * Closes time `id`: it disappears from every device. A booked time is closed
 * only with `cancelBooking` (409 otherwise); its booking is then cancelled
 * and disappears from the family's devices too.
 */
export async function closeSlot(tx: Sql, publisher: Publisher, id: string, cancelBooking: boolean): Promise<void> {
  const slot = await slotSchool(tx, publisher, id);
  if (slot.taken && !slot.deleted) {
    if (!cancelBooking) {
      throw new BadRequest(
        'slot_booked',
        'The time is booked. Agree on another time with the family, or close it with ?cancelBooking=true.',
        409,
      );
    }
    await tx.query(`UPDATE conferences SET deleted = true WHERE kind = 'booking' AND slot_id = $1 AND NOT deleted`, [
      id,
    ]);
  }
  await tx.query(`UPDATE conferences SET deleted = true, taken = false WHERE id = $1 AND NOT deleted`, [id]);
}

/** One time, open or closed, with its booking. 404 when there is none. */
export async function getSlot(tx: Sql, publisher: Publisher, id: string) {
  await slotSchool(tx, publisher, id);
  return stored(tx, id);
}

/** A class's open times in date order, each with its booking (null when free). */
export async function listSlots(tx: Sql, publisher: Publisher, classId: string, from?: IsoDate) {
  if (from !== undefined && !isIsoDate(from))
    throw new BadRequest('invalid_query', 'from must be a date (YYYY-MM-DD).');
  await assertMayPublish(tx, publisher, await schoolOfClass(tx, classId));
  const rows = await tx.query<Row & { id: string }>(
    `SELECT ${slots.columns} FROM conferences d
      WHERE d.kind = 'slot' AND d.class_id = $1 AND NOT d.deleted AND d.date >= $2
      ORDER BY d.date, d.start_time, d.id`,
    [classId, from ?? '0001-01-01'],
  );
  const bookings = new Map(
    (
      await bookingsOf(
        tx,
        rows.map((r) => r.id),
      )
    ).map((b) => [b.slotId, b]),
  );
  return rows.map((r) => {
    const booking = bookings.get(r.id);
    return { ...slots.toDoc(r), classId, open: true, booking: booking ? withoutSlot(booking) : null };
  });
}

function withoutSlot({ slotId: _slotId, ...booking }: StaffBooking & { slotId: string }): StaffBooking {
  return booking;
}

/** The classes a staff member opens times for: their school's (an admin: every school's). */
export async function staffClasses(tx: Sql, publisher: Publisher) {
  const rows = await tx.query<{ id: string; name: string; school_id: string; school_name: string }>(
    `SELECT c.id, c.name, c.school_id, s.name AS school_name
       FROM classes c JOIN schools s ON s.id = c.school_id
      WHERE $2 = 'admin' OR c.school_id = (SELECT school_id FROM users WHERE id = $1 AND NOT disabled)
      ORDER BY s.name, c.year, c.name`,
    [publisher.id, publisher.role],
  );
  return rows.map((r) => ({ id: r.id, name: r.name, schoolId: r.school_id, schoolName: r.school_name }));
}
