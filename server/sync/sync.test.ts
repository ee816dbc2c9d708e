import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dateInZone } from '../../shared/time.js';
import { type App, createApp } from '../app.js';
import { engines, testDatabase, type TestDatabase } from '../testing/db.js';
import { createTestSchool, pullAll, signIn, weekdays } from '../testing/school.js';

describe.each(engines)('sync on %s', (engine) => {
  let db: TestDatabase;
  let app: App;
  beforeEach(async () => {
    db = await testDatabase(engine);
    app = await createApp({ db });
  });
  afterEach(async () => {
    await app.close();
    await db.close();
  });

  it('pulls only the guardian’s own child’s class timetable, page by page', async () => {
    const days = weekdays(dateInZone(new Date()), 30);
    await createTestSchool(db, days);
    const ga = await signIn(app.app, 'ga@test.se');
    const { docs, pages } = await pullAll(ga, 'lessons', 7);
    expect(docs.size).toBe(30 * 4);
    expect(pages).toBeGreaterThan(17);
    expect([...docs.values()].every((d) => d.classId === '4a')).toBe(true);
  });
});
