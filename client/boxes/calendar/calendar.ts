/**
 * The calendar's reading of events: which fall on a day (an event may span
 * several), and the weeks to move between.
 *
 * @module
 */
import type { ConferenceDoc, EventDoc, EventKind } from '../../../shared/collections.js';
import { addDays, type IsoDate } from '../../../shared/time.js';
import type { SkolDatabase } from '../../data/db.js';
import type { QuerySpec } from '../../data/query-controller.js';
import { t } from '../../i18n/i18n.js';

/** Something the calendar shows: a published event, or a booked development talk (kind `conference`). */
export type CalendarEntry = Omit<EventDoc, 'kind'> & { kind: EventKind | 'conference' };

/** The booked development talks of the children `pupilIds`. */
export function bookedTalks(db: SkolDatabase, pupilIds: readonly string[]): QuerySpec | null {
  if (pupilIds.length === 0) return null;
  return {
    key: `${db.name}|conferences|bookings|${pupilIds.join(',')}`,
    query: db.conferences.find({
      selector: { kind: 'booking', scopeKind: 'pupil', scopeRef: { $in: [...pupilIds] } },
    }),
  };
}

/** Bookings as calendar entries, titled by `title` (which names the teacher). */
export function talkEntries(bookings: readonly ConferenceDoc[], title: (teacher: string) => string): CalendarEntry[] {
  return bookings
    .filter((b) => b.kind === 'booking')
    .map((b) => ({
      id: b.id,
      scopeKind: b.scopeKind,
      scopeRef: b.scopeRef,
      kind: 'conference' as const,
      title: title(b.teacher),
      date: b.date,
      endDate: b.date,
      start: b.start,
      end: b.end,
      location: b.location,
      description: '',
      updatedAt: b.updatedAt,
    }));
}

/** The events on `day`, all-day ones first, then by start time. */
export function eventsOn<T extends CalendarEntry>(events: readonly T[], day: IsoDate): T[] {
  return events
    .filter((e) => e.date <= day && e.endDate >= day)
    .sort((a, b) => (a.start || '').localeCompare(b.start || '') || a.title.localeCompare(b.title, 'sv'));
}

/** The seven days from `monday`. */
export function weekDays(monday: IsoDate): IsoDate[] {
  return [0, 1, 2, 3, 4, 5, 6].map((i) => addDays(monday, i));
}

/** Events that touch the days from `from` to `to`, by start date. */
export function eventsBetween<T extends CalendarEntry>(events: readonly T[], from: IsoDate, to: IsoDate): T[] {
  return events
    .filter((e) => e.endDate >= from && e.date <= to)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : (a.start || '').localeCompare(b.start || '')));
}

/** The title of a booked talk in the calendar. */
export const talkTitle = (teacher: string) =>
  teacher ? t('conferences.calendarTitle', { teacher }) : t('conferences.calendarTitleNoTeacher');
