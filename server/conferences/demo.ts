/**
 * The demo school's development talks: Karin Holm opens times for 5A (Olle's
 * class: Anna and Erik Lindqvist can book) and Lena Dahl for 2A (Elsa's), next
 * Tuesday and Wednesday afternoon, bookable until the day before. A few
 * are already taken by other families of the class, so the box shows free and
 * taken times side by side.
 *
 * @module
 */
import { addDays, type IsoDate, mondayOf } from '../../shared/time.js';
import type { Publisher } from '../boxes/publish.js';
import type { Sql } from '../db/database.js';
import { insertBooking, slotRow } from './requests.js';
import { openSlot } from './staff.js';

const TIMES = ['15:00', '15:20', '15:40', '16:00', '16:20', '16:40'];
const plus20 = (t: string) => {
  const m = Number(t.slice(0, 2)) * 60 + Number(t.slice(3)) + 20;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};

export interface DemoConferencesInput {
  today: IsoDate;
  staff: Publisher;
  /** Class id → who holds the talks and where. */
  classes: Record<string, { teacher: string; location: string }>;
  /** Bookings other families already made: [class id, slot index, pupil id]. */
  taken: [string, number, string][];
}

/** Opens the demo's times; returns how many times and bookings it made. */
export async function openDemoConferences(tx: Sql, d: DemoConferencesInput) {
  const monday = mondayOf(d.today);
  const days = [addDays(monday, 8), addDays(monday, 9)];
  let slots = 0;
  for (const [classId, { teacher, location }] of Object.entries(d.classes)) {
    let n = 0;
    for (const date of days) {
      for (const start of TIMES) {
        await openSlot(tx, d.staff, `conf-${classId}-${++n}`, {
          classId,
          date,
          start,
          end: plus20(start),
          location,
          teacher,
        });
        slots++;
      }
    }
  }
  for (const [classId, index, pupilId] of d.taken) {
    const slot = await slotRow(tx, `conf-${classId}-${index}`);
    const [guardian] = await tx.query<{ id: string; name: string }>(
      `SELECT u.id, u.name FROM custody c JOIN users u ON u.id = c.guardian_id
        WHERE c.pupil_id = $1 AND c.ended_at IS NULL ORDER BY u.id LIMIT 1`,
      [pupilId],
    );
    if (!slot || !guardian) throw new Error(`demo booking of ${classId} #${index} for ${pupilId}`);
    await insertBooking(tx, slot, { id: `conf-booking-${classId}-${index}`, requestId: null }, pupilId, guardian);
  }
  return { conferenceTimes: slots, conferenceBookings: d.taken.length };
}
