/**
 * Fritidsschema on the server, on both engines: what a guardian may set
 * (custody, enrolment, opening hours, locked days, until when, two homes),
 * that a request is decided once however often it arrives, what the family's
 * devices receive, and the school's side through the staff API.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CARE_SET, type CareSetPayload } from '../../shared/care-times.js';
import { instantInZone } from '../../shared/time.js';
import { type App, createApp } from '../app.js';
import { hashPassword } from '../auth/password.js';
import { addCustody, createClass, createPupil, createSchool, createUser, endCustody } from '../school/people.js';
import { engines, type TestDatabase, testDatabase } from '../testing/db.js';
import {
  type ApiClient,
  createTestSchool,
  fingerprint,
  newRequest,
  PASSWORD,
  pullPages,
  pushRequests,
  signIn,
  TEST_SCRYPT,
  type TestClock,
  testClock,
} from '../testing/school.js';

// Tuesday 10 March 2026, 08:30 in Stockholm.
const TODAY = '2026-03-10';
const TOMORROW = '2026-03-11';
const THURSDAY = '2026-03-12';
const FRIDAY = '2026-03-13';

/** The test school plus: Cid (Ada's brother, 4B), staff of the school, an admin, another school with staff. */
async function world(db: TestDatabase) {
  await createTestSchool(db, []);
  const hash = await hashPassword(PASSWORD, TEST_SCRYPT);
  await db.transaction(async (tx) => {
    const cid = await createPupil(tx, { id: 'cid', firstName: 'Cid', lastName: 'Ahl', classId: '4b' });
    await addCustody(tx, 'ga', cid);
    const st = await createUser(tx, {
      id: 'st',
      role: 'staff',
      name: 'Sara Lärare',
      email: 'st@test.se',
      passwordHash: hash,
    });
    await tx.query(`UPDATE users SET school_id = 's' WHERE id = $1`, [st]);
    await createUser(tx, { id: 'adm', role: 'admin', name: 'Ada Admin', email: 'adm@test.se', passwordHash: hash });
    await createSchool(tx, { id: 'other', name: 'Andra skolan', municipality: 'Testkommun' });
    await createClass(tx, { id: '9x', schoolId: 'other', name: '9X', year: 9 });
    const sto = await createUser(tx, {
      id: 'sto',
      role: 'staff',
      name: 'Olof Annan',
      email: 'sto@test.se',
      passwordHash: hash,
    });
    await tx.query(`UPDATE users SET school_id = 'other' WHERE id = $1`, [sto]);
    await createUser(tx, { id: 'gx', role: 'guardian', name: 'Ex Ahl', email: 'gx@test.se', passwordHash: hash });
    await addCustody(tx, 'gx', 'ada');
    await endCustody(tx, 'gx', 'ada', new Date('2026-03-01T00:00:00Z'));
  });
}

const put = (client: ApiClient, path: string, body: unknown) =>
  client.send(path, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const del = (client: ApiClient, path: string) => client.send(path, { method: 'DELETE' });

const times = (date: string, over: Partial<CareSetPayload> = {}): CareSetPayload => ({
  date,
  noCare: false,
  arrival: '07:30',
  departure: '16:00',
  comment: '',
  previous: '',
  ...over,
});

/** Pushes one `care.set` for `pupilId`; resolves to the request as the server stored it. */
async function setDay(client: ApiClient, pupilId: string, payload: CareSetPayload, id?: string) {
  const request = newRequest(pupilId, { ...payload }, { kind: CARE_SET, ...(id ? { id } : {}) });
  const res = await pushRequests(client, [request]);
  expect(res.status).toBe(200);
  const conflicts = await res.json();
  const stored = (await pullPages(client, 'requests')).documents.find((d) => d.id === request.id);
  return { id: request.id, conflicts, stored };
}

/** `fingerprint` plus the care table: equal before and after means nothing changed. */
async function digest(db: TestDatabase) {
  const [care] = await db.query<{ h: string }>(
    "SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM care_times t",
  );
  return { ...(await fingerprint(db)), care_times: care?.h };
}

async function days(client: ApiClient, pupilId: string) {
  const docs = (await pullPages(client, 'careTimes')).documents.filter((d) => !d._deleted);
  return docs.filter((d) => d.kind === 'day' && d.scopeRef === pupilId);
}

describe.each(engines)('Fritidsschema on %s', (engine) => {
  let db: TestDatabase;
  let app: App;
  let clock: TestClock;
  let staff: ApiClient;
  let ga: ApiClient;

  beforeEach(async () => {
    db = await testDatabase(engine);
    clock = testClock(instantInZone(TODAY, '08:30'));
    app = await createApp({ db, now: clock.now });
    await world(db);
    staff = await signIn(app.app, 'st@test.se');
    ga = await signIn(app.app, 'ga@test.se');
    expect((await put(staff, '/api/staff/care/enrolments/ada', {})).status).toBe(201);
    expect((await put(staff, '/api/staff/care/enrolments/cid', { opens: '07:00', closes: '17:00' })).status).toBe(201);
  });
  afterEach(async () => {
    await app.close();
    await db.close();
  });

  it('takes a guardian’s times for tomorrow, and the family’s devices receive the day once', async () => {
    const { conflicts, stored, id } = await setDay(ga, 'ada', times(TOMORROW, { comment: 'Mormor hämtar' }));
    expect(conflicts).toEqual([]);
    expect(stored.status).toBe('accepted');
    const [day] = await days(ga, 'ada');
    expect(day).toMatchObject({
      id,
      kind: 'day',
      date: TOMORROW,
      arrival: '07:30',
      departure: '16:00',
      comment: 'Mormor hämtar',
      setBy: 'Gun Ahl',
      requestId: id,
    });
    // The other guardian (another home) and Ada herself see the same day; Bo's guardian does not.
    for (const email of ['g2@test.se', 'ada@test.se']) {
      expect((await days(await signIn(app.app, email), 'ada')).map((d) => d.arrival)).toEqual(['07:30']);
    }
    const gb = await signIn(app.app, 'gb@test.se');
    const seen = (await pullPages(gb, 'careTimes')).documents.filter((d) => !d._deleted);
    expect(seen.filter((d) => d.scopeKind === 'pupil')).toEqual([]);

    // A change updates the same document: one day, the new times.
    const second = await setDay(ga, 'ada', times(TOMORROW, { arrival: '08:00', previous: id }));
    expect(second.stored.status).toBe('accepted');
    const after = await days(ga, 'ada');
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id, arrival: '08:00', requestId: second.id });
  });

  it('records a request pushed twice once, and the second push changes nothing', async () => {
    const request = newRequest('ada', { ...times(TOMORROW) }, { kind: CARE_SET });
    expect(await (await pushRequests(ga, [request])).json()).toEqual([]);
    const before = await digest(db);
    // The second time the device is told what the school already decided, and nothing changes.
    const again = await (await pushRequests(ga, [request])).json();
    expect(again).toEqual([expect.objectContaining({ id: request.id, status: 'accepted' })]);
    expect(await digest(db)).toEqual(before);
    const rows = await db.query("SELECT 1 FROM care_times WHERE kind = 'day'");
    expect(rows).toHaveLength(1);
  });

  it('sets “no care” for a day, with both times empty', async () => {
    const { stored } = await setDay(ga, 'ada', times(TOMORROW, { noCare: true, arrival: '', departure: '' }));
    expect(stored.status).toBe('accepted');
    expect((await days(ga, 'ada'))[0]).toMatchObject({ arrival: '', departure: '' });
    // "No care" with times is malformed, not a choice.
    const bad = await setDay(ga, 'ada', times(THURSDAY, { noCare: true }));
    expect(bad.conflicts[0]).toMatchObject({ status: 'rejected', reasonCode: 'invalid_payload' });
  });

  it('keeps times within the opening hours of the child’s fritids, arrival before departure', async () => {
    const early = await setDay(ga, 'cid', times(TOMORROW, { arrival: '06:45' }));
    expect(early.conflicts[0]).toMatchObject({
      status: 'rejected',
      reasonCode: 'care_outside_hours',
      reason: 'Fritids har öppet 07:00–17:00. Tiderna för onsdag 11 mars ligger utanför.',
    });
    const late = await setDay(ga, 'ada', times(TOMORROW, { departure: '18:15' }));
    expect(late.conflicts[0]).toMatchObject({ reasonCode: 'care_outside_hours' });
    const reversed = await setDay(ga, 'ada', times(TOMORROW, { arrival: '16:00', departure: '08:00' }));
    expect(reversed.conflicts[0]).toMatchObject({ reasonCode: 'invalid_time_range' });
    const missing = await setDay(ga, 'ada', times(TOMORROW, { departure: '' }));
    expect(missing.conflicts[0]).toMatchObject({ reasonCode: 'care_times_missing' });
    const edges = await setDay(ga, 'ada', times(TOMORROW, { arrival: '06:30', departure: '18:00' }));
    expect(edges.stored.status).toBe('accepted');
    expect(await days(ga, 'cid')).toEqual([]);
  });

  it('turns down a change to a locked day with the school’s reason, and takes it again once unlocked', async () => {
    const lock = await put(staff, `/api/staff/care/locks/${FRIDAY}`, { reason: 'Studiedag – fritids är stängt' });
    expect(lock.status).toBe(201);
    expect(await lock.json()).toMatchObject({ kind: 'lock', date: FRIDAY, scopeKind: 'school', scopeRef: 's' });
    // The family's devices get the lock (school-wide).
    const locks = (await pullPages(ga, 'careTimes')).documents.filter((d) => d.kind === 'lock' && !d._deleted);
    expect(locks.map((d) => [d.date, d.reason])).toEqual([[FRIDAY, 'Studiedag – fritids är stängt']]);

    const refused = await setDay(ga, 'ada', times(FRIDAY));
    expect(refused.conflicts[0]).toMatchObject({
      status: 'rejected',
      reasonCode: 'care_locked',
      reason: 'fredag 13 mars är låst av skolan: Studiedag – fritids är stängt',
    });
    expect(await days(ga, 'ada')).toEqual([]);

    expect((await del(staff, `/api/staff/care/locks/${FRIDAY}`)).status).toBe(204);
    expect((await setDay(ga, 'ada', times(FRIDAY))).stored.status).toBe('accepted');
  });

  it('takes days from tomorrow until eight weeks ahead, Monday to Friday', async () => {
    const today = await setDay(ga, 'ada', times(TODAY));
    expect(today.conflicts[0]).toMatchObject({ reasonCode: 'care_too_late' });
    const saturday = await setDay(ga, 'ada', times('2026-03-14'));
    expect(saturday.conflicts[0]).toMatchObject({ reasonCode: 'care_weekend' });
    const last = await setDay(ga, 'ada', times('2026-05-05')); // today + 56 days, a Tuesday
    expect(last.stored.status).toBe('accepted');
    const beyond = await setDay(ga, 'ada', times('2026-05-06'));
    expect(beyond.conflicts[0]).toMatchObject({ reasonCode: 'care_too_far' });
    // Until midnight in Stockholm (23:59 local is 22:59 UTC in March), not UTC's.
    clock.set(instantInZone(TODAY, '23:59'));
    expect((await setDay(ga, 'ada', times(TOMORROW))).stored.status).toBe('accepted');
    clock.set(instantInZone(TOMORROW, '00:00'));
    const tooLate = await setDay(ga, 'ada', times(TOMORROW, { arrival: '09:00' }));
    expect(tooLate.conflicts[0]).toMatchObject({ reasonCode: 'care_too_late' });
  });

  it('lets only a guardian with custody of an enrolled child set times', async () => {
    const cases: [string, string, string][] = [
      ['gb@test.se', 'ada', 'care_no_custody'], // another family's child
      ['gx@test.se', 'ada', 'care_no_custody'], // custody ended
      ['ada@test.se', 'ada', 'care_not_guardian'], // the pupil herself
      ['st@test.se', 'ada', 'care_not_guardian'],
      ['gb@test.se', 'bo', 'not_enrolled'], // own child, not in fritids
    ];
    for (const [email, pupilId, code] of cases) {
      const client = await signIn(app.app, email);
      const { conflicts } = await setDay(client, pupilId, times(TOMORROW));
      expect(conflicts[0], `${email} for ${pupilId}`).toMatchObject({ status: 'rejected', reasonCode: code });
    }
    expect(await db.query("SELECT 1 FROM care_times WHERE kind = 'day'")).toEqual([]);
    // An ended enrolment: turned down too.
    expect((await del(staff, '/api/staff/care/enrolments/ada')).status).toBe(204);
    expect((await setDay(ga, 'ada', times(TOMORROW))).conflicts[0]).toMatchObject({ reasonCode: 'not_enrolled' });
  });

  it('turns down a change made on top of the other home’s newer times, naming who changed the day', async () => {
    const g2 = await signIn(app.app, 'g2@test.se');
    // Both homes saw the day empty; Tor's change arrives first.
    const tor = await setDay(g2, 'ada', times(TOMORROW, { departure: '15:00' }));
    expect(tor.stored.status).toBe('accepted');
    const gun = await setDay(ga, 'ada', times(TOMORROW, { departure: '17:00', previous: '' }));
    expect(gun.conflicts[0]).toMatchObject({
      status: 'rejected',
      reasonCode: 'care_changed_by_other',
      reason:
        'Tor Ahl ändrade tiderna för onsdag 11 mars innan din ändring kom fram. Se de nya tiderna och ändra igen om det behövs.',
    });
    expect((await days(ga, 'ada'))[0]).toMatchObject({ departure: '15:00', setBy: 'Tor Ahl' });
    // Having seen Tor's times, Gun may change them.
    const again = await setDay(ga, 'ada', times(TOMORROW, { departure: '17:00', previous: tor.id }));
    expect(again.stored.status).toBe('accepted');
    // A guardian's own successive changes (made offline, each on the last) never conflict.
    const one = await setDay(ga, 'ada', times(THURSDAY, { arrival: '08:00' }));
    const two = await setDay(ga, 'ada', times(THURSDAY, { arrival: '09:00', previous: 'not-yet-known' }));
    expect([one.stored.status, two.stored.status]).toEqual(['accepted', 'accepted']);
  });

  it('decides a copy to a sibling per child: Cid’s narrower hours turn down his day, Ada’s stands', async () => {
    const payload = times(TOMORROW, { arrival: '06:40' });
    const ada = await setDay(ga, 'ada', payload);
    const cid = await setDay(ga, 'cid', payload);
    expect(ada.stored.status).toBe('accepted');
    expect(cid.stored).toMatchObject({ status: 'rejected', reasonCode: 'care_outside_hours' });
  });

  it('shows the staff every enrolled pupil’s times and the locked days, for their own school only', async () => {
    await setDay(ga, 'ada', times(TOMORROW, { comment: 'Hämtas av mormor' }));
    await setDay(ga, 'cid', times(THURSDAY, { noCare: true, arrival: '', departure: '' }));
    await put(staff, `/api/staff/care/locks/${FRIDAY}`, { reason: 'Planeringsdag' });
    const overview = await staff.json(`/api/staff/care/times?from=${TODAY}&to=${FRIDAY}`);
    expect(overview).toMatchObject({ schoolId: 's', from: TODAY, to: FRIDAY });
    expect(overview.locks).toEqual([{ date: FRIDAY, reason: 'Planeringsdag' }]);
    expect(overview.pupils.map((p: { id: string }) => p.id)).toEqual(['ada', 'cid']);
    expect(overview.pupils[0].days).toEqual([
      expect.objectContaining({
        date: TOMORROW,
        arrival: '07:30',
        departure: '16:00',
        noCare: false,
        setBy: 'Gun Ahl',
      }),
    ]);
    expect(overview.pupils[1]).toMatchObject({ opens: '07:00', closes: '17:00' });
    expect(overview.pupils[1].days).toEqual([expect.objectContaining({ date: THURSDAY, noCare: true })]);

    // Another school's staff: not this school's times, nor its locks or enrolments.
    const sto = await signIn(app.app, 'sto@test.se');
    expect((await sto.get('/api/staff/care/times?schoolId=s')).status).toBe(403);
    expect((await sto.json('/api/staff/care/times')).pupils).toEqual([]);
    expect((await put(sto, '/api/staff/care/enrolments/bo', {})).status).toBe(403);
    expect((await del(sto, `/api/staff/care/locks/${FRIDAY}`)).status).toBe(404);
    // An admin names the school.
    const adm = await signIn(app.app, 'adm@test.se');
    expect((await adm.get('/api/staff/care/times')).status).toBe(400);
    expect((await adm.json('/api/staff/care/times?schoolId=s')).pupils).toHaveLength(2);
    expect((await put(adm, '/api/staff/care/locks/2026-03-16', { reason: 'Stängt', schoolId: 's' })).status).toBe(201);
  });

  it('answers bad staff input with a clear 400 and changes nothing', async () => {
    const before = await digest(db);
    const bad: [string, Response][] = [
      ['lock without reason', await put(staff, `/api/staff/care/locks/${FRIDAY}`, {})],
      ['lock with blank reason', await put(staff, `/api/staff/care/locks/${FRIDAY}`, { reason: '   ' })],
      ['lock of no date', await put(staff, '/api/staff/care/locks/2026-02-30', { reason: 'x' })],
      ['hours reversed', await put(staff, '/api/staff/care/enrolments/bo', { opens: '18:00', closes: '07:00' })],
      ['hours malformed', await put(staff, '/api/staff/care/enrolments/bo', { opens: '7' })],
      ['range too long', await staff.get(`/api/staff/care/times?from=${TODAY}&to=2026-05-01`)],
      ['range reversed', await staff.get(`/api/staff/care/times?from=${FRIDAY}&to=${TODAY}`)],
    ];
    for (const [what, res] of bad) {
      expect(res.status, what).toBe(400);
      expect(Object.keys(await res.json()).sort(), what).toEqual(['error', 'message']);
    }
    expect((await put(staff, '/api/staff/care/enrolments/nobody', {})).status).toBe(404);
    expect(await digest(db)).toEqual(before);
  });
});
