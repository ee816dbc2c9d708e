/**
 * The timetable's reading of the device database: a class's lessons in a date
 * range, grouped by day, and what changed (cancelled, substitute).
 *
 * @module
 */
import type { AbsenceDoc, LessonDoc } from '../../../shared/collections.js';
import { addDays, type IsoDate, isoWeekday, mondayOf } from '../../../shared/time.js';
import type { SkolDatabase } from '../../data/db.js';
import type { QuerySpec } from '../../data/query-controller.js';

/** The lessons of `classId` from `from` to `to` (inclusive), in time order. */
export function lessonsQuery(db: SkolDatabase, classId: string, from: IsoDate, to: IsoDate): QuerySpec {
  return {
    key: `${db.name}|lessons|${classId}|${from}|${to}`,
    query: db.lessons.find({
      selector: { classId, date: { $gte: from, $lte: to } },
      sort: [{ classId: 'asc' }, { date: 'asc' }, { start: 'asc' }],
    }),
  };
}

/** The absences of `pupilId` from `from` to `to`, to mark the lessons they cover. */
export function absencesQuery(db: SkolDatabase, pupilId: string, from: IsoDate, to: IsoDate): QuerySpec {
  return {
    key: `${db.name}|absences|${pupilId}|${from}|${to}`,
    query: db.absences.find({ selector: { pupilId, date: { $gte: from, $lte: to } } }),
  };
}

/** Lessons by date, in date order. */
export function byDate(lessons: readonly LessonDoc[]): Map<IsoDate, LessonDoc[]> {
  const days = new Map<IsoDate, LessonDoc[]>();
  for (const l of lessons) days.set(l.date, [...(days.get(l.date) ?? []), l]);
  return new Map([...days.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The school days (Monday–Friday) of the week that holds `date`. */
export function schoolWeek(date: IsoDate): IsoDate[] {
  const monday = mondayOf(date);
  return [0, 1, 2, 3, 4].map((i) => addDays(monday, i));
}

/** Moves `date` to the nearest school day in `direction` (itself when it is one). */
export function schoolDayFrom(date: IsoDate, direction: 1 | -1 = 1): IsoDate {
  let d = date;
  while (isoWeekday(d) > 5) d = addDays(d, direction);
  return d;
}

/** How many lessons changed (cancelled or with a substitute). */
export function changeCount(lessons: readonly LessonDoc[]): number {
  return lessons.filter((l) => l.status !== 'normal').length;
}

/** The ids of lessons covered by the absences. */
export function absenceLessonIdsFor(absences: readonly AbsenceDoc[]): Set<string> {
  return new Set(absences.flatMap((a) => a.lessonIds));
}
