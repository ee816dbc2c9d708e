/**
 * The demo school's development talks: times open for Olle's class (5A) and
 * Elsa's (2A), next week, some already taken by other families, so a
 * guardian in the README's table can book one at once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CONFERENCE_BOOK } from '../../shared/conferences.js';
import { type App, createApp } from '../app.js';
import { createDemoSchool } from '../demo/school.js';
import { engines, type TestDatabase, testDatabase } from '../testing/db.js';
import { newRequest, pullPages, pushRequests, signIn, TEST_SCRYPT, testClock } from '../testing/school.js';

const TUESDAY = '2026-03-10';

describe.each(engines)('the demo school’s development talks on %s', (engine) => {
  let db: TestDatabase;
  let app: App;
  afterEach(async () => {
    await app?.close();
    await db?.close();
  });

  it('opens next week’s times for 5A and 2A, a few taken, and Olle’s guardians can book one', async () => {
    db = await testDatabase(engine);
    const counts = await createDemoSchool(db, { today: TUESDAY, scrypt: TEST_SCRYPT, weeksBefore: 0, weeksAfter: 0 });
    expect(counts).toMatchObject({ conferenceTimes: 24, conferenceBookings: 4 });
    app = await createApp({ db, now: testClock('2026-03-10T06:10:00Z').now });

    const erik = await signIn(app.app, 'erik.lindqvist@example.se', 'lingon-erik-2026');
    const docs = (await pullPages(erik, 'conferences')).documents.filter((d) => !d._deleted);
    // Erik has only Olle: 5A's twelve times, next Tuesday and Wednesday afternoon, three taken.
    expect(docs).toHaveLength(12);
    expect(new Set(docs.map((d) => `${d.scopeKind}:${d.scopeRef}`))).toEqual(new Set(['class:class-5a']));
    expect(new Set(docs.map((d) => d.date))).toEqual(new Set(['2026-03-17', '2026-03-18']));
    expect(docs.filter((d) => d.taken).map((d) => d.id)).toEqual([
      'conf-class-5a-2',
      'conf-class-5a-3',
      'conf-class-5a-8',
    ]);
    expect(docs.every((d) => d.bookUntil < d.date && d.teacher === 'Karin Holm')).toBe(true);

    const anna = await signIn(app.app, 'anna.lindqvist@example.se', 'lingon-anna-2026');
    const annaDocs = (await pullPages(anna, 'conferences')).documents;
    expect(annaDocs.filter((d) => d.scopeRef === 'class-2a')).toHaveLength(12);
    expect(annaDocs.filter((d) => d.scopeRef === 'class-8a')).toHaveLength(0);

    const res = await pushRequests(anna, [
      newRequest('pupil-olle', { slotId: 'conf-class-5a-1' }, { kind: CONFERENCE_BOOK }),
    ]);
    expect(await res.json()).toEqual([]);
    const seen = (await pullPages(erik, 'conferences')).documents.find((d) => d.kind === 'booking');
    expect(seen).toMatchObject({ slotId: 'conf-class-5a-1', bookedBy: 'Anna Lindqvist', scopeRef: 'pupil-olle' });
  });
});
