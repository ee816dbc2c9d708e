import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TaskDoc } from '../../shared/collections.js';
import { TASK_MESSAGE } from '../../shared/tasks.js';
import { instantInZone } from '../../shared/time.js';
import { type App, createApp } from '../app.js';
import { engines, type TestDatabase, testDatabase } from '../testing/db.js';
import { type ApiClient, newRequest, pullPages, pushRequests, signIn, testClock } from '../testing/school.js';
import { createTaskSchool, postJson, putJson } from './testing.js';

const TODAY = '2026-03-10';
const message = (pupilId: string, taskId: string, text: string, id?: string) =>
  newRequest(pupilId, { taskId, text }, { kind: TASK_MESSAGE, ...(id ? { id } : {}) });

describe.each(engines)('Uppgifter (assignments and their conversations) on %s', (engine) => {
  let db: TestDatabase;
  let app: App;
  let staff: ApiClient;
  let ada: ApiClient;
  beforeEach(async () => {
    db = await testDatabase(engine);
    app = await createApp({ db, now: testClock(instantInZone(TODAY, '08:30')).now });
    await createTaskSchool(db);
    staff = await signIn(app.app, 'st@test.se');
    ada = await signIn(app.app, 'ada@test.se');
    const res = await putJson(staff, '/api/staff/tasks/t-4a', {
      scope: { kind: 'class', id: '4a' },
      title: 'Bokrecension',
      subject: 'Svenska',
      instructions: '<p>Läs en bok.</p><script>alert(1)</script>',
      deadline: '2026-03-20T16:00:00+01:00',
    });
    expect(res.status).toBe(201);
  });
  afterEach(async () => {
    await app.close();
    await db.close();
  });

  const tasksOf = async (client: ApiClient) =>
    (await pullPages(client, 'tasks')).documents.filter((d) => !d._deleted) as (TaskDoc & { _deleted: boolean })[];
  const conversation = async (client: ApiClient) => (await tasksOf(client)).find((d) => d.kind === 'conversation');
  const push = async (client: ApiClient, doc: object) => (await pushRequests(client, [doc])).json();

  it('publishes an assignment to the class with clean instructions and the deadline', async () => {
    const [task] = await tasksOf(ada);
    expect(task).toMatchObject({
      kind: 'assignment',
      title: 'Bokrecension',
      scopeKind: 'class',
      scopeRef: '4a',
      instructions: '<p>Läs en bok.</p>',
      deadline: '2026-03-20T15:00:00.000Z',
      date: TODAY,
    });
    expect(await tasksOf(await signIn(app.app, 'gb@test.se'))).toEqual([]);
  });

  it('takes a pupil’s message once, however often it is pushed, and shows it to the teacher', async () => {
    const doc = message('ada', 't-4a', '  Hur lång ska den vara?  ');
    expect(await push(ada, doc)).toEqual([]);
    // Pushed again (a lost response): the device learns it was taken; nothing is added.
    expect((await push(ada, doc))[0]).toMatchObject({ id: doc.id, status: 'accepted' });
    const c = await conversation(ada);
    expect(c?.messages).toEqual([
      {
        id: doc.id,
        fromStaff: false,
        author: 'Ada Ahl',
        text: 'Hur lång ska den vara?',
        at: instantInZone(TODAY, '08:30').toISOString(),
      },
    ]);
    expect(c).toMatchObject({ scopeKind: 'pupil', scopeRef: 'ada', pupilId: 'ada', taskId: 't-4a' });
    const list = await staff.json('/api/staff/tasks');
    expect(list).toHaveLength(1);
    const ofAda = list[0].conversations.find((x: { pupilId: string }) => x.pupilId === 'ada');
    expect(ofAda).toMatchObject({ awaitingReply: true, pupilName: 'Ada Ahl' });
    expect(list[0].conversations.map((x: { pupilId: string }) => x.pupilId)).toEqual(['ada', 'cleo']);
  });

  it('lets the teacher reply and set the status; the pupil and the guardians see it, the classmate does not', async () => {
    await push(ada, message('ada', 't-4a', 'Hur lång?'));
    const res = await postJson(staff, '/api/staff/tasks/t-4a/conversations/ada', {
      text: 'En sida.',
      status: 'started',
    });
    expect(res.status).toBe(200);
    const c = await conversation(ada);
    expect(c?.messages.map((m) => [m.fromStaff, m.author, m.text])).toEqual([
      [false, 'Ada Ahl', 'Hur lång?'],
      [true, 'Sara Lärare', 'En sida.'],
    ]);
    expect(c?.status).toBe('started');
    for (const guardian of ['ga@test.se', 'g2@test.se']) {
      expect((await conversation(await signIn(app.app, guardian)))?.messages).toHaveLength(2);
    }
    const cleo = await signIn(app.app, 'cleo@test.se');
    expect(await conversation(cleo)).toBeUndefined();
    expect(await conversation(await signIn(app.app, 'gc@test.se'))).toBeUndefined();
    expect((await staff.json('/api/staff/tasks'))[0].conversations[0].awaitingReply).toBe(false);
  });

  it('turns down messages from guardians, for another pupil, about unknown tasks, and empty or too long ones', async () => {
    const ga = await signIn(app.app, 'ga@test.se');
    const cases: [ApiClient, object, string][] = [
      [ga, message('ada', 't-4a', 'Hej'), 'not_pupil'],
      [ada, message('cleo', 't-4a', 'Hej'), 'not_pupil'],
      [ada, message('ada', 'no-such', 'Hej'), 'unknown_task'],
      [ada, message('ada', 't-4a', '   '), 'message_empty'],
      [ada, message('ada', 't-4a', 'x'.repeat(2001)), 'message_too_long'],
    ];
    for (const [client, doc, code] of cases) {
      const [conflict] = await push(client, doc);
      expect(conflict, code).toMatchObject({ status: 'rejected', reasonCode: code });
      expect(conflict.reason.length).toBeGreaterThan(10);
    }
    // Another class's assignment is not Ada's to write about.
    await putJson(staff, '/api/staff/tasks/t-4b', { scope: { kind: 'class', id: '4b' }, title: 'Annat' });
    expect((await push(ada, message('ada', 't-4b', 'Hej')))[0]).toMatchObject({ reasonCode: 'unknown_task' });
    expect(await conversation(ada)).toBeUndefined();
  });

  it('keeps other schools’ staff out and checks reply input', async () => {
    const other = await signIn(app.app, 'sto@test.se');
    expect((await postJson(other, '/api/staff/tasks/t-4a/conversations/ada', { text: 'Hej' })).status).toBe(403);
    expect((await other.get('/api/staff/tasks/t-4a')).status).toBe(403);
    expect(await other.json('/api/staff/tasks')).toEqual([]);
    expect((await postJson(staff, '/api/staff/tasks/t-4a/conversations/bo', { text: 'Hej' })).status).toBe(404);
    expect((await postJson(staff, '/api/staff/tasks/t-4a/conversations/ada', {})).status).toBe(400);
    expect((await postJson(staff, '/api/staff/tasks/t-4a/conversations/ada', { text: ' ' })).status).toBe(400);
    expect((await postJson(staff, '/api/staff/tasks/t-4a/conversations/ada', { status: 'done' })).status).toBe(400);
    expect(await conversation(ada)).toBeUndefined();
    const bad = await putJson(staff, '/api/staff/tasks/t-x', {
      scope: { kind: 'class', id: '4a' },
      title: 'X',
      deadline: 'fredag',
    });
    expect(bad.status).toBe(400);
    expect(
      (await putJson(staff, '/api/staff/tasks/t-4a', { scope: { kind: 'class', id: '4b' }, title: 'X' })).status,
    ).toBe(409);
  });

  it('unpublishing removes the assignment and its conversations from devices', async () => {
    await push(ada, message('ada', 't-4a', 'Hej'));
    const before = await pullPages(ada, 'tasks');
    expect((await staff.send('/api/staff/tasks/t-4a', { method: 'DELETE' })).status).toBe(204);
    const after = await pullPages(ada, 'tasks', 100, before.checkpoint);
    expect(after.documents.filter((d) => d._deleted)).toHaveLength(2);
    expect((await push(ada, message('ada', 't-4a', 'Hej igen')))[0]).toMatchObject({ reasonCode: 'unknown_task' });
  });
});
