import { afterEach, describe, expect, it } from 'vitest';
import { addDays, isoWeekday, mondayOf } from '../../shared/time.js';
import { type App, createApp } from '../app.js';
import { engines, type TestDatabase, testDatabase } from '../testing/db.js';
import { pullPages, signIn, TEST_SCRYPT } from '../testing/school.js';
import { createDemoSchool, DEMO_ACCOUNTS, type DemoOptions, hasSchool } from './school.js';

const TUESDAY = '2026-03-10';
const SATURDAY = '2026-03-14';

/** Everything the demo decides, without what the database stamps (sequence, times, salted hashes). */
async function contents(db: TestDatabase) {
  const q = (sql: string) => db.query(sql);
  return {
    schools: await q('SELECT * FROM schools ORDER BY id'),
    classes: await q('SELECT * FROM classes ORDER BY id'),
    users: await q(
      'SELECT id, role, name, email, disabled, password_hash IS NOT NULL AS can_sign_in FROM users ORDER BY id',
    ),
    pupils: await q('SELECT id, user_id, first_name, last_name, class_id, deleted FROM pupils ORDER BY id'),
    custody: await q('SELECT guardian_id, pupil_id, ended_at FROM custody ORDER BY guardian_id, pupil_id'),
    lessons: await q(
      `SELECT id, class_id, date, start_time, end_time, subject, room, teacher, status, substitute, note
         FROM lessons ORDER BY id`,
    ),
    absences: await q(
      `SELECT id, pupil_id, date, whole_day, from_time, to_time, lesson_ids, source, validity, comment
         FROM absences ORDER BY id`,
    ),
    careTimes: await q(
      `SELECT id, scope_kind, scope_ref, kind, date, arrival, departure, comment, reason, opens, closes, set_by
         FROM care_times ORDER BY id`,
    ),
  };
}

describe.each(engines)('the demo school on %s', (engine) => {
  const open: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const thing of open.splice(0).reverse()) await thing.close();
  });

  async function build(options: Partial<DemoOptions> = {}) {
    const db = await testDatabase(engine);
    open.push(db);
    const counts = await createDemoSchool(db, { today: TUESDAY, scrypt: TEST_SCRYPT, ...options });
    return { db, counts };
  }

  async function appOn(db: TestDatabase): Promise<App> {
    const app = await createApp({ db });
    open.push(app);
    return app;
  }

  it('is the same school when built twice from the same seed and day, and another with another seed', async () => {
    const first = await build();
    const second = await build();
    const a = await contents(first.db);
    expect(await contents(second.db)).toEqual(a);
    expect(second.counts).toEqual(first.counts);
    expect(a.lessons.length).toBe(first.counts.lessons);

    // People come before the timetable, so a short build of another seed shows it is another school.
    const other = await contents((await build({ seed: 7, weeksBefore: 0, weeksAfter: 0 })).db);
    expect(other.classes).toEqual(a.classes);
    expect(other.pupils.map((p) => p.first_name)).not.toEqual(a.pupils.map((p) => p.first_name));
    expect(other.custody).not.toEqual(a.custody);
  });

  it('is created only in an empty database', async () => {
    const db = await testDatabase(engine);
    open.push(db);
    expect(await hasSchool(db)).toBe(false);
    await createDemoSchool(db, { today: TUESDAY, scrypt: TEST_SCRYPT, weeksBefore: 0, weeksAfter: 0 });
    expect(await hasSchool(db)).toBe(true);
  });

  it('has classes 1A to 9A of eighteen pupils each', async () => {
    const { db, counts } = await build({ weeksBefore: 0, weeksAfter: 0 });
    const classes = await db.query<{ name: string; year: number; pupils: number }>(
      `SELECT c.name, c.year, count(p.id)::int AS pupils
         FROM classes c LEFT JOIN pupils p ON p.class_id = c.id GROUP BY c.id ORDER BY c.year`,
    );
    expect(classes).toEqual(Array.from({ length: 9 }, (_, i) => ({ name: `${i + 1}A`, year: i + 1, pupils: 18 })));
    expect(counts).toMatchObject({ classes: 9, pupils: 162 });
  });

  it('lets every listed demo account sign in; Anna has three children in three classes', async () => {
    const { db } = await build({ weeksBefore: 0, weeksAfter: 0 });
    const app = await appOn(db);
    for (const account of DEMO_ACCOUNTS) {
      const me = await (await signIn(app.app, account.email, account.password)).json('/api/me');
      expect(me.user).toMatchObject({ role: account.role, name: account.name });
    }
    const anna = await signIn(app.app, 'anna.lindqvist@example.se', 'lingon-anna-2026');
    const { pupils } = await anna.json('/api/me');
    expect(pupils.map((p: any) => [p.firstName, p.className])).toEqual([
      ['Elsa', '2A'],
      ['Olle', '5A'],
      ['Wilma', '8A'],
    ]);
    expect(new Set(pupils.map((p: any) => p.classId)).size).toBe(3);
  });

  it('has Yusuf reported sick today by Fatima: on Karin’s list of absence reports, and Fatima’s receipt', async () => {
    const { db } = await build({ weeksBefore: 0, weeksAfter: 0 });
    const app = await appOn(db);
    const karin = await signIn(app.app, 'karin.holm@lingonberg.example.se', 'lingon-karin-2026');
    const { reports } = await karin.json(`/api/staff/absence-reports?date=${TUESDAY}`);
    expect(reports).toEqual([
      expect.objectContaining({
        pupilName: 'Yusuf Ali',
        className: '3A',
        wholeDay: true,
        comment: 'Feber',
        reportedBy: 'Fatima Ali',
      }),
    ]);
    const fatima = await signIn(app.app, 'fatima.ali@example.se', 'lingon-fatima-2026');
    const { documents } = await fatima.json('/api/sync/requests/pull?limit=10');
    expect(documents).toEqual([
      expect.objectContaining({
        id: reports[0].id,
        kind: 'absence.report',
        status: 'accepted',
        pupilId: 'pupil-yusuf',
      }),
    ]);
  });

  it('enrols Elsa, Olle and Yusuf in fritids, with Elsa’s times set and next week’s Friday locked', async () => {
    const { db } = await build({ weeksBefore: 0, weeksAfter: 1 });
    const app = await appOn(db);
    const anna = await signIn(app.app, 'anna.lindqvist@example.se', 'lingon-anna-2026');
    const docs = (await pullPages(anna, 'careTimes')).documents.filter((d) => !d._deleted);
    const enrolled = docs.filter((d) => d.kind === 'enrolment').map((d) => d.scopeRef);
    expect(enrolled.sort()).toEqual(['pupil-elsa', 'pupil-olle']); // Wilma (8A) is not in fritids
    const locks = docs.filter((d) => d.kind === 'lock');
    const friday = addDays(mondayOf(TUESDAY), 11);
    expect(locks.map((d) => [d.date, d.reason])).toEqual([[friday, 'Planeringsdag – fritids är stängt']]);
    const elsa = docs.filter((d) => d.kind === 'day' && d.scopeRef === 'pupil-elsa');
    expect(elsa.length).toBe(9); // two school weeks but the planning day
    expect(elsa.every((d) => isoWeekday(d.date) <= 5 && d.date !== friday && d.setBy === 'Anna Lindqvist')).toBe(true);
    const fatima = await signIn(app.app, 'fatima.ali@example.se', 'lingon-fatima-2026');
    const hers = (await pullPages(fatima, 'careTimes')).documents.filter((d) => d.kind === 'enrolment');
    expect(hers.map((d) => d.scopeRef)).toEqual(['pupil-yusuf']);
  });

  it('gives Olle two guardians in different homes, and other children two guardians too', async () => {
    const { db } = await build({ weeksBefore: 0, weeksAfter: 0 });
    const olle = await db.query<{ name: string }>(
      `SELECT u.name FROM custody c JOIN users u ON u.id = c.guardian_id
        WHERE c.pupil_id = 'pupil-olle' AND c.ended_at IS NULL ORDER BY u.name`,
    );
    expect(olle.map((g) => g.name)).toEqual(['Anna Lindqvist', 'Erik Lindqvist']);
    const app = await appOn(db);
    const erik = await signIn(app.app, 'erik.lindqvist@example.se', 'lingon-erik-2026');
    expect((await erik.json('/api/me')).pupils.map((p: any) => p.firstName)).toEqual(['Olle']);
    const [twoGuardians] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT pupil_id FROM custody GROUP BY pupil_id HAVING count(*) = 2) t`,
    );
    expect(twoGuardians?.n).toBeGreaterThan(20);
    const [orphans] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pupils p WHERE NOT EXISTS (SELECT 1 FROM custody c WHERE c.pupil_id = p.id)`,
    );
    expect(orphans?.n).toBe(0);
  });

  it('has a current week of lessons for every class, some cancelled and some taught by a substitute', async () => {
    const { db } = await build({ weeksBefore: 2, weeksAfter: 2 });
    const monday = mondayOf(TUESDAY);
    const week = await db.query<{ class_id: string; date: string; n: number }>(
      `SELECT class_id, date, count(*)::int AS n FROM lessons
        WHERE date BETWEEN $1 AND $2 GROUP BY 1, 2`,
      [monday, addDays(monday, 6)],
    );
    expect(week).toHaveLength(9 * 5); // every class, Monday to Friday, none at the weekend
    expect(week.every((d) => d.n >= 4 && isoWeekday(d.date) <= 5)).toBe(true);
    const statuses = await db.query<{ status: string; n: number; substitutes: number; notes: number }>(
      `SELECT status, count(*)::int AS n, count(NULLIF(substitute, ''))::int AS substitutes,
              count(NULLIF(note, ''))::int AS notes
         FROM lessons GROUP BY status ORDER BY status`,
    );
    const by = Object.fromEntries(statuses.map((s) => [s.status, s]));
    expect(by.cancelled?.n).toBeGreaterThan(10);
    expect(by.cancelled?.notes).toBe(by.cancelled?.n);
    expect(by.substituted?.n).toBeGreaterThan(10);
    expect(by.substituted?.substitutes).toBe(by.substituted?.n);
    expect(by.normal?.substitutes).toBe(0);
    // No class has two lessons at once.
    const [overlaps] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM lessons a JOIN lessons b
         ON a.class_id = b.class_id AND a.date = b.date AND a.id < b.id
        AND a.start_time < b.end_time AND b.start_time < a.end_time`,
    );
    expect(overlaps?.n).toBe(0);
  });

  it.each([
    ['on a Tuesday', TUESDAY, TUESDAY],
    ['on a Saturday', SATURDAY, '2026-03-16'],
  ])('shows the demo families a change on the next school day %s', async (_, today, schoolDay) => {
    const { db } = await build({ today, weeksBefore: 0, weeksAfter: 1 });
    const changed = await db.query<{ class_id: string; status: string }>(
      `SELECT class_id, status FROM lessons
        WHERE date = $1 AND class_id IN ('class-2a', 'class-5a') AND status <> 'normal'`,
      [schoolDay],
    );
    expect(changed).toContainEqual({ class_id: 'class-5a', status: 'substituted' });
    expect(changed).toContainEqual({ class_id: 'class-2a', status: 'cancelled' });
  });

  it('has absence the school registered, on past school days, covering lessons that took place', async () => {
    const { db, counts } = await build();
    const absences = await db.query<{
      id: string;
      pupil_id: string;
      date: string;
      lesson_ids: string[];
      validity: string;
      from_time: string;
      to_time: string;
    }>(`SELECT id, pupil_id, date, lesson_ids, validity, from_time, to_time FROM absences WHERE source = 'registered'`);
    expect(absences.length).toBe(counts.absences);
    expect(absences.length).toBeGreaterThan(20);
    expect(new Set(absences.map((a) => a.validity))).toEqual(new Set(['valid', 'invalid']));
    for (const a of absences) {
      expect(a.date < TUESDAY && isoWeekday(a.date) <= 5, `${a.id} on ${a.date}`).toBe(true);
      const lessons = await db.query<{ start_time: string; end_time: string; status: string }>(
        `SELECT l.start_time, l.end_time, l.status FROM lessons l JOIN pupils p ON p.class_id = l.class_id
          WHERE p.id = $1 AND l.date = $2 AND l.id = ANY($3::text[]) ORDER BY l.start_time`,
        [a.pupil_id, a.date, a.lesson_ids],
      );
      expect(lessons.length, a.id).toBe(a.lesson_ids.length);
      expect(lessons.every((l) => l.status !== 'cancelled')).toBe(true);
      expect([a.from_time, a.to_time]).toEqual([lessons[0]?.start_time, lessons.at(-1)?.end_time]);
    }
    // Anna sees her children's absence, and only theirs.
    const app = await appOn(db);
    const anna = await signIn(app.app, 'anna.lindqvist@example.se', 'lingon-anna-2026');
    const pulled = await pullPages(anna, 'absences');
    const theirs = absences.filter((a) => ['pupil-elsa', 'pupil-olle', 'pupil-wilma'].includes(a.pupil_id));
    expect(pulled.ids.sort()).toEqual(theirs.map((a) => a.id).sort());
    expect(theirs.length).toBeGreaterThanOrEqual(3);
  });
});
