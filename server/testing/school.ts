/**
 * A small school for tests, built through the same register functions the
 * app uses, and helpers to call the API as a signed-in user.
 *
 * @module
 */
import { addDays, type IsoDate, isoWeekday } from '../../shared/time.js';
import type { App } from '../app.js';
import { hashPassword } from '../auth/password.js';
import type { Database } from '../db/database.js';
import { insertLessons, type LessonRow } from '../demo/school.js';
import { addCustody, createClass, createPupil, createSchool, createUser } from '../school/people.js';

/** Cheap scrypt for test accounts (the stored parameters travel with each hash). */
export const TEST_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };
export const PASSWORD = 'correct horse battery';

/**
 * Two classes (4A, 4B), pupils Ada (4A, own account) and Bo (4B), guardians:
 * `ga` (Ada's), `gb` (Bo's), `g2` (Ada's second guardian, another home).
 * Lessons on the `days` given, 08:00–12:00 in four 50-minute lessons, for both classes.
 */
export async function createTestSchool(db: Database, days: IsoDate[]) {
  const hash = await hashPassword(PASSWORD, TEST_SCRYPT);
  return db.transaction(async (tx) => {
    await createSchool(tx, { id: 's', name: 'Testskolan', municipality: 'Testkommun' });
    await createClass(tx, { id: '4a', schoolId: 's', name: '4A', year: 4 });
    await createClass(tx, { id: '4b', schoolId: 's', name: '4B', year: 4 });
    const ga = await createUser(tx, { id: 'ga', role: 'guardian', name: 'Gun Ahl', email: 'ga@test.se', passwordHash: hash });
    const g2 = await createUser(tx, { id: 'g2', role: 'guardian', name: 'Tor Ahl', email: 'g2@test.se', passwordHash: hash });
    const gb = await createUser(tx, { id: 'gb', role: 'guardian', name: 'Bea Berg', email: 'gb@test.se', passwordHash: hash });
    const adaUser = await createUser(tx, { id: 'ua', role: 'pupil', name: 'Ada Ahl', email: 'ada@test.se', passwordHash: hash });
    const ada = await createPupil(tx, { id: 'ada', firstName: 'Ada', lastName: 'Ahl', classId: '4a', userId: adaUser });
    const bo = await createPupil(tx, { id: 'bo', firstName: 'Bo', lastName: 'Berg', classId: '4b' });
    await addCustody(tx, ga, ada);
    await addCustody(tx, g2, ada);
    await addCustody(tx, gb, bo);
    const lessons: LessonRow[] = [];
    for (const day of days) {
      for (const classId of ['4a', '4b']) {
        ['08:00', '09:00', '10:00', '11:00'].forEach((start, i) => {
          lessons.push({
            id: `${classId}-${day}-${i + 1}`,
            classId,
            date: day,
            start,
            end: `${start.slice(0, 2)}:50`,
            subject: ['Svenska', 'Matematik', 'Engelska', 'Idrott och hälsa'][i] as string,
            room: 'A1',
            teacher: 'Karin Holm',
            status: 'normal',
            substitute: '',
            note: '',
          });
        });
      }
    }
    await insertLessons(tx, lessons);
    return { ga, g2, gb, adaUser, ada, bo };
  });
}

/** Weekdays from `from`, `count` of them. */
export function weekdays(from: IsoDate, count: number): IsoDate[] {
  const out: IsoDate[] = [];
  for (let d = from; out.length < count; d = addDays(d, 1)) if (isoWeekday(d) <= 5) out.push(d);
  return out;
}

/** A client of the API for one signed-in user, through `app.request()`. */
export interface ApiClient {
  cookie: string;
  get(path: string): Promise<Response>;
  post(path: string, body?: unknown): Promise<Response>;
  json<T = any>(path: string): Promise<T>;
}

export async function signIn(app: App['app'], email: string, password = PASSWORD): Promise<ApiClient> {
  const res = await app.request('http://localhost/api/auth/password', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: 'http://localhost' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
  return clientWithCookie(app, cookie);
}

export function clientWithCookie(app: App['app'], cookie: string): ApiClient {
  const client: ApiClient = {
    cookie,
    get: async (path) => app.request(`http://localhost${path}`, { headers: { cookie } }),
    post: async (path, body) =>
      app.request(`http://localhost${path}`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', origin: 'http://localhost' },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      }),
    async json(path) {
      const res = await client.get(path);
      if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
      return res.json();
    },
  };
  return client;
}

/** Pulls a whole collection from scratch (or from `checkpoint`), page by page. */
export async function pullAll(client: ApiClient, collection: string, limit = 100, checkpoint: unknown = null) {
  const docs = new Map<string, any>();
  let cp = checkpoint;
  let pages = 0;
  for (;;) {
    const q = cp ? `&checkpoint=${encodeURIComponent(JSON.stringify(cp))}` : '';
    const page = await client.json<{ documents: any[]; checkpoint: unknown }>(
      `/api/sync/${collection}/pull?limit=${limit}${q}`,
    );
    pages++;
    for (const d of page.documents) docs.set(d.id, d);
    cp = page.checkpoint;
    if (page.documents.length < limit) break;
  }
  return { docs, checkpoint: cp, pages };
}
