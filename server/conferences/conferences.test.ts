/**
 * Utvecklingssamtal on the server: the staff API opens and closes times, and
 * guardians' requests book, change and cancel them under the rules — one
 * family per time, one upcoming talk per child, the school's last day, custody
 * — with a Swedish reason for every refusal. What each family learns through
 * sync is checked too: other families see only "taken".
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONFERENCE_BOOK, CONFERENCE_CANCEL } from '../../shared/conferences.js';
import { type App, createApp } from '../app.js';
import { hashPassword } from '../auth/password.js';
import { addCustody, createPupil, createUser, endCustody } from '../school/people.js';
import { engines, type TestDatabase, testDatabase } from '../testing/db.js';
import {
  type ApiClient,
  createTestSchool,
  newRequest,
  PASSWORD,
  pullPages,
  pushRequests,
  signIn,
  TEST_SCRYPT,
  type TestClock,
  testClock,
} from '../testing/school.js';

// Tuesday 10 March 2026, 08:30 in Stockholm; the talks are on Thursday 12 March.
const NOW = '2026-03-10T07:30:00Z';
const TALK_DAY = '2026-03-12';

const put = (client: ApiClient, path: string, body: unknown) =>
  client.send(path, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const del = (client: ApiClient, path: string) => client.send(path, { method: 'DELETE' });

describe.each(engines)('development talks on %s', (engine) => {
  let db: TestDatabase;
  let app: App;
  let clock: TestClock;
  let staff: ApiClient;
  /** Ada's guardians (two homes), Cia's guardian (another family of 4A), Bo's (4B). */
  let ga: ApiClient;
  let g2: ApiClient;
  let gc: ApiClient;
  let gb: ApiClient;

  beforeEach(async () => {
    db = await testDatabase(engine);
    await createTestSchool(db, []);
    const hash = await hashPassword(PASSWORD, TEST_SCRYPT);
    await db.transaction(async (tx) => {
      await createUser(tx, { id: 'st', role: 'staff', name: 'Sara Lärare', email: 'st@test.se', passwordHash: hash });
      await tx.query(`UPDATE users SET school_id = 's' WHERE id = 'st'`);
      await createUser(tx, {
        id: 'gc',
        role: 'guardian',
        name: 'Cecilia Ceder',
        email: 'gc@test.se',
        passwordHash: hash,
      });
      await createPupil(tx, { id: 'cia', firstName: 'Cia', lastName: 'Ceder', classId: '4a' });
      await addCustody(tx, 'gc', 'cia');
    });
    clock = testClock(NOW);
    app = await createApp({ db, now: clock.now });
    staff = await signIn(app.app, 'st@test.se');
    ga = await signIn(app.app, 'ga@test.se');
    g2 = await signIn(app.app, 'g2@test.se');
    gc = await signIn(app.app, 'gc@test.se');
    gb = await signIn(app.app, 'gb@test.se');
    for (const [id, start, end] of [
      ['t1', '15:00', '15:20'],
      ['t2', '15:20', '15:40'],
      ['t3', '15:40', '16:00'],
    ] as const) {
      const res = await put(staff, `/api/staff/conferences/${id}`, {
        classId: '4a',
        date: TALK_DAY,
        start,
        end,
        location: 'Klassrum 4A',
        teacher: 'Karin Holm',
      });
      expect(res.status).toBe(201);
    }
  });
  afterEach(async () => {
    await app.close();
    await db.close();
  });

  const book = (pupilId: string, slotId: string, replaces?: string) =>
    newRequest(pupilId, replaces ? { slotId, replaces } : { slotId }, { kind: CONFERENCE_BOOK });
  const cancel = (pupilId: string, bookingId: string) =>
    newRequest(pupilId, { bookingId }, { kind: CONFERENCE_CANCEL });

  /** Pushes one request; resolves to null when accepted, else the rejected master state. */
  async function send(client: ApiClient, request: object) {
    const res = await pushRequests(client, [request]);
    expect(res.status).toBe(200);
    const conflicts = await res.json();
    return conflicts[0] ?? null;
  }
  async function conferences(client: ApiClient) {
    const docs = (await pullPages(client, 'conferences')).documents.filter((d) => !d._deleted);
    return new Map<string, any>(docs.map((d) => [d.id, d]));
  }
  async function requestStatus(client: ApiClient, id: string) {
    return (await pullPages(client, 'requests')).documents.find((d) => d.id === id)?.status;
  }

  it('shows the times to the class’s families only, and a booking to the child’s family only', async () => {
    expect([...(await conferences(gb)).keys()]).toEqual([]);
    const opened = await conferences(gc);
    expect([...opened.keys()].sort()).toEqual(['t1', 't2', 't3']);
    expect(opened.get('t1')).toMatchObject({ kind: 'slot', taken: false, bookUntil: '2026-03-11', bookedBy: '' });

    const request = book('ada', 't2');
    expect(await send(ga, request)).toBeNull();
    expect(await requestStatus(ga, request.id)).toBe('accepted');

    // Both of Ada's guardians see the booking, with who made it; Cia's family sees only "taken".
    for (const guardian of [ga, g2]) {
      const seen = await conferences(guardian);
      expect(seen.get(request.id)).toMatchObject({
        kind: 'booking',
        scopeKind: 'pupil',
        scopeRef: 'ada',
        slotId: 't2',
        date: TALK_DAY,
        start: '15:20',
        bookedBy: 'Gun Ahl',
      });
    }
    const other = await conferences(gc);
    expect(other.get('t2')).toMatchObject({ taken: true, bookedBy: '' });
    expect(other.has(request.id)).toBe(false);
    expect(JSON.stringify([...other.values()])).not.toMatch(/Ada|Gun|ada/);
  });

  it('gives a time to the first family that asks and tells the next, in Swedish, that it was taken', async () => {
    expect(await send(gc, book('cia', 't1'))).toBeNull();
    const late = await send(ga, book('ada', 't1'));
    expect(late).toMatchObject({ status: 'rejected', reasonCode: 'slot_taken' });
    expect(late.reason).toBe('Tiden torsdag 12 mars kl. 15:00 hann bokas av någon annan. Välj en annan tid.');
    // Another time is still there for Ada.
    expect(await send(ga, book('ada', 't3'))).toBeNull();
    const rows = await db.query<{ slot_id: string; pupil_id: string }>(
      `SELECT slot_id, pupil_id FROM conferences WHERE kind = 'booking' AND NOT deleted ORDER BY slot_id`,
    );
    expect(rows).toEqual([
      { slot_id: 't1', pupil_id: 'cia' },
      { slot_id: 't3', pupil_id: 'ada' },
    ]);
  });

  it('takes a request that arrives twice once', async () => {
    const request = book('ada', 't1');
    expect(await send(ga, request)).toBeNull();
    // The second time the device is told what the server already has: accepted.
    expect(await send(ga, request)).toMatchObject({ id: request.id, status: 'accepted' });
    const rows = await db.query(`SELECT 1 FROM conferences WHERE kind = 'booking' AND pupil_id = 'ada'`);
    expect(rows).toHaveLength(1);
  });

  it('changes a booking in one step: the new time is taken and the old one is free again', async () => {
    const first = book('ada', 't1');
    expect(await send(ga, first)).toBeNull();
    // A second booking must name the one it replaces: the other guardian is told a time is already booked.
    expect(await send(g2, book('ada', 't2'))).toMatchObject({ status: 'rejected', reasonCode: 'already_booked' });

    const change = book('ada', 't2', first.id);
    expect(await send(g2, change)).toBeNull();
    const seen = await conferences(ga);
    expect(seen.has(first.id)).toBe(false);
    expect(seen.get(change.id)).toMatchObject({ slotId: 't2', bookedBy: 'Tor Ahl' });
    expect(seen.get('t1')?.taken).toBe(false);
    expect(seen.get('t2')?.taken).toBe(true);

    // A change made on an old view (the first booking is gone) is refused and changes nothing.
    expect(await send(ga, book('ada', 't3', first.id))).toMatchObject({ reasonCode: 'booking_changed' });
    expect((await conferences(ga)).get('t3')?.taken).toBe(false);
  });

  it('cancels a booking: the time is free for others, and cancelling again is refused', async () => {
    const booking = book('ada', 't1');
    expect(await send(ga, booking)).toBeNull();
    expect(await send(g2, cancel('ada', booking.id))).toBeNull();
    const tombstones = (await pullPages(ga, 'conferences')).documents.filter((d) => d._deleted).map((d) => d.id);
    expect(tombstones).toContain(booking.id);
    expect((await conferences(gc)).get('t1')?.taken).toBe(false);
    expect(await send(ga, cancel('ada', booking.id))).toMatchObject({ reasonCode: 'not_booked' });
    expect(await send(gc, book('cia', 't1'))).toBeNull();
  });

  it('keeps to the school’s last day: no booking, change or cancelling after it', async () => {
    const booking = book('ada', 't1');
    expect(await send(ga, booking)).toBeNull();
    clock.set('2026-03-11T22:59:00Z'); // 23:59 on the last day, Stockholm time: still open
    const change = book('ada', 't2', booking.id);
    expect(await send(ga, change)).toBeNull();
    clock.set('2026-03-11T23:00:00Z'); // midnight: the day of the talks
    const late = await send(gc, book('cia', 't3'));
    expect(late).toMatchObject({ reasonCode: 'booking_deadline_passed' });
    expect(late.reason).toContain('till och med onsdag 11 mars');
    expect(await send(ga, cancel('ada', change.id))).toMatchObject({ reasonCode: 'booking_deadline_passed' });
    expect((await conferences(ga)).has(change.id)).toBe(true);
  });

  it('refuses pupils, other classes, guardians whose custody ended, and malformed payloads', async () => {
    const pupil = await signIn(app.app, 'ada@test.se');
    expect(await send(pupil, book('ada', 't1'))).toMatchObject({ reasonCode: 'conference_not_guardian' });
    expect(await send(gb, book('bo', 't1'))).toMatchObject({ reasonCode: 'slot_closed' });
    expect(await send(gb, book('ada', 't1'))).toMatchObject({ reasonCode: 'conference_no_custody' });
    expect(await send(ga, book('ada', 'no-such-time'))).toMatchObject({ reasonCode: 'slot_closed' });
    expect(await send(ga, newRequest('ada', { slotId: 't1', extra: true }, { kind: CONFERENCE_BOOK }))).toMatchObject({
      reasonCode: 'invalid_payload',
    });
    await db.transaction((tx) => endCustody(tx, 'g2', 'ada', new Date(NOW)));
    expect(await send(g2, book('ada', 't1'))).toMatchObject({ reasonCode: 'conference_no_custody' });
    const rows = await db.query(`SELECT 1 FROM conferences WHERE kind = 'booking'`);
    expect(rows).toHaveLength(0);
  });

  it('lets staff see who booked, move a booked time (the booking follows) and close times', async () => {
    const booking = book('ada', 't1');
    expect(await send(ga, booking)).toBeNull();
    const { slots } = await staff.json('/api/staff/conferences?classId=4a');
    expect(slots.map((s: any) => [s.id, s.booking?.pupilName ?? null, s.booking?.bookedBy ?? null])).toEqual([
      ['t1', 'Ada Ahl', 'Gun Ahl'],
      ['t2', null, null],
      ['t3', null, null],
    ]);

    const moved = await put(staff, '/api/staff/conferences/t1', {
      classId: '4a',
      date: TALK_DAY,
      start: '08:00',
      end: '08:20',
      location: 'Rum 12',
    });
    expect(moved.status).toBe(200);
    expect((await conferences(g2)).get(booking.id)).toMatchObject({ start: '08:00', end: '08:20', location: 'Rum 12' });

    expect((await del(staff, '/api/staff/conferences/t1')).status).toBe(409);
    expect((await conferences(ga)).has(booking.id)).toBe(true);
    expect((await del(staff, '/api/staff/conferences/t1?cancelBooking=true')).status).toBe(204);
    expect((await del(staff, '/api/staff/conferences/t2')).status).toBe(204);
    const left = await conferences(ga);
    expect([...left.keys()]).toEqual(['t3']);
    expect(await staff.json('/api/staff/conferences/t2')).toMatchObject({ open: false, booking: null });
    // Opened again, a closed time is bookable again.
    expect(
      (await put(staff, '/api/staff/conferences/t2', { classId: '4a', date: TALK_DAY, start: '15:20', end: '15:40' }))
        .status,
    ).toBe(200);
    expect(await send(ga, book('ada', 't2'))).toBeNull();
  });

  it('lists the classes staff open times for: their own school’s', async () => {
    const { classes } = await staff.json('/api/staff/classes');
    expect(classes).toEqual([
      { id: '4a', name: '4A', schoolId: 's', schoolName: 'Testskolan' },
      { id: '4b', name: '4B', schoolId: 's', schoolName: 'Testskolan' },
    ]);
    await db.query(`UPDATE users SET school_id = NULL WHERE id = 'st'`);
    expect((await staff.json('/api/staff/classes')).classes).toEqual([]);
  });

  it('turns down bad input from staff with a clear message and changes nothing', async () => {
    const cases: [unknown, string][] = [
      [{ classId: '4a', date: TALK_DAY, start: '15:00' }, 'invalid_body'],
      [{ classId: '4a', date: '2026-02-30', start: '15:00', end: '15:20' }, 'invalid_body'],
      [{ classId: '4a', date: TALK_DAY, start: '15:20', end: '15:00' }, 'invalid_body'],
      [{ classId: '4a', date: TALK_DAY, start: '15:00', end: '15:20', bookUntil: '2026-03-13' }, 'invalid_body'],
      [{ classId: 'nope', date: TALK_DAY, start: '15:00', end: '15:20' }, 'unknown_class'],
    ];
    for (const [body, error] of cases) {
      const res = await put(staff, '/api/staff/conferences/bad', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await res.json()).error).toBe(error);
    }
    // A time never changes class.
    const moved = await put(staff, '/api/staff/conferences/t1', {
      classId: '4b',
      date: TALK_DAY,
      start: '15:00',
      end: '15:20',
    });
    expect(moved.status).toBe(409);
    expect((await staff.get('/api/staff/conferences?classId=4b')).status).toBe(200);
    expect((await staff.get('/api/staff/conferences')).status).toBe(400);
    expect(await db.query(`SELECT 1 FROM conferences WHERE id = 'bad' OR class_id = '4b'`)).toHaveLength(0);
  });
});
