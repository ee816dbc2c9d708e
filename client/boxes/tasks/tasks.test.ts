import { expect, fixture, html } from '@open-wc/testing';
import type { RequestDoc } from '../../../shared/collections.js';
import { TASK_MESSAGE } from '../../../shared/tasks.js';
import { store } from '../../app/state.js';
import type { SkolDatabase } from '../../data/db.js';
import { anna, olleHimself, request, reset, signIn, testDatabase, textOf, until } from '../../testing/fixtures.js';
import { conversationDoc, taskDoc } from '../../testing/tasks.js';
import './tasks-box.js';
import './tasks-view.js';
import type { TasksBox } from './tasks-box.js';
import type { TasksView } from './tasks-view.js';

const at = (path: string, query = '') => store.set({ route: { path, query: new URLSearchParams(query) } });

describe('Uppgifter', () => {
  let db: SkolDatabase;
  beforeEach(async () => {
    db = await testDatabase();
    await db.tasks.bulkInsert([
      taskDoc({
        id: 't1',
        title: 'Bokrecension',
        instructions: '<p>Läs en <strong>bok</strong>.</p>',
        deadline: '2099-12-11T15:00:00.000Z',
      }),
      taskDoc({ id: 't2', title: 'Vattnets kretslopp', subject: 'NO', deadline: '2026-01-05T15:00:00.000Z' }),
      taskDoc({ id: 't3', title: 'Bara 2A', scopeRef: 'class-2a' }),
      conversationDoc('t1', {
        status: 'started',
        messages: [
          {
            id: 'm1',
            fromStaff: false,
            author: 'Olle Lindqvist',
            text: 'Får det vara en serie?',
            at: '2026-12-03T17:00:00.000Z',
          },
          { id: 'm2', fromStaff: true, author: 'Karin Holm', text: 'Ja, det går bra!', at: '2026-12-04T06:45:00.000Z' },
        ],
      }),
    ]);
  });
  afterEach(async () => {
    await reset(db);
  });

  it('box: is accessible and shows the child’s assignments with deadline, status, new replies and lateness', async () => {
    signIn(olleHimself, db);
    const el = await fixture<TasksBox>(html`<sk-tasks-box></sk-tasks-box>`);
    await until(() => textOf(el).includes('Bokrecension'), 5000, 'the assignments');
    expect(textOf(el)).to.contain('1 nya svar');
    expect(textOf(el)).to.contain('Påbörjad');
    expect(textOf(el)).to.contain('Vattnets kretslopp');
    expect(textOf(el)).to.contain('Sent');
    expect(textOf(el)).not.to.contain('Bara 2A');
    await expect(el).to.be.accessible();
  });

  it('view: the pupil reads the conversation, writes, and sees the message waiting at once', async () => {
    signIn(olleHimself, db);
    at('/uppgifter', 'uppgift=t1');
    const el = await fixture<TasksView>(html`<sk-tasks-view></sk-tasks-view>`);
    await until(() => textOf(el).includes('Ja, det går bra!'), 5000, 'the conversation');
    expect(textOf(el)).to.contain('Nytt svar');
    const rich = el.shadowRoot?.querySelector('sk-rich-text');
    await until(
      () => (rich?.shadowRoot?.querySelector('strong')?.textContent ?? '') === 'bok',
      5000,
      'the instructions',
    );
    await expect(el).to.be.accessible();

    const textarea = el.shadowRoot?.querySelector('textarea') as HTMLTextAreaElement;
    const send = el.shadowRoot?.querySelector('form button[type=submit]') as HTMLButtonElement;
    // An empty message says so and sends nothing.
    textarea.value = '   ';
    textarea.dispatchEvent(new Event('input'));
    send.click();
    await until(() => textOf(el).includes('Meddelandet är tomt.'), 5000, 'the error');
    expect(await db.requests.count().exec()).to.equal(0);
    await expect(el).to.be.accessible();

    textarea.value = 'Tack!';
    textarea.dispatchEvent(new Event('input'));
    send.click();
    await until(() => textOf(el).includes('Väntar på att skickas'), 5000, 'the waiting message');
    const [req] = (await db.requests.find().exec()).map((d) => d.toJSON() as RequestDoc);
    expect(req).to.include({ kind: TASK_MESSAGE, pupilId: 'pupil-olle', status: 'pending' });
    expect(req?.payload).to.deep.equal({ taskId: 't1', text: 'Tack!' });
    await until(() => textarea.value === '', 5000, 'the form emptied');
  });

  it('view: a message the school turned down shows the reason in Swedish', async () => {
    signIn(olleHimself, db);
    await db.requests.insert(
      request({
        id: 'r1',
        kind: TASK_MESSAGE,
        payload: { taskId: 't2', text: 'Hallå?' },
        status: 'rejected',
        reasonCode: 'unknown_task',
        reasonParams: {},
        reason: '',
      }),
    );
    at('/uppgifter', 'uppgift=t2');
    const el = await fixture<TasksView>(html`<sk-tasks-view></sk-tasks-view>`);
    await until(() => textOf(el).includes('Kunde inte skickas'), 5000, 'the rejection');
    expect(textOf(el)).to.contain('Uppgiften eller provet finns inte längre för eleven.');
    await expect(el).to.be.accessible();
  });

  it('view: a guardian reads the conversation but has no form to write in', async () => {
    signIn(anna, db, 'pupil-olle');
    at('/uppgifter', 'uppgift=t1');
    const el = await fixture<TasksView>(html`<sk-tasks-view></sk-tasks-view>`);
    await until(() => textOf(el).includes('Ja, det går bra!'), 5000, 'the conversation');
    expect(el.shadowRoot?.querySelector('textarea')).to.equal(null);
    expect(textOf(el)).to.contain('Eleven skriver till läraren');
    await expect(el).to.be.accessible();
  });

  it('view: lists the assignments due soonest first', async () => {
    signIn(olleHimself, db);
    at('/uppgifter');
    const el = await fixture<TasksView>(html`<sk-tasks-view></sk-tasks-view>`);
    await until(() => textOf(el).includes('Bokrecension'), 5000, 'the list');
    const titles = [...(el.shadowRoot?.querySelectorAll('.item-title') ?? [])].map((a) => a.textContent);
    expect(titles).to.deep.equal(['Vattnets kretslopp', 'Bokrecension']);
    await expect(el).to.be.accessible();
  });
});
