/**
 * A property of the sync API over random schools: for every user, every pull
 * returns only documents in that user's scope, and every document in scope —
 * from scratch, and from the checkpoints a device held before custody ended,
 * custody began and children changed class. The scope is computed here, from
 * the generator's own record of families and classes, never by the server's
 * scope code. Every replicated collection is covered: the four of the
 * timetable and absence, and the boxes (news, events, documentation, class
 * lists) by their scope key.
 *
 * And protected identity: whatever a user pulls, no class list carries a
 * protected pupil's or guardian's contact details, nor a protected guardian's
 * or a protected child's guardian's name, nor a pupil the school keeps off
 * the list.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ABSENCE_REPORT } from '../../shared/absence.js';
import { type CollectionName, EVENT_KINDS } from '../../shared/collections.js';
import { addDays, instantInZone } from '../../shared/time.js';
import { type App, createApp } from '../app.js';
import { hashPassword } from '../auth/password.js';
import { setPupilPrivacy, setUserContact } from '../boxes/class-list.js';
import type { Database, Sql } from '../db/database.js';
import { insertLessons, type LessonRow } from '../demo/school.js';
import {
  addCustody,
  createClass,
  createPupil,
  createSchool,
  createUser,
  endCustody,
  movePupil,
} from '../school/people.js';
import { engines, type TestDatabase, testDatabase } from '../testing/db.js';
import {
  type ApiClient,
  newRequest,
  PASSWORD,
  pullPages,
  pushRequests,
  registerAbsence,
  signIn,
  TEST_SCRYPT,
  testClock,
} from '../testing/school.js';
import { serverCollections } from './collections.js';

const TODAY = '2026-03-10'; // a Tuesday
const CORE = ['pupils', 'lessons', 'absences', 'requests'] as const;

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
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] as T,
  };
}

/** The generator's record of the school: who is whose, and which class each child is in. */
interface Model {
  /** Every replicated collection (GET /api/sync). */
  collections: string[];
  protectedPupils: Set<string>;
  offList: Set<string>;
  protectedGuardians: Set<string>;
  classes: string[];
  classOf: Map<string, string>;
  accountOf: Map<string, string>; // pupil → their own user
  custody: Set<string>; // `${guardian}|${pupil}`, current only
  users: { id: string; email: string; role: 'guardian' | 'pupil' }[];
}

/** The pupils `user` may see, by the access rules: their own record, and children in their current custody. */
function pupilsOf(m: Model, user: string): Set<string> {
  const out = new Set<string>();
  for (const [pupil, account] of m.accountOf) if (account === user) out.add(pupil);
  for (const key of m.custody) {
    const [g, p] = key.split('|') as [string, string];
    if (g === user) out.add(p);
  }
  return out;
}

type Expected = Record<string, Set<string>>;

/** Every live document id of each collection, with what decides its scope, read as plain rows. */
async function expectedFor(db: Database, m: Model, user: string): Promise<Expected> {
  const pupils = pupilsOf(m, user);
  const classes = new Set([...pupils].map((p) => m.classOf.get(p)));
  const keys = new Set([
    ...[...pupils].map((p) => `pupil:${p}`),
    ...[...classes].map((c) => `class:${c}`),
    ...(pupils.size > 0 ? ['school:s'] : []),
  ]);
  const rows = async (sql: string) => db.query<{ id: string; k: string }>(sql);
  const pick = (list: { id: string; k: string }[], keep: (k: string) => boolean) =>
    new Set(list.filter((r) => keep(r.k)).map((r) => r.id));
  const out: Expected = {
    pupils: pick(await rows('SELECT id, id AS k FROM pupils WHERE NOT deleted'), (k) => pupils.has(k)),
    lessons: pick(await rows('SELECT id, class_id AS k FROM lessons WHERE NOT deleted'), (k) => classes.has(k)),
    absences: pick(await rows('SELECT id, pupil_id AS k FROM absences WHERE NOT deleted'), (k) => pupils.has(k)),
    requests: pick(await rows('SELECT id, author_id AS k FROM requests WHERE NOT deleted'), (k) => k === user),
  };
  // The boxes: each table says its scope in two columns.
  for (const name of m.collections) {
    if (name in out) continue;
    const { table } = serverCollections[name as CollectionName];
    out[name] = pick(
      await rows(`SELECT id, scope_kind || ':' || scope_ref AS k FROM ${table} WHERE NOT deleted`),
      (k) => keys.has(k),
    );
  }
  return out;
}

const phoneOf = (id: string) => `+46 70 ${id}`;

/** What must never appear in a class list another family pulls. */
function forbiddenInClassLists(m: Model, guardianNames: Map<string, string>) {
  const guardsProtected = new Set<string>();
  for (const key of m.custody) {
    const [g, p] = key.split('|') as [string, string];
    if (m.protectedPupils.has(p)) guardsProtected.add(g);
  }
  const words: string[] = [];
  for (const g of new Set([...m.protectedGuardians, ...guardsProtected])) {
    words.push(guardianNames.get(g) as string, `${g}@test.se`, phoneOf(g));
  }
  for (const p of m.protectedPupils) {
    const account = m.accountOf.get(p);
    if (account) words.push(`${account}@test.se`);
  }
  for (const p of m.offList) words.push(`"P ${p}"`);
  return words;
}

async function buildSchool(db: Database, seed: number): Promise<Model> {
  const r = rng(seed);
  const hash = await hashPassword(PASSWORD, TEST_SCRYPT);
  const m: Model = {
    collections: [],
    protectedPupils: new Set(),
    offList: new Set(),
    protectedGuardians: new Set(),
    classes: [],
    classOf: new Map(),
    accountOf: new Map(),
    custody: new Set(),
    users: [],
  };
  await db.transaction(async (tx) => {
    await createSchool(tx, { id: 's', name: 'Slumpskolan', municipality: 'Slumpkommun' });
    const classCount = 2 + r.int(3);
    for (let i = 0; i < classCount; i++) {
      const id = `c${i}`;
      await createClass(tx, { id, schoolId: 's', name: `${i + 1}A`, year: i + 1 });
      m.classes.push(id);
    }
    const families = 4 + r.int(5);
    for (let f = 0; f < families; f++) {
      const guardians: string[] = [];
      for (let g = 0; g < 1 + r.int(2); g++) {
        const id = `g${f}-${g}`;
        await createUser(tx, { id, role: 'guardian', name: `G ${id}`, email: `${id}@test.se`, passwordHash: hash });
        await setUserContact(tx, id, { phone: phoneOf(id) });
        m.users.push({ id, email: `${id}@test.se`, role: 'guardian' });
        guardians.push(id);
      }
      for (let c = 0; c < 1 + r.int(3); c++) {
        const id = `p${f}-${c}`;
        const classId = r.pick(m.classes);
        let userId: string | undefined;
        if (r.next() < 0.5) {
          userId = `u${f}-${c}`;
          await createUser(tx, {
            id: userId,
            role: 'pupil',
            name: `P ${id}`,
            email: `${userId}@test.se`,
            passwordHash: hash,
          });
          m.users.push({ id: userId, email: `${userId}@test.se`, role: 'pupil' });
          m.accountOf.set(id, userId);
        }
        await createPupil(tx, { id, firstName: 'P', lastName: id, classId, userId });
        m.classOf.set(id, classId);
        // Not always every guardian of the family: two homes, one custody.
        for (const g of guardians) {
          if (g === guardians[0] || r.next() < 0.7) {
            await addCustody(tx, g, id);
            m.custody.add(`${g}|${id}`);
          }
        }
      }
    }
    const lessons: LessonRow[] = m.classes.flatMap((classId) =>
      [TODAY, addDays(TODAY, 1)].flatMap((date) =>
        ['08:00', '09:00', '10:00'].map((start, i) => ({
          id: `${classId}-${date}-${i}`,
          classId,
          date,
          start,
          end: `${start.slice(0, 2)}:45`,
          subject: 'Svenska',
          room: 'A1',
          teacher: 'T',
          status: 'normal',
          substitute: '',
          note: '',
        })),
      ),
    );
    await insertLessons(tx, lessons);
  });
  for (const pupil of m.classOf.keys()) {
    if (r.next() < 0.6) await registerAbsence(db, { id: `abs-${pupil}`, pupilId: pupil, date: addDays(TODAY, -1) });
  }
  await db.transaction(async (tx) => {
    await createUser(tx, { id: 'admin', role: 'admin', name: 'Admin', email: 'admin@test.se', passwordHash: hash });
    await changePrivacy(tx, m, r, 0.2);
  });
  return m;
}

/** Protects some pupils and guardians, keeps some pupils off the class list, and lifts some of it again. */
async function changePrivacy(tx: Sql, m: Model, r: ReturnType<typeof rng>, chance: number) {
  for (const pupil of m.classOf.keys()) {
    if (r.next() < chance) {
      const protectedIdentity = !m.protectedPupils.has(pupil);
      const nameInClassList = r.next() < 0.5;
      await setPupilPrivacy(tx, pupil, { protectedIdentity, nameInClassList });
      if (protectedIdentity) m.protectedPupils.add(pupil);
      else m.protectedPupils.delete(pupil);
      if (nameInClassList) m.offList.delete(pupil);
      else m.offList.add(pupil);
    }
  }
  for (const u of m.users) {
    if (u.role === 'guardian' && r.next() < chance / 2) {
      const protectedIdentity = !m.protectedGuardians.has(u.id);
      await setUserContact(tx, u.id, { protectedIdentity });
      if (protectedIdentity) m.protectedGuardians.add(u.id);
      else m.protectedGuardians.delete(u.id);
    }
  }
}

/** The school publishes news for everyone, an event per class, and documentation for some pupils. */
async function publishBoxes(admin: ApiClient, m: Model, r: ReturnType<typeof rng>, round: number) {
  const put = async (path: string, body: unknown) => {
    const res = await admin.send(path, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  };
  await put(`/api/staff/publications/news-${round}`, {
    scope: { kind: 'school', id: 's' },
    kind: 'news',
    title: 'Nytt',
  });
  for (const c of m.classes) {
    await put(`/api/staff/events/ev-${round}-${c}`, {
      scope: { kind: 'class', id: c },
      kind: EVENT_KINDS[0],
      title: 'Utflykt',
      date: TODAY,
    });
  }
  for (const p of m.classOf.keys()) {
    if (r.next() < 0.3) {
      await put(`/api/staff/publications/doc-${round}-${p}`, {
        scope: { kind: 'pupil', id: p },
        kind: 'documentation',
        docType: 'note',
        title: 'Anteckning',
      });
    }
  }
}

/** A device's copy of each collection: the documents it holds, from applying pages in order. */
type Device = Record<string, { docs: Map<string, any>; checkpoint: unknown }>;

async function pullInto(client: ApiClient, device: Device, expected: Expected, forbidden: string[], label: string) {
  for (const name of Object.keys(expected)) {
    device[name] ??= { docs: new Map(), checkpoint: null };
    const copy = device[name];
    const { documents, checkpoint } = await pullPages(client, name, 7, copy.checkpoint);
    for (const doc of documents) {
      if (doc._deleted) copy.docs.delete(doc.id);
      else {
        expect(expected[name]?.has(doc.id), `${label}: ${name} ${doc.id} is out of scope`).toBe(true);
        copy.docs.set(doc.id, doc);
      }
    }
    copy.checkpoint = checkpoint;
    expect([...copy.docs.keys()].sort(), `${label}: ${name}`).toEqual([...(expected[name] ?? [])].sort());
  }
  // Protected identity: what the device holds of class lists, read as the words a family could see.
  for (const doc of device.contacts?.docs.values() ?? []) {
    if (doc.kind !== 'pupil') continue;
    const text = JSON.stringify(doc);
    for (const word of forbidden)
      expect(text.includes(word), `${label}: class list ${doc.id} shows ${word}`).toBe(false);
  }
}

describe.each(engines)('scope of every pull over random schools on %s', (engine) => {
  let db: TestDatabase | undefined;
  let app: App | undefined;
  afterEach(async () => {
    await app?.close();
    await db?.close();
  });

  it.each([1, 2, 3, 4, 5, 6])(
    'seed %i: only and all of each user’s documents, before and after families change',
    async (seed) => {
      db = await testDatabase(engine);
      const m = await buildSchool(db, seed);
      app = await createApp({ db, now: testClock(instantInZone(TODAY, '07:00')).now });
      const r = rng(seed * 7919);
      const clients = new Map<string, ApiClient>();
      for (const u of m.users) clients.set(u.id, await signIn(app.app, u.email));
      const admin = await signIn(app.app, 'admin@test.se');
      m.collections = (await admin.json('/api/sync')).collections;
      expect(m.collections).toEqual(expect.arrayContaining([...CORE]));
      await publishBoxes(admin, m, r, 1);
      const names = new Map(m.users.map((u) => [u.id, `G ${u.id}`]));

      // Guardians report absences (their requests, and the absences they create).
      for (const key of m.custody) {
        const [g, p] = key.split('|') as [string, string];
        if (r.next() < 0.4) {
          await pushRequests(clients.get(g) as ApiClient, [
            newRequest(p, { date: TODAY, wholeDay: true }, { kind: ABSENCE_REPORT }),
          ]);
        }
      }

      const devices = new Map<string, Device>();
      const forbiddenBefore = forbiddenInClassLists(m, names);
      for (const u of m.users) {
        const device: Device = {};
        const expected = await expectedFor(db, m, u.id);
        await pullInto(clients.get(u.id) as ApiClient, device, expected, forbiddenBefore, `seed ${seed} ${u.id} first`);
        devices.set(u.id, device);
      }

      // Families change: custody ends and begins, children change class, protection changes,
      // the school registers absence and publishes more.
      await db.transaction(async (tx) => {
        const custody = [...m.custody];
        for (const key of custody) {
          if (r.next() < 0.3) {
            const [g, p] = key.split('|') as [string, string];
            await endCustody(tx, g, p, new Date(`${TODAY}T06:00:00Z`));
            m.custody.delete(key);
          }
        }
        const guardians = m.users.filter((u) => u.role === 'guardian');
        for (const pupil of m.classOf.keys()) {
          if (r.next() < 0.25) {
            const g = r.pick(guardians).id;
            await addCustody(tx, g, pupil);
            m.custody.add(`${g}|${pupil}`);
          }
          if (r.next() < 0.3) {
            const to = r.pick(m.classes);
            if (to !== m.classOf.get(pupil)) {
              await movePupil(tx, pupil, to);
              m.classOf.set(pupil, to);
            }
          }
        }
        await changePrivacy(tx, m, r, 0.3);
      });
      for (const pupil of m.classOf.keys()) {
        if (r.next() < 0.3)
          await registerAbsence(db, { id: `abs2-${pupil}`, pupilId: pupil, date: addDays(TODAY, -2) });
      }
      for (const key of m.custody) {
        const [g, p] = key.split('|') as [string, string];
        if (r.next() < 0.3) {
          await pushRequests(clients.get(g) as ApiClient, [
            newRequest(p, { date: addDays(TODAY, 1), wholeDay: true }, { kind: ABSENCE_REPORT }),
          ]);
        }
      }
      await publishBoxes(admin, m, r, 2);

      const forbidden = forbiddenInClassLists(m, names);
      for (const u of m.users) {
        const expected = await expectedFor(db, m, u.id);
        const client = clients.get(u.id) as ApiClient;
        // The device that was there before the changes catches up from its checkpoints…
        await pullInto(client, devices.get(u.id) as Device, expected, forbidden, `seed ${seed} ${u.id} after`);
        // …and a new device gets the same from scratch.
        await pullInto(client, {}, expected, forbidden, `seed ${seed} ${u.id} fresh`);
      }
    },
  );
});
