import { afterEach, describe, expect, it } from 'vitest';
import {
  addDays,
  dateInZone,
  daysBetween,
  instantInZone,
  isIsoDate,
  isoWeek,
  isoWeekday,
  isWallTime,
  mondayOf,
  rangesOverlap,
  timeInZone,
} from './time.js';

// Europe/Stockholm: CET (UTC+1) in winter, CEST (UTC+2) in summer.
// 2026-03-29: at 02:00 CET (01:00Z) the clock jumps to 03:00 CEST; the day has 23 hours.
// 2026-10-25: at 03:00 CEST (01:00Z) the clock goes back to 02:00 CET; the day has 25 hours.
const at = (iso: string) => new Date(iso);
const HOUR = 3_600_000;

describe('dateInZone', () => {
  it.each([
    // An ordinary winter day: local midnight is 23:00Z the day before.
    ['2026-01-14T22:59:59Z', '2026-01-14'],
    ['2026-01-14T23:00:00Z', '2026-01-15'],
    // An ordinary summer day: local midnight is 22:00Z the day before.
    ['2026-06-14T21:59:59Z', '2026-06-14'],
    ['2026-06-14T22:00:00Z', '2026-06-15'],
    // Spring forward: the day starts in CET and ends in CEST.
    ['2026-03-28T22:59:59Z', '2026-03-28'],
    ['2026-03-28T23:00:00Z', '2026-03-29'],
    ['2026-03-29T21:59:59Z', '2026-03-29'],
    ['2026-03-29T22:00:00Z', '2026-03-30'],
    // Autumn back: the day starts in CEST and ends in CET.
    ['2026-10-24T21:59:59Z', '2026-10-24'],
    ['2026-10-24T22:00:00Z', '2026-10-25'],
    ['2026-10-25T22:59:59Z', '2026-10-25'],
    ['2026-10-25T23:00:00Z', '2026-10-26'],
  ])('puts %s on the Stockholm date %s', (instant, date) => {
    expect(dateInZone(at(instant))).toBe(date);
  });

  it('uses another zone when asked', () => {
    expect(dateInZone(at('2026-03-29T23:30:00Z'), 'UTC')).toBe('2026-03-29');
    expect(dateInZone(at('2026-03-29T23:30:00Z'), 'America/New_York')).toBe('2026-03-29');
    expect(dateInZone(at('2026-03-29T23:30:00Z'))).toBe('2026-03-30');
  });
});

describe('timeInZone', () => {
  it.each([
    ['2026-01-15T07:15:00Z', '08:15'],
    ['2026-06-15T06:15:00Z', '08:15'],
    // Spring forward: 01:59 CET is followed by 03:00 CEST.
    ['2026-03-29T00:59:00Z', '01:59'],
    ['2026-03-29T01:00:00Z', '03:00'],
    // Autumn back: 02:00–02:59 is shown twice, first in CEST, then in CET.
    ['2026-10-25T00:00:00Z', '02:00'],
    ['2026-10-25T00:59:00Z', '02:59'],
    ['2026-10-25T01:00:00Z', '02:00'],
    ['2026-10-25T01:30:00Z', '02:30'],
    ['2026-10-25T02:00:00Z', '03:00'],
    // Just before and at local midnight on both days.
    ['2026-03-29T21:59:59Z', '23:59'],
    ['2026-03-29T22:00:00Z', '00:00'],
    ['2026-10-25T22:59:59Z', '23:59'],
    ['2026-10-25T23:00:00Z', '00:00'],
  ])('shows %s as %s on the Stockholm clock', (instant, time) => {
    expect(timeInZone(at(instant))).toBe(time);
  });
});

describe('instantInZone', () => {
  it.each([
    ['2026-01-15', '08:15', '2026-01-15T07:15:00.000Z'],
    ['2026-06-15', '08:15', '2026-06-15T06:15:00.000Z'],
    // Local midnight on the daylight-saving days.
    ['2026-03-29', '00:00', '2026-03-28T23:00:00.000Z'],
    ['2026-03-30', '00:00', '2026-03-29T22:00:00.000Z'],
    ['2026-10-25', '00:00', '2026-10-24T22:00:00.000Z'],
    ['2026-10-26', '00:00', '2026-10-25T23:00:00.000Z'],
    ['2026-03-29', '23:59', '2026-03-29T21:59:00.000Z'],
    ['2026-10-25', '23:59', '2026-10-25T22:59:00.000Z'],
    // Around the spring transition.
    ['2026-03-29', '01:59', '2026-03-29T00:59:00.000Z'],
    ['2026-03-29', '03:00', '2026-03-29T01:00:00.000Z'],
    // Around the autumn transition.
    ['2026-10-25', '01:59', '2026-10-24T23:59:00.000Z'],
    ['2026-10-25', '03:00', '2026-10-25T02:00:00.000Z'],
  ])('finds %s %s at %s', (date, time, iso) => {
    expect(instantInZone(date, time).toISOString()).toBe(iso);
  });

  it('resolves a time skipped by spring forward to the instant one hour later', () => {
    const instant = instantInZone('2026-03-29', '02:30');
    expect(instant.toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(timeInZone(instant)).toBe('03:30');
    expect(instantInZone('2026-03-29', '02:00').toISOString()).toBe('2026-03-29T01:00:00.000Z');
  });

  it('resolves a time repeated by autumn back to its first occurrence', () => {
    expect(instantInZone('2026-10-25', '02:30').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(instantInZone('2026-10-25', '02:00').toISOString()).toBe('2026-10-25T00:00:00.000Z');
    expect(instantInZone('2026-10-25', '02:59').toISOString()).toBe('2026-10-25T00:59:00.000Z');
  });

  it('makes the spring day 23 hours long and the autumn day 25', () => {
    const length = (date: string) =>
      instantInZone(addDays(date, 1), '00:00').getTime() - instantInZone(date, '00:00').getTime();
    expect(length('2026-03-29')).toBe(23 * HOUR);
    expect(length('2026-10-25')).toBe(25 * HOUR);
    expect(length('2026-03-10')).toBe(24 * HOUR);
  });

  it('round-trips every quarter hour of both daylight-saving days that exists on the clock', () => {
    for (const date of ['2026-03-28', '2026-03-29', '2026-10-25', '2026-10-26']) {
      for (let minutes = 0; minutes < 24 * 60; minutes += 15) {
        const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
        if (date === '2026-03-29' && time >= '02:00' && time < '03:00') continue; // not on the clock
        const instant = instantInZone(date, time);
        expect(`${dateInZone(instant)} ${timeInZone(instant)}`).toBe(`${date} ${time}`);
      }
    }
  });

  it('works in other zones', () => {
    expect(instantInZone('2026-03-08', '02:30', 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(instantInZone('2026-11-01', '01:30', 'America/New_York').toISOString()).toBe('2026-11-01T05:30:00.000Z');
    expect(instantInZone('2026-03-29', '02:30', 'UTC').toISOString()).toBe('2026-03-29T02:30:00.000Z');
  });
});

describe('isoWeek', () => {
  it.each([
    // The daylight-saving Sundays end their weeks.
    ['2026-03-29', 2026, 13],
    ['2026-03-30', 2026, 14],
    ['2026-10-25', 2026, 43],
    ['2026-10-26', 2026, 44],
    // Year boundaries: week 1 holds the year's first Thursday.
    ['2025-12-29', 2026, 1],
    ['2026-01-01', 2026, 1],
    ['2026-12-31', 2026, 53],
    ['2027-01-01', 2026, 53],
    ['2027-01-03', 2026, 53],
    ['2027-01-04', 2027, 1],
    ['2024-12-30', 2025, 1],
    ['2021-01-03', 2020, 53],
    ['2028-02-29', 2028, 9],
  ])('puts %s in %i week %i', (date, year, week) => {
    expect(isoWeek(date)).toEqual({ year, week });
  });
});

describe('mondayOf', () => {
  it.each([
    ['2026-03-29', '2026-03-23'],
    ['2026-03-30', '2026-03-30'],
    ['2026-10-25', '2026-10-19'],
    ['2026-10-26', '2026-10-26'],
    ['2027-01-01', '2026-12-28'],
    ['2026-03-01', '2026-02-23'],
  ])('finds the Monday of %s: %s', (date, monday) => {
    expect(mondayOf(date)).toBe(monday);
    expect(isoWeekday(monday)).toBe(1);
  });
});

describe('addDays', () => {
  it.each([
    ['2026-03-28', 1, '2026-03-29'],
    ['2026-03-29', 1, '2026-03-30'],
    ['2026-03-30', -1, '2026-03-29'],
    ['2026-10-25', 1, '2026-10-26'],
    ['2026-10-26', -2, '2026-10-24'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-03-23', 7, '2026-03-30'],
    ['2026-03-10', 0, '2026-03-10'],
  ])('moves %s by %i days to %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
    expect(daysBetween(date, expected)).toBe(days);
  });
});

describe('whatever zone the process runs in', () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  it.each(['America/Los_Angeles', 'Pacific/Kiritimati', 'UTC'])('gives the school’s answers under TZ=%s', (tz) => {
    process.env.TZ = tz;
    expect(dateInZone(at('2026-03-28T23:00:00Z'))).toBe('2026-03-29');
    expect(timeInZone(at('2026-03-29T01:00:00Z'))).toBe('03:00');
    expect(instantInZone('2026-10-26', '00:00').toISOString()).toBe('2026-10-25T23:00:00.000Z');
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(mondayOf('2026-10-25')).toBe('2026-10-19');
  });
});

describe('formats and ranges', () => {
  it('accepts only real dates and wall times', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-3-29')).toBe(false);
    expect(isIsoDate(20260329)).toBe(false);
    expect(isWallTime('23:59')).toBe(true);
    expect(isWallTime('24:00')).toBe(false);
    expect(isWallTime('9:00')).toBe(false);
  });

  it('treats ranges as half-open: touching ends do not overlap', () => {
    expect(rangesOverlap('09:00', '10:00', '09:50', '10:40')).toBe(true);
    expect(rangesOverlap('09:00', '10:00', '10:00', '10:40')).toBe(false);
    expect(rangesOverlap('10:40', '11:00', '10:00', '10:40')).toBe(false);
    expect(rangesOverlap('08:00', '12:00', '09:00', '09:45')).toBe(true);
  });
});
