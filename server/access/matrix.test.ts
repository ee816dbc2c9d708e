/**
 * The authorization matrix: every route the app registers × every kind of
 * caller, each cell allowed or denied as docs/access-rules.md says, with
 * object-level checks (one family asking for another family's things by id).
 * A route the app registers that is missing here fails the test: a new route
 * must say who may call it.
 */
import { inspectRoutes } from 'hono/dev';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ABSENCE_REPORT } from '../../shared/absence.js';
import { EVENT_KINDS } from '../../shared/collections.js';
import { type App, createApp } from '../app.js';
import { findAccount, issueActivationCode } from '../auth/activation.js';
import { hashPassword } from '../auth/password.js';
import { insertLessons, type LessonRow } from '../demo/school.js';
import { addCustody, createClass, createPupil, createSchool, createUser, endCustody } from '../school/people.js';
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

const PRINCIPALS = [
  'anonymous',
  'pupilA',
  'pupilB',
  'guardianA',
  'guardianB',
  'exGuardianA',
  'staff',
  'admin',
] as const;
type Principal = (typeof PRINCIPALS)[number];

const EMAIL: Record<Exclude<Principal, 'anonymous'>, string> = {
  pupilA: 'ada@test.se',
  pupilB: 'bo@test.se',
  guardianA: 'ga@test.se',
  guardianB: 'gb@test.se',
  exGuardianA: 'gx@test.se',
  staff: 'staff@test.se',
  admin: 'admin@test.se',
};
const USER_ID: Record<Principal, string | null> = {
  anonymous: null,
  pupilA: 'ua',
  pupilB: 'ub',
  guardianA: 'ga',
  guardianB: 'gb',
  exGuardianA: 'gx',
  staff: 'staff',
  admin: 'admin',
};

/** What each principal may see through sync, written out by hand (not computed by the server's scope code). */
const SEES_PUPILS: Record<Principal, string[]> = {
  anonymous: [],
  pupilA: ['ada'],
  pupilB: ['bo'],
  guardianA: ['ada'],
  guardianB: ['bo'],
  exGuardianA: [],
  staff: [],
  admin: [],
};
const CLASS_OF: Record<string, string> = { ada: '4a', bo: '4b' };
const DAY = '2026-03-10';
const EVENT_KIND = EVENT_KINDS[0];
const ORIGIN = 'http://localhost';

interface World {
  app: App['app'];
  db: TestDatabase;
  /** Pupil A's file (an attachment of their IUP). */
  fileId: string;
  /** A fresh session for the principal (null: anonymous). */
  as(p: Principal): Promise<ApiClient | null>;
}

/** Two classes, two families with a pupil account each, a guardian whose custody ended, staff and an admin. */
async function buildWorld(db: TestDatabase) {
  const hash = await hashPassword(PASSWORD, TEST_SCRYPT);
  await db.transaction(async (tx) => {
    await createSchool(tx, { id: 's', name: 'Testskolan', municipality: 'Testkommun' });
    await createClass(tx, { id: '4a', schoolId: 's', name: '4A', year: 4 });
    await createClass(tx, { id: '4b', schoolId: 's', name: '4B', year: 4 });
    const user = (id: string, role: 'guardian' | 'pupil' | 'staff' | 'admin', name: string, email: string) =>
      createUser(tx, { id, role, name, email, passwordHash: hash });
    await user('ua', 'pupil', 'Ada Ahl', 'ada@test.se');
    await user('ub', 'pupil', 'Bo Berg', 'bo@test.se');
    await user('ga', 'guardian', 'Gun Ahl', 'ga@test.se');
    await user('gb', 'guardian', 'Bea Berg', 'gb@test.se');
    await user('gx', 'guardian', 'Ex Ahl', 'gx@test.se');
    await user('staff', 'staff', 'Sten Lärare', 'staff@test.se');
    await user('admin', 'admin', 'Åsa Admin', 'admin@test.se');
    await user('target', 'guardian', 'Tova Mål', 'target@test.se');
    await createPupil(tx, { id: 'ada', firstName: 'Ada', lastName: 'Ahl', classId: '4a', userId: 'ua' });
    await createPupil(tx, { id: 'bo', firstName: 'Bo', lastName: 'Berg', classId: '4b', userId: 'ub' });
    await addCustody(tx, 'ga', 'ada');
    await addCustody(tx, 'gx', 'ada');
    await addCustody(tx, 'gb', 'bo');
    await endCustody(tx, 'gx', 'ada', new Date('2026-03-01T00:00:00Z'));
    const lessons: LessonRow[] = ['4a', '4b'].flatMap((classId) =>
      ['08:00', '09:00'].map((start, i) => ({
        id: `${classId}-${DAY}-${i + 1}`,
        classId,
        date: DAY,
        start,
        end: `${start.slice(0, 2)}:50`,
        subject: 'Svenska',
        room: 'A1',
        teacher: 'Karin Holm',
        status: 'normal',
        substitute: '',
        note: '',
      })),
    );
    await insertLessons(tx, lessons);
  });
  await registerAbsence(db, { id: 'abs-ada', pupilId: 'ada', date: '2026-03-09' });
  await registerAbsence(db, { id: 'abs-bo', pupilId: 'bo', date: '2026-03-09' });
  await db.query("UPDATE users SET school_id = 's' WHERE id = 'staff'");
}

/** What staff publish, through the staff API: news for the school, an event for 4A, and pupil A's IUP with a file. */
async function publishBoxes(app: App['app']) {
  const staff = await signIn(app, EMAIL.staff);
  const put = async (path: string, body: unknown) => {
    const res = await staff.send(path, {
      method: path.endsWith('files') ? 'POST' : 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  await put('/api/staff/publications/news-s', { scope: { kind: 'school', id: 's' }, kind: 'news', title: 'Välkomna' });
  await put('/api/staff/events/event-4a', {
    scope: { kind: 'class', id: '4a' },
    kind: EVENT_KIND,
    title: 'Utflykt',
    date: DAY,
  });
  const file = await put('/api/staff/files', {
    name: 'iup-ada.pdf',
    type: 'application/pdf',
    scope: { kind: 'pupil', id: 'ada' },
    content: Buffer.from('%PDF-1.4 Ada').toString('base64'),
  });
  await put('/api/staff/publications/iup-ada', {
    scope: { kind: 'pupil', id: 'ada' },
    kind: 'documentation',
    docType: 'iup',
    title: 'IUP',
    attachments: [file.id],
  });
  await put('/api/staff/conferences/conf-4a', { classId: '4a', date: '2026-03-12', start: '15:00', end: '15:20' });
  return { fileId: file.id as string };
}

/** The scope keys a principal holds, written out by hand: own pupils, their classes, their school. */
function keysOf(p: Principal): Set<string> {
  const pupils = SEES_PUPILS[p];
  return new Set([
    ...pupils.map((x) => `pupil:${x}`),
    ...pupils.map((x) => `class:${CLASS_OF[x]}`),
    ...(pupils.length > 0 ? ['school:s'] : []),
  ]);
}

type Expected = number | 'ok';
interface Entry {
  /** Status per principal: a number, or 'ok' for any 2xx. */
  expect: Record<Principal, Expected>;
  /** Sends the request as `client` (null: anonymous). */
  send(w: World, client: ApiClient | null, p: Principal): Promise<Response>;
  /** Object-level checks after the cell's request. */
  check?(w: World, res: Response, p: Principal): Promise<void>;
}

const all = (e: Expected): Record<Principal, Expected> =>
  Object.fromEntries(PRINCIPALS.map((p) => [p, e])) as Record<Principal, Expected>;
const signedIn = (e: Expected): Record<Principal, Expected> => ({ ...all(e), anonymous: 401 });
const only = (roles: Principal[], e: Expected) => {
  const out: Record<Principal, Expected> = { ...all(403), anonymous: 401 };
  for (const r of roles) out[r] = e;
  return out;
};
const staffAndAdmin = (e: Expected) => only(['staff', 'admin'], e);

function send(client: ApiClient | null, w: World, method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { origin: ORIGIN };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const init = { method, headers, body: body === undefined ? undefined : JSON.stringify(body) };
  return client ? client.send(path, init) : Promise.resolve(w.app.request(`${ORIGIN}${path}`, init));
}
const get = (path: string) => (w: World, c: ApiClient | null) => send(c, w, 'GET', path);

/** A request that changes nothing the principal may not change: the target still signs in. */
async function targetUntouched(w: World, res: Response) {
  if (res.ok) return;
  const target = await w.as('guardianB');
  expect((await target?.get('/api/me'))?.status).toBe(200);
}

const MATRIX: Record<string, Entry> = {
  'GET /api/health': { expect: all(200), send: get('/api/health') },
  'POST /api/auth/password': {
    expect: { ...all(200), anonymous: 401 },
    // Everybody may try; a principal signs in as themself, anonymous with a wrong password.
    send: (w, c, p) =>
      send(c, w, 'POST', '/api/auth/password', {
        email: p === 'anonymous' ? 'ga@test.se' : EMAIL[p],
        password: p === 'anonymous' ? 'not the password' : PASSWORD,
      }),
  },
  'POST /api/auth/activate': {
    expect: all(200),
    async send(w, c) {
      const account = await findAccount(w.db, 'target');
      const issued = await issueActivationCode(w.db, account as NonNullable<typeof account>, 'admin', new Date());
      if ('error' in issued) throw new Error(issued.error);
      return send(c, w, 'POST', '/api/auth/activate', { code: issued.code, password: 'tova väljer själv' });
    },
    async check(_w, res) {
      expect((await res.json()).user.id).toBe('target'); // whoever enters the code becomes its account, only
    },
  },
  'POST /api/auth/logout': { expect: all(204), send: (w, c) => send(c, w, 'POST', '/api/auth/logout') },
  'GET /api/me': {
    expect: signedIn(200),
    send: get('/api/me'),
    async check(_w, res, p) {
      if (!res.ok) return;
      const me = await res.json();
      expect(me.user.id).toBe(USER_ID[p]);
      expect(me.pupils.map((x: { id: string }) => x.id)).toEqual(SEES_PUPILS[p]);
    },
  },
  'GET /api/auth/methods': { expect: all(200), send: get('/api/auth/methods') },
  // Identity providers are not configured here: the same answer for everybody (their own tests cover the flows).
  'POST /api/auth/bankid/start': {
    expect: all(503),
    send: (w, c) => send(c, w, 'POST', '/api/auth/bankid/start', { flow: 'qr' }),
  },
  'POST /api/auth/bankid/poll': { expect: all(503), send: (w, c) => send(c, w, 'POST', '/api/auth/bankid/poll') },
  'POST /api/auth/bankid/cancel': { expect: all(503), send: (w, c) => send(c, w, 'POST', '/api/auth/bankid/cancel') },
  'GET /api/auth/google/start': { expect: all(302), send: get('/api/auth/google/start') },
  'GET /api/auth/google/callback': { expect: all(302), send: get('/api/auth/google/callback?state=x&code=y') },

  'GET /api/sessions': {
    expect: signedIn(200),
    send: get('/api/sessions'),
    async check(w, res, p) {
      if (!res.ok) return;
      const { sessions } = await res.json();
      const own = await w.db.query('SELECT 1 FROM sessions WHERE user_id = $1', [USER_ID[p]]);
      expect(sessions).toHaveLength(own.length);
      expect(sessions.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    },
  },
  'DELETE /api/sessions': {
    expect: signedIn(200),
    send: (w, c) => send(c, w, 'DELETE', '/api/sessions'),
    async check(w, _res, p) {
      // Only the caller's own other sessions ended: guardian B's (when not the caller) lives.
      if (p !== 'guardianB') await targetUntouched(w, new Response(null, { status: 403 }));
    },
  },
  'DELETE /api/sessions/:id': {
    // Object level: everybody asks to end guardian B's session by its id; only guardian B may.
    expect: { ...signedIn(404), guardianB: 204 },
    async send(w, c, p) {
      const gb = p === 'guardianB' ? c : await w.as('guardianB');
      const id = (await (gb as ApiClient).json('/api/sessions')).sessions[0].id;
      return send(c, w, 'DELETE', `/api/sessions/${id}`);
    },
    check: async (w, res) => targetUntouched(w, res),
  },

  'POST /api/admin/activation-codes': {
    expect: only(['admin'], 201),
    send: (w, c) => send(c, w, 'POST', '/api/admin/activation-codes', { user: 'gb@test.se' }),
    async check(w, res) {
      const codes = await w.db.query("SELECT 1 FROM activation_codes WHERE user_id = 'gb'");
      expect(codes).toHaveLength(res.ok ? 1 : 0);
    },
  },
  'DELETE /api/admin/users/:user/sessions': {
    expect: only(['admin'], 200),
    async send(w, c) {
      await w.as('guardianB');
      return send(c, w, 'DELETE', '/api/admin/users/gb/sessions');
    },
    async check(w, res) {
      const left = await w.db.query("SELECT 1 FROM sessions WHERE user_id = 'gb'");
      if (res.ok) expect(left).toHaveLength(0);
      else expect(left.length).toBeGreaterThan(0);
    },
  },
  'POST /api/admin/users/:user/disable': {
    expect: only(['admin'], 204),
    send: (w, c) => send(c, w, 'POST', '/api/admin/users/target/disable'),
    async check(w, res) {
      const [row] = await w.db.query<{ disabled: boolean }>("SELECT disabled FROM users WHERE id = 'target'");
      expect(row?.disabled).toBe(res.ok);
      if (res.ok) await w.db.query("UPDATE users SET disabled = false WHERE id = 'target'");
    },
  },
  'POST /api/admin/users/:user/enable': {
    expect: only(['admin'], 204),
    async send(w, c) {
      await w.db.query("UPDATE users SET disabled = true WHERE id = 'target'");
      return send(c, w, 'POST', '/api/admin/users/target/enable');
    },
    async check(w, res) {
      const [row] = await w.db.query<{ disabled: boolean }>("SELECT disabled FROM users WHERE id = 'target'");
      expect(row?.disabled).toBe(!res.ok);
    },
  },

  'GET /api/sync': { expect: signedIn(200), send: get('/api/sync') },
  'GET /api/sync/stream': {
    expect: signedIn(200),
    async send(w, c) {
      const res = await send(c, w, 'GET', '/api/sync/stream');
      if (res.ok) await res.body?.cancel();
      return res;
    },
  },
  'GET /api/sync/:collection/pull': {
    expect: signedIn(200),
    send: get('/api/sync/pupils/pull'),
    async check(w, res, p) {
      if (!res.ok) return;
      // Object level, every core collection: exactly the principal's own documents.
      const client = (await w.as(p)) as ApiClient;
      const pupils = SEES_PUPILS[p];
      const pull = async (name: string) => (await pullPages(client, name)).documents.filter((d) => !d._deleted);
      expect((await pull('pupils')).map((d) => d.id).sort()).toEqual([...pupils].sort());
      expect(new Set((await pull('lessons')).map((d) => d.classId))).toEqual(new Set(pupils.map((x) => CLASS_OF[x])));
      expect((await pull('absences')).map((d) => d.pupilId).sort()).toEqual([...pupils].sort());
      const requests = await pull('requests');
      const authors = await w.db.query<{ author_id: string }>(
        'SELECT author_id FROM requests WHERE id = ANY($1::text[])',
        [requests.map((d) => d.id)],
      );
      expect(authors.every((a) => a.author_id === USER_ID[p])).toBe(true);
      // The boxes' collections: every document under a key the principal holds, and the ones published for them.
      const { collections } = await client.json('/api/sync');
      const seen = new Set<string>();
      for (const name of collections as string[]) {
        if (['pupils', 'lessons', 'absences', 'requests'].includes(name)) continue;
        for (const doc of await pull(name)) {
          expect(keysOf(p).has(`${doc.scopeKind}:${doc.scopeRef}`), `${name} ${doc.id} as ${p}`).toBe(true);
          seen.add(doc.id);
        }
      }
      const sees = SEES_PUPILS[p];
      if (collections.includes('publications')) {
        expect(seen.has('news-s')).toBe(sees.length > 0);
        expect(seen.has('iup-ada')).toBe(sees.includes('ada'));
      }
      if (collections.includes('events')) expect(seen.has('event-4a')).toBe(sees.includes('ada'));
      if (collections.includes('contacts')) {
        // The class list of each child's class, and no other.
        const contacts = await pull('contacts');
        const classes = new Set(contacts.filter((d) => d.scopeKind === 'class').map((d) => d.scopeRef));
        expect(classes).toEqual(new Set(sees.map((x) => CLASS_OF[x])));
      }
    },
  },
  'POST /api/sync/:collection/push': {
    // Object level: everybody reports an absence for pupil A; only A's guardian is accepted.
    expect: signedIn(200),
    async send(w, c) {
      const request = newRequest('ada', { date: DAY, wholeDay: true, comment: '' }, { kind: ABSENCE_REPORT });
      return c ? pushRequests(c, [request]) : send(null, w, 'POST', '/api/sync/requests/push', []);
    },
    async check(_w, res, p) {
      if (!res.ok) return;
      const conflicts = await res.json();
      if (p === 'guardianA') expect(conflicts).toEqual([]);
      else {
        expect(conflicts).toHaveLength(1);
        expect(conflicts[0].status).toBe('rejected');
        expect(conflicts[0].reasonCode).toBe(
          p.startsWith('pupil') || p === 'staff' || p === 'admin' ? 'not_guardian' : 'no_custody',
        );
      }
    },
  },

  // The staff API (publishing to boxes): staff and administrators only.
  'GET /api/staff/openapi.json': { expect: staffAndAdmin(200), send: get('/api/staff/openapi.json') },
  'POST /api/staff/files': {
    expect: staffAndAdmin(400),
    send: (w, c) => send(c, w, 'POST', '/api/staff/files', {}),
  },
  // The school's absence reports: staff of the school and administrators; no family, whatever it asks.
  'GET /api/staff/absence-reports': {
    expect: staffAndAdmin(200),
    send: get(`/api/staff/absence-reports?date=${DAY}`),
    async check(_w, res) {
      if (!res.ok) return expect(await res.text()).not.toContain('Ada');
      const page = await res.json();
      for (const r of page.reports) expect(['4a', '4b']).toContain(r.classId);
    },
  },
  'GET /api/staff/absence-reports/stream': {
    expect: staffAndAdmin(200),
    async send(w, c) {
      const res = await send(c, w, 'GET', '/api/staff/absence-reports/stream');
      if (res.ok) await res.body?.cancel();
      return res;
    },
  },
  'GET /api/files/:id': {
    // Object level: everybody asks for pupil A's file by its id.
    expect: { ...signedIn(404), pupilA: 200, guardianA: 200, staff: 200, admin: 200 },
    send: (w, c) => send(c, w, 'GET', `/api/files/${w.fileId}`),
    async check(_w, res) {
      if (res.ok) expect(await res.text()).toBe('%PDF-1.4 Ada');
      else expect(await res.text()).not.toContain('Ada');
    },
  },
  'ALL /api/*': { expect: all(404), send: get('/api/no-such-route') },

  // Utvecklingssamtal, the school's side: staff and administrators only, and only for their school.
  'GET /api/staff/classes': {
    expect: staffAndAdmin(200),
    send: get('/api/staff/classes'),
    async check(_w, res) {
      if (!res.ok) return;
      const { classes } = await res.json();
      expect(classes.map((c: { id: string }) => c.id)).toEqual(['4a', '4b']);
    },
  },
  'GET /api/staff/conferences': {
    expect: staffAndAdmin(200),
    send: get('/api/staff/conferences?classId=4a'),
    async check(_w, res) {
      if (!res.ok) return;
      const { slots } = await res.json();
      expect(slots.map((s: { id: string }) => s.id)).toEqual(['conf-4a']);
    },
  },
  'PUT /api/staff/conferences/:id': {
    expect: staffAndAdmin(400),
    send: (w, c) => send(c, w, 'PUT', '/api/staff/conferences/x1', {}),
  },
  'GET /api/staff/conferences/:id': {
    expect: staffAndAdmin(200),
    send: get('/api/staff/conferences/conf-4a'),
  },
  'DELETE /api/staff/conferences/:id': {
    expect: staffAndAdmin(404),
    send: (w, c) => send(c, w, 'DELETE', '/api/staff/conferences/x1'),
  },
};

// One entry per kind the staff API publishes: the same rule for each.
for (const kind of ['assessments', 'events', 'publications', 'contacts']) {
  MATRIX[`PUT /api/staff/${kind}/:id`] = {
    expect: staffAndAdmin(400),
    send: (w, c) => send(c, w, 'PUT', `/api/staff/${kind}/x1`, {}),
  };
  MATRIX[`GET /api/staff/${kind}/:id`] = { expect: staffAndAdmin(404), send: get(`/api/staff/${kind}/x1`) };
}
// What staff published is theirs to read back; nobody else's, whatever id they ask for.
MATRIX['GET /api/staff/publications/:id'] = {
  expect: staffAndAdmin(200),
  send: get('/api/staff/publications/iup-ada'),
};
for (const kind of ['assessments', 'events', 'publications', 'contacts']) {
  MATRIX[`DELETE /api/staff/${kind}/:id`] = {
    expect: staffAndAdmin(404),
    send: (w, c) => send(c, w, 'DELETE', `/api/staff/${kind}/x1`),
  };
}

// Fritidsschema, the school's side: staff and administrators only, each for their own school
// (an administrator names it), and nobody learns of another school's pupils by guessing ids.
MATRIX['GET /api/staff/care/times'] = {
  expect: staffAndAdmin(200),
  send: get('/api/staff/care/times?schoolId=s'),
};
MATRIX['PUT /api/staff/care/locks/:date'] = {
  expect: staffAndAdmin(400),
  send: (w, c) => send(c, w, 'PUT', `/api/staff/care/locks/${DAY}`, {}),
};
MATRIX['DELETE /api/staff/care/locks/:date'] = {
  expect: staffAndAdmin(404),
  send: (w, c) => send(c, w, 'DELETE', `/api/staff/care/locks/${DAY}?schoolId=s`),
};
MATRIX['PUT /api/staff/care/enrolments/:pupilId'] = {
  expect: staffAndAdmin(400),
  send: (w, c) => send(c, w, 'PUT', '/api/staff/care/enrolments/ada', { opens: 'x' }),
};
MATRIX['DELETE /api/staff/care/enrolments/:pupilId'] = {
  expect: staffAndAdmin(404),
  send: (w, c) => send(c, w, 'DELETE', '/api/staff/care/enrolments/bo'),
};
// Uppgifter and eTest (server/tasks/routes.ts): staff and administrators only; an id that is not there is 404.
MATRIX['GET /api/staff/tasks'] = { expect: staffAndAdmin(200), send: get('/api/staff/tasks') };
for (const [route, method, path, body] of [
  ['PUT /api/staff/tasks/:id', 'PUT', '/api/staff/tasks/x1', {}],
  ['GET /api/staff/tasks/:id', 'GET', '/api/staff/tasks/x1', undefined],
  ['DELETE /api/staff/tasks/:id', 'DELETE', '/api/staff/tasks/x1', undefined],
  [
    'POST /api/staff/tasks/:id/conversations/:pupilId',
    'POST',
    '/api/staff/tasks/x1/conversations/ada',
    { text: 'Hej' },
  ],
  ['PUT /api/staff/etests/:id', 'PUT', '/api/staff/etests/x1', {}],
  ['GET /api/staff/etests/:id', 'GET', '/api/staff/etests/x1', undefined],
  ['DELETE /api/staff/etests/:id', 'DELETE', '/api/staff/etests/x1', undefined],
  ['GET /api/staff/etests/:id/submissions', 'GET', '/api/staff/etests/x1/submissions', undefined],
  ['PUT /api/staff/etests/:id/results/:pupilId', 'PUT', '/api/staff/etests/x1/results/ada', {}],
] as const) {
  MATRIX[route] = {
    expect: staffAndAdmin(method === 'PUT' && body && !path.includes('/results/') ? 400 : 404),
    send: (w, c) => send(c, w, method, path, body),
  };
}

describe.each(engines)('the authorization matrix on %s', (engine) => {
  let db: TestDatabase;
  let app: App;
  let routes: string[];
  let fileId: string;
  beforeAll(async () => {
    db = await testDatabase(engine);
    await buildWorld(db);
    app = await createApp({ db, now: testClock('2026-03-10T07:30:00Z').now });
    ({ fileId } = await publishBoxes(app.app));
    routes = [...new Set(inspectRoutes(app.app).flatMap((r) => (r.isMiddleware ? [] : [`${r.method} ${r.path}`])))];
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  const world = (): World => ({
    app: app.app,
    db,
    fileId,
    as: async (p) => (p === 'anonymous' ? null : signIn(app.app, EMAIL[p])),
  });

  it('has a row for every route the app registers', () => {
    const missing = routes.filter((r) => !(r in MATRIX));
    expect(missing, 'routes missing from the authorization matrix').toEqual([]);
    console.log(`authorization matrix: ${routes.length} routes × ${PRINCIPALS.length} principals`);
  });

  it('allows and denies every route to every principal as the access rules say', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const entry = MATRIX[route];
      if (!entry) continue;
      for (const p of PRINCIPALS) {
        const w = world();
        const client = await w.as(p);
        const res = await entry.send(w, client, p);
        const want = entry.expect[p];
        const ok = want === 'ok' ? res.ok : res.status === want;
        if (!ok) failures.push(`${route} as ${p}: ${res.status}, expected ${want} ${await res.clone().text()}`);
        try {
          await entry.check?.(w, res, p);
        } catch (error) {
          failures.push(`${route} as ${p}: ${(error as Error).message}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
