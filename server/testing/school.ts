/**
 * A small school for tests, built through the same register functions the
 * app uses, and helpers to call the API as a signed-in user.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import { ABSENCE_REPORT } from '../../shared/absence.js';
import { addDays, type IsoDate, isoWeekday } from '../../shared/time.js';
import type { App } from '../app.js';
import { hashPassword } from '../auth/password.js';
import type { Database, Sql } from '../db/database.js';
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
    const ga = await createUser(tx, {
      id: 'ga',
      role: 'guardian',
      name: 'Gun Ahl',
      email: 'ga@test.se',
      passwordHash: hash,
    });
    const g2 = await createUser(tx, {
      id: 'g2',
      role: 'guardian',
      name: 'Tor Ahl',
      email: 'g2@test.se',
      passwordHash: hash,
    });
    const gb = await createUser(tx, {
      id: 'gb',
      role: 'guardian',
      name: 'Bea Berg',
      email: 'gb@test.se',
      passwordHash: hash,
    });
    const adaUser = await createUser(tx, {
      id: 'ua',
      role: 'pupil',
      name: 'Ada Ahl',
      email: 'ada@test.se',
      passwordHash: hash,
    });
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
  /** Any request, with the session cookie and this site's Origin unless `init.headers` say otherwise. */
  send(path: string, init?: RequestInit): Promise<Response>;
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
    send: async (path, init = {}) =>
      app.request(`http://localhost${path}`, {
        ...init,
        headers: { cookie, origin: 'http://localhost', ...(init.headers as Record<string, string> | undefined) },
      }),
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

/** One page of a pull, as the API returns it. */
export interface PullPage {
  documents: any[];
  checkpoint: any;
}

/**
 * Pulls like a device: page after page from `checkpoint` until a page is shorter
 * than `limit`. Keeps every page, so tests can see page lengths and repeats.
 */
export async function pullPages(client: ApiClient, collection: string, limit = 100, checkpoint: unknown = null) {
  const pages: PullPage[] = [];
  let cp: any = checkpoint;
  for (;;) {
    const q = cp ? `&checkpoint=${encodeURIComponent(JSON.stringify(cp))}` : '';
    const page = await client.json<PullPage>(`/api/sync/${collection}/pull?limit=${limit}${q}`);
    pages.push(page);
    // A page of documents must move the checkpoint forward, or a device would pull forever.
    const next = page.checkpoint;
    if (page.documents.length > 0 && cp && !(next.seq > cp.seq || (next.seq === cp.seq && next.id > cp.id))) {
      throw new Error(`${collection}: the checkpoint went from ${JSON.stringify(cp)} to ${JSON.stringify(next)}`);
    }
    cp = next;
    if (page.documents.length < limit) break;
  }
  const documents = pages.flatMap((p) => p.documents);
  return { pages, documents, ids: documents.map((d) => d.id as string), checkpoint: cp };
}

/** A device's checkpoints, one per collection, after pulling everything there is. */
export async function pullEverything(client: ApiClient, collections: readonly string[]) {
  const checkpoints: Record<string, unknown> = {};
  for (const c of collections) checkpoints[c] = (await pullPages(client, c)).checkpoint;
  return checkpoints;
}

/** A new request as a device makes it (pending, client-made UUID). */
export function newRequest(
  pupilId: string,
  payload: Record<string, unknown>,
  overrides: Partial<{ id: string; kind: string; createdAt: string }> = {},
) {
  return {
    id: overrides.id ?? randomUUID(),
    kind: overrides.kind ?? ABSENCE_REPORT,
    pupilId,
    payload,
    createdAt: overrides.createdAt ?? '2026-03-10T07:00:00.000Z',
    status: 'pending' as const,
  };
}

/** Pushes new requests the way RxDB does (assumedMasterState null); resolves to the response. */
export function pushRequests(client: ApiClient, docs: readonly object[]): Promise<Response> {
  return client.post(
    '/api/sync/requests/push',
    docs.map((newDocumentState) => ({ assumedMasterState: null, newDocumentState })),
  );
}

/** Inserts an absence the school registered (not through a request). */
export async function registerAbsence(
  db: Sql,
  a: { id: string; pupilId: string; date: IsoDate; from?: string; to?: string; comment?: string },
): Promise<void> {
  await db.query(
    `INSERT INTO absences (id, pupil_id, date, whole_day, from_time, to_time, source, validity, comment)
     VALUES ($1, $2, $3, $4, $5, $6, 'registered', 'valid', $7)`,
    [a.id, a.pupilId, a.date, a.from === undefined, a.from ?? '08:00', a.to ?? '11:50', a.comment ?? ''],
  );
}

/** A clock for `createApp({ now })` that tests move by hand. */
export interface TestClock {
  now(): Date;
  set(instant: Date | string): void;
  advance(ms: number): void;
}

export function testClock(start: Date | string): TestClock {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (instant) => {
      t = new Date(instant).getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

/** Polls `check` until it returns something truthy; fails after `timeout` ms. */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  what = 'a condition',
  timeout = 10_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const FINGERPRINT_TABLES = [
  'schools',
  'classes',
  'users',
  'pupils',
  'custody',
  'lessons',
  'requests',
  'absences',
  'scope_keys',
  'sessions',
] as const;

/** A digest of every table's rows: equal before and after means nothing changed. */
export async function fingerprint(db: Sql): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of FINGERPRINT_TABLES) {
    const [row] = await db.query<{ n: number; h: string }>(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM ${table} t`,
    );
    out[table] = `${row?.n}:${row?.h}`;
  }
  return out;
}

/** An event of the live stream: a data line, or a comment (heartbeat). */
export type StreamEvent = { data: string } | { comment: string };

/** A reader of an event stream: `GET /api/sync/stream` unless told another path. */
export interface EventStream {
  response: Response;
  /** The next event or comment; fails when none arrives within `timeout` ms or the stream ends. */
  next(timeout?: number): Promise<StreamEvent>;
  /** The next data event, skipping heartbeats; parsed JSON, or the text `RESYNC`. */
  nextData(timeout?: number): Promise<any>;
  /** Resolves once the server ended the stream (skipping whatever it still sends). */
  ended(timeout?: number): Promise<void>;
  close(): Promise<void>;
}

export async function openStream(client: ApiClient, path = '/api/sync/stream'): Promise<EventStream> {
  const response = await client.get(path);
  if (response.status !== 200 || !response.body) {
    throw new Error(`stream: ${response.status} ${await response.text()}`);
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let pending: Promise<ReadableStreamReadResult<Uint8Array>> | undefined;
  let done = false;

  /** Reads more bytes; false when the stream ended; throws on timeout. */
  async function fill(deadline: number): Promise<boolean> {
    if (done) return false;
    pending ??= reader.read();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), Math.max(0, deadline - Date.now()));
    });
    const result = await Promise.race([pending, timeout]);
    clearTimeout(timer);
    if (result === 'timeout') throw new Error('no stream event in time');
    pending = undefined;
    if (result.done) {
      done = true;
      return false;
    }
    buffer += decoder.decode(result.value, { stream: true });
    return true;
  }

  const stream: EventStream = {
    response,
    async next(timeout = 10_000) {
      const deadline = Date.now() + timeout;
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split('\n');
          const data = lines.filter((l) => l.startsWith('data:')).map((l) => l.slice(5).replace(/^ /, ''));
          if (data.length > 0) return { data: data.join('\n') };
          return { comment: lines.map((l) => l.replace(/^: ?/, '')).join('\n') };
        }
        if (!(await fill(deadline))) throw new Error('the stream ended');
      }
    },
    async nextData(timeout = 10_000) {
      const deadline = Date.now() + timeout;
      for (;;) {
        const event = await stream.next(Math.max(0, deadline - Date.now()));
        if ('data' in event) return event.data === 'RESYNC' ? 'RESYNC' : JSON.parse(event.data);
      }
    },
    async ended(timeout = 10_000) {
      const deadline = Date.now() + timeout;
      while (await fill(deadline)) buffer = '';
    },
    async close() {
      done = true;
      await reader.cancel().catch(() => undefined);
    },
  };
  return stream;
}
