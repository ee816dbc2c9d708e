import { expect, fixture, html } from '@open-wc/testing';
import type { RequestDoc } from '../../../shared/collections.js';
import { ETEST_SUBMIT } from '../../../shared/tasks.js';
import { store } from '../../app/state.js';
import type { SkolDatabase } from '../../data/db.js';
import { olle, olleHimself, request, reset, signIn, testDatabase, textOf, until } from '../../testing/fixtures.js';
import { etestDoc, taskDoc } from '../../testing/tasks.js';
import './etest-box.js';
import './etest-view.js';
import type { EtestBox } from './etest-box.js';
import type { EtestView } from './etest-view.js';

/** A button in a component's shadow root (the test fails if it is not there). */
const button = (el: Element, selector: string) => el.shadowRoot?.querySelector(selector) as HTMLButtonElement;

const at = (path: string, query = '') => store.set({ route: { path, query: new URLSearchParams(query) } });
const OPEN = { opensAt: '2026-01-01T07:00:00.000Z', closesAt: '2099-01-01T15:00:00.000Z' };
const CLOSED = { opensAt: '2026-01-01T07:00:00.000Z', closesAt: '2026-01-02T15:00:00.000Z' };

describe('eTest', () => {
  let db: SkolDatabase;
  beforeEach(async () => {
    db = await testDatabase();
    await db.tasks.bulkInsert([
      etestDoc({ id: 'e1', ...OPEN }),
      etestDoc({ id: 'e2', title: 'Gammalt prov', ...CLOSED }),
    ]);
    signIn(olleHimself, db);
  });
  afterEach(async () => {
    await reset(db);
  });

  const input = (el: EtestView, selector: string) => el.shadowRoot?.querySelector(selector) as HTMLInputElement;

  it('box: is accessible and shows the open test first', async () => {
    const el = await fixture<EtestBox>(html`<sk-etest-box></sk-etest-box>`);
    await until(() => textOf(el).includes('Bråk – diagnos'), 5000, 'the tests');
    const titles = [...(el.shadowRoot?.querySelectorAll('.item-title') ?? [])].map((a) => a.textContent);
    expect(titles).to.deep.equal(['Bråk – diagnos', 'Gammalt prov']);
    expect(textOf(el)).to.contain('Öppet');
    await expect(el).to.be.accessible();
  });

  it('view: keeps every answer on the device as it is given, so a new page has them all', async () => {
    at('/etest', 'prov=e1');
    const el = await fixture<EtestView>(html`<sk-etest-view></sk-etest-view>`);
    await until(() => textOf(el).includes('Vad är 1/2 + 1/4?'), 5000, 'the questions');
    await expect(el).to.be.accessible();
    input(el, '#q-0-1').click();
    input(el, '#q-1-0').click();
    input(el, '#q-1-2').click();
    const short = input(el, '#q-2');
    short.value = '1/4';
    short.dispatchEvent(new Event('input'));
    const long = input(el, '#q-3');
    long.value = 'Hur många delar.';
    long.dispatchEvent(new Event('input'));
    await until(() => textOf(el).includes('4 av 4 frågor besvarade'), 5000, 'the count');

    // Another view of the same test (as after a reload) finds every answer on the device.
    el.remove();
    const again = await fixture<EtestView>(html`<sk-etest-view></sk-etest-view>`);
    await until(() => input(again, '#q-3')?.value === 'Hur många delar.', 5000, 'the long answer back');
    expect(input(again, '#q-0-1').checked).to.equal(true);
    expect(input(again, '#q-0-0').checked).to.equal(false);
    expect(input(again, '#q-1-0').checked && input(again, '#q-1-2').checked).to.equal(true);
    expect(input(again, '#q-2').value).to.equal('1/4');
    expect(await db.requests.count().exec()).to.equal(0);

    button(again, 'form button[type=submit]').click();
    await until(() => textOf(again).includes('Inlämningen väntar på att skickas'), 5000, 'waiting');
    const [req] = (await db.requests.find().exec()).map((d) => d.toJSON() as RequestDoc);
    expect(req).to.include({ kind: ETEST_SUBMIT, pupilId: olle.id, status: 'pending' });
    expect(req?.payload).to.deep.equal({
      testId: 'e1',
      answers: [
        { questionId: 'q1', values: ['b'] },
        { questionId: 'q2', values: ['a', 'c'] },
        { questionId: 'q3', values: ['1/4'] },
        { questionId: 'q4', values: ['Hur många delar.'] },
      ],
    });
    await expect(again).to.be.accessible();
  });

  it('view: a hand-in after the end time shows the school’s reason', async () => {
    await db.requests.insert(
      request({
        id: 'r1',
        kind: ETEST_SUBMIT,
        payload: { testId: 'e2', answers: [] },
        status: 'rejected',
        reasonCode: 'etest_closed',
        reasonParams: { date: '2026-01-02', time: '16:00' },
        reason: '',
      }),
    );
    at('/etest', 'prov=e2');
    const el = await fixture<EtestView>(html`<sk-etest-view></sk-etest-view>`);
    await until(() => textOf(el).includes('Inlämningen togs inte emot'), 5000, 'the rejection');
    expect(textOf(el)).to.contain('Provet stängde fredag 2 januari kl. 16:00.');
    expect(el.shadowRoot?.querySelector('form')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('view: shows the receipt, then the published result with the correct answers', async () => {
    const receipt = taskDoc({
      id: 's1',
      kind: 'submission',
      scopeKind: 'pupil',
      scopeRef: olle.id,
      taskId: 'e1',
      pupilId: olle.id,
      submittedAt: '2026-12-04T09:00:00.000Z',
      answers: [{ questionId: 'q1', values: ['a'] }],
    });
    await db.tasks.insert(receipt);
    at('/etest', 'prov=e1');
    const el = await fixture<EtestView>(html`<sk-etest-view></sk-etest-view>`);
    await until(() => textOf(el).includes('Läraren har inte publicerat resultatet än.'), 5000, 'the receipt');
    expect(textOf(el)).to.contain('Inlämnat 4 dec.');
    expect(textOf(el)).not.to.contain('3/4');
    const doc = await db.tasks.findOne('s1').exec();
    await doc?.incrementalPatch({
      resultPublished: true,
      result: {
        score: 0,
        maxScore: 6,
        comment: 'Öva mer på att addera bråk.',
        questions: [{ questionId: 'q1', points: 0, maxPoints: 1, correct: ['b'] }],
      },
    });
    await until(() => textOf(el).includes('Resultat: 0 av 6 poäng'), 5000, 'the result');
    expect(textOf(el)).to.contain('Ditt svar: 2/6');
    expect(textOf(el)).to.contain('Rätt svar: 3/4');
    expect(textOf(el)).to.contain('Öva mer på att addera bråk.');
    await expect(el).to.be.accessible();
  });
});
