import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ABSENCE_END, receiptReference } from '../../shared/absence.js';
import { instantInZone } from '../../shared/time.js';
import { type App, createApp } from '../app.js';
import { hashPassword } from '../auth/password.js';
import { addCustody, createClass, createSchool, createUser } from '../school/people.js';
import { engines, type TestDatabase, testDatabase } from '../testing/db.js';
import {
  type ApiClient,
  createTestSchool,
  newRequest,
  openStream,
  PASSWORD,
  pushRequests,
  registerAbsence,
  signIn,
  TEST_SCRYPT,
  type TestClock,
  testClock,
  weekdays,
} from '../testing/school.js';

const TODAY = '2026-03-10'; // Tuesday; lessons 08:00–11:50 in four lessons for 4A and 4B
const TOMORROW = '2026-03-11';

/**
 * The test school, with Gun (ga) the guardian of both Ada (4A) and Bo (4B),
 * Tor (g2) Ada's second guardian, a teacher of the school and one of another school.
 */
async function world(db: TestDatabase) {
  await createTestSchool(db, weekdays('2026-03-09', 5));
  const hash = await hashPassword(PASSWORD, TEST_SCRYPT);
  await db.transaction(async (tx) => {
    await addCustody(tx, 'ga', 'bo');
    await createUser(tx, { id: 'st', role: 'staff', name: 'Sara Lärare', email: 'st@test.se', passwordHash: hash });
    await tx.query(`UPDATE users SET school_id = 's' WHERE id = 'st'`);
    await createSchool(tx, { id: 'other', name: 'Andra skolan', municipality: 'Testkommun' });
    await createClass(tx, { id: '9x', schoolId: 'other', name: '9X', year: 9 });
    await createUser(tx, { id: 'sto', role: 'staff', name: 'Olof Annan', email: 'sto@test.se', passwordHash: hash });
    await tx.query(`UPDATE users SET school_id = 'other' WHERE id = 'sto'`);
    await createUser(tx, { id: 'adm', role: 'admin', name: 'Åsa Admin', email: 'adm@test.se', passwordHash: hash });
  });
}

describe.each(engines)('Frånvaro: several children, ending early, the school’s list on %s', (engine) => {
  let db: TestDatabase;
  let app: App;
  let clock: TestClock;
  let gun: ApiClient;
  beforeEach(async () => {
    db = await testDatabase(engine);
    clock = testClock(instantInZone(TODAY, '07:30'));
    app = await createApp({ db, now: clock.now, heartbeatMs: 200 });
    await world(db);
    gun = await signIn(app.app, 'ga@test.se');
  });
  afterEach(async () => {
    await app.close();
    await db.close();
  });

  async function push(client: ApiClient, docs: object[]): Promise<any[]> {
    const res = await pushRequests(client, docs);
    expect(res.status).toBe(200);
    return res.json();
  }
  const absence = async (id: string) =>
    (
      await db.query<{ whole_day: boolean; from_time: string; to_time: string; lesson_ids: string[] }>(
        'SELECT whole_day, from_time, to_time, lesson_ids FROM absences WHERE id = $1',
        [id],
      )
    )[0];
  const end = (pupilId: string, absenceId: string, endAt: string) =>
    newRequest(pupilId, { absenceId, endAt }, { kind: ABSENCE_END });

  it('decides a report for two children one by one: one child’s rejection leaves the other’s acceptance standing', async () => {
    // The same time range for both: it meets Ada's lessons; for Bo it is also in school hours.
    const forAda = newRequest('ada', { date: TODAY, wholeDay: false, from: '09:00', to: '10:00' });
    const forBo = newRequest('bo', { date: TODAY, wholeDay: false, from: '12:00', to: '13:00' });
    const masters = await push(gun, [forAda, forBo]);
    expect(masters.map((m) => [m.id, m.status, m.reasonCode])).toEqual([[forBo.id, 'rejected', 'outside_schedule']]);
    expect(await absence(forAda.id)).toMatchObject({ from_time: '09:00', to_time: '10:00' });
    expect(await absence(forBo.id)).toBeUndefined();
  });

  it('ends a reported absence early at the time the child is back: the end, the lessons and the request', async () => {
    const report = newRequest('ada', { date: TODAY, wholeDay: true });
    await push(gun, [report]);
    clock.set(instantInZone(TODAY, '09:40'));
    const ending = end('ada', report.id, '10:00');
    expect(await push(gun, [ending])).toEqual([]);
    expect(await absence(report.id)).toEqual({
      whole_day: false,
      from_time: '08:00',
      to_time: '10:00',
      lesson_ids: [`4a-${TODAY}-1`, `4a-${TODAY}-2`],
    });
    const [row] = await db.query('SELECT ended_by_request FROM absences WHERE id = $1', [report.id]);
    expect(row).toEqual({ ended_by_request: ending.id });
    // Sent again (a lost answer): the device learns the decision, nothing changes.
    const [again] = await push(gun, [ending]);
    expect(again).toMatchObject({ id: ending.id, status: 'accepted' });
    expect(await absence(report.id)).toMatchObject({ to_time: '10:00' });
    expect(await db.query(`SELECT count(*)::int AS n FROM requests WHERE kind = $1`, [ABSENCE_END])).toEqual([
      { n: 1 },
    ]);
  });

  it('lets the other guardian with custody end the family’s report, but no guardian without custody', async () => {
    const report = newRequest('ada', { date: TODAY, wholeDay: true });
    await push(gun, [report]);
    const tor = await signIn(app.app, 'g2@test.se');
    const bea = await signIn(app.app, 'gb@test.se');
    const [stranger] = await push(bea, [end('ada', report.id, '10:00')]);
    expect(stranger).toMatchObject({ status: 'rejected', reasonCode: 'no_custody' });
    // Naming another child of one's own does not reach Ada's absence either.
    const [wrongChild] = await push(gun, [end('bo', report.id, '10:00')]);
    expect(wrongChild).toMatchObject({ status: 'rejected', reasonCode: 'unknown_absence' });
    expect(await push(tor, [end('ada', report.id, '10:00')])).toEqual([]);
    expect((await absence(report.id))?.to_time).toBe('10:00');
  });

  it('turns down ending what the school registered, another day’s absence, an end in the past or not inside the absence', async () => {
    await registerAbsence(db, { id: 'reg', pupilId: 'ada', date: TODAY, from: '08:00', to: '11:50' });
    const tomorrow = newRequest('ada', { date: TOMORROW, wholeDay: true });
    const today = newRequest('ada', { date: TODAY, wholeDay: false, from: '09:00', to: '11:00' });
    await push(gun, [tomorrow, today]);
    clock.set(instantInZone(TODAY, '10:20'));
    const cases: [object, string, Record<string, string>][] = [
      [end('ada', 'reg', '10:30'), 'absence_registered', {}],
      [end('ada', tomorrow.id, '10:30'), 'absence_not_today', { date: TOMORROW, today: TODAY }],
      [end('ada', today.id, '10:00'), 'end_in_past', { endAt: '10:00', now: '10:20' }],
      [end('ada', today.id, '09:00'), 'end_not_after_start', { from: '09:00', endAt: '09:00' }],
      [end('ada', today.id, '11:00'), 'end_not_earlier', { to: '11:00', endAt: '11:00' }],
      [end('ada', today.id, '25:00'), 'invalid_payload', {}],
      [end('ada', 'nothing', '10:30'), 'unknown_absence', {}],
    ];
    for (const [request, code, params] of cases) {
      const [master] = await push(gun, [request]);
      expect(master, code).toMatchObject({ status: 'rejected', reasonCode: code, reasonParams: params });
      expect(master.reason).not.toBe('');
    }
    expect(await absence(today.id)).toMatchObject({ from_time: '09:00', to_time: '11:00' });
    expect(await absence('reg')).toMatchObject({ to_time: '11:50' });
    // Within the grace period the time the child came back still counts: 10:10 at 10:20.
    expect(await push(gun, [end('ada', today.id, '10:10')])).toEqual([]);
    expect(await absence(today.id)).toMatchObject({ to_time: '10:10', lesson_ids: [`4a-${TODAY}-2`, `4a-${TODAY}-3`] });
  });

  it('lists the school’s reports of the day for its staff: pupil, class, times, lessons, who, when, and the receipt reference', async () => {
    const staff = await signIn(app.app, 'st@test.se');
    const first = await staff.json(`/api/staff/absence-reports?date=${TODAY}`);
    expect(first).toEqual({ date: TODAY, reports: [], cursor: '0', more: false });

    const forAda = newRequest(
      'ada',
      { date: TODAY, wholeDay: false, lessonIds: [`4a-${TODAY}-2`], comment: 'Tandläkare' },
      { createdAt: '2026-03-10T06:00:00.000Z' },
    );
    const forBo = newRequest('bo', { date: TODAY, wholeDay: true });
    const otherDay = newRequest('bo', { date: TOMORROW, wholeDay: true });
    await push(gun, [forAda, forBo, otherDay]);
    await registerAbsence(db, { id: 'reg', pupilId: 'ada', date: TODAY });

    const page = await staff.json(`/api/staff/absence-reports?date=${TODAY}`);
    expect(page.reports).toEqual([
      {
        id: forAda.id,
        pupilId: 'ada',
        pupilName: 'Ada Ahl',
        classId: '4a',
        className: '4A',
        date: TODAY,
        wholeDay: false,
        from: '09:00',
        to: '09:50',
        lessons: [{ id: `4a-${TODAY}-2`, start: '09:00', end: '09:50', subject: 'Matematik' }],
        comment: 'Tandläkare',
        reportedBy: 'Gun Ahl',
        sentAt: '2026-03-10T06:00:00.000Z',
        receivedAt: instantInZone(TODAY, '07:30').toISOString(),
        reference: receiptReference(forAda.id),
        endedAt: '',
      },
      expect.objectContaining({ id: forBo.id, pupilName: 'Bo Berg', className: '4B', wholeDay: true }),
    ]);
    expect(page.reports[1].lessons).toHaveLength(4);

    // Nothing new after the cursor; an absence ended early comes again, changed.
    expect((await staff.json(`/api/staff/absence-reports?date=${TODAY}&after=${page.cursor}`)).reports).toEqual([]);
    clock.set(instantInZone(TODAY, '08:55'));
    await push(gun, [end('bo', forBo.id, '09:00')]);
    const later = await staff.json(`/api/staff/absence-reports?date=${TODAY}&after=${page.cursor}`);
    expect(later.reports).toEqual([
      expect.objectContaining({ id: forBo.id, to: '09:00', endedAt: instantInZone(TODAY, '08:55').toISOString() }),
    ]);
    expect(Number(later.cursor)).toBeGreaterThan(Number(page.cursor));

    // Tomorrow's list, by date; today when no date is given.
    expect((await staff.json(`/api/staff/absence-reports?date=${TOMORROW}`)).reports.map((r: any) => r.id)).toEqual([
      otherDay.id,
    ]);
    expect((await staff.json('/api/staff/absence-reports')).date).toBe(TODAY);
    // Another school's staff sees none of it; an admin sees it all.
    expect((await (await signIn(app.app, 'sto@test.se')).json('/api/staff/absence-reports')).reports).toEqual([]);
    expect((await (await signIn(app.app, 'adm@test.se')).json('/api/staff/absence-reports')).reports).toHaveLength(2);
  });

  it('answers bad queries with 400 and families with 403', async () => {
    const staff = await signIn(app.app, 'st@test.se');
    for (const q of ['date=2026-02-30', 'date=idag', 'after=-1', 'after=abc']) {
      const res = await staff.get(`/api/staff/absence-reports?${q}`);
      expect(res.status, q).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'invalid_query' });
    }
    expect((await gun.get('/api/staff/absence-reports')).status).toBe(403);
    expect((await gun.get('/api/staff/absence-reports/stream')).status).toBe(403);
  });

  it('tells the school’s open streams of each report as it arrives, and no other school’s', async () => {
    const staff = await openStream(await signIn(app.app, 'st@test.se'), '/api/staff/absence-reports/stream');
    const other = await openStream(await signIn(app.app, 'sto@test.se'), '/api/staff/absence-reports/stream');
    try {
      expect(await staff.nextData()).toEqual({ collection: 'absenceReports', checkpoint: null });
      expect(await other.nextData()).toEqual({ collection: 'absenceReports', checkpoint: null });
      await push(gun, [newRequest('ada', { date: TODAY, wholeDay: true })]);
      expect(await staff.nextData()).toMatchObject({
        collection: 'absenceReports',
        checkpoint: { seq: expect.any(Number) },
      });
      // The other school's stream hears only heartbeats.
      const heard = await other.next(1_000);
      expect(heard).toEqual({ comment: 'heartbeat' });
    } finally {
      await staff.close();
      await other.close();
    }
  });
});
