/**
 * The calendar's reading of events: which fall on a day (an event may span
 * several), and the weeks to move between.
 *
 * @module
 */
import type { EventDoc } from '../../../shared/collections.js';
import { addDays, type IsoDate } from '../../../shared/time.js';

/** The events on `day`, all-day ones first, then by start time. */
export function eventsOn(events: readonly EventDoc[], day: IsoDate): EventDoc[] {
  return events
    .filter((e) => e.date <= day && e.endDate >= day)
    .sort((a, b) => (a.start || '').localeCompare(b.start || '') || a.title.localeCompare(b.title, 'sv'));
}

/** The seven days from `monday`. */
export function weekDays(monday: IsoDate): IsoDate[] {
  return [0, 1, 2, 3, 4, 5, 6].map((i) => addDays(monday, i));
}

/** Events that touch the days from `from` to `to`, by start date. */
export function eventsBetween(events: readonly EventDoc[], from: IsoDate, to: IsoDate): EventDoc[] {
  return events
    .filter((e) => e.endDate >= from && e.date <= to)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : (a.start || '').localeCompare(b.start || '')));
}
