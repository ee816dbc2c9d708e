/**
 * The demo school: Lingonbergsskolan in the fictional Lingonbergs kommun,
 * generated from a fixed seed, with every date relative to the day it is
 * created, so the demo always has a current week. Nine classes (years 1–9),
 * families with one to three children in different classes, children with two
 * guardians in different homes, a timetable for a whole term with some
 * lessons cancelled or taught by a substitute, and some absence the school has
 * registered.
 *
 * The accounts that can sign in are in `DEMO_ACCOUNTS` (and the README).
 *
 * @module
 */

import { ABSENCE_REPORT } from '../../shared/absence.js';
import { addDays, type IsoDate, instantInZone, isoWeekday, mondayOf } from '../../shared/time.js';
import { hashPassword, type ScryptParams } from '../auth/password.js';
import { openDemoConferences } from '../conferences/demo.js';
import type { Database, Sql } from '../db/database.js';
import { addCustody, createClass, createPupil, createSchool, createUser } from '../school/people.js';
import { publishDemoBoxes } from './boxes.js';
import { createDemoCare } from './care.js';
import { publishDemoTasks } from './tasks.js';

export const DEMO_SCHOOL = { id: 'school-lingonberg', name: 'Lingonbergsskolan', municipality: 'Lingonbergs kommun' };

/** The accounts with a password, as listed in the README. */
export const DEMO_ACCOUNTS = [
  {
    role: 'guardian',
    email: 'anna.lindqvist@example.se',
    password: 'lingon-anna-2026',
    name: 'Anna Lindqvist',
    note: 'three children: Elsa (2A), Olle (5A), Wilma (8A)',
  },
  {
    role: 'guardian',
    email: 'erik.lindqvist@example.se',
    password: 'lingon-erik-2026',
    name: 'Erik Lindqvist',
    note: 'Olle’s other guardian, in another home',
  },
  {
    role: 'guardian',
    email: 'fatima.ali@example.se',
    password: 'lingon-fatima-2026',
    name: 'Fatima Ali',
    note: 'one child: Yusuf (3A)',
  },
  {
    role: 'pupil',
    email: 'olle.lindqvist@elev.lingonberg.se',
    password: 'lingon-olle-2026',
    name: 'Olle Lindqvist',
    note: 'pupil in 5A',
  },
  {
    role: 'staff',
    email: 'karin.holm@lingonberg.example.se',
    password: 'lingon-karin-2026',
    name: 'Karin Holm',
    note: 'teacher, mentor of 5A: publishes through the staff API',
  },
] as const;

// A small, fast, seeded generator (mulberry32): the same seed gives the same school.
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T,
  };
}

const FIRST_NAMES = [
  'Alice',
  'Maja',
  'Vera',
  'Ella',
  'Astrid',
  'Alma',
  'Selma',
  'Ebba',
  'Freja',
  'Saga',
  'Nora',
  'Ines',
  'Lilly',
  'Juni',
  'Stella',
  'Leah',
  'Amira',
  'Sara',
  'Noah',
  'William',
  'Hugo',
  'Liam',
  'Lucas',
  'Oscar',
  'Elias',
  'Adam',
  'Viktor',
  'Theo',
  'Nils',
  'Melvin',
  'Ali',
  'Omar',
  'Leo',
  'Arvid',
  'Sixten',
  'Ludvig',
];
const LAST_NAMES = [
  'Andersson',
  'Johansson',
  'Karlsson',
  'Nilsson',
  'Eriksson',
  'Larsson',
  'Olsson',
  'Persson',
  'Svensson',
  'Gustafsson',
  'Pettersson',
  'Jonsson',
  'Jansson',
  'Hansson',
  'Bengtsson',
  'Berg',
  'Lund',
  'Sandberg',
  'Holm',
  'Nyström',
  'Forsberg',
  'Lindgren',
  'Hassan',
  'Mohammed',
  'Korhonen',
  'Nowak',
  'Öberg',
  'Åkesson',
];
const ADULT_NAMES = [
  'Anders',
  'Maria',
  'Johan',
  'Karin',
  'Per',
  'Lena',
  'Mikael',
  'Sofia',
  'Fredrik',
  'Emma',
  'Daniel',
  'Jenny',
  'Magnus',
  'Linda',
  'Henrik',
  'Hanna',
  'Ahmed',
  'Leyla',
  'Tomas',
  'Petra',
  'Jonas',
  'Malin',
  'Kristian',
  'Ida',
];
const TEACHERS = [
  'Karin Holm',
  'Mats Ek',
  'Sofia Bäck',
  'Per Strand',
  'Lena Dahl',
  'Ahmed Karimi',
  'Eva Sjöberg',
  'Jonas Vik',
  'Maria Falk',
  'Oskar Lind',
  'Helena Nord',
  'Björn Alm',
  'Camilla Ros',
  'David Hed',
];
const SUBSTITUTES = ['Ulla Vikarie', 'Rasmus Ström', 'Nadia Sandell'];
const CANCEL_NOTES = ['Läraren är sjuk', 'Studiedag för personalen', 'Klassen är på utflykt'];

interface SlotTemplate {
  start: string;
  end: string;
}
const SLOTS_LOW: SlotTemplate[] = [
  { start: '08:15', end: '09:00' },
  { start: '09:15', end: '10:00' },
  { start: '10:20', end: '11:05' },
  { start: '12:00', end: '12:45' },
  { start: '13:00', end: '13:45' },
];
const SLOTS_HIGH: SlotTemplate[] = [
  { start: '08:15', end: '09:15' },
  { start: '09:30', end: '10:30' },
  { start: '10:40', end: '11:40' },
  { start: '12:30', end: '13:30' },
  { start: '13:45', end: '14:45' },
  { start: '15:00', end: '15:50' },
];

function subjectsFor(year: number): string[] {
  if (year <= 3) return ['Svenska', 'Matematik', 'Engelska', 'Idrott och hälsa', 'Bild', 'Musik', 'NO', 'SO'];
  if (year <= 6) {
    return ['Svenska', 'Matematik', 'Engelska', 'Idrott och hälsa', 'Slöjd', 'Musik', 'NO', 'SO', 'Teknik', 'Bild'];
  }
  return [
    'Svenska',
    'Matematik',
    'Engelska',
    'Idrott och hälsa',
    'Biologi',
    'Fysik',
    'Kemi',
    'Historia',
    'Geografi',
    'Samhällskunskap',
    'Religion',
    'Spanska',
    'Hem- och konsumentkunskap',
    'Teknik',
  ];
}

const ROOMS = ['A101', 'A102', 'A104', 'B201', 'B203', 'B205', 'C12', 'Idrottshallen', 'Slöjdsalen', 'Musiksalen'];

export interface DemoOptions {
  /** The day the demo is built around ("today"). */
  today: IsoDate;
  /** Weeks of timetable before and after the current week. */
  weeksBefore?: number;
  weeksAfter?: number;
  seed?: number;
  /** Password hashing cost; the OWASP default unless a test lowers it. */
  scrypt?: ScryptParams;
}

/** Whether the database already holds a school (the demo is only created in an empty one). */
export async function hasSchool(db: Sql): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM schools LIMIT 1');
  return rows.length > 0;
}

interface LessonRow {
  id: string;
  classId: string;
  date: string;
  start: string;
  end: string;
  subject: string;
  room: string;
  teacher: string;
  status: string;
  substitute: string;
  note: string;
}

/** Creates the demo school in `db`; returns counts of what it made. */
export async function createDemoSchool(db: Database, options: DemoOptions) {
  const r = rng(options.seed ?? 20261204);
  const weeksBefore = options.weeksBefore ?? 8;
  const weeksAfter = options.weeksAfter ?? 10;
  const firstMonday = addDays(mondayOf(options.today), -7 * weeksBefore);
  const lastDay = addDays(mondayOf(options.today), 7 * weeksAfter + 4);
  const hashes = new Map<string, string>();
  for (const a of DEMO_ACCOUNTS) hashes.set(a.email, await hashPassword(a.password, options.scrypt));

  return db.transaction(async (tx) => {
    await createSchool(tx, DEMO_SCHOOL);
    const classes = Array.from({ length: 9 }, (_, i) => ({ id: `class-${i + 1}a`, name: `${i + 1}A`, year: i + 1 }));
    for (const c of classes) await createClass(tx, { ...c, schoolId: DEMO_SCHOOL.id });

    // --- people -------------------------------------------------------------------------
    const counts = { classes: classes.length, pupils: 0, guardians: 0, lessons: 0, absences: 0 };
    const pupilsByClass = new Map<string, string[]>(classes.map((c) => [c.id, []]));
    const guardian = async (id: string, name: string, email?: string) => {
      counts.guardians++;
      return createUser(tx, {
        id,
        role: 'guardian',
        name,
        email: email ?? null,
        passwordHash: email ? (hashes.get(email) ?? null) : null,
      });
    };
    const pupil = async (id: string, first: string, last: string, classId: string, userId?: string) => {
      counts.pupils++;
      pupilsByClass.get(classId)?.push(id);
      return createPupil(tx, { id, firstName: first, lastName: last, classId, userId });
    };

    // The named demo families first.
    const anna = await guardian('guardian-anna', 'Anna Lindqvist', 'anna.lindqvist@example.se');
    const erik = await guardian('guardian-erik', 'Erik Lindqvist', 'erik.lindqvist@example.se');
    const fatima = await guardian('guardian-fatima', 'Fatima Ali', 'fatima.ali@example.se');
    const olleUser = await createUser(tx, {
      id: 'user-olle',
      role: 'pupil',
      name: 'Olle Lindqvist',
      email: 'olle.lindqvist@elev.lingonberg.se',
      passwordHash: hashes.get('olle.lindqvist@elev.lingonberg.se') ?? null,
    });
    const elsa = await pupil('pupil-elsa', 'Elsa', 'Lindqvist', 'class-2a');
    const olle = await pupil('pupil-olle', 'Olle', 'Lindqvist', 'class-5a', olleUser);
    const wilma = await pupil('pupil-wilma', 'Wilma', 'Lindqvist', 'class-8a');
    const yusuf = await pupil('pupil-yusuf', 'Yusuf', 'Ali', 'class-3a');
    for (const p of [elsa, olle, wilma]) await addCustody(tx, anna, p);
    await addCustody(tx, erik, olle);
    await addCustody(tx, fatima, yusuf);

    // Then generated families until every class has 18 pupils.
    let family = 0;
    const target = 18;
    const open = () => classes.filter((c) => (pupilsByClass.get(c.id)?.length ?? 0) < target);
    while (open().length > 0) {
      family++;
      const last = r.pick(LAST_NAMES);
      const free = open();
      const children = Math.min(free.length, r.next() < 0.6 ? 1 : r.next() < 0.75 ? 2 : 3);
      const chosen = [...free].sort(() => r.next() - 0.5).slice(0, children);
      const twoHomes = r.next() < 0.3;
      const g1 = await guardian(`guardian-${family}-1`, `${r.pick(ADULT_NAMES)} ${last}`);
      const g2 =
        r.next() < 0.8
          ? await guardian(`guardian-${family}-2`, `${r.pick(ADULT_NAMES)} ${twoHomes ? r.pick(LAST_NAMES) : last}`)
          : null;
      for (const [i, c] of chosen.entries()) {
        const id = await pupil(`pupil-${family}-${i + 1}`, r.pick(FIRST_NAMES), last, c.id);
        await addCustody(tx, g1, id);
        if (g2) await addCustody(tx, g2, id);
      }
    }

    // --- timetable ----------------------------------------------------------------------
    const lessons: LessonRow[] = [];
    for (const c of classes) {
      const slots = c.year <= 3 ? SLOTS_LOW : SLOTS_HIGH;
      const subjects = subjectsFor(c.year);
      const perDay = c.year <= 3 ? 4 : c.year <= 6 ? 5 : 6;
      // A weekly template: for each weekday, the subjects of the day's slots.
      const week = Array.from({ length: 5 }, (_, d) =>
        Array.from({ length: perDay }, (_, s) => {
          const subject = subjects[(d * perDay + s + c.year) % subjects.length] as string;
          return {
            subject,
            teacher: TEACHERS[(subjects.indexOf(subject) + c.year * 3) % TEACHERS.length] as string,
            room: subject === 'Idrott och hälsa' ? 'Idrottshallen' : (ROOMS[(s + c.year) % 6] as string),
            slot: slots[s] as SlotTemplate,
          };
        }),
      );
      for (let day = firstMonday; day <= lastDay; day = addDays(day, 1)) {
        const wd = isoWeekday(day);
        if (wd > 5) continue;
        for (const [s, l] of (week[wd - 1] ?? []).entries()) {
          const roll = r.next();
          const status = roll < 0.03 ? 'cancelled' : roll < 0.07 ? 'substituted' : 'normal';
          lessons.push({
            id: `lesson-${c.id.slice(6)}-${day}-${s + 1}`,
            classId: c.id,
            date: day,
            start: l.slot.start,
            end: l.slot.end,
            subject: l.subject,
            room: l.room,
            teacher: l.teacher,
            status,
            substitute: status === 'substituted' ? r.pick(SUBSTITUTES) : '',
            note: status === 'cancelled' ? r.pick(CANCEL_NOTES) : '',
          });
        }
      }
    }
    // The demo families always see a change this week: a substitute in Olle's class
    // on the next school day, and a cancelled lesson in Elsa's.
    markChange(lessons, 'class-5a', options.today, 'substituted');
    markChange(lessons, 'class-2a', options.today, 'cancelled');
    await insertLessons(tx, lessons);
    counts.lessons = lessons.length;

    // --- registered absence -------------------------------------------------------------
    const absences: {
      id: string;
      pupilId: string;
      date: string;
      whole: boolean;
      from: string;
      to: string;
      lessonIds: string[];
      validity: string;
      comment: string;
    }[] = [];
    const lessonsOf = new Map<string, LessonRow[]>();
    for (const l of lessons) {
      const key = `${l.classId}|${l.date}`;
      lessonsOf.set(key, [...(lessonsOf.get(key) ?? []), l]);
    }
    const registerFor = (
      pupilId: string,
      classId: string,
      daysAgo: number,
      whole: boolean,
      validity: string,
      comment: string,
    ) => {
      let day = addDays(options.today, -daysAgo);
      while (isoWeekday(day) > 5) day = addDays(day, -1);
      const dayLessons = (lessonsOf.get(`${classId}|${day}`) ?? []).filter((l) => l.status !== 'cancelled');
      if (dayLessons.length === 0) return;
      const chosen = whole ? dayLessons : dayLessons.slice(0, 1);
      absences.push({
        id: `absence-${pupilId}-${day}`,
        pupilId,
        date: day,
        whole,
        from: (chosen[0] as LessonRow).start,
        to: (chosen[chosen.length - 1] as LessonRow).end,
        lessonIds: chosen.map((l) => l.id),
        validity,
        comment,
      });
    };
    registerFor(olle, 'class-5a', 9, true, 'valid', 'Sjuk');
    registerFor(olle, 'class-5a', 23, false, 'invalid', 'Kom inte till första lektionen');
    registerFor(elsa, 'class-2a', 15, true, 'valid', 'Tandläkare');
    registerFor(wilma, 'class-8a', 4, false, 'valid', 'Läkarbesök');
    for (const c of classes) {
      for (const p of pupilsByClass.get(c.id) ?? []) {
        if (r.next() < 0.35)
          registerFor(p, c.id, 1 + r.int(40), r.next() < 0.6, r.next() < 0.8 ? 'valid' : 'invalid', '');
      }
    }
    const unique = [...new Map(absences.map((a) => [a.id, a])).values()];
    for (const a of unique) {
      await tx.query(
        `INSERT INTO absences (id, pupil_id, date, whole_day, from_time, to_time, lesson_ids, source, validity, comment)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'registered', $8, $9)`,
        [a.id, a.pupilId, a.date, a.whole, a.from, a.to, a.lessonIds, a.validity, a.comment],
      );
    }
    counts.absences = unique.length;

    // --- absence reported today -----------------------------------------------------------
    // Fatima Ali reported Yusuf sick for the whole day before school, the way the app does it:
    // her request, received and accepted, and the absence it became (with the request's id).
    // Karin sees it on /personal/franvaro, Fatima its receipt under Frånvaro.
    const yusufsDay = (lessonsOf.get(`class-3a|${options.today}`) ?? []).filter((l) => l.status !== 'cancelled');
    const first = yusufsDay[0];
    const last = yusufsDay[yusufsDay.length - 1];
    if (first && last) {
      const reportId = '5d0c3a8e-1f2b-4c6d-9e7f-0a1b2c3d4e5f';
      const sent = instantInZone(options.today, '06:48');
      await tx.query(
        `INSERT INTO requests (id, kind, pupil_id, author_id, payload, created_at, received_at, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'accepted')`,
        [
          reportId,
          ABSENCE_REPORT,
          yusuf,
          fatima,
          JSON.stringify({ date: options.today, wholeDay: true, comment: 'Feber' }),
          sent.toISOString(),
          new Date(sent.getTime() + 40_000),
        ],
      );
      await tx.query(
        `INSERT INTO absences (id, pupil_id, date, whole_day, from_time, to_time, lesson_ids, source, validity,
                               comment, reported_by, request_id)
         VALUES ($1, $2, $3, true, $4, $5, $6, 'reported', 'reported', 'Feber', 'Fatima Ali', $1)`,
        [reportId, yusuf, options.today, first.start, last.end, yusufsDay.map((l) => l.id)],
      );
    }

    // --- what the school has published for the boxes --------------------------------------
    const karin = await createUser(tx, {
      id: 'staff-karin',
      role: 'staff',
      name: 'Karin Holm',
      email: 'karin.holm@lingonberg.example.se',
      passwordHash: hashes.get('karin.holm@lingonberg.example.se') ?? null,
    });
    await tx.query('UPDATE users SET school_id = $2 WHERE id = $1', [karin, DEMO_SCHOOL.id]);
    const hidden = (pupilsByClass.get('class-5a') ?? []).find((id) => id !== olle) as string;
    const hiddenGuardians = await tx.query<{ guardian_id: string }>(
      'SELECT guardian_id FROM custody WHERE pupil_id = $1 ORDER BY guardian_id',
      [hidden],
    );
    const published = await publishDemoBoxes(tx, {
      schoolId: DEMO_SCHOOL.id,
      today: options.today,
      staff: { id: karin, role: 'staff' },
      mentors: {
        'class-2a': 'Lena Dahl',
        'class-3a': 'Per Strand',
        'class-5a': 'Karin Holm',
        'class-8a': 'Eva Sjöberg',
      },
      protectedPupil: { pupilId: hidden, guardianIds: hiddenGuardians.map((g) => g.guardian_id) },
      classIds: classes.map((c) => c.id),
    });
    const care = await createDemoCare(tx, {
      today: options.today,
      staff: { id: karin, role: 'staff' },
      schoolId: DEMO_SCHOOL.id,
      enrolled: [elsa, olle, yusuf],
      withTimes: { pupilId: elsa, guardianId: anna, guardianName: 'Anna Lindqvist' },
    });
    const tasks = await publishDemoTasks(tx, {
      today: options.today,
      staff: { id: karin, role: 'staff', name: 'Karin Holm' },
      classId: 'class-5a',
      pupil: { id: olle, name: 'Olle Lindqvist' },
      schoolId: DEMO_SCHOOL.id,
    });
    const others5a = (pupilsByClass.get('class-5a') ?? []).filter((id) => id !== olle && id !== hidden);
    const others2a = (pupilsByClass.get('class-2a') ?? []).filter((id) => id !== elsa);
    const conferences = await openDemoConferences(tx, {
      today: options.today,
      staff: { id: karin, role: 'staff' },
      classes: {
        'class-5a': { teacher: 'Karin Holm', location: 'Klassrum 5A' },
        'class-2a': { teacher: 'Lena Dahl', location: 'Klassrum 2A' },
      },
      taken: [
        ['class-5a', 2, others5a[0] as string],
        ['class-5a', 3, others5a[1] as string],
        ['class-5a', 8, others5a[2] as string],
        ['class-2a', 1, others2a[0] as string],
      ],
    });
    return { ...counts, ...published, ...care, ...tasks, ...conferences };
  });
}

function markChange(lessons: LessonRow[], classId: string, today: IsoDate, status: 'cancelled' | 'substituted') {
  let day = today;
  while (isoWeekday(day) > 5) day = addDays(day, 1);
  const candidates = lessons.filter((l) => l.classId === classId && l.date === day);
  const lesson = candidates[1] ?? candidates[0];
  if (!lesson) return;
  lesson.status = status;
  lesson.substitute = status === 'substituted' ? 'Ulla Vikarie' : '';
  lesson.note = status === 'cancelled' ? 'Läraren är sjuk' : '';
}

/** Inserts lessons in batches, one statement per batch. */
export async function insertLessons(tx: Sql, lessons: readonly LessonRow[]): Promise<void> {
  for (let i = 0; i < lessons.length; i += 1000) {
    const batch = lessons.slice(i, i + 1000);
    const col = <K extends keyof LessonRow>(k: K) => batch.map((l) => l[k]);
    await tx.query(
      `INSERT INTO lessons (id, class_id, date, start_time, end_time, subject, room, teacher, status, substitute, note)
       SELECT * FROM unnest($1::text[], $2::text[], $3::date[], $4::text[], $5::text[], $6::text[], $7::text[],
                            $8::text[], $9::text[], $10::text[], $11::text[])`,
      [
        col('id'),
        col('classId'),
        col('date'),
        col('start'),
        col('end'),
        col('subject'),
        col('room'),
        col('teacher'),
        col('status'),
        col('substitute'),
        col('note'),
      ],
    );
  }
}

export type { LessonRow };
