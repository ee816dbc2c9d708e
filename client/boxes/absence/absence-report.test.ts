import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { RequestDoc } from '../../../shared/collections.js';
import { store } from '../../app/state.js';
import type { SkolDatabase } from '../../data/db.js';
import { outboxClear } from '../../data/outbox.js';
import {
  anna,
  lesson,
  olleHimself,
  reset,
  schoolDay,
  signIn,
  testDatabase,
  textOf,
  until,
} from '../../testing/fixtures.js';
import './absence-report.js';
import type { AbsenceReport } from './absence-report.js';

// 07:00 in Stockholm on Friday 4 December 2026: today is a school day, tomorrow a Saturday.
const FRIDAY_MORNING = new Date('2026-12-04T06:00:00.000Z');
// 07:00 on Thursday 3 December: today and tomorrow are both school days.
const THURSDAY_MORNING = new Date('2026-12-03T06:00:00.000Z');

const q = <T extends Element>(el: AbsenceReport, selector: string) => el.shadowRoot?.querySelector(selector) as T;
const all = <T extends Element>(el: AbsenceReport, selector: string) =>
  [...(el.shadowRoot?.querySelectorAll<T>(selector) ?? [])] as T[];
/** The radio or checkbox whose label reads `text` (at its start). */
const choice = (el: AbsenceReport, text: string) =>
  all<HTMLLabelElement>(el, 'label.choice')
    .find((l) => l.textContent?.replace(/\s+/g, ' ').trim().startsWith(text))
    ?.querySelector('input') as HTMLInputElement;
const labelText = (input: HTMLInputElement | HTMLTextAreaElement) =>
  input.labels?.[0]?.textContent?.replace(/\s+/g, ' ').trim();
const errors = (el: AbsenceReport) => el.shadowRoot?.querySelector<HTMLElement>('.errors') ?? null;
const submit = (el: AbsenceReport) => q<HTMLButtonElement>(el, 'button[type="submit"]');

function setValue(input: HTMLInputElement | HTMLTextAreaElement, value: string) {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

/**
 * Opens the form at `now` and waits until it shows what the device's timetable
 * says (`ready`; by default: Saturday, tomorrow, is disabled).
 */
async function openForm(
  now = FRIDAY_MORNING,
  ready = (el: AbsenceReport) => choice(el, 'I morgon')?.disabled === true,
): Promise<AbsenceReport> {
  const el = await fixture<AbsenceReport>(html`<sk-absence-report .now=${now}></sk-absence-report>`);
  await until(() => ready(el), 5000, 'the timetable in the form');
  return el;
}

/** Chooses "Del av dagen" and then "Välj lektioner" or "Ange tid". */
async function partOfDay(el: AbsenceReport, how: 'Välj lektioner' | 'Ange tid') {
  choice(el, 'Del av dagen').click();
  await el.updateComplete;
  choice(el, how).click();
  await el.updateComplete;
}

async function storedRequests(db: SkolDatabase): Promise<RequestDoc[]> {
  return (await db.requests.find().exec()).map((d) => d.toJSON() as RequestDoc);
}

describe('sk-absence-report', () => {
  let db: SkolDatabase;
  beforeEach(async () => {
    db = await testDatabase();
    await db.lessons.bulkInsert([
      ...schoolDay('2026-12-03'),
      ...schoolDay('2026-12-04'),
      lesson({
        id: 'cancelled',
        date: '2026-12-04',
        start: '14:00',
        end: '14:45',
        subject: 'Musik',
        status: 'cancelled',
      }),
    ]);
    signIn(anna, db, 'pupil-olle');
  });
  afterEach(async () => {
    await reset(db);
    await outboxClear();
  });

  it('reports for two children at once by lessons: each child’s own lessons, one pending request per child', async () => {
    await db.lessons.bulkInsert(schoolDay('2026-12-04', 'class-2a'));
    const el = await openForm();
    choice(el, 'Elsa Lindqvist, 2A').click();
    await el.updateComplete;
    await partOfDay(el, 'Välj lektioner');
    const legends = all<HTMLLegendElement>(el, 'legend').map((l) => l.textContent?.replace(/\s+/g, ' ').trim());
    expect(legends).to.include.members([
      'Lektioner för Elsa, 2A fredag 4 december',
      'Lektioner för Olle, 5A fredag 4 december',
    ]);
    await expect(el).to.be.accessible();
    // A lesson for Olle only: Elsa's is asked for, and nothing is stored.
    q<HTMLInputElement>(el, 'input[value="class-5a-2026-12-04-2"]').click();
    await el.updateComplete;
    submit(el).click();
    await until(() => errors(el) !== null, 2000, 'the error');
    expect(textOf(errors(el) as HTMLElement)).to.contain('Välj minst en lektion för Elsa.');
    expect(await storedRequests(db)).to.have.length(0);

    q<HTMLInputElement>(el, 'input[value="class-2a-2026-12-04-1"]').click();
    await el.updateComplete;
    submit(el).click();
    await until(() => store.get().route.path === '/franvaro', 2000, 'Frånvaro');
    const stored = (await storedRequests(db)).map((r) => [r.pupilId, r.status, r.payload]);
    expect(stored).to.have.deep.members([
      ['pupil-olle', 'pending', { date: '2026-12-04', wholeDay: false, lessonIds: ['class-5a-2026-12-04-2'] }],
      ['pupil-elsa', 'pending', { date: '2026-12-04', wholeDay: false, lessonIds: ['class-2a-2026-12-04-1'] }],
    ]);
  });

  it('reports the whole day for both children, and names the child whose time range the school would refuse', async () => {
    // Elsa (2A) has only a morning: a 13:00–13:45 range is outside her schedule, inside Olle's.
    await db.lessons.bulkInsert(schoolDay('2026-12-04', 'class-2a').slice(0, 2));
    const el = await openForm();
    choice(el, 'Elsa Lindqvist, 2A').click();
    await el.updateComplete;
    await partOfDay(el, 'Ange tid');
    expect(textOf(el)).to.contain('Tiden gäller alla valda barn, mot varje barns eget schema.');
    setValue(q<HTMLInputElement>(el, 'input[name="from"]'), '13:00');
    setValue(q<HTMLInputElement>(el, 'input[name="to"]'), '13:45');
    await el.updateComplete;
    submit(el).click();
    await until(() => errors(el) !== null, 2000, 'the error');
    expect(textOf(errors(el) as HTMLElement)).to.contain('Elsa: Tiden 13:00–13:45 ligger utanför elevens schema');
    expect(await storedRequests(db)).to.have.length(0);

    choice(el, 'Hela dagen').click();
    await el.updateComplete;
    submit(el).click();
    await until(() => store.get().route.path === '/franvaro', 2000, 'Frånvaro');
    expect((await storedRequests(db)).map((r) => [r.pupilId, r.payload])).to.have.deep.members([
      ['pupil-olle', { date: '2026-12-04', wholeDay: true }],
      ['pupil-elsa', { date: '2026-12-04', wholeDay: true }],
    ]);
  });

  it('asks for a child when none is chosen', async () => {
    const el = await openForm();
    choice(el, 'Olle Lindqvist, 5A').click();
    await el.updateComplete;
    submit(el).click();
    await until(() => errors(el) !== null, 2000, 'the error');
    expect(textOf(errors(el) as HTMLElement)).to.contain('Välj minst ett barn.');
    expect(await storedRequests(db)).to.have.length(0);
  });

  it('is accessible: the form, part of the day, and with an error', async () => {
    const el = await openForm();
    await expect(el).to.be.accessible();
    await partOfDay(el, 'Välj lektioner');
    await expect(el).to.be.accessible();
    submit(el).click();
    await until(() => errors(el) !== null, 2000, 'the error');
    await expect(el).to.be.accessible();
  });

  it('offers today and tomorrow with the dates written out, and disables a day without lessons', async () => {
    const el = await openForm();
    expect(q(el, 'h1').textContent).to.equal('Rapportera frånvaro');
    // Anna has two children: the selected one, Olle, is chosen; Elsa can be added.
    expect(choice(el, 'Olle Lindqvist, 5A').checked).to.equal(true);
    expect(choice(el, 'Elsa Lindqvist, 2A').checked).to.equal(false);
    const [today, tomorrow] = all<HTMLInputElement>(el, 'input[name="day"]');
    expect(labelText(today as HTMLInputElement)).to.equal('Idag, fredag 4 december');
    expect(today?.checked).to.equal(true);
    expect(today?.disabled).to.equal(false);
    expect(labelText(tomorrow as HTMLInputElement)).to.equal('I morgon, lördag 5 december (inga lektioner)');
    expect(tomorrow?.disabled).to.equal(true);
  });

  it('starts with the whole day chosen, an empty comment and no errors', async () => {
    const el = await openForm();
    expect(choice(el, 'Hela dagen').checked).to.equal(true);
    expect(choice(el, 'Del av dagen').checked).to.equal(false);
    expect(q<HTMLTextAreaElement>(el, 'textarea').value).to.equal('');
    expect(q(el, '#comment-count').textContent).to.equal('0 av 500 tecken');
    expect(errors(el)).to.equal(null);
    expect(submit(el).textContent?.trim()).to.equal('Skicka frånvaroanmälan');
  });

  it('chooses tomorrow when today has no lessons left to miss', async () => {
    const el = await openForm(new Date('2026-12-02T06:00:00.000Z'), (form) => choice(form, 'Idag')?.disabled === true);
    expect(choice(el, 'Idag, onsdag 2 december').disabled).to.equal(true);
    expect(choice(el, 'I morgon, torsdag 3 december').checked).to.equal(true);
  });

  it('saves a whole-day report as a pending request, then shows Frånvaro with a confirmation', async () => {
    const el = await openForm();
    submit(el).click();
    await until(() => store.get().flash !== null, 5000, 'the report to be saved');
    const [saved, ...more] = await storedRequests(db);
    expect(more).to.have.length(0);
    expect(saved).to.include({ kind: 'absence.report', pupilId: 'pupil-olle', status: 'pending' });
    expect(saved?.payload).to.deep.equal({ date: '2026-12-04', wholeDay: true });
    expect(saved?.id).to.match(/^[0-9a-f-]{36}$/);
    expect(store.get().flash).to.equal('report.savedOnline');
    expect(store.get().route.path).to.equal('/franvaro');
    expect(location.pathname).to.equal('/franvaro');
  });

  it('says the report is kept on the device when offline', async () => {
    store.set({ sync: { reachable: false, lastContactAt: null, sessionEnded: false } });
    const el = await openForm();
    submit(el).click();
    await until(() => store.get().flash !== null, 5000, 'the report to be saved');
    expect(store.get().flash).to.equal('report.savedOffline');
    expect(await storedRequests(db)).to.have.length(1);
  });

  it('reports part of the day by chosen lessons; a cancelled lesson cannot be chosen', async () => {
    const el = await openForm();
    await partOfDay(el, 'Välj lektioner');
    const boxes = all<HTMLInputElement>(el, 'input[name="lesson"]');
    expect(boxes.map((b) => labelText(b))).to.deep.equal([
      '08:15–09:00 Svenska',
      '09:15–10:00 Matematik',
      '10:20–11:05 Engelska',
      '13:00–13:45 Idrott och hälsa',
      '14:00–14:45 Musik Inställd',
    ]);
    expect(textOf(el)).to.contain('Lektioner fredag 4 december');
    expect(boxes[4]?.disabled).to.equal(true);
    boxes[1]?.click();
    boxes[2]?.click();
    await el.updateComplete;
    submit(el).click();
    await until(() => store.get().flash !== null, 5000, 'the report to be saved');
    const [saved] = await storedRequests(db);
    expect(saved?.payload).to.deep.equal({
      date: '2026-12-04',
      wholeDay: false,
      lessonIds: ['class-5a-2026-12-04-2', 'class-5a-2026-12-04-3'],
    });
  });

  it('forgets chosen lessons when the day changes', async () => {
    const el = await openForm(THURSDAY_MORNING, () => true);
    await partOfDay(el, 'Välj lektioner');
    await until(() => all(el, 'input[name="lesson"]').length === 4, 5000, 'Thursday’s lessons');
    all<HTMLInputElement>(el, 'input[name="lesson"]')[0]?.click();
    await el.updateComplete;
    choice(el, 'I morgon').click();
    await el.updateComplete;
    expect(textOf(el)).to.contain('Lektioner fredag 4 december');
    expect(all<HTMLInputElement>(el, 'input[name="lesson"]').filter((b) => b.checked)).to.have.length(0);
    submit(el).click();
    await until(() => errors(el) !== null, 2000, 'the error');
    expect(textOf(errors(el) as HTMLElement)).to.equal('Anmälan kan inte skickas: Välj minst en lektion.');
  });

  it('reports part of the day by a time range, with a comment', async () => {
    const el = await openForm();
    await partOfDay(el, 'Ange tid');
    const from = q<HTMLInputElement>(el, 'input[name="from"]');
    const to = q<HTMLInputElement>(el, 'input[name="to"]');
    expect(labelText(from)).to.equal('Från');
    expect(labelText(to)).to.equal('Till');
    setValue(from, '09:30');
    setValue(to, '10:30');
    setValue(q(el, 'textarea'), '  Tandläkaren  ');
    await el.updateComplete;
    submit(el).click();
    await until(() => store.get().flash !== null, 5000, 'the report to be saved');
    const [saved] = await storedRequests(db);
    expect(saved?.payload).to.deep.equal({
      date: '2026-12-04',
      wholeDay: false,
      from: '09:30',
      to: '10:30',
      comment: 'Tandläkaren',
    });
  });

  it('refuses a time range outside the schedule with the reason in Swedish, and stores nothing', async () => {
    const el = await openForm();
    await partOfDay(el, 'Ange tid');
    setValue(q(el, 'input[name="from"]'), '15:00');
    setValue(q(el, 'input[name="to"]'), '16:00');
    await el.updateComplete;
    submit(el).click();
    await until(() => errors(el) !== null, 2000, 'the error');
    expect(errors(el)?.getAttribute('role')).to.equal('alert');
    expect(textOf(errors(el) as HTMLElement)).to.equal(
      'Anmälan kan inte skickas: Tiden 15:00–16:00 ligger utanför elevens schema fredag 4 december.',
    );
    await until(() => el.shadowRoot?.activeElement === errors(el), 2000, 'focus on the error');
    expect(await storedRequests(db)).to.have.length(0);
    expect(store.get().flash).to.equal(null);
  });

  it('refuses an end time before the start time', async () => {
    const el = await openForm();
    await partOfDay(el, 'Ange tid');
    setValue(q(el, 'input[name="from"]'), '10:00');
    setValue(q(el, 'input[name="to"]'), '09:00');
    await el.updateComplete;
    submit(el).click();
    await until(() => errors(el) !== null, 2000, 'the error');
    expect(textOf(errors(el) as HTMLElement)).to.contain('Sluttiden (09:00) måste vara efter starttiden (10:00).');
    expect(await storedRequests(db)).to.have.length(0);
  });

  it('refuses part of the day with no lesson chosen, and stores nothing', async () => {
    const el = await openForm();
    await partOfDay(el, 'Välj lektioner');
    submit(el).click();
    await until(() => errors(el) !== null, 2000, 'the error');
    expect(textOf(errors(el) as HTMLElement)).to.equal('Anmälan kan inte skickas: Välj minst en lektion.');
    expect(await storedRequests(db)).to.have.length(0);
  });

  it('refuses a time range with a time missing', async () => {
    const el = await openForm();
    await partOfDay(el, 'Ange tid');
    setValue(q(el, 'input[name="from"]'), '10:00');
    await el.updateComplete;
    submit(el).click();
    await until(() => errors(el) !== null, 2000, 'the error');
    expect(textOf(errors(el) as HTMLElement)).to.equal('Anmälan kan inte skickas: Ange både start- och sluttid.');
    expect(await storedRequests(db)).to.have.length(0);
  });

  it('tells a pupil that only guardians report absence, and shows no form', async () => {
    signIn(olleHimself, db);
    const el = await fixture<AbsenceReport>(html`<sk-absence-report .now=${FRIDAY_MORNING}></sk-absence-report>`);
    expect(textOf(el)).to.contain('Bara vårdnadshavare kan rapportera frånvaro.');
    expect(q(el, 'form')).to.equal(null);
    expect(q(el, 'input')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('without the timetable on the device: says so and lets a time range through to the school', async () => {
    await db.lessons.find().remove();
    const el = await openForm(FRIDAY_MORNING, (form) => textOf(form).includes('Schemat för'));
    expect(textOf(el)).to.contain(
      'Schemat för fredag 4 december finns inte på enheten än. Anslut till internet en stund så hämtas det.',
    );
    choice(el, 'Del av dagen').click();
    await el.updateComplete;
    expect(choice(el, 'Välj lektioner')).to.equal(undefined);
    setValue(q(el, 'input[name="from"]'), '09:00');
    setValue(q(el, 'input[name="to"]'), '10:00');
    await el.updateComplete;
    submit(el).click();
    await until(() => store.get().flash !== null, 5000, 'the report to be saved');
    expect((await storedRequests(db))[0]?.payload).to.deep.equal({
      date: '2026-12-04',
      wholeDay: false,
      from: '09:00',
      to: '10:00',
    });
  });

  it('counts the comment’s characters as they are typed; the field is named by its label and described by the count', async () => {
    const el = await openForm();
    const comment = q<HTMLTextAreaElement>(el, 'textarea');
    expect(labelText(comment)).to.equal('Kommentar till skolan (frivillig)');
    expect(comment.getAttribute('aria-describedby')).to.equal('comment-count');
    expect(comment.maxLength).to.equal(500);
    comment.focus();
    await sendKeys({ type: 'Feber' });
    await el.updateComplete;
    expect(q(el, '#comment-count').textContent).to.equal('5 av 500 tecken');
  });

  it('is usable with the keyboard: arrow keys choose part of the day, Enter on the button sends', async () => {
    const el = await openForm();
    choice(el, 'Hela dagen').focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(choice(el, 'Del av dagen').checked).to.equal(true);
    expect(el.shadowRoot?.activeElement).to.equal(choice(el, 'Del av dagen'));
    all<HTMLInputElement>(el, 'input[name="lesson"]')[0]?.focus();
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    submit(el).focus();
    await sendKeys({ press: 'Enter' });
    await until(() => store.get().flash !== null, 5000, 'the report to be saved');
    expect((await storedRequests(db))[0]?.payload).to.deep.equal({
      date: '2026-12-04',
      wholeDay: false,
      lessonIds: ['class-5a-2026-12-04-1'],
    });
  });

  it('speaks English when the language is switched', async () => {
    const el = await openForm();
    store.set({ lang: 'en' });
    await el.updateComplete;
    expect(labelText(choice(el, 'Today'))).to.equal('Today, Friday 4 December');
    expect(labelText(choice(el, 'Tomorrow'))).to.equal('Tomorrow, Saturday 5 December (no lessons)');
    expect(submit(el).textContent?.trim()).to.equal('Send absence report');
  });
});
