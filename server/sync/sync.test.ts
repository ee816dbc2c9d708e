import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CollectionName, collectionSchemas } from '../../shared/collections.js';
import { addDays, instantInZone } from '../../shared/time.js';
import { validate } from '../../shared/validate.js';
import { type App, createApp } from '../app.js';
import { insertLessons, type LessonRow } from '../demo/school.js';
import { addCustody, createClass, endCustody, movePupil } from '../school/people.js';
import { engines, type TestDatabase, testDatabase } from '../testing/db.js';
import {
  type ApiClient,
  createTestSchool,
  newRequest,
  pullAll,
  pullPages,
  pushRequests,
  registerAbsence,
  signIn,
  testClock,
  weekdays,
} from '../testing/school.js';

const TODAY = '2026-03-10'; // a Tuesday
const EPOCH = '1970-01-01T00:00:00.000Z';
const COLLECTIONS = ['pupils', 'lessons', 'absences', 'requests'] as const;
const ALL_COLLECTIONS = [
  ...COLLECTIONS,
  'assessments',
  'events',
  'publications',
  'contacts',
  'careTimes',
  'tasks',
  'conferences',
] as const;

/** What a tombstone may carry besides its id: placeholders only. */
const PLACEHOLDERS = {
  pupils: { name: '', firstName: '', classId: '', className: '', schoolId: '', schoolName: '', updatedAt: EPOCH },
  lessons: {
    classId: '',
    date: '',
    start: '',
    end: '',
    subject: '',
    room: '',
    teacher: '',
    status: 'normal',
    substitute: '',
    note: '',
    updatedAt: EPOCH,
  },
  absences: {
    pupilId: '',
    date: '',
    wholeDay: false,
    from: '',
    to: '',
    lessonIds: [],
    source: 'registered',
    validity: 'valid',
    comment: '',
    reportedBy: '',
    requestId: '',
    updatedAt: EPOCH,
  },
};
const tombstone = (collection: keyof typeof PLACEHOLDERS, id: string) => ({
  id,
  ...PLACEHOLDERS[collection],
  _deleted: true,
});

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const sorted = (ids: readonly string[]) => [...ids].sort();

/** Every live document matches its collection's schema (what the device stores). */
function expectValidDocuments(collection: CollectionName, documents: any[]) {
  for (const { _deleted, ...doc } of documents) {
    expect(typeof _deleted).toBe('boolean');
    if (!_deleted) expect(validate(collectionSchemas[collection], doc), `${collection} ${doc.id}`).toEqual([]);
  }
}

describe.each(engines)('sync on %s', (engine) => {
  let db: TestDatabase;
  let app: App;
  beforeEach(async () => {
    db = await testDatabase(engine);
    app = await createApp({ db, now: testClock(instantInZone(TODAY, '08:30')).now });
  });
  afterEach(async () => {
    await app.close();
    await db.close();
  });

  const ids = async (sql: string, params: unknown[]) => (await db.query<{ id: string }>(sql, params)).map((r) => r.id);

  it('pulls only the guardian’s own child’s class timetable, page by page', async () => {
    await createTestSchool(db, weekdays('2026-02-02', 30));
    const ga = await signIn(app.app, 'ga@test.se');
    const { docs, pages } = await pullAll(ga, 'lessons', 7);
    expect(docs.size).toBe(30 * 4);
    expect(pages).toBeGreaterThan(17);
    expect([...docs.values()].every((d) => d.classId === '4a')).toBe(true);
  });

  it('lists the replicated collections, and answers 401 JSON when signed out', async () => {
    await createTestSchool(db, [TODAY]);
    const ga = await signIn(app.app, 'ga@test.se');
    expect(await ga.json('/api/sync')).toEqual({ collections: [...ALL_COLLECTIONS] });
    for (const path of ['/api/sync', '/api/sync/lessons/pull', '/api/sync/stream']) {
      const res = await app.app.request(`http://localhost${path}`);
      expect(res.status, path).toBe(401);
      expect(await res.json()).toEqual({ error: 'unauthenticated', message: expect.any(String) });
    }
  });

  it('pages through every in-scope document exactly once and nothing else, for guardian, pupil and the other family', async () => {
    const days = weekdays('2026-02-02', 30);
    await createTestSchool(db, days);
    for (const [i, day] of days.slice(0, 12).entries()) {
      await registerAbsence(db, { id: `abs-ada-${i}`, pupilId: 'ada', date: day });
      await registerAbsence(db, { id: `abs-bo-${i}`, pupilId: 'bo', date: day, from: '09:00', to: '09:50' });
    }
    // Later changes move some documents to the end of the order, past newer ones.
    await db.query(`UPDATE lessons SET note = 'Ny sal' WHERE id LIKE '%-1'`);
    await db.query(`UPDATE absences SET comment = 'Sjuk' WHERE id IN ('abs-ada-0', 'abs-bo-0')`);
    const users = {
      ga: { client: await signIn(app.app, 'ga@test.se'), pupil: 'ada', classId: '4a' },
      ua: { client: await signIn(app.app, 'ada@test.se'), pupil: 'ada', classId: '4a' },
      gb: { client: await signIn(app.app, 'gb@test.se'), pupil: 'bo', classId: '4b' },
    };
    for (const { client, pupil } of Object.values(users)) {
      // Requests of every outcome: accepted (today), rejected (a date long past, or not a guardian).
      const today = newRequest(pupil, { date: TODAY, wholeDay: true });
      const past = Array.from({ length: 8 }, () => newRequest(pupil, { date: '2020-01-01', wholeDay: true }));
      expect((await pushRequests(client, [today, ...past])).status).toBe(200);
    }

    for (const [name, { client, pupil, classId }] of Object.entries(users)) {
      const userId = name;
      const expected: Record<(typeof COLLECTIONS)[number], string[]> = {
        pupils: [pupil],
        lessons: await ids('SELECT id FROM lessons WHERE class_id = $1', [classId]),
        absences: await ids('SELECT id FROM absences WHERE pupil_id = $1', [pupil]),
        requests: await ids('SELECT id FROM requests WHERE author_id = $1', [userId]),
      };
      expect(expected.lessons).toHaveLength(120);
      expect(expected.absences.length).toBeGreaterThanOrEqual(12);
      expect(expected.requests).toHaveLength(9);
      for (const collection of COLLECTIONS) {
        const { ids: got, documents, pages } = await pullPages(client, collection, 5);
        expect(new Set(got).size, `${name} ${collection}: no repeats`).toBe(got.length);
        expect(sorted(got), `${name} ${collection}`).toEqual(sorted(expected[collection]));
        expect(documents.every((d) => d._deleted === false)).toBe(true);
        expect(pages.length).toBe(Math.floor(got.length / 5) + 1);
        expectValidDocuments(collection, documents);
      }
    }
  });

  it('filters scope in SQL before LIMIT: full pages to the end although other classes fill the table', async () => {
    await createTestSchool(db, []);
    await db.transaction(async (tx) => {
      for (const id of ['5a', '6a', '7a'])
        await createClass(tx, { id, schoolId: 's', name: id.toUpperCase(), year: 5 });
    });
    // 4B's 60 lessons spread thinly among 3,000 of other classes, in the order of their sequence numbers.
    const rows: LessonRow[] = [];
    const lesson = (classId: string, n: number): LessonRow => ({
      id: `${classId}-${String(n).padStart(5, '0')}`,
      classId,
      date: addDays('2026-01-05', Math.floor(n / 8)),
      start: '08:00',
      end: '08:45',
      subject: 'Matematik',
      room: 'A1',
      teacher: 'Karin Holm',
      status: 'normal',
      substitute: '',
      note: '',
    });
    for (let n = 0; n < 60; n++) {
      for (let k = 0; k < 50; k++) rows.push(lesson(['4a', '5a', '6a', '7a'][k % 4] as string, n * 50 + k));
      rows.push(lesson('4b', n));
    }
    await insertLessons(db, rows);
    const [spread] = await db.query<{ inside: number }>(
      `SELECT count(*)::int AS inside FROM lessons
        WHERE class_id <> '4b'
          AND seq BETWEEN (SELECT min(seq) FROM lessons WHERE class_id = '4b')
                      AND (SELECT max(seq) FROM lessons WHERE class_id = '4b')`,
    );
    expect(spread?.inside).toBeGreaterThan(2_900);

    const gb = await signIn(app.app, 'gb@test.se');
    const { pages, ids: got } = await pullPages(gb, 'lessons', 7);
    expect(pages.map((p) => p.documents.length)).toEqual([...Array(8).fill(7), 4]);
    expect(sorted(got)).toEqual(sorted(rows.filter((r) => r.classId === '4b').map((r) => r.id)));
  });

  it.each([
    ['guardian', 'ga@test.se'],
    ['pupil’s own account', 'ada@test.se'],
  ])(
    'a child moving class reaches the %s from its checkpoint: old class tombstoned, new class whole',
    async (_, email) => {
      const days = weekdays('2026-03-09', 5);
      await createTestSchool(db, days);
      // A last change in the child's class: the device's checkpoint will be past every row.
      await db.query(`UPDATE lessons SET room = 'B2' WHERE id = $1`, [`4a-${days[4]}-4`]);
      const client = await signIn(app.app, email);
      const gb = await signIn(app.app, 'gb@test.se');
      const lessonsBefore = await pullPages(client, 'lessons', 7);
      const pupilsBefore = await pullPages(client, 'pupils', 7);
      const gbBefore = { lessons: await pullPages(gb, 'lessons'), pupils: await pullPages(gb, 'pupils') };
      expect(lessonsBefore.ids).toHaveLength(20);
      expect(lessonsBefore.documents.every((d) => d.classId === '4a')).toBe(true);
      const oldClass = await ids(`SELECT id FROM lessons WHERE class_id = '4a'`, []);
      const newClass = await db.query<Record<string, unknown>>(
        `SELECT id, subject, date, start_time, seq FROM lessons WHERE class_id = '4b' ORDER BY id`,
      );
      // The new class's lessons are older than the device's checkpoint: a plain "seq > checkpoint" would miss them.
      expect(Math.max(...newClass.map((l) => Number(l.seq)))).toBeLessThan(lessonsBefore.checkpoint.seq);

      await db.transaction((tx) => movePupil(tx, 'ada', '4b'));

      const lessons = await pullPages(client, 'lessons', 7, lessonsBefore.checkpoint);
      expect(new Set(lessons.ids).size).toBe(lessons.ids.length);
      const gone = lessons.documents.filter((d) => d._deleted).sort(byId);
      const live = lessons.documents.filter((d) => !d._deleted).sort(byId);
      expect(gone).toEqual(sorted(oldClass).map((id) => tombstone('lessons', id)));
      expect(live.map((d) => [d.id, d.classId, d.subject, d.date, d.start])).toEqual(
        newClass.map((l) => [l.id, '4b', l.subject, l.date, l.start_time]),
      );
      expectValidDocuments('lessons', live);

      const pupils = await pullPages(client, 'pupils', 7, pupilsBefore.checkpoint);
      expect(pupils.documents).toEqual([
        expect.objectContaining({ id: 'ada', classId: '4b', className: '4B', _deleted: false }),
      ]);
      // Nothing repeats, and from now on the new class's changes arrive and the old class's do not.
      expect((await pullPages(client, 'lessons', 7, lessons.checkpoint)).documents).toEqual([]);
      await db.query(`UPDATE lessons SET note = 'Ny sal' WHERE id IN ($1, $2)`, [`4a-${days[0]}-1`, `4b-${days[0]}-1`]);
      const later = await pullPages(client, 'lessons', 7, lessons.checkpoint);
      expect(later.documents).toEqual([expect.objectContaining({ id: `4b-${days[0]}-1`, note: 'Ny sal' })]);
      // Bo's guardian already had 4B and Bo: nothing changed for them.
      expect((await pullPages(gb, 'lessons', 100, gbBefore.lessons.checkpoint)).ids).toEqual([`4b-${days[0]}-1`]);
      expect((await pullPages(gb, 'pupils', 100, gbBefore.pupils.checkpoint)).documents).toEqual([]);
    },
  );

  it('ending custody tombstones the child for that guardian only; restoring it brings everything back', async () => {
    const days = weekdays('2026-03-09', 5);
    await createTestSchool(db, days);
    await registerAbsence(db, { id: 'abs-ada-1', pupilId: 'ada', date: days[0] as string, comment: 'Sjuk' });
    const ga = await signIn(app.app, 'ga@test.se');
    const g2 = await signIn(app.app, 'g2@test.se');
    // The other guardian reports an absence today: it carries their name.
    expect(await (await pushRequests(g2, [newRequest('ada', { date: TODAY, wholeDay: true })])).json()).toEqual([]);
    const adaAbsences = await ids(`SELECT id FROM absences WHERE pupil_id = 'ada'`, []);
    expect(adaAbsences).toHaveLength(2);
    const adaLessons = await ids(`SELECT id FROM lessons WHERE class_id = '4a'`, []);

    const checkpoints = async (client: ApiClient) => {
      const out: Record<string, unknown> = {};
      for (const c of COLLECTIONS) out[c] = (await pullPages(client, c)).checkpoint;
      return out;
    };
    const gaCp = await checkpoints(ga);
    const g2Cp = await checkpoints(g2);

    await db.transaction((tx) => endCustody(tx, 'ga', 'ada', new Date()));

    const pulled = async (client: ApiClient, cp: Record<string, unknown>, c: (typeof COLLECTIONS)[number]) => {
      const result = await pullPages(client, c, 3, cp[c]);
      cp[c] = result.checkpoint;
      return result.documents.sort(byId);
    };
    expect(await pulled(ga, gaCp, 'pupils')).toEqual([tombstone('pupils', 'ada')]);
    expect(await pulled(ga, gaCp, 'lessons')).toEqual(sorted(adaLessons).map((id) => tombstone('lessons', id)));
    expect(await pulled(ga, gaCp, 'absences')).toEqual(sorted(adaAbsences).map((id) => tombstone('absences', id)));
    expect(await pulled(ga, gaCp, 'requests')).toEqual([]);
    expect((await ga.json('/api/me')).pupils).toEqual([]);
    // The other guardian is unaffected.
    for (const c of COLLECTIONS) expect(await pulled(g2, g2Cp, c), c).toEqual([]);

    // Nothing that changes or is made while custody is ended reaches the former guardian,
    // not even as a tombstone (its id sorts after every id of the checkpoint).
    await db.query(`UPDATE lessons SET note = 'Ny sal' WHERE id = $1`, [`4a-${days[1]}-1`]);
    await registerAbsence(db, { id: 'zz-abs-ada-2', pupilId: 'ada', date: days[1] as string, comment: 'Hemligt' });
    expect(await pulled(ga, gaCp, 'lessons')).toEqual([]);
    expect(await pulled(ga, gaCp, 'absences')).toEqual([]);
    expect((await pulled(g2, g2Cp, 'absences')).map((d) => [d.id, d.comment])).toEqual([['zz-abs-ada-2', 'Hemligt']]);

    await db.transaction((tx) => addCustody(tx, 'ga', 'ada'));

    const pupils = await pulled(ga, gaCp, 'pupils');
    expect(pupils).toEqual([expect.objectContaining({ id: 'ada', name: 'Ada Ahl', classId: '4a', _deleted: false })]);
    const lessons = await pulled(ga, gaCp, 'lessons');
    expect(lessons.map((d) => d.id)).toEqual(sorted(adaLessons));
    expect(lessons.every((d) => !d._deleted && d.classId === '4a' && d.subject !== '')).toBe(true);
    expect(lessons.find((d) => d.id === `4a-${days[1]}-1`)?.note).toBe('Ny sal');
    const absences = await pulled(ga, gaCp, 'absences');
    expect(absences.map((d) => [d.id, d._deleted])).toEqual(
      sorted([...adaAbsences, 'zz-abs-ada-2']).map((id) => [id, false]),
    );
    expect(absences.find((d) => d.source === 'reported')).toMatchObject({ reportedBy: 'Tor Ahl', date: TODAY });
    expectValidDocuments('absences', absences);
  });

  it('answers an empty page with the checkpoint it was given, null on a first pull of nothing', async () => {
    await createTestSchool(db, [TODAY]);
    const ga = await signIn(app.app, 'ga@test.se');
    const all = await pullPages(ga, 'lessons');
    const page = await ga.json(
      `/api/sync/lessons/pull?checkpoint=${encodeURIComponent(JSON.stringify(all.checkpoint))}&limit=10`,
    );
    expect(page).toEqual({ documents: [], checkpoint: all.checkpoint });
    const fresh = await signIn(app.app, 'gb@test.se');
    expect(await fresh.json('/api/sync/requests/pull')).toEqual({ documents: [], checkpoint: null });
  });
});
