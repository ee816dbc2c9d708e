/**
 * Calendar and clock arithmetic in the school's time zone.
 *
 * Every "today", "tomorrow", week and lesson time is a wall-clock value in
 * `Europe/Stockholm`, whatever zone the device or the server runs in: a family
 * on holiday abroad still sees the school's times. Dates are `YYYY-MM-DD`
 * strings and times `HH:MM` strings, so they compare and sort as text and never
 * shift on a daylight-saving day.
 *
 * @module
 */

/** The school's time zone; the authority for every date rule. */
export const SCHOOL_TIME_ZONE = 'Europe/Stockholm';

/** A calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;
/** A wall-clock time, `HH:MM` (24 h). */
export type WallTime = string;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

const partsFormatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(timeZone, f);
  }
  return f;
}

function zonedParts(instant: Date, timeZone: string) {
  const out: Record<string, string> = {};
  for (const p of partsFormatter(timeZone).formatToParts(instant)) out[p.type] = p.value;
  return {
    year: Number(out.year),
    month: Number(out.month),
    day: Number(out.day),
    hour: Number(out.hour),
    minute: Number(out.minute),
    second: Number(out.second),
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/** True for a wall-clock time written `HH:MM`. */
export function isWallTime(value: unknown): value is WallTime {
  return typeof value === 'string' && TIME_RE.test(value);
}

/** The calendar date of `instant` in `timeZone` (the school's by default). */
export function dateInZone(instant: Date, timeZone = SCHOOL_TIME_ZONE): IsoDate {
  const p = zonedParts(instant, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** The wall-clock time of `instant` in `timeZone`, `HH:MM`. */
export function timeInZone(instant: Date, timeZone = SCHOOL_TIME_ZONE): WallTime {
  const p = zonedParts(instant, timeZone);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

/**
 * The instant at which the wall clock in `timeZone` shows `date` `time`.
 * A time skipped by a spring-forward transition resolves to the instant one
 * hour later; a repeated autumn time resolves to its first occurrence.
 */
export function instantInZone(date: IsoDate, time: WallTime, timeZone = SCHOOL_TIME_ZONE): Date {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  const offsetAt = (t: number) => {
    const p = zonedParts(new Date(t), timeZone);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - t;
  };
  // The offsets a day either side bracket any transition near this wall time. Each gives
  // a candidate instant; a candidate is real when the zone has that offset there.
  const before = offsetAt(asUtc - 86_400_000);
  const after = offsetAt(asUtc + 86_400_000);
  const candidates = [asUtc - before, asUtc - after]
    .filter((t, i) => offsetAt(t) === (i === 0 ? before : after))
    .sort((a, b) => a - b);
  // Repeated (autumn): the earlier of the two. Skipped (spring): none is real; reading the
  // wall time with the offset from before the jump lands that much later on the new clock.
  return new Date(candidates[0] ?? asUtc - before);
}

/** `date` moved by `days` calendar days. */
export function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** ISO weekday of `date`: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: IsoDate): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wd = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return wd === 0 ? 7 : wd;
}

/** The Monday of the ISO week that holds `date`. */
export function mondayOf(date: IsoDate): IsoDate {
  return addDays(date, 1 - isoWeekday(date));
}

/** The ISO week number and its year (week 1 holds the year's first Thursday). */
export function isoWeek(date: IsoDate): { year: number; week: number } {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const year = Number(thursday.slice(0, 4));
  const jan1 = `${pad(year, 4)}-01-01`;
  const dayOfYear = daysBetween(jan1, thursday);
  return { year, week: Math.floor(dayOfYear / 7) + 1 };
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return Math.round((b - a) / 86_400_000);
}

/** Minutes since midnight of a wall-clock time. */
export function minutesOf(time: WallTime): number {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** True when the half-open ranges [aStart, aEnd) and [bStart, bEnd) share a minute. */
export function rangesOverlap(aStart: WallTime, aEnd: WallTime, bStart: WallTime, bEnd: WallTime): boolean {
  return aStart < bEnd && bStart < aEnd;
}
