import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { instantInZone } from '../../shared/time.js';
import { type App, type AppOptions, createApp } from '../app.js';
import { SESSION_DAYS } from '../auth/sessions.js';
import { endCustody, movePupil } from '../school/people.js';
import { engines, type TestDatabase, testDatabase } from '../testing/db.js';
import {
  type ApiClient,
  createTestSchool,
  type EventStream,
  newRequest,
  openStream,
  pushRequests,
  registerAbsence,
  signIn,
  testClock,
  waitFor,
  weekdays,
} from '../testing/school.js';

const TODAY = '2026-03-10';
const DAYS = weekdays('2026-03-09', 5);
const DAY = 86_400_000;

describe.each(engines)('live stream on %s', (engine) => {
  let db: TestDatabase;
  let app: App | undefined;
  const streams: EventStream[] = [];
  const clock = testClock(instantInZone(TODAY, '08:30'));

  beforeEach(async () => {
    clock.set(instantInZone(TODAY, '08:30'));
    db = await testDatabase(engine);
    await createTestSchool(db, DAYS);
  });
  afterEach(async () => {
    for (const s of streams.splice(0)) await s.close();
    await app?.close();
    app = undefined;
    await db.close();
  });

  async function start(options: Partial<AppOptions> = {}) {
    app = await createApp({ db, now: clock.now, ...options });
    return app;
  }

  /** Signs in and opens a stream, reading the RESYNC every stream starts with. */
  async function listen(email: string): Promise<{ client: ApiClient; stream: EventStream }> {
    const client = await signIn((app as App).app, email);
    const stream = await openStream(client);
    streams.push(stream);
    expect(await stream.nextData()).toBe('RESYNC');
    return { client, stream };
  }

  /** Changes one lesson; resolves to the sequence number it got. */
  async function touchLesson(id: string): Promise<number> {
    const [row] = await db.query<{ seq: number }>(`UPDATE lessons SET note = note || '.' WHERE id = $1 RETURNING seq`, [
      id,
    ]);
    if (!row) throw new Error(`no lesson ${id}`);
    return row.seq;
  }

  /** The next data event that is not RESYNC. */
  async function nextChange(stream: EventStream) {
    for (;;) {
      const event = await stream.nextData();
      if (event !== 'RESYNC' && event.collection !== 'contacts') return event;
    }
  }

  /**
   * The next RESYNC. A change of custody or class also changes the class
   * lists (contacts) in the same transaction; a hint about them may come first.
   */
  async function nextResync(stream: EventStream, alsoBefore: string[] = []) {
    for (;;) {
      const event = await stream.nextData();
      if (event === 'RESYNC') return event;
      expect([...alsoBefore, 'contacts']).toContain(event.collection);
    }
  }

  it('opens as an event stream that starts with RESYNC, and unsubscribes when the device hangs up', async () => {
    await start();
    const { stream } = await listen('ga@test.se');
    expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.response.headers.get('cache-control')).toBe('no-store');
    expect(app?.services.hub.size).toBe(1);
    await stream.close();
    await waitFor(() => app?.services.hub.size === 0, 'the hub to drop the stream');
  });

  it('announces a change in the user’s scope with its collection and sequence number', async () => {
    await start();
    const { stream } = await listen('ga@test.se');
    const seq = await touchLesson(`4a-${DAYS[0]}-1`);
    expect(await stream.nextData()).toEqual({ collection: 'lessons', checkpoint: { seq } });
    await registerAbsence(db, { id: 'abs-1', pupilId: 'ada', date: TODAY });
    expect(await stream.nextData()).toEqual({ collection: 'absences', checkpoint: { seq: expect.any(Number) } });
  });

  it('sends nothing for changes outside the user’s scope', async () => {
    await start();
    const { stream } = await listen('ga@test.se');
    const gb = await signIn((app as App).app, 'gb@test.se');
    // Bo's class, Bo's absence, Bo's record, and Bo's guardian's own request: none of it is Ada's.
    await touchLesson(`4b-${DAYS[0]}-1`);
    await registerAbsence(db, { id: 'abs-bo', pupilId: 'bo', date: TODAY });
    await db.query(`UPDATE pupils SET first_name = 'Bosse' WHERE id = 'bo'`);
    expect((await pushRequests(gb, [newRequest('bo', { date: TODAY, wholeDay: true })])).status).toBe(200);
    // Notifications keep commit order, so the next event must be this one.
    const seq = await touchLesson(`4a-${DAYS[0]}-2`);
    expect(await stream.nextData()).toEqual({ collection: 'lessons', checkpoint: { seq } });
  });

  it('tells the reporter about the request and the absence, and the other guardian only about the absence', async () => {
    await start();
    const ga = await listen('ga@test.se');
    const g2 = await listen('g2@test.se');
    expect(await (await pushRequests(ga.client, [newRequest('ada', { date: TODAY, wholeDay: true })])).json()).toEqual(
      [],
    );
    const [request] = await db.query<{ seq: number }>(`SELECT seq FROM requests`);
    const [absence] = await db.query<{ seq: number }>(`SELECT seq FROM absences`);
    expect(await ga.stream.nextData()).toEqual({ collection: 'requests', checkpoint: { seq: request?.seq } });
    expect(await ga.stream.nextData()).toEqual({ collection: 'absences', checkpoint: { seq: absence?.seq } });
    expect(await g2.stream.nextData()).toEqual({ collection: 'absences', checkpoint: { seq: absence?.seq } });
    const seq = await touchLesson(`4a-${DAYS[1]}-1`);
    expect(await g2.stream.nextData()).toEqual({ collection: 'lessons', checkpoint: { seq } });
  });

  it('sends RESYNC when custody ends, then follows the new scope; other users hear nothing of it', async () => {
    await start();
    const ga = await listen('ga@test.se');
    const gb = await listen('gb@test.se');
    await db.transaction((tx) => endCustody(tx, 'ga', 'ada', clock.now()));
    expect(await nextResync(ga.stream)).toBe('RESYNC');

    const bSeq = await touchLesson(`4b-${DAYS[0]}-1`);
    expect(await gb.stream.nextData()).toEqual({ collection: 'lessons', checkpoint: { seq: bSeq } });

    // Ada's class is no longer the guardian's: the next thing they hear of is their own request.
    await touchLesson(`4a-${DAYS[0]}-1`);
    const rejected = await (await pushRequests(ga.client, [newRequest('ada', { date: TODAY, wholeDay: true })])).json();
    expect(rejected).toEqual([expect.objectContaining({ status: 'rejected', reasonCode: 'no_custody' })]);
    expect(await nextChange(ga.stream)).toEqual({ collection: 'requests', checkpoint: { seq: expect.any(Number) } });
  });

  it('sends RESYNC to the pupil and both guardians when the child moves class, then the new class’s changes', async () => {
    await start();
    const listeners = [await listen('ga@test.se'), await listen('g2@test.se'), await listen('ada@test.se')];
    await db.transaction((tx) => movePupil(tx, 'ada', '4b'));
    for (const { stream } of listeners) {
      // Ada's own record changed in the same transaction; its event may come first.
      expect(await nextResync(stream, ['pupils'])).toBe('RESYNC');
    }
    await touchLesson(`4a-${DAYS[2]}-1`);
    const seq = await touchLesson(`4b-${DAYS[2]}-1`);
    for (const { stream } of listeners) {
      expect(await nextChange(stream)).toEqual({ collection: 'lessons', checkpoint: { seq } });
    }
  });

  it('sends a heartbeat comment when nothing happens', async () => {
    await start({ heartbeatMs: 30 });
    const { stream } = await listen('ga@test.se');
    expect(await stream.next()).toEqual({ comment: 'heartbeat' });
    expect(await stream.next()).toEqual({ comment: 'heartbeat' });
  });

  it('ends the stream of a session that signed out, at the next heartbeat', async () => {
    await start({ heartbeatMs: 30 });
    const { client, stream } = await listen('ga@test.se');
    expect(await stream.next()).toEqual({ comment: 'heartbeat' });
    expect((await client.post('/api/auth/logout')).status).toBe(204);
    await stream.ended();
    await waitFor(() => app?.services.hub.size === 0, 'the hub to drop the stream');
  });

  it('ends the stream of a session that expired, at the next heartbeat', async () => {
    await start({ heartbeatMs: 30 });
    const { stream } = await listen('ga@test.se');
    expect(await stream.next()).toEqual({ comment: 'heartbeat' });
    clock.advance(SESSION_DAYS * DAY + 1);
    await stream.ended();
  });
});
