/**
 * The demo school's Fritidsschema: Elsa (2A) and Olle (5A) Lindqvist and
 * Yusuf Ali (3A) are enrolled in fritids; Elsa's times for this week and the
 * next are set (by Anna), and next week's Friday is a planning day, locked.
 * Enrolments and the lock go through the staff API's functions.
 *
 * @module
 */
import { addDays, type IsoDate, isoWeekday, mondayOf } from '../../shared/time.js';
import type { Publisher } from '../boxes/publish.js';
import { enrol, lockDay } from '../care-times/staff.js';
import type { Sql } from '../db/database.js';

export interface DemoCareInput {
  today: IsoDate;
  staff: Publisher;
  schoolId: string;
  /** Pupils enrolled in fritids. */
  enrolled: string[];
  /** A pupil whose times are set, and the guardian who set them. */
  withTimes: { pupilId: string; guardianId: string; guardianName: string };
}

/** The locked planning day: Friday of next week. */
export const demoPlanningDay = (today: IsoDate): IsoDate => addDays(mondayOf(today), 11);

export async function createDemoCare(tx: Sql, d: DemoCareInput) {
  for (const pupilId of d.enrolled) await enrol(tx, d.staff, pupilId, {});
  const planningDay = demoPlanningDay(d.today);
  await lockDay(tx, d.staff, planningDay, { reason: 'Planeringsdag – fritids är stängt', schoolId: d.schoolId });
  let days = 0;
  for (let day = mondayOf(d.today); day <= addDays(mondayOf(d.today), 11); day = addDays(day, 1)) {
    if (isoWeekday(day) > 5 || day === planningDay) continue;
    const friday = isoWeekday(day) === 5;
    await tx.query(
      `INSERT INTO care_times (id, school_id, scope_kind, scope_ref, kind, date, arrival, departure, comment, set_by,
                               set_by_id, author_id)
       VALUES ($1, $2, 'pupil', $3, 'day', $4, $5, $6, $7, $8, $9, $9)`,
      [
        `demo-care-${d.withTimes.pupilId}-${day}`.slice(0, 64),
        d.schoolId,
        d.withTimes.pupilId,
        day,
        '07:30',
        friday ? '15:00' : '16:30',
        friday ? 'Mormor hämtar' : '',
        d.withTimes.guardianName,
        d.withTimes.guardianId,
      ],
    );
    days++;
  }
  return { careEnrolled: d.enrolled.length, careDays: days, careLocks: 1 };
}
