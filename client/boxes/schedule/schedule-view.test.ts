import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { store } from '../../app/state.js';
import type { SkolDatabase } from '../../data/db.js';
import {
  absence,
  anna,
  lesson,
  reset,
  schoolDay,
  signIn,
  testDatabase,
  textOf,
  until,
} from '../../testing/fixtures.js';
import './schedule-view.js';
import type { ScheduleView } from './schedule-view.js';

// Friday 4 December 2026 is "today" in every test.
const TODAY = '2026-12-04';

/** The day and view in the page's address. */
const address = () => {
  const q = new URLSearchParams(location.search);
  return { dag: q.get('dag'), vy: q.get('vy') };
};
/** The day and view the store's route holds (what the view reads). */
const route = () => ({ dag: store.get().route.query.get('dag'), vy: store.get().route.query.get('vy') });
const title = (el: ScheduleView) => el.shadowRoot?.querySelector('h2')?.textContent?.replace(/\s+/g, ' ').trim();
const buttonNamed = (el: ScheduleView, name: string) =>
  [...(el.shadowRoot?.querySelectorAll('button') ?? [])].find(
    (b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === name,
  ) as HTMLButtonElement;
const dateInput = (el: ScheduleView) => el.shadowRoot?.querySelector('input[type="date"]') as HTMLInputElement;
const lessonsText = (el: ScheduleView) =>
  [...(el.shadowRoot?.querySelectorAll('li.lesson') ?? [])].map((li) => li.textContent?.replace(/\s+/g, ' ').trim());

/** Opens the view at an address query, as after a reload or a shared link. */
async function openAt(query = ''): Promise<ScheduleView> {
  store.set({ route: { path: '/schema', query: new URLSearchParams(query) } });
  const el = await fixture<ScheduleView>(html`<sk-schedule-view today=${TODAY}></sk-schedule-view>`);
  await until(() => !textOf(el).includes('Hämtar…'), 5000, 'the lessons');
  return el;
}

describe('sk-schedule-view', () => {
  let db: SkolDatabase;
  beforeEach(async () => {
    db = await testDatabase();
    await db.lessons.bulkInsert([
      ...schoolDay('2026-12-03'),
      ...schoolDay(TODAY),
      ...schoolDay('2026-12-07'),
      ...schoolDay('2026-12-09'),
      lesson({
        id: 'c',
        date: TODAY,
        start: '11:15',
        end: '12:00',
        subject: 'Slöjd',
        status: 'cancelled',
        note: 'Läraren är sjuk',
      }),
      lesson({
        id: 's',
        date: TODAY,
        start: '14:00',
        end: '14:45',
        subject: 'Musik',
        status: 'substituted',
        substitute: 'Ulla Vikarie',
      }),
    ]);
    signIn(anna, db, 'pupil-olle');
  });
  afterEach(async () => {
    await reset(db);
  });

  it('is accessible by day and by week', async () => {
    const el = await openAt();
    await expect(el).to.be.accessible();
    buttonNamed(el, 'Vecka').click();
    await until(() => title(el)?.startsWith('Vecka') ?? false, 2000, 'the week');
    await expect(el).to.be.accessible();
  });

  it('opens on today by day, with today’s lessons in time order and "Idag" unavailable', async () => {
    const el = await openAt();
    expect(title(el)).to.equal('Idag, fredag 4 december');
    expect(el.shadowRoot?.querySelector('h1')?.textContent?.replace(/\s+/g, ' ').trim()).to.equal(
      'Schema, Olle Lindqvist',
    );
    expect(lessonsText(el).map((t) => t?.split(' ')[0])).to.deep.equal([
      '08:15–09:00',
      '09:15–10:00',
      '10:20–11:05',
      '11:15–12:00',
      '13:00–13:45',
      '14:00–14:45',
    ]);
    expect(buttonNamed(el, 'Dag').getAttribute('aria-pressed')).to.equal('true');
    expect(buttonNamed(el, 'Vecka').getAttribute('aria-pressed')).to.equal('false');
    expect(buttonNamed(el, 'Idag').disabled).to.equal(true);
    expect(dateInput(el).value).to.equal(TODAY);
    expect(buttonNamed(el, 'Föregående dag')).to.exist;
    expect(buttonNamed(el, 'Nästa dag')).to.exist;
  });

  it('names cancelled and substituted lessons in words', async () => {
    const el = await openAt();
    const [cancelled, substituted] = ['c', 's'].map((id) =>
      [...(el.shadowRoot?.querySelectorAll('li.lesson') ?? [])].find((li) =>
        li.classList.contains(id === 'c' ? 'cancelled' : 'substituted'),
      ),
    );
    expect(cancelled?.textContent?.replace(/\s+/g, ' ').trim()).to.equal(
      '11:15–12:00 Slöjd Inställd Sal A101 · Lärare: Karin Holm Läraren är sjuk',
    );
    expect(cancelled?.querySelector('s')?.textContent).to.equal('Slöjd');
    expect(substituted?.textContent?.replace(/\s+/g, ' ').trim()).to.equal(
      '14:00–14:45 Musik Vikarie: Ulla Vikarie Sal A101',
    );
  });

  it('steps to the next school day over the weekend, and keeps the day in the address', async () => {
    const el = await openAt();
    buttonNamed(el, 'Nästa dag').click();
    await until(() => title(el) === 'måndag 7 december', 2000, 'Monday');
    expect(address()).to.deep.equal({ dag: '2026-12-07', vy: null });
    expect(route()).to.deep.equal({ dag: '2026-12-07', vy: null });
    expect(buttonNamed(el, 'Idag').disabled).to.equal(false);
    expect(dateInput(el).value).to.equal('2026-12-07');
    await until(() => lessonsText(el).length === 4, 2000, 'Monday’s lessons');
  });

  it('steps back over the weekend to Friday, and back to today drops the day from the address', async () => {
    const el = await openAt('dag=2026-12-07');
    expect(title(el)).to.equal('måndag 7 december');
    buttonNamed(el, 'Föregående dag').click();
    await until(() => title(el) === 'Idag, fredag 4 december', 2000, 'Friday');
    expect(address().dag).to.equal(null);
    buttonNamed(el, 'Föregående dag').click();
    await until(() => title(el) === 'torsdag 3 december', 2000, 'Thursday');
    expect(address().dag).to.equal('2026-12-03');
  });

  it('opens on the day in the address, and "Idag" goes back to today', async () => {
    const el = await openAt('dag=2026-12-09');
    expect(title(el)).to.equal('onsdag 9 december');
    expect(lessonsText(el)).to.have.length(4);
    buttonNamed(el, 'Idag').click();
    await until(() => title(el) === 'Idag, fredag 4 december', 2000, 'today');
    expect(address().dag).to.equal(null);
    expect(route().dag).to.equal(null);
  });

  it('ignores a day in the address that is not a date', async () => {
    const el = await openAt('dag=igår');
    expect(title(el)).to.equal('Idag, fredag 4 december');
  });

  it('says when a day has no lessons', async () => {
    const el = await openAt('dag=2026-12-08');
    expect(title(el)).to.equal('tisdag 8 december');
    expect(textOf(el)).to.contain('Inga lektioner den här dagen.');
  });

  it('shows a date picked in the date field', async () => {
    const el = await openAt();
    const input = dateInput(el);
    input.value = '2026-12-09';
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await until(() => title(el) === 'onsdag 9 december', 2000, 'the picked day');
    expect(address().dag).to.equal('2026-12-09');
    await until(() => lessonsText(el).length === 4, 2000, 'its lessons');
  });

  it('lists Monday to Friday in the week view with today marked, and keeps the view in the address', async () => {
    const el = await openAt();
    buttonNamed(el, 'Vecka').click();
    await until(() => title(el)?.startsWith('Vecka') ?? false, 2000, 'the week');
    expect(address()).to.deep.equal({ dag: null, vy: 'vecka' });
    expect(route().vy).to.equal('vecka');
    expect(title(el)).to.equal('Vecka 49, 30 nov. – 4 dec.');
    expect(buttonNamed(el, 'Vecka').getAttribute('aria-pressed')).to.equal('true');
    const days = [...(el.shadowRoot?.querySelectorAll('section.day') ?? [])];
    expect(days.map((d) => d.getAttribute('aria-label'))).to.deep.equal([
      'måndag 30 november',
      'tisdag 1 december',
      'onsdag 2 december',
      'torsdag 3 december',
      'fredag 4 december',
    ]);
    const marked = days.filter((d) => d.querySelector('.today-mark'));
    expect(marked).to.have.length(1);
    expect(marked[0]?.querySelector('h3')?.textContent?.replace(/\s+/g, ' ').trim()).to.equal('fredag 4 december Idag');
    await until(() => (days[4]?.querySelectorAll('li.lesson').length ?? 0) === 6, 2000, 'Friday’s lessons');
    expect(days[3]?.querySelectorAll('li.lesson')).to.have.length(4);
    expect(days[0]?.textContent).to.contain('Inga lektioner den här dagen.');
  });

  it('steps a week at a time in the week view', async () => {
    const el = await openAt('vy=vecka');
    expect(buttonNamed(el, 'Nästa vecka')).to.exist;
    buttonNamed(el, 'Nästa vecka').click();
    await until(() => title(el) === 'Vecka 50, 7 dec. – 11 dec.', 2000, 'week 50');
    expect(address()).to.deep.equal({ dag: '2026-12-11', vy: 'vecka' });
    expect(el.shadowRoot?.querySelector('.today-mark')).to.equal(null);
    buttonNamed(el, 'Dag').click();
    await until(() => title(el) === 'fredag 11 december', 2000, 'the day view');
    expect(address()).to.deep.equal({ dag: '2026-12-11', vy: null });
  });

  it('marks the lessons the child is reported absent from', async () => {
    await db.absences.insert(absence({ id: 'a1', date: TODAY, wholeDay: false, lessonIds: [`class-5a-${TODAY}-2`] }));
    const el = await openAt();
    await until(() => textOf(el).includes('Frånvaro anmäld'), 2000, 'the absence mark');
    expect(lessonsText(el).filter((t) => t?.includes('Frånvaro anmäld'))).to.have.length(1);
    expect(lessonsText(el)[1]).to.contain('Frånvaro anmäld');
  });

  it('moves with the keyboard: Enter and Space on the day buttons', async () => {
    const el = await openAt();
    buttonNamed(el, 'Nästa dag').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => title(el) === 'måndag 7 december', 2000, 'Monday');
    await sendKeys({ press: 'Space' });
    await until(() => title(el) === 'tisdag 8 december', 2000, 'Tuesday');
    expect(address().dag).to.equal('2026-12-08');
  });

  it('speaks English when the language is switched', async () => {
    const el = await openAt();
    store.set({ lang: 'en' });
    await el.updateComplete;
    expect(title(el)).to.equal('Today, Friday 4 December');
    expect(buttonNamed(el, 'Next day')).to.exist;
    expect(textOf(el)).to.contain('Cancelled');
  });
});
