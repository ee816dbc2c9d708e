import { describe, expect, it } from 'vitest';
import { type CareFacts, type CareSetPayload, changeableDates, evaluateCareSet, isChangeable } from './care-times.js';
import { instantInZone } from './time.js';

const facts = (over: Partial<CareFacts> = {}): CareFacts => ({
  hours: { opens: '06:30', closes: '18:00' },
  lock: null,
  current: null,
  userId: 'g1',
  ...over,
});
const payload = (over: Partial<CareSetPayload> = {}): CareSetPayload => ({
  date: '2026-03-30',
  noCare: false,
  arrival: '07:00',
  departure: '16:00',
  comment: '',
  previous: '',
  ...over,
});
const code = (r: ReturnType<typeof evaluateCareSet>) => (r.ok ? 'ok' : r.rejection.code);

describe('the Fritidsschema rules', () => {
  // Sunday 29 March 2026 is the night Stockholm moves to summer time (02:00 → 03:00).
  it('counts "the day before" in Stockholm across the change to summer time', () => {
    const lateSunday = instantInZone('2026-03-29', '23:59');
    expect(changeableDates(lateSunday).first).toBe('2026-03-30');
    expect(code(evaluateCareSet(payload(), lateSunday, facts()))).toBe('ok');
    const mondayMidnight = instantInZone('2026-03-30', '00:00');
    expect(mondayMidnight.toISOString()).toBe('2026-03-29T22:00:00.000Z'); // UTC is still on Sunday
    expect(code(evaluateCareSet(payload(), mondayMidnight, facts()))).toBe('care_too_late');
  });

  it('takes weekdays only, and at most eight weeks ahead', () => {
    const now = instantInZone('2026-03-10', '12:00');
    expect(isChangeable('2026-03-14', now)).toBe(false);
    expect(isChangeable('2026-05-05', now)).toBe(true);
    expect(isChangeable('2026-05-06', now)).toBe(false);
    expect(isChangeable('2026-02-30', now)).toBe(false);
  });

  it('checks enrolment, lock and the other home before the times', () => {
    const now = instantInZone('2026-03-27', '12:00');
    const wrongTimes = payload({ arrival: '05:00' });
    expect(code(evaluateCareSet(wrongTimes, now, facts({ hours: null })))).toBe('not_enrolled');
    expect(code(evaluateCareSet(wrongTimes, now, facts({ lock: 'Studiedag' })))).toBe('care_locked');
    const other = { requestId: 'r-other', setById: 'g2', setBy: 'Tor' };
    expect(code(evaluateCareSet(payload(), now, facts({ current: other })))).toBe('care_changed_by_other');
    expect(code(evaluateCareSet(payload({ previous: 'r-other' }), now, facts({ current: other })))).toBe('ok');
    const mine = { requestId: 'r-mine', setById: 'g1', setBy: 'Gun' };
    expect(code(evaluateCareSet(payload(), now, facts({ current: mine })))).toBe('ok');
  });

  it('keeps times within the opening hours, arrival before departure, and the comment short', () => {
    const now = instantInZone('2026-03-27', '12:00');
    expect(code(evaluateCareSet(payload({ arrival: '06:29' }), now, facts()))).toBe('care_outside_hours');
    expect(code(evaluateCareSet(payload({ departure: '18:01' }), now, facts()))).toBe('care_outside_hours');
    expect(code(evaluateCareSet(payload({ arrival: '06:30', departure: '18:00' }), now, facts()))).toBe('ok');
    expect(code(evaluateCareSet(payload({ arrival: '16:00', departure: '16:00' }), now, facts()))).toBe(
      'invalid_time_range',
    );
    expect(code(evaluateCareSet(payload({ arrival: '7:00' }), now, facts()))).toBe('care_times_missing');
    expect(code(evaluateCareSet(payload({ comment: 'x'.repeat(501) }), now, facts()))).toBe('comment_too_long');
    const result = evaluateCareSet(payload({ comment: '  Mormor hämtar  ' }), now, facts());
    expect(result).toEqual({
      ok: true,
      date: '2026-03-30',
      arrival: '07:00',
      departure: '16:00',
      comment: 'Mormor hämtar',
    });
  });
});
