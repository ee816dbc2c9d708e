import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reasonText } from '../../shared/i18n/index.js';
import { instantInZone } from '../../shared/time.js';
import { type App, createApp, MAX_BODY_BYTES } from '../app.js';
import { endCustody } from '../school/people.js';
import { engines, type TestDatabase, testDatabase } from '../testing/db.js';
import {
  type ApiClient,
  createTestSchool,
  fingerprint,
  newRequest,
  pullPages,
  pushRequests,
  signIn,
  testClock,
  weekdays,
} from '../testing/school.js';
import { MAX_PUSH_ROWS } from './routes.js';

const TODAY = '2026-03-10'; // Tuesday; the server's clock reads 08:30 in Stockholm
const TOMORROW = '2026-03-11';

describe.each(engines)('push on %s', (engine) => {
  let db: TestDatabase;
  let app: App;
  let ga: ApiClient;
  beforeEach(async () => {
    db = await testDatabase(engine);
    app = await createApp({ db, now: testClock(instantInZone(TODAY, '08:30')).now });
    await createTestSchool(db, weekdays('2026-03-09', 5));
    ga = await signIn(app.app, 'ga@test.se');
  });
  afterEach(async () => {
    await app.close();
    await db.close();
  });

  const count = async (table: string) =>
    (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]?.n;

  /** Pushes one request and returns the response body (after checking it is a 200 JSON array). */
  async function push(client: ApiClient, doc: object): Promise<any[]> {
    const res = await pushRequests(client, [doc]);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(Array.isArray(body)).toBe(true);
    return body;
  }

  it('accepts a guardian’s report for part of today: one request, one absence, pulled back by both guardians', async () => {
    const request = newRequest('ada', {
      date: TODAY,
      wholeDay: false,
      from: '09:00',
      to: '10:00',
      comment: 'Tandläkare',
    });
    expect(await push(ga, request)).toEqual([]);

    expect(await db.query('SELECT author_id, status, reason, reason_code FROM requests')).toEqual([
      { author_id: 'ga', status: 'accepted', reason: '', reason_code: '' },
    ]);
    expect(
      await db.query(
        `SELECT id, pupil_id, date, whole_day, from_time, to_time, lesson_ids, source, validity, comment, reported_by,
                request_id
           FROM absences`,
      ),
    ).toEqual([
      {
        id: request.id,
        pupil_id: 'ada',
        date: TODAY,
        whole_day: false,
        from_time: '09:00',
        to_time: '10:00',
        lesson_ids: [`4a-${TODAY}-2`], // 09:00–09:50; the 10:00 lesson only touches the range's end
        source: 'reported',
        validity: 'reported',
        comment: 'Tandläkare',
        reported_by: 'Gun Ahl',
        request_id: request.id,
      },
    ]);

    const requests = await pullPages(ga, 'requests');
    expect(requests.documents).toEqual([
      expect.objectContaining({ id: request.id, status: 'accepted', reason: '', payload: request.payload }),
    ]);
    const g2 = await signIn(app.app, 'g2@test.se');
    for (const client of [ga, g2]) {
      expect((await pullPages(client, 'absences')).documents).toEqual([
        expect.objectContaining({ id: request.id, pupilId: 'ada', source: 'reported', from: '09:00', to: '10:00' }),
      ]);
    }
    expect((await pullPages(g2, 'requests')).documents).toEqual([]);
  });

  it('changes nothing when the same push arrives again, and returns the master state to the device', async () => {
    const request = newRequest('ada', { date: TOMORROW, wholeDay: true });
    expect(await push(ga, request)).toEqual([]);
    const before = await fingerprint(db);

    // RxDB pushes with assumedMasterState null again (a lost response): the server's state comes back.
    const again = await push(ga, request);
    expect(again).toEqual([
      expect.objectContaining({ id: request.id, status: 'accepted', pupilId: 'ada', _deleted: false }),
    ]);
    expect(await fingerprint(db)).toEqual(before);
    expect(await count('requests')).toBe(1);
    expect(await count('absences')).toBe(1);

    // A device that already holds the master state and pushes it unchanged hears nothing back.
    const { _deleted, ...master } = again[0];
    const res = await ga.post('/api/sync/requests/push', [{ assumedMasterState: again[0], newDocumentState: master }]);
    expect(await res.json()).toEqual([]);
    expect(await fingerprint(db)).toEqual(before);
  });

  it('stores a request pushed twice at the same moment exactly once', async () => {
    const request = newRequest('ada', { date: TODAY, wholeDay: true });
    const [a, b] = await Promise.all([pushRequests(ga, [request]), pushRequests(ga, [request])]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(await count('requests')).toBe(1);
    expect(await count('absences')).toBe(1);
  });

  it('returns a business rejection as master state with a Swedish reason, status 200, and stores no absence', async () => {
    const request = newRequest('ada', { date: '2026-03-12', wholeDay: true });
    const [master] = await push(ga, request);
    expect(master).toEqual({
      ...request,
      status: 'rejected',
      reasonCode: 'date_not_reportable',
      reasonParams: { date: '2026-03-12', today: TODAY },
      reason: reasonText('sv', 'date_not_reportable', { date: '2026-03-12', today: TODAY }),
      receivedAt: instantInZone(TODAY, '08:30').toISOString(),
      updatedAt: expect.any(String),
      _deleted: false,
    });
    expect(master.reason).toMatch(/idag eller i morgon.*torsdag 12 mars.*tisdag 10 mars/);
    expect(await count('absences')).toBe(0);
    expect((await pullPages(ga, 'requests')).documents).toEqual([{ ...master, _deleted: false }]);

    // Pushed again, the same rejection comes back and nothing changes.
    const before = await fingerprint(db);
    expect(await push(ga, request)).toEqual([master]);
    expect(await fingerprint(db)).toEqual(before);
  });

  it('rejects reports that break the rules, each with its reason code and a Swedish reason, storing no absence', async () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['outside_schedule', { date: TODAY, wholeDay: false, from: '15:00', to: '16:00' }, /utanför elevens schema/],
      ['invalid_time_range', { date: TODAY, wholeDay: false, from: '10:00', to: '09:00' }, /måste vara efter/],
      ['unknown_lessons', { date: TODAY, wholeDay: false, lessonIds: [`4b-${TODAY}-1`] }, /finns inte/],
      ['comment_too_long', { date: TODAY, wholeDay: true, comment: 'x'.repeat(501) }, /högst 500 tecken/],
      ['invalid_payload', { date: TODAY, wholeDay: 'ja' }, /ofullständig/],
      ['invalid_payload', { date: '2026-02-30', wholeDay: true }, /ofullständig/],
      ['invalid_payload', { date: 'tomorrow', wholeDay: true }, /ofullständig/],
      ['invalid_payload', { date: TODAY, wholeDay: true, smuggled: 1 }, /ofullständig/],
    ];
    for (const [i, [code, payload, reason]] of cases.entries()) {
      const [master] = await push(ga, newRequest('ada', payload));
      expect(master, JSON.stringify(payload)).toMatchObject({ status: 'rejected', reasonCode: code });
      expect(master.reason).toMatch(reason);
      expect(await count('requests')).toBe(i + 1);
    }
    expect(await count('absences')).toBe(0);
  });

  it('rejects a request of a kind the school does not know', async () => {
    const [master] = await push(ga, newRequest('ada', { date: TODAY }, { kind: 'no.such.kind' }));
    expect(master).toMatchObject({ status: 'rejected', reasonCode: 'unknown_kind', kind: 'no.such.kind' });
  });

  it('decides for itself: a request pushed as already accepted is still judged', async () => {
    const request = { ...newRequest('ada', { date: '2026-03-20', wholeDay: true }), status: 'accepted' };
    const [master] = await push(ga, request);
    expect(master).toMatchObject({ status: 'rejected', reasonCode: 'date_not_reportable' });
    expect(await count('absences')).toBe(0);
  });

  it('rejects a pupil’s own report: only guardians report absence', async () => {
    const ada = await signIn(app.app, 'ada@test.se');
    const [master] = await push(ada, newRequest('ada', { date: TODAY, wholeDay: true }));
    expect(master).toMatchObject({ status: 'rejected', reasonCode: 'not_guardian' });
    expect(master.reason).toBe('Bara vårdnadshavare kan rapportera frånvaro.');
    expect(await count('absences')).toBe(0);
  });

  it('rejects a report for a child whose custody ended, and for somebody else’s child', async () => {
    await db.transaction((tx) => endCustody(tx, 'ga', 'ada', new Date()));
    const [ended] = await push(ga, newRequest('ada', { date: TODAY, wholeDay: true }));
    expect(ended).toMatchObject({ status: 'rejected', reasonCode: 'no_custody' });
    const [other] = await push(ga, newRequest('bo', { date: TODAY, wholeDay: true }));
    expect(other).toMatchObject({ status: 'rejected', reasonCode: 'no_custody' });
    expect(await count('absences')).toBe(0);
  });

  it('refuses a request id that belongs to another user without revealing that request', async () => {
    const mine = newRequest('ada', { date: TODAY, wholeDay: false, from: '08:00', to: '09:00', comment: 'Läkarbesök' });
    expect(await push(ga, mine)).toEqual([]);
    const gb = await signIn(app.app, 'gb@test.se');
    const before = await fingerprint(db);

    const theirs = { ...newRequest('bo', { date: TOMORROW, wholeDay: true }), id: mine.id };
    const [answer] = await push(gb, theirs);
    expect(answer).toMatchObject({ ...theirs, status: 'rejected', reasonCode: 'not_yours', _deleted: false });
    const text = JSON.stringify(answer);
    for (const secret of ['ada', 'Läkarbesök', '08:00', 'Gun Ahl']) expect(text).not.toContain(secret);
    expect(await fingerprint(db)).toEqual(before);
    expect((await pullPages(gb, 'requests')).documents).toEqual([]);
    expect((await pullPages(gb, 'absences')).documents).toEqual([]);
  });

  it('stores nothing for a new request pushed as deleted', async () => {
    const before = await fingerprint(db);
    const res = await ga.post('/api/sync/requests/push', [
      {
        assumedMasterState: null,
        newDocumentState: { ...newRequest('ada', { date: TODAY, wholeDay: true }), _deleted: true },
      },
    ]);
    expect(await res.json()).toEqual([]);
    expect(await fingerprint(db)).toEqual(before);
  });

  describe('malformed input gets a 4xx JSON error and changes nothing', () => {
    const valid = () => ({
      assumedMasterState: null,
      newDocumentState: newRequest('ada', { date: TODAY, wholeDay: true }),
    });
    const withDoc = (changes: Record<string, unknown>) =>
      JSON.stringify([{ ...valid(), newDocumentState: { ...valid().newDocumentState, ...changes } }]);
    const checkpoint = (cp: string) => `/api/sync/lessons/pull?checkpoint=${encodeURIComponent(cp)}`;
    const PUSH = '/api/sync/requests/push';
    type Case = [name: string, request: { method?: string; path: string; type?: string | null; body?: string }];

    const groups: [string, number, string, Case[]][] = [
      [
        'a push body that is not JSON',
        400,
        'invalid_json',
        [
          ['cut off', { path: PUSH, body: '[{"assumedMasterState": null,' }],
          ['empty', { path: PUSH, body: '' }],
        ],
      ],
      [
        'a push body that is not an array',
        400,
        'invalid_body',
        [
          ['an object', { path: PUSH, body: '{"rows": []}' }],
          ['null', { path: PUSH, body: 'null' }],
        ],
      ],
      [
        'push rows of the wrong shape or types (none of the batch is applied)',
        400,
        'invalid_document',
        [
          ['a number as row', { path: PUSH, body: '[42]' }],
          ['no newDocumentState', { path: PUSH, body: '[{"assumedMasterState": null}]' }],
          ['kind is a number', { path: PUSH, body: withDoc({ kind: 7 }) }],
          ['payload is a string', { path: PUSH, body: withDoc({ payload: 'x' }) }],
          ['a field the schema does not know', { path: PUSH, body: withDoc({ authorId: 'gb' }) }],
          ['an id that is not a UUID', { path: PUSH, body: withDoc({ id: 'x; DROP TABLE requests' }) }],
          [
            'a valid row, then a bad one',
            { path: PUSH, body: JSON.stringify([valid(), { newDocumentState: { id: 1 } }]) },
          ],
        ],
      ],
      [
        'an unknown collection',
        404,
        'unknown_collection',
        [
          ['push', { path: '/api/sync/grades/push', body: '[]' }],
          ['pull', { method: 'GET', path: '/api/sync/grades/pull' }],
          ['a name from Object.prototype', { method: 'GET', path: '/api/sync/toString/pull' }],
        ],
      ],
      [
        'a push to a read-only collection',
        405,
        'read_only',
        [
          ['lessons', { path: '/api/sync/lessons/push', body: JSON.stringify([valid()]) }],
          ['absences', { path: '/api/sync/absences/push', body: '[]' }],
        ],
      ],
      [
        'a bad checkpoint or limit in a pull',
        400,
        'invalid_query',
        [
          ['checkpoint not JSON', { method: 'GET', path: checkpoint('seq5') }],
          ['negative sequence', { method: 'GET', path: checkpoint('{"seq":-1,"id":""}') }],
          ['fractional sequence', { method: 'GET', path: checkpoint('{"seq":1.5,"id":""}') }],
          ['no id', { method: 'GET', path: checkpoint('{"seq":3}') }],
          ['extra fields', { method: 'GET', path: checkpoint('{"seq":3,"id":"a","x":1}') }],
          ['an array', { method: 'GET', path: checkpoint('[3,"a"]') }],
          ['limit 0', { method: 'GET', path: '/api/sync/lessons/pull?limit=0' }],
          ['limit above the maximum', { method: 'GET', path: '/api/sync/lessons/pull?limit=501' }],
          ['limit not a number', { method: 'GET', path: '/api/sync/lessons/pull?limit=all' }],
          ['fractional limit', { method: 'GET', path: '/api/sync/lessons/pull?limit=2.5' }],
        ],
      ],
      [
        'a push body not sent as JSON',
        415,
        'unsupported_media_type',
        [
          ['text/plain', { path: PUSH, type: 'text/plain', body: JSON.stringify([valid()]) }],
          ['no content type', { path: PUSH, type: null, body: JSON.stringify([valid()]) }],
        ],
      ],
      [
        'an oversized push',
        413,
        'body_too_large',
        [['a body over the limit', { path: PUSH, body: withDoc({ payload: { c: 'x'.repeat(MAX_BODY_BYTES) } }) }]],
      ],
      [
        'a push of more rows than one push may hold',
        413,
        'too_many_rows',
        [['101 rows', { path: PUSH, body: JSON.stringify(Array.from({ length: MAX_PUSH_ROWS + 1 }, valid)) }]],
      ],
    ];

    it.each(groups)('answers %s with %i {error: "%s"}', async (_, status, error, cases) => {
      for (const [name, { method = 'POST', path, type = 'application/json', body }] of cases) {
        const before = await fingerprint(db);
        const headers: Record<string, string> = {};
        if (type) headers['content-type'] = type;
        const res = await ga.send(path, { method, headers, body });
        expect(res.status, name).toBe(status);
        expect(res.headers.get('content-type'), name).toMatch(/^application\/json/);
        expect(await res.json(), name).toEqual({ error, message: expect.stringMatching(/\S/) });
        expect(await fingerprint(db), name).toEqual(before);
      }
    });

    it('refuses a push from somebody signed out', async () => {
      const before = await fingerprint(db);
      const res = await app.app.request('http://localhost/api/sync/requests/push', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'http://localhost' },
        body: JSON.stringify([valid()]),
      });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: 'unauthenticated', message: expect.any(String) });
      expect(await fingerprint(db)).toEqual(before);
    });
  });
});
