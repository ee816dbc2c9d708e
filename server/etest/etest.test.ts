import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TaskDoc } from '../../shared/collections.js';
import { ETEST_SUBMIT } from '../../shared/tasks.js';
import { instantInZone } from '../../shared/time.js';
import { type App, createApp } from '../app.js';
import { createTaskSchool, putJson } from '../tasks/testing.js';
import { engines, type TestDatabase, testDatabase } from '../testing/db.js';
import {
  type ApiClient,
  newRequest,
  pullPages,
  pushRequests,
  signIn,
  type TestClock,
  testClock,
} from '../testing/school.js';

const DAY = '2026-03-10';
const TEST = {
  scope: { kind: 'class', id: '4a' },
  title: 'Bråk',
  subject: 'Matematik',
  opensAt: '2026-03-10T09:00:00+01:00',
  closesAt: '2026-03-10T10:00:00+01:00',
  questions: [
    {
      id: 'q1',
      type: 'single',
      text: 'Hur mycket är 1/2 + 1/4?',
      options: [
        { id: 'a', text: '3/4' },
        { id: 'b', text: '2/6' },
      ],
      correct: ['a'],
    },
    {
      id: 'q2',
      type: 'multiple',
      text: 'Vilka är lika med 1/2?',
      points: 2,
      options: [
        { id: 'a', text: '2/4' },
        { id: 'b', text: '3/6' },
        { id: 'c', text: '2/3' },
      ],
      correct: ['a', 'b'],
    },
    { id: 'q3', type: 'short', text: 'Skriv 0,5 som bråk.', accepted: ['1/2'] },
    { id: 'q4', type: 'long', text: 'Förklara hur du tänkte.', points: 3 },
  ],
};
const ANSWERS = [
  { questionId: 'q1', values: ['a'] },
  { questionId: 'q2', values: ['b', 'a'] },
  { questionId: 'q3', values: [' 1/2 '] },
  { questionId: 'q4', values: ['Jag delade.'] },
];
const submit = (pupilId: string, answers: object[] = ANSWERS, testId = 'e1') =>
  newRequest(pupilId, { testId, answers }, { kind: ETEST_SUBMIT });

describe.each(engines)('eTest on %s', (engine) => {
  let db: TestDatabase;
  let app: App;
  let clock: TestClock;
  let staff: ApiClient;
  let ada: ApiClient;
  beforeEach(async () => {
    db = await testDatabase(engine);
    clock = testClock(instantInZone(DAY, '09:30'));
    app = await createApp({ db, now: clock.now });
    await createTaskSchool(db);
    staff = await signIn(app.app, 'st@test.se');
    ada = await signIn(app.app, 'ada@test.se');
    expect((await putJson(staff, '/api/staff/etests/e1', TEST)).status).toBe(201);
  });
  afterEach(async () => {
    await app.close();
    await db.close();
  });

  const docs = async (client: ApiClient) =>
    (await pullPages(client, 'tasks')).documents.filter((d) => !d._deleted) as (TaskDoc & { _deleted: boolean })[];
  const push = async (client: ApiClient, doc: object) => (await pushRequests(client, [doc])).json();

  it('never sends the answer key to a device: the pupil gets the questions, staff get the key', async () => {
    const [test] = await docs(ada);
    expect(test).toMatchObject({
      kind: 'etest',
      opensAt: '2026-03-10T08:00:00.000Z',
      closesAt: '2026-03-10T09:00:00.000Z',
    });
    expect(test?.questions.map((q) => [q.id, q.type, q.points, q.options.length])).toEqual([
      ['q1', 'single', 1, 2],
      ['q2', 'multiple', 2, 3],
      ['q3', 'short', 1, 0],
      ['q4', 'long', 3, 0],
    ]);
    const wire = JSON.stringify(await pullPages(ada, 'tasks'));
    expect(wire).not.toContain('correct":["a"');
    expect(wire).not.toContain('accepted');
    expect(wire).not.toContain('1/2"');
    expect((await staff.json('/api/staff/etests/e1')).answerKey).toEqual({
      q1: ['a'],
      q2: ['a', 'b'],
      q3: ['1/2'],
      q4: [],
    });
  });

  it('takes one submission while open, refuses a second, and keeps the receipt', async () => {
    const first = submit('ada');
    expect(await push(ada, first)).toEqual([]);
    const [second] = await push(ada, submit('ada', [{ questionId: 'q1', values: ['b'] }]));
    expect(second).toMatchObject({ status: 'rejected', reasonCode: 'etest_already_submitted' });
    expect(second.reason).toBe('Provet är redan inlämnat. Det går bara att lämna in en gång.');
    const receipt = (await docs(ada)).find((d) => d.kind === 'submission');
    expect(receipt).toMatchObject({
      taskId: 'e1',
      pupilId: 'ada',
      submittedAt: instantInZone(DAY, '09:30').toISOString(),
      resultPublished: false,
      answers: [
        { questionId: 'q1', values: ['a'] },
        { questionId: 'q2', values: ['a', 'b'] },
        { questionId: 'q3', values: ['1/2'] },
        { questionId: 'q4', values: ['Jag delade.'] },
      ],
    });
    // eTest is the pupil's alone: the guardians replicate neither the test nor the receipt.
    for (const guardian of ['ga@test.se', 'g2@test.se']) {
      const theirs = await docs(await signIn(app.app, guardian));
      expect(
        theirs.filter((d) => d.kind === 'etest' || d.kind === 'submission'),
        guardian,
      ).toEqual([]);
    }
    // The classmate sees neither the receipt nor has one.
    expect((await docs(await signIn(app.app, 'cleo@test.se'))).filter((d) => d.kind === 'submission')).toEqual([]);
  });

  it('rejects a submission before the start and after the end time with the reason', async () => {
    clock.set(instantInZone(DAY, '08:59'));
    const [early] = await push(ada, submit('ada'));
    expect(early).toMatchObject({ reasonCode: 'etest_not_open', reasonParams: { date: DAY, time: '09:00' } });
    clock.set(instantInZone(DAY, '10:00'));
    expect(await push(ada, submit('ada', [{ questionId: 'q1', values: ['a'] }]))).toEqual([]);
    const cleo = await signIn(app.app, 'cleo@test.se');
    clock.set(new Date(instantInZone(DAY, '10:00').getTime() + 1000));
    const [late] = await push(cleo, submit('cleo'));
    expect(late).toMatchObject({
      status: 'rejected',
      reasonCode: 'etest_closed',
      reasonParams: { date: DAY, time: '10:00' },
    });
    expect(late.reason).toBe(
      'Provet stängde tisdag 10 mars kl. 10:00. Svaren kom fram till skolan efter sluttiden och kunde inte lämnas in.',
    );
    expect((await docs(cleo)).filter((d) => d.kind === 'submission')).toEqual([]);
  });

  it('turns down guardians, other pupils’ ids, other classes’ tests and answers that do not fit', async () => {
    const ga = await signIn(app.app, 'ga@test.se');
    const cases: [ApiClient, object, string][] = [
      [ga, submit('ada'), 'not_pupil'],
      [ada, submit('cleo'), 'not_pupil'],
      [ada, submit('ada', ANSWERS, 'nope'), 'unknown_task'],
      [ada, submit('ada', [{ questionId: 'q9', values: ['a'] }]), 'invalid_answer'],
      [ada, submit('ada', [{ questionId: 'q1', values: ['a', 'b'] }]), 'invalid_answer'],
      [ada, submit('ada', [{ questionId: 'q2', values: ['z'] }]), 'invalid_answer'],
      [ada, submit('ada', [{ questionId: 'q3', values: ['x'.repeat(201)] }]), 'invalid_answer'],
      [ada, submit('ada', [{ questionId: 'q1', values: 'a' }]), 'invalid_payload'],
    ];
    for (const [client, doc, code] of cases) {
      expect((await push(client, doc))[0], code).toMatchObject({ status: 'rejected', reasonCode: code });
    }
    expect((await docs(ada)).filter((d) => d.kind === 'submission')).toEqual([]);
  });

  it('publishes a result with the correct answers only to the pupil it is about', async () => {
    await push(
      ada,
      submit('ada', [
        { questionId: 'q1', values: ['a'] },
        { questionId: 'q2', values: ['a'] },
        { questionId: 'q3', values: ['1/2'] },
        { questionId: 'q4', values: ['Så'] },
      ]),
    );
    const subs = await staff.json('/api/staff/etests/e1/submissions');
    expect(subs.map((s: { pupilId: string; submission: unknown }) => [s.pupilId, s.submission !== null])).toEqual([
      ['ada', true],
      ['cleo', false],
    ]);
    expect((await putJson(staff, '/api/staff/etests/e1/results/cleo', {})).status).toBe(409);
    const res = await putJson(staff, '/api/staff/etests/e1/results/ada', {
      comment: 'Bra!',
      points: [{ questionId: 'q4', points: 2 }],
    });
    expect(res.status).toBe(200);
    const receipt = (await docs(ada)).find((d) => d.kind === 'submission');
    expect(receipt?.resultPublished).toBe(true);
    expect(receipt?.result).toEqual({
      score: 4,
      maxScore: 7,
      comment: 'Bra!',
      questions: [
        { questionId: 'q1', points: 1, maxPoints: 1, correct: ['a'] },
        { questionId: 'q2', points: 0, maxPoints: 2, correct: ['a', 'b'] },
        { questionId: 'q3', points: 1, maxPoints: 1, correct: ['1/2'] },
        { questionId: 'q4', points: 2, maxPoints: 3, correct: [] },
      ],
    });
    expect(JSON.stringify(await docs(await signIn(app.app, 'cleo@test.se')))).not.toContain('correct":["a"');
    // The questions are fixed once handed in; the times are not.
    const changed = { ...TEST, questions: TEST.questions.slice(0, 2) };
    expect((await putJson(staff, '/api/staff/etests/e1', changed)).status).toBe(409);
    expect(
      (await putJson(staff, '/api/staff/etests/e1', { ...TEST, closesAt: '2026-03-10T11:00:00+01:00' })).status,
    ).toBe(200);
  });

  it('checks eTest input and keeps other schools out', async () => {
    const bad = [
      { ...TEST, closesAt: TEST.opensAt },
      { ...TEST, questions: [] },
      { ...TEST, questions: [{ id: 'q1', type: 'single', text: 'X', options: [{ id: 'a', text: 'A' }] }] },
      {
        ...TEST,
        questions: [
          {
            id: 'q1',
            type: 'single',
            text: 'X',
            options: [
              { id: 'a', text: 'A' },
              { id: 'b', text: 'B' },
            ],
            correct: ['c'],
          },
        ],
      },
      { ...TEST, questions: [{ id: 'q1', type: 'long', text: 'X', correct: ['a'] }] },
    ];
    for (const body of bad) expect((await putJson(staff, '/api/staff/etests/e2', body)).status).toBe(400);
    const other = await signIn(app.app, 'sto@test.se');
    expect((await other.get('/api/staff/etests/e1')).status).toBe(403);
    expect((await other.get('/api/staff/etests/e1/submissions')).status).toBe(403);
    expect(
      (await putJson(staff, '/api/staff/tasks/e1', { scope: { kind: 'class', id: '4a' }, title: 'X' })).status,
    ).toBe(409);
  });
});
