import { describe, expect, it } from 'vitest';
import {
  type AbsenceReportPayload,
  absenceReportPayloadSchema,
  COMMENT_MAX,
  END_GRACE_MINUTES,
  evaluateAbsenceEnd,
  evaluateAbsenceReport,
  receiptReference,
  reportableDates,
} from './absence.js';
import type { LessonDoc } from './collections.js';
import { addDays, instantInZone } from './time.js';
import { validate } from './validate.js';

type Lesson = Pick<LessonDoc, 'id' | 'date' | 'start' | 'end' | 'status'>;

/** A school day: two lessons before the break, a cancelled one, one taught by a substitute after lunch. */
function dayOf(date: string): Lesson[] {
  return [
    { id: `${date}-4`, date, start: '12:00', end: '12:45', status: 'substituted' },
    { id: `${date}-1`, date, start: '08:15', end: '09:00', status: 'normal' },
    { id: `${date}-3`, date, start: '10:20', end: '11:05', status: 'cancelled' },
    { id: `${date}-2`, date, start: '09:15', end: '10:00', status: 'normal' },
  ];
}

/** Lessons on every day from two days before `date` to two days after. */
const around = (date: string) => [-2, -1, 0, 1, 2].flatMap((d) => dayOf(addDays(date, d)));

/** The instant the Stockholm clock shows `date` `time` (`HH:MM` or `HH:MM:SS`). */
function local(date: string, time: string): Date {
  const [hm, seconds = '0'] = [time.slice(0, 5), time.slice(6)];
  return new Date(instantInZone(date, hm).getTime() + Number(seconds || 0) * 1000);
}

const wholeDay = (date: string): AbsenceReportPayload => ({ date, wholeDay: true });

describe('which days can be reported', () => {
  // Ordinary Tuesday 2026-03-10; 2026-03-29 (spring forward) and 2026-10-25 (autumn back).
  it.each([
    // [the report's date, arrives at local date, local time, accepted?]
    ['2026-03-10', '2026-03-10', '00:00:00', true],
    ['2026-03-11', '2026-03-10', '00:00:00', true],
    ['2026-03-09', '2026-03-10', '00:00:00', false],
    ['2026-03-12', '2026-03-10', '00:00:00', false],
    ['2026-03-10', '2026-03-10', '23:59:59', true],
    ['2026-03-11', '2026-03-10', '23:59:59', true],
    ['2026-03-12', '2026-03-10', '23:59:59', false],
    ['2026-03-10', '2026-03-11', '00:00:00', false],
    ['2026-03-12', '2026-03-11', '00:00:00', true],
    // The spring day starts at 23:00Z and ends at 22:00Z.
    ['2026-03-28', '2026-03-28', '23:59:59', true],
    ['2026-03-29', '2026-03-28', '23:59:59', true],
    ['2026-03-28', '2026-03-29', '00:00:00', false],
    ['2026-03-30', '2026-03-29', '00:00:00', true],
    ['2026-03-29', '2026-03-29', '23:59:59', true],
    ['2026-03-30', '2026-03-29', '23:59:59', true],
    ['2026-03-29', '2026-03-30', '00:00:00', false],
    ['2026-03-31', '2026-03-30', '00:00:00', true],
    // The autumn day starts at 22:00Z and ends at 23:00Z.
    ['2026-10-24', '2026-10-24', '23:59:59', true],
    ['2026-10-24', '2026-10-25', '00:00:00', false],
    ['2026-10-25', '2026-10-25', '23:59:59', true],
    ['2026-10-26', '2026-10-25', '23:59:59', true],
    ['2026-10-25', '2026-10-26', '00:00:00', false],
    ['2026-10-27', '2026-10-26', '00:00:00', true],
  ] as const)('a report for %s arriving %s %s is accepted: %s', (date, arrivalDate, arrivalTime, accepted) => {
    const result = evaluateAbsenceReport(wholeDay(date), local(arrivalDate, arrivalTime), around(date));
    if (accepted) {
      expect(result).toMatchObject({ ok: true, date });
    } else {
      expect(result).toEqual({
        ok: false,
        rejection: { code: 'date_not_reportable', params: { date, today: arrivalDate } },
      });
    }
  });

  it.each([
    ['an ordinary night', '2026-03-10'],
    ['the spring-forward night', '2026-03-28'],
    ['the autumn-back night', '2026-10-24'],
    ['the night into the spring-forward Monday', '2026-03-29'],
    ['the night into the autumn-back Monday', '2026-10-25'],
  ])('on %s, a report for tomorrow made at 23:59 and arriving at 00:01 is valid: it is now today', (_, day) => {
    const tomorrow = addDays(day, 1);
    const made = local(day, '23:59');
    const arrives = local(tomorrow, '00:01');
    expect(evaluateAbsenceReport(wholeDay(tomorrow), made, around(tomorrow))).toMatchObject({ ok: true });
    expect(evaluateAbsenceReport(wholeDay(tomorrow), arrives, around(tomorrow))).toMatchObject({
      ok: true,
      date: tomorrow,
    });
  });

  it.each([
    ['an ordinary night', '2026-03-10'],
    ['the spring-forward night', '2026-03-28'],
    ['the autumn-back night', '2026-10-24'],
    ['the night into the spring-forward Monday', '2026-03-29'],
    ['the night into the autumn-back Monday', '2026-10-25'],
  ])('on %s, a report for today made at 23:59 and arriving at 00:01 is rejected', (_, day) => {
    const arrives = local(addDays(day, 1), '00:01');
    expect(evaluateAbsenceReport(wholeDay(day), local(day, '23:59'), around(day))).toMatchObject({ ok: true });
    expect(evaluateAbsenceReport(wholeDay(day), arrives, around(day))).toEqual({
      ok: false,
      rejection: { code: 'date_not_reportable', params: { date: day, today: addDays(day, 1) } },
    });
  });

  it('names today and tomorrow by the Stockholm calendar, not by UTC', () => {
    // 00:30 on the spring Sunday in Stockholm is still Saturday in UTC.
    expect(reportableDates(new Date('2026-03-28T23:30:00Z'))).toEqual(['2026-03-29', '2026-03-30']);
    // 23:30 on the autumn Sunday in Stockholm is 22:30Z, the same UTC date.
    expect(reportableDates(new Date('2026-10-25T22:30:00Z'))).toEqual(['2026-10-25', '2026-10-26']);
    expect(reportableDates(new Date('2026-12-31T23:00:00Z'))).toEqual(['2027-01-01', '2027-01-02']);
  });
});

describe('what a report covers', () => {
  const today = '2026-03-10';
  const now = local(today, '07:30');
  const lessons = around(today);
  const evaluate = (payload: Partial<AbsenceReportPayload>) =>
    evaluateAbsenceReport({ date: today, wholeDay: false, ...payload }, now, lessons);

  it('covers every lesson of the day that takes place when the whole day is reported', () => {
    expect(evaluateAbsenceReport({ date: today, wholeDay: true, comment: '  Feber  ' }, now, lessons)).toEqual({
      ok: true,
      date: today,
      wholeDay: true,
      from: '08:15',
      to: '12:45',
      lessonIds: [`${today}-1`, `${today}-2`, `${today}-4`],
      comment: 'Feber',
    });
  });

  it('covers the chosen lessons, from the first one’s start to the last one’s end', () => {
    expect(evaluate({ lessonIds: [`${today}-4`, `${today}-1`] })).toEqual({
      ok: true,
      date: today,
      wholeDay: false,
      from: '08:15',
      to: '12:45',
      lessonIds: [`${today}-1`, `${today}-4`],
      comment: '',
    });
    expect(evaluate({ lessonIds: [`${today}-2`] })).toMatchObject({ ok: true, from: '09:15', to: '10:00' });
  });

  it('refuses chosen lessons that are cancelled, of another day, or unknown', () => {
    const unknown = { ok: false, rejection: { code: 'unknown_lessons', params: { date: today } } };
    expect(evaluate({ lessonIds: [`${today}-1`, `${today}-3`] })).toEqual(unknown);
    expect(evaluate({ lessonIds: [`${addDays(today, 1)}-1`] })).toEqual(unknown);
    expect(evaluate({ lessonIds: ['no-such-lesson'] })).toEqual(unknown);
  });

  it('covers the lessons a time range overlaps, keeping the range as given', () => {
    expect(evaluate({ from: '08:30', to: '09:30' })).toEqual({
      ok: true,
      date: today,
      wholeDay: false,
      from: '08:30',
      to: '09:30',
      lessonIds: [`${today}-1`, `${today}-2`],
      comment: '',
    });
    // 10:20–11:05 is cancelled, so 09:45–11:30 covers only the lesson that ends at 10:00.
    expect(evaluate({ from: '09:45', to: '11:30' })).toMatchObject({ ok: true, lessonIds: [`${today}-2`] });
  });

  it('refuses a time range outside the schedule, and one that only meets a cancelled lesson', () => {
    const outside = (from: string, to: string) => ({
      ok: false,
      rejection: { code: 'outside_schedule', params: { from, to, date: today } },
    });
    expect(evaluate({ from: '14:00', to: '16:00' })).toEqual(outside('14:00', '16:00'));
    expect(evaluate({ from: '06:00', to: '08:15' })).toEqual(outside('06:00', '08:15'));
    // Exactly the break between two lessons: ranges are half-open, so nothing is touched.
    expect(evaluate({ from: '09:00', to: '09:15' })).toEqual(outside('09:00', '09:15'));
    expect(evaluate({ from: '10:20', to: '11:05' })).toEqual(outside('10:20', '11:05'));
  });

  it('refuses a range whose start is not before its end', () => {
    expect(evaluate({ from: '10:00', to: '10:00' })).toEqual({
      ok: false,
      rejection: { code: 'invalid_time_range', params: { from: '10:00', to: '10:00' } },
    });
    expect(evaluate({ from: '11:00', to: '09:00' })).toMatchObject({
      ok: false,
      rejection: { code: 'invalid_time_range' },
    });
  });

  it('refuses a report that is not exactly one of whole day, lessons or range', () => {
    const invalid = { ok: false, rejection: { code: 'invalid_payload', params: {} } };
    expect(evaluate({ lessonIds: [`${today}-1`], from: '08:00', to: '09:00' })).toEqual(invalid);
    expect(evaluate({})).toEqual(invalid);
    expect(evaluate({ lessonIds: [] })).toEqual(invalid);
    expect(evaluate({ wholeDay: true, lessonIds: [`${today}-1`] })).toEqual(invalid);
    expect(evaluate({ wholeDay: true, from: '08:00', to: '09:00' })).toEqual(invalid);
    expect(evaluate({ from: '08:00' })).toEqual(invalid);
    expect(evaluate({ from: '8:00', to: '09:00' })).toEqual(invalid);
    expect(evaluate({ from: '08:00', to: '24:00' })).toEqual(invalid);
  });

  it(`refuses a comment longer than ${COMMENT_MAX} characters, counted without surrounding spaces`, () => {
    expect(evaluate({ lessonIds: [`${today}-1`], comment: 'x'.repeat(COMMENT_MAX + 1) })).toEqual({
      ok: false,
      rejection: { code: 'comment_too_long', params: { max: String(COMMENT_MAX) } },
    });
    expect(evaluate({ lessonIds: [`${today}-1`], comment: ` ${'x'.repeat(COMMENT_MAX)}\n` })).toMatchObject({
      ok: true,
      comment: 'x'.repeat(COMMENT_MAX),
    });
  });

  it('refuses a day on which every lesson is cancelled, or that has none', () => {
    const cancelled = dayOf(today).map((l) => ({ ...l, status: 'cancelled' as const }));
    expect(evaluateAbsenceReport(wholeDay(today), now, cancelled)).toEqual({
      ok: false,
      rejection: { code: 'no_lessons', params: { date: today } },
    });
    expect(evaluateAbsenceReport(wholeDay(today), now, dayOf(addDays(today, 1)))).toMatchObject({
      ok: false,
      rejection: { code: 'no_lessons' },
    });
  });

  it('refuses a date that is not a calendar date as an invalid report', () => {
    for (const date of ['tomorrow', '2026-3-10', '2026-02-30', '']) {
      expect(evaluateAbsenceReport({ date, wholeDay: true }, now, lessons)).toEqual({
        ok: false,
        rejection: { code: 'invalid_payload', params: {} },
      });
    }
  });
});

describe('the payload schema', () => {
  it('accepts the three forms of a report and refuses unknown fields and wrong types', () => {
    expect(validate(absenceReportPayloadSchema, { date: '2026-03-10', wholeDay: true })).toEqual([]);
    expect(validate(absenceReportPayloadSchema, { date: '2026-03-10', wholeDay: false, lessonIds: ['a'] })).toEqual([]);
    expect(
      validate(absenceReportPayloadSchema, { date: '2026-03-10', wholeDay: false, from: '08:00', to: '09:00' }),
    ).toEqual([]);
    expect(validate(absenceReportPayloadSchema, { date: '2026-03-10', wholeDay: 'yes' })).not.toEqual([]);
    expect(validate(absenceReportPayloadSchema, { date: '2026-03-10', wholeDay: true, pupil: 'x' })).not.toEqual([]);
    expect(validate(absenceReportPayloadSchema, { wholeDay: true })).not.toEqual([]);
  });
});

describe('evaluateAbsenceEnd', () => {
  const day = '2026-03-10';
  const lessons: Lesson[] = [
    { id: 'l1', date: day, start: '08:00', end: '08:50', status: 'normal' },
    { id: 'l2', date: day, start: '09:00', end: '09:50', status: 'normal' },
    { id: 'l3', date: day, start: '10:00', end: '10:50', status: 'normal' },
  ];
  const reported = {
    date: day,
    from: '08:00',
    to: '10:50',
    lessonIds: ['l1', 'l2', 'l3'],
    source: 'reported' as const,
  };
  const at = (time: string) => instantInZone(day, time);

  it('shortens a report of today to the lessons that begin before the child is back', () => {
    expect(evaluateAbsenceEnd(reported, { absenceId: 'a', endAt: '09:30' }, at('09:20'), lessons)).toEqual({
      ok: true,
      to: '09:30',
      lessonIds: ['l1', 'l2'],
    });
  });

  it('takes an end up to the grace period after it, and not earlier', () => {
    const grace = `09:${String(END_GRACE_MINUTES).padStart(2, '0')}`;
    expect(evaluateAbsenceEnd(reported, { absenceId: 'a', endAt: '09:00' }, at(grace), lessons).ok).toBe(true);
    expect(evaluateAbsenceEnd(reported, { absenceId: 'a', endAt: '09:00' }, at('09:16'), lessons)).toEqual({
      ok: false,
      rejection: { code: 'end_in_past', params: { endAt: '09:00', now: '09:16' } },
    });
  });

  it('turns down the school’s registrations, other days, and ends outside the absence', () => {
    const code = (
      absence: typeof reported | (typeof reported & { source: 'registered' }),
      endAt: string,
      now = at('08:05'),
    ) => {
      const r = evaluateAbsenceEnd(absence, { absenceId: 'a', endAt }, now, lessons);
      return r.ok ? 'ok' : r.rejection.code;
    };
    expect(code({ ...reported, source: 'registered' } as never, '09:00')).toBe('absence_registered');
    expect(code({ ...reported, date: addDays(day, 1) }, '09:00')).toBe('absence_not_today');
    expect(code(reported, '08:00')).toBe('end_not_after_start');
    expect(code(reported, '10:50')).toBe('end_not_earlier');
    expect(code(reported, '9:00')).toBe('invalid_payload');
    expect(code(reported, '09:00')).toBe('ok');
  });
});

describe('receiptReference', () => {
  it('is the id’s first eight characters without dashes, in capitals', () => {
    expect(receiptReference('0b7c61aa-5f0e-4e0c-9a55-3a6c1d2e4f50')).toBe('0B7C61AA');
    expect(receiptReference('ab-cd-ef-gh-ij')).toBe('ABCDEFGH');
  });
});
