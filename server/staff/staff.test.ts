import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectionSchemas } from '../../shared/collections.js';
import { instantInZone } from '../../shared/time.js';
import { validate } from '../../shared/validate.js';
import { type App, createApp } from '../app.js';
import { hashPassword } from '../auth/password.js';
import { setPupilPrivacy, setUserContact } from '../boxes/class-list.js';
import { addCustody, createClass, createPupil, createSchool, createUser, movePupil } from '../school/people.js';
import { engines, type TestDatabase, testDatabase } from '../testing/db.js';
import {
  type ApiClient,
  createTestSchool,
  PASSWORD,
  pullPages,
  signIn,
  TEST_SCRYPT,
  testClock,
} from '../testing/school.js';

const TODAY = '2026-03-10';

/** The test school, a staff member of it, and a second school with its own staff and pupil. */
async function schools(db: TestDatabase) {
  await createTestSchool(db, []);
  const hash = await hashPassword(PASSWORD, TEST_SCRYPT);
  await db.transaction(async (tx) => {
    await createSchool(tx, { id: 'other', name: 'Andra skolan', municipality: 'Testkommun' });
    await createClass(tx, { id: '9x', schoolId: 'other', name: '9X', year: 9 });
    const staff = await createUser(tx, {
      id: 'st',
      role: 'staff',
      name: 'Sara Lärare',
      email: 'st@test.se',
      passwordHash: hash,
    });
    await tx.query(`UPDATE users SET school_id = 's' WHERE id = $1`, [staff]);
    const other = await createUser(tx, {
      id: 'sto',
      role: 'staff',
      name: 'Olof Annan',
      email: 'sto@test.se',
      passwordHash: hash,
    });
    await tx.query(`UPDATE users SET school_id = 'other' WHERE id = $1`, [other]);
    await createUser(tx, { id: 'adm', role: 'admin', name: 'Ada Admin', email: 'adm@test.se', passwordHash: hash });
    const gx = await createUser(tx, {
      id: 'gx',
      role: 'guardian',
      name: 'Xena Ek',
      email: 'gx@test.se',
      passwordHash: hash,
    });
    const xavier = await createPupil(tx, { id: 'xavier', firstName: 'Xavier', lastName: 'Ek', classId: '9x' });
    await addCustody(tx, gx, xavier);
  });
}

const put = (client: ApiClient, path: string, body: unknown) =>
  client.send(path, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const del = (client: ApiClient, path: string) => client.send(path, { method: 'DELETE' });

const news = (scope: { kind: string; id: string }, over: Record<string, unknown> = {}) => ({
  scope,
  kind: 'news',
  title: 'Nyhet',
  body: '<p>Hej</p>',
  ...over,
});

describe.each(engines)('the staff API and the boxes on %s', (engine) => {
  let db: TestDatabase;
  let app: App;
  let staff: ApiClient;
  beforeEach(async () => {
    db = await testDatabase(engine);
    app = await createApp({ db, now: testClock(instantInZone(TODAY, '08:30')).now });
    await schools(db);
    staff = await signIn(app.app, 'st@test.se');
  });
  afterEach(async () => {
    await app.close();
    await db.close();
  });

  const ids = async (client: ApiClient, collection: string, checkpoint: unknown = null) => {
    const r = await pullPages(client, collection, 100, checkpoint);
    return { ...r, live: r.documents.filter((d) => !d._deleted), gone: r.documents.filter((d) => d._deleted) };
  };

  it('answers 401 signed out and 403 to guardians and pupils, on every staff route', async () => {
    const ga = await signIn(app.app, 'ga@test.se');
    const ada = await signIn(app.app, 'ada@test.se');
    const routes: [string, string][] = [
      ['GET', '/api/staff/openapi.json'],
      ['PUT', '/api/staff/publications/n1'],
      ['GET', '/api/staff/publications/n1'],
      ['DELETE', '/api/staff/events/e1'],
      ['POST', '/api/staff/files'],
      ['PUT', '/api/staff/assessments/a1'],
      ['PUT', '/api/staff/contacts/c1'],
    ];
    for (const [method, path] of routes) {
      const init = {
        method,
        headers: { 'content-type': 'application/json' },
        body: method === 'GET' || method === 'DELETE' ? undefined : '{}',
      };
      const anonymous = await app.app.request(`http://localhost${path}`, {
        ...init,
        headers: { ...init.headers, origin: 'http://localhost' },
      });
      expect(anonymous.status, `${method} ${path}`).toBe(401);
      for (const client of [ga, ada]) expect((await client.send(path, init)).status, `${method} ${path}`).toBe(403);
    }
    expect(await db.query('SELECT 1 FROM publications')).toEqual([]);
  });

  it('validates input: unknown fields, wrong types, bad dates, unsafe links, unknown scopes, bad ids', async () => {
    const bad: [string, unknown, string][] = [
      ['/api/staff/publications/n1', news({ kind: 'school', id: 's' }, { extra: 1 }), 'invalid_body'],
      ['/api/staff/publications/n1', news({ kind: 'school', id: 's' }, { title: 7 }), 'invalid_body'],
      ['/api/staff/publications/n1', news({ kind: 'planet', id: 's' }), 'invalid_body'],
      ['/api/staff/publications/n1', news({ kind: 'school', id: 'nowhere' }), 'unknown_scope'],
      ['/api/staff/publications/n1', news({ kind: 'school', id: 's' }, { date: '2026-02-30' }), 'invalid_body'],
      [
        '/api/staff/publications/l1',
        { scope: { kind: 'school', id: 's' }, kind: 'link', title: 'L', url: 'javascript:alert(1)' },
        'invalid_body',
      ],
      ['/api/staff/publications/l1', { scope: { kind: 'school', id: 's' }, kind: 'link', title: 'L' }, 'invalid_body'],
      [
        '/api/staff/publications/d1',
        { scope: { kind: 'class', id: '4a' }, kind: 'documentation', docType: 'iup', title: 'IUP' },
        'invalid_body',
      ],
      [
        '/api/staff/publications/d1',
        { scope: { kind: 'pupil', id: 'ada' }, kind: 'documentation', title: 'IUP' },
        'invalid_body',
      ],
      ['/api/staff/publications/f1', { scope: { kind: 'school', id: 's' }, kind: 'file', title: 'F' }, 'invalid_body'],
      [
        '/api/staff/publications/f1',
        { scope: { kind: 'school', id: 's' }, kind: 'file', title: 'F', attachments: ['nope'] },
        'invalid_attachment',
      ],
      ['/api/staff/publications/bad%20id', news({ kind: 'school', id: 's' }), 'invalid_id'],
      [
        '/api/staff/events/e1',
        { scope: { kind: 'school', id: 's' }, kind: 'event', title: 'E', date: TODAY, start: '10:00' },
        'invalid_body',
      ],
      [
        '/api/staff/events/e1',
        { scope: { kind: 'school', id: 's' }, kind: 'event', title: 'E', date: TODAY, start: '10:00', end: '09:00' },
        'invalid_body',
      ],
      [
        '/api/staff/events/e1',
        { scope: { kind: 'school', id: 's' }, kind: 'personal', title: 'E', date: TODAY },
        'invalid_body',
      ],
      [
        '/api/staff/assessments/a1',
        { pupilId: 'ada', subject: 'Ma', title: 'T', date: TODAY, requirements: [{ text: 'K', symbol: 'great' }] },
        'invalid_body',
      ],
      ['/api/staff/contacts/c1', { scope: { kind: 'pupil', id: 'ada' }, name: 'N' }, 'invalid_body'],
      ['/api/staff/contacts/cl-x', { scope: { kind: 'school', id: 's' }, name: 'N' }, 'invalid_id'],
    ];
    for (const [path, body, error] of bad) {
      const res = await put(staff, path, body);
      expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(400);
      expect(await res.json()).toEqual({ error, message: expect.any(String) });
    }
    const notJson = await staff.send('/api/staff/publications/n1', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect(notJson.status).toBe(400);
    for (const table of ['publications', 'events', 'assessments'])
      expect(await db.query(`SELECT 1 FROM ${table}`)).toEqual([]);
  });

  it('lets staff publish only for their own school; admins for every school', async () => {
    const other = await signIn(app.app, 'sto@test.se');
    expect((await put(other, '/api/staff/publications/n1', news({ kind: 'school', id: 's' }))).status).toBe(403);
    expect(
      (
        await put(other, '/api/staff/assessments/a1', {
          pupilId: 'ada',
          subject: 'Ma',
          title: 'T',
          date: TODAY,
          requirements: [],
        })
      ).status,
    ).toBe(403);
    expect((await put(staff, '/api/staff/publications/n1', news({ kind: 'school', id: 's' }))).status).toBe(201);
    expect((await del(other, '/api/staff/publications/n1')).status).toBe(403);
    expect((await other.get('/api/staff/publications/n1')).status).toBe(403);
    const admin = await signIn(app.app, 'adm@test.se');
    expect((await put(admin, '/api/staff/publications/n2', news({ kind: 'school', id: 'other' }))).status).toBe(201);
    expect((await del(admin, '/api/staff/publications/n1')).status).toBe(204);
  });

  it('publishes, updates, unpublishes and publishes again: each reaches the pull, unpublishing as a tombstone', async () => {
    const ga = await signIn(app.app, 'ga@test.se');
    const body = {
      pupilId: 'ada',
      subject: 'Matematik',
      title: 'Bråk',
      date: TODAY,
      teacher: 'Karin Holm',
      requirements: [
        { text: 'Löser problem', symbol: 'met' },
        { text: 'Resonerar', symbol: 'partlyMet' },
        { text: 'Jämför', symbol: null },
        { text: 'Beskriver' },
      ],
    };
    const created = await put(staff, '/api/staff/assessments/a1', body);
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ id: 'a1', scopeKind: 'pupil', scopeRef: 'ada', published: true });
    const first = await ids(ga, 'assessments');
    expect(first.live).toEqual([
      expect.objectContaining({
        id: 'a1',
        subject: 'Matematik',
        requirements: [
          { text: 'Löser problem', symbol: 'met' },
          { text: 'Resonerar', symbol: 'partlyMet' },
          { text: 'Jämför', symbol: '' },
          { text: 'Beskriver', symbol: '' },
        ],
      }),
    ]);
    for (const { _deleted, ...doc } of first.live) expect(validate(collectionSchemas.assessments, doc)).toEqual([]);

    expect((await put(staff, '/api/staff/assessments/a1', { ...body, title: 'Bråk och decimaltal' })).status).toBe(200);
    const updated = await ids(ga, 'assessments', first.checkpoint);
    expect(updated.live.map((d) => d.title)).toEqual(['Bråk och decimaltal']);

    expect((await del(staff, '/api/staff/assessments/a1')).status).toBe(204);
    const gone = await ids(ga, 'assessments', updated.checkpoint);
    expect(gone.documents).toEqual([
      expect.objectContaining({ id: 'a1', _deleted: true, subject: '', requirements: [] }),
    ]);
    expect(await (await staff.get('/api/staff/assessments/a1')).json()).toMatchObject({ published: false });
    // A device that never had it gets nothing but the tombstone.
    const g2 = await signIn(app.app, 'g2@test.se');
    expect((await ids(g2, 'assessments')).live).toEqual([]);

    expect((await put(staff, '/api/staff/assessments/a1', body)).status).toBe(200);
    const back = await ids(ga, 'assessments', gone.checkpoint);
    expect(back.live.map((d) => [d.id, d.title])).toEqual([['a1', 'Bråk']]);
    expect((await del(staff, '/api/staff/assessments/nope')).status).toBe(404);
  });

  it('keeps an item’s scope: publishing it for another class or pupil is refused', async () => {
    expect((await put(staff, '/api/staff/publications/n1', news({ kind: 'class', id: '4a' }))).status).toBe(201);
    const res = await put(staff, '/api/staff/publications/n1', news({ kind: 'class', id: '4b' }));
    expect(res.status).toBe(409);
    expect((await res.json()).error).toBe('scope_fixed');
    await expect(db.query(`UPDATE publications SET scope_ref = '4b' WHERE id = 'n1'`)).rejects.toThrow(/cannot change/);
  });

  it('gives each family only its own children’s items: school items to all, class and pupil items to their own', async () => {
    const items: [string, unknown][] = [
      ['school-news', news({ kind: 'school', id: 's' })],
      ['news-4a', news({ kind: 'class', id: '4a' })],
      ['news-4b', news({ kind: 'class', id: '4b' })],
      [
        'doc-ada',
        {
          scope: { kind: 'pupil', id: 'ada' },
          kind: 'documentation',
          docType: 'iup',
          title: 'IUP Ada',
          body: '<p>Hemligt</p>',
        },
      ],
      [
        'doc-bo',
        { scope: { kind: 'pupil', id: 'bo' }, kind: 'documentation', docType: 'note', title: 'Anteckning Bo' },
      ],
      [
        'plan-4b',
        { scope: { kind: 'class', id: '4b' }, kind: 'planning', title: 'Bråk', subject: 'Matematik', goals: ['Mål 1'] },
      ],
    ];
    for (const [id, body] of items) expect((await put(staff, `/api/staff/publications/${id}`, body)).status).toBe(201);
    await put(staff, '/api/staff/events/trip-4a', {
      scope: { kind: 'class', id: '4a' },
      kind: 'trip',
      title: 'Utflykt',
      date: TODAY,
    });
    await put(staff, '/api/staff/events/own-bo', {
      scope: { kind: 'pupil', id: 'bo' },
      kind: 'personal',
      title: 'Elevråd',
      date: TODAY,
      start: '12:00',
      end: '12:30',
    });
    const admin = await signIn(app.app, 'adm@test.se');
    await put(admin, '/api/staff/publications/other-school', news({ kind: 'school', id: 'other' }));

    const expected: Record<string, { publications: string[]; events: string[] }> = {
      'ga@test.se': { publications: ['doc-ada', 'news-4a', 'school-news'], events: ['trip-4a'] },
      'ada@test.se': { publications: ['doc-ada', 'news-4a', 'school-news'], events: ['trip-4a'] },
      'gb@test.se': { publications: ['doc-bo', 'news-4b', 'plan-4b', 'school-news'], events: ['own-bo'] },
      'gx@test.se': { publications: ['other-school'], events: [] },
    };
    for (const [email, want] of Object.entries(expected)) {
      const client = await signIn(app.app, email);
      const pubs = await ids(client, 'publications');
      expect(pubs.live.map((d) => d.id).sort(), email).toEqual(want.publications);
      for (const { _deleted, ...doc } of pubs.live) expect(validate(collectionSchemas.publications, doc)).toEqual([]);
      expect((await ids(client, 'events')).live.map((d) => d.id).sort(), email).toEqual(want.events);
    }
  });

  it('serves a file only to those who hold its scope while a published item attaches it', async () => {
    const upload = async (scope: { kind: string; id: string }, name: string, content: string, type = 'text/plain') => {
      const res = await staff.post('/api/staff/files', {
        name,
        type,
        scope,
        content: Buffer.from(content).toString('base64'),
      });
      expect(res.status).toBe(201);
      return (await res.json()) as { id: string; size: number };
    };
    const adaFile = await upload({ kind: 'pupil', id: 'ada' }, 'Åtgärdsprogram Ada.txt', 'Adas åtgärdsprogram');
    const schoolFile = await upload({ kind: 'school', id: 's' }, 'Läsårstider.txt', 'Läsåret börjar i augusti');
    // Not yet attached to anything published: nobody gets it.
    const ga = await signIn(app.app, 'ga@test.se');
    expect((await ga.get(`/api/files/${adaFile.id}`)).status).toBe(404);
    // A file uploaded for Ada cannot be attached to something for the whole school.
    expect(
      (
        await put(staff, '/api/staff/publications/f-bad', {
          scope: { kind: 'school', id: 's' },
          kind: 'file',
          title: 'F',
          attachments: [adaFile.id],
        })
      ).status,
    ).toBe(400);
    await put(staff, '/api/staff/publications/doc-ada', {
      scope: { kind: 'pupil', id: 'ada' },
      kind: 'documentation',
      docType: 'actionProgramme',
      title: 'ÅP',
      attachments: [adaFile.id],
    });
    await put(staff, '/api/staff/publications/f-school', {
      scope: { kind: 'school', id: 's' },
      kind: 'file',
      title: 'Läsårstider',
      attachments: [schoolFile.id],
    });

    const got = await ga.get(`/api/files/${adaFile.id}`);
    expect(got.status).toBe(200);
    expect(await got.text()).toBe('Adas åtgärdsprogram');
    expect(got.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(got.headers.get('content-disposition')).toContain("filename*=UTF-8''%C3%85tg%C3%A4rdsprogram%20Ada.txt");
    expect(got.headers.get('cache-control')).toBe('private, no-store');
    expect((await (await signIn(app.app, 'ada@test.se')).get(`/api/files/${adaFile.id}`)).status).toBe(200);
    // Bo's guardian, of the same school, gets the school's file and never Ada's.
    const gb = await signIn(app.app, 'gb@test.se');
    expect((await gb.get(`/api/files/${adaFile.id}`)).status).toBe(404);
    expect((await gb.get(`/api/files/${schoolFile.id}`)).status).toBe(200);
    // The other school's staff and families get neither.
    expect((await (await signIn(app.app, 'sto@test.se')).get(`/api/files/${adaFile.id}`)).status).toBe(404);
    expect((await (await signIn(app.app, 'gx@test.se')).get(`/api/files/${schoolFile.id}`)).status).toBe(404);
    expect((await app.app.request(`http://localhost/api/files/${adaFile.id}`)).status).toBe(401);
    // Unpublished: gone for everybody.
    await del(staff, '/api/staff/publications/doc-ada');
    expect((await ga.get(`/api/files/${adaFile.id}`)).status).toBe(404);
    // Only allowed types are taken.
    const html = await staff.post('/api/staff/files', {
      name: 'x.html',
      type: 'text/html',
      scope: { kind: 'school', id: 's' },
      content: 'PHA+',
    });
    expect(html.status).toBe(400);
  });

  it('builds class lists from the register, keeping protected people out, and follows register changes', async () => {
    await db.transaction(async (tx) => {
      await setUserContact(tx, 'ga', { phone: '070-111' });
      await setUserContact(tx, 'gb', { phone: '070-222' });
      const cia = await createPupil(tx, { id: 'cia', firstName: 'Cia', lastName: 'Ceder', classId: '4a' });
      const gc = await createUser(tx, { id: 'gc', role: 'guardian', name: 'Carl Ceder', email: 'gc@test.se' });
      await addCustody(tx, gc, cia);
    });
    const gb = await signIn(app.app, 'gb@test.se');
    const ga = await signIn(app.app, 'ga@test.se');
    const list = async (client: ApiClient, cp: unknown = null) => ids(client, 'contacts', cp);
    const first = await list(ga);
    expect(
      first.live.map((d) => [
        d.name,
        d.role,
        d.guardians.map((g: { name: string; phone: string }) => `${g.name} ${g.phone}`),
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['Ada Ahl', '4A', ['Gun Ahl 070-111', 'Tor Ahl ']],
        ['Cia Ceder', '4A', ['Carl Ceder ']],
      ]),
    );
    expect(first.live).toHaveLength(2);
    // Bo's family sees 4B's list, not 4A's.
    expect((await list(gb)).live.map((d) => d.name)).toEqual(['Bo Berg']);

    // Cia gets protected identity: off the list. Tor Ahl gets protected identity: off Ada's entry.
    await db.transaction(async (tx) => {
      await setPupilPrivacy(tx, 'cia', { protectedIdentity: true });
      await setUserContact(tx, 'g2', { protectedIdentity: true });
    });
    const second = await list(ga, first.checkpoint);
    expect(second.gone.map((d) => d.id)).toEqual(['cl-4a-cia']);
    expect(second.live.map((d) => [d.name, d.guardians.map((g: { name: string }) => g.name)])).toEqual([
      ['Ada Ahl', ['Gun Ahl']],
    ]);
    const everything = JSON.stringify((await list(ga)).documents);
    expect(everything).not.toContain('Cia');
    expect(everything).not.toContain('Carl');
    expect(everything).not.toContain('Tor Ahl');
    expect(everything).not.toContain('g2@test.se');

    // The school shows the protected pupil's name (only): back, without guardians.
    await db.transaction((tx) => setPupilPrivacy(tx, 'cia', { nameInClassList: true }));
    const third = await list(ga, second.checkpoint);
    expect(third.live.map((d) => [d.name, d.guardians])).toEqual([['Cia Ceder', []]]);

    // Bo moves to 4A: his entry leaves 4B's list and joins 4A's.
    await db.transaction((tx) => movePupil(tx, 'bo', '4a'));
    const fourth = await list(ga, third.checkpoint);
    expect(fourth.live.map((d) => [d.id, d.name])).toEqual([['cl-4a-bo', 'Bo Berg']]);
    for (const { _deleted, ...doc } of fourth.live) expect(validate(collectionSchemas.contacts, doc)).toEqual([]);
  });

  it('publishes staff contacts for a school or a class, and refuses to edit class-list entries', async () => {
    expect(
      (
        await put(staff, '/api/staff/contacts/principal', {
          scope: { kind: 'school', id: 's' },
          name: 'Rut Rektor',
          role: 'Rektor',
          email: 'Rut@Test.se',
          phone: '0123-45',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await put(staff, '/api/staff/contacts/mentor-4b', {
          scope: { kind: 'class', id: '4b' },
          name: 'Mia Mentor',
          role: 'Mentor 4B',
        })
      ).status,
    ).toBe(201);
    const ga = await signIn(app.app, 'ga@test.se');
    const staffList = (await ids(ga, 'contacts')).live.filter((d) => d.kind === 'staff');
    expect(staffList.map((d) => [d.name, d.role, d.email])).toEqual([['Rut Rektor', 'Rektor', 'rut@test.se']]);
    expect((await del(staff, '/api/staff/contacts/cl-4a-ada')).status).toBe(409);
  });

  it('describes every staff route in its OpenAPI document', async () => {
    const doc = await staff.json('/api/staff/openapi.json');
    expect(doc.openapi).toBe('3.1.0');
    const routes = app.app.routes
      .filter((r) => r.path.startsWith('/api/staff/') && r.method !== 'ALL')
      .map((r) => [r.method.toLowerCase(), r.path.replace(/:(\w+)/g, '{$1}')] as const);
    expect(routes.length).toBeGreaterThan(12);
    for (const [method, path] of routes) {
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
    // Every $ref points at a schema that exists.
    for (const [, ref] of JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)) {
      expect(doc.components.schemas[ref as string], ref).toBeDefined();
    }
  });
});
