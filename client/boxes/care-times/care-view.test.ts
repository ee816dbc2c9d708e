import { expect, fixture, html } from '@open-wc/testing';
import type { RequestDoc } from '../../../shared/collections.js';
import { instantInZone } from '../../../shared/time.js';
import { store } from '../../app/state.js';
import type { SkolDatabase } from '../../data/db.js';
import {
  anna,
  careTime,
  olleHimself,
  request,
  reset,
  signIn,
  testDatabase,
  textOf,
  until,
} from '../../testing/fixtures.js';
import './care-view.js';
import type { CareView } from './care-view.js';

// Tuesday 8 December 2026, 08:00 in Stockholm: the week shown is 7–11 December; Wednesday on can change.
const NOW = instantInZone('2026-12-08', '08:00');

const enrolment = (pupilId = 'pupil-olle', opens = '06:30', closes = '18:00') =>
  careTime({ id: `enrol-${pupilId}`, kind: 'enrolment', scopeRef: pupilId, opens, closes });
const lock = (date: string, reason: string) =>
  careTime({ id: `lock-${date}`, kind: 'lock', scopeKind: 'school', scopeRef: 'school-lingonberg', date, reason });

const day = (el: CareView, date: string) => el.shadowRoot?.querySelector(`li.day[aria-labelledby="d${date}-h"]`);
const field = (el: CareView, date: string, what: 'arrival' | 'departure' | 'nocare' | 'comment') =>
  el.shadowRoot?.querySelector(`input[name="d${date}-${what}"]`) as HTMLInputElement | null;
const button = (el: CareView, text: string) =>
  [...(el.shadowRoot?.querySelectorAll('button') ?? [])].find((b) => b.textContent?.trim() === text) as
    | HTMLButtonElement
    | undefined;

function type(input: HTMLInputElement | null | undefined, value: string) {
  if (!input) throw new Error('no such field');
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

async function openView(): Promise<CareView> {
  const el = await fixture<CareView>(html`<sk-care-view .now=${NOW}></sk-care-view>`);
  await until(() => (el.shadowRoot?.querySelectorAll('li.day').length ?? 0) === 5, 5000, 'the week');
  return el;
}

type CareRequest = RequestDoc & { payload: Record<string, string | boolean> };

async function requests(db: SkolDatabase): Promise<CareRequest[]> {
  const docs = await db.requests.find({ selector: { kind: 'care.set' } }).exec();
  return docs
    .map((d) => d.toJSON() as CareRequest)
    .sort((a, b) => (a.payload.date as string).localeCompare(b.payload.date as string));
}

describe('sk-care-view', () => {
  let db: SkolDatabase;
  beforeEach(async () => {
    db = await testDatabase();
    await db.careTimes.bulkInsert([
      enrolment(),
      careTime({
        id: 'd-wed',
        date: '2026-12-09',
        arrival: '07:30',
        departure: '16:00',
        setBy: 'Erik Lindqvist',
        requestId: 'req-erik',
      }),
      lock('2026-12-11', 'Planeringsdag – fritids är stängt'),
    ]);
    signIn(anna, db, 'pupil-olle');
  });
  afterEach(async () => {
    await reset(db);
  });

  it('is accessible, with a week of saved, waiting, not saved, past and locked days', async () => {
    await db.requests.bulkInsert([
      request({
        id: 'r1',
        kind: 'care.set',
        payload: { date: '2026-12-10', noCare: true, arrival: '', departure: '', comment: '', previous: '' },
      }),
    ]);
    store.set({ sync: { reachable: false, lastContactAt: null, sessionEnded: false } });
    const el = await openView();
    await until(() => textOf(el).includes('Väntar på att skickas'), 5000, 'the waiting change');
    await expect(el).to.be.accessible();
  });

  it('shows the week: past days cannot change, a locked day shows a lock and why, the others take times', async () => {
    const el = await openView();
    expect(el.shadowRoot?.querySelector('h2#week-heading')?.textContent?.replace(/\s+/g, ' ').trim()).to.equal(
      'Vecka 50, 7 dec.–11 dec.',
    );
    expect(textOf(day(el, '2026-12-07') as Element)).to.contain('Kan inte ändras längre');
    expect(field(el, '2026-12-08', 'arrival')).to.equal(null);
    expect(field(el, '2026-12-09', 'arrival')?.value).to.equal('07:30');
    expect(textOf(day(el, '2026-12-09') as Element)).to.contain('Ändrad av Erik Lindqvist');
    const friday = day(el, '2026-12-11') as Element;
    expect(friday.textContent?.replace(/\s+/g, ' ')).to.contain('Låst: Planeringsdag – fritids är stängt');
    expect(friday.querySelector('svg[aria-hidden="true"]')).to.not.equal(null);
    expect(field(el, '2026-12-11', 'arrival')).to.equal(null);
    expect(textOf(el)).to.contain('Fritids har öppet 06:30–18:00.');
  });

  it('saves only the changed days, one waiting request each, on top of the times it showed', async () => {
    const el = await openView();
    type(field(el, '2026-12-09', 'departure'), '15:00');
    type(field(el, '2026-12-10', 'arrival'), '08:00');
    type(field(el, '2026-12-10', 'departure'), '16:30');
    type(field(el, '2026-12-10', 'comment'), 'Mormor hämtar');
    button(el, 'Spara veckan')?.click();
    await until(() => textOf(el).includes('2 ändringar skickas till fritids.'), 5000, 'the confirmation');
    const sent = await requests(db);
    expect(sent.map((r) => [r.pupilId, r.status, r.payload])).to.deep.equal([
      [
        'pupil-olle',
        'pending',
        { date: '2026-12-09', noCare: false, arrival: '07:30', departure: '15:00', comment: '', previous: 'req-erik' },
      ],
      [
        'pupil-olle',
        'pending',
        {
          date: '2026-12-10',
          noCare: false,
          arrival: '08:00',
          departure: '16:30',
          comment: 'Mormor hämtar',
          previous: '',
        },
      ],
    ]);
    await until(() => textOf(day(el, '2026-12-10') as Element).includes('Skickas…'), 5000, 'the day waiting');
    expect(field(el, '2026-12-10', 'arrival')?.value).to.equal('08:00');
  });

  it('shows "saved — the staff can see it" once the school took the change', async () => {
    await db.requests.insert(
      request({
        id: 'r-ok',
        kind: 'care.set',
        payload: { date: '2026-12-10', noCare: false, arrival: '08:00', departure: '16:00', comment: '', previous: '' },
        status: 'accepted',
        receivedAt: '2026-12-08T07:01:00.000Z',
      }),
    );
    const el = await openView();
    expect(textOf(day(el, '2026-12-10') as Element)).to.contain('Sparad – personalen kan se den');
    expect(field(el, '2026-12-10', 'arrival')?.value).to.equal('08:00');
  });

  it('turns down a wrong week with the reasons and saves nothing', async () => {
    await db.careTimes.upsert(enrolment('pupil-olle', '07:00', '17:00'));
    const el = await openView();
    type(field(el, '2026-12-09', 'arrival'), '06:45');
    type(field(el, '2026-12-10', 'arrival'), '12:00');
    type(field(el, '2026-12-10', 'departure'), '09:00');
    button(el, 'Spara veckan')?.click();
    await until(() => el.shadowRoot?.querySelector('[role="alert"]') !== null, 5000, 'the errors');
    const alert = el.shadowRoot?.querySelector('[role="alert"]') as HTMLElement;
    expect(alert.textContent?.replace(/\s+/g, ' ')).to.contain('Veckan kan inte sparas:');
    expect(alert.textContent).to.contain(
      'Fritids har öppet 07:00–17:00. Tiderna för onsdag 9 december ligger utanför.',
    );
    expect(alert.textContent).to.contain('Sluttiden (09:00) måste vara efter starttiden (12:00).');
    expect(el.shadowRoot?.activeElement).to.equal(alert);
    expect(await requests(db)).to.deep.equal([]);
  });

  it('sets a day to no care, emptying its times', async () => {
    const el = await openView();
    const box = field(el, '2026-12-09', 'nocare') as HTMLInputElement;
    box.click();
    await el.updateComplete;
    expect(field(el, '2026-12-09', 'arrival')?.disabled).to.equal(true);
    button(el, 'Spara veckan')?.click();
    await until(() => textOf(el).includes('Ändringen skickas till fritids.'), 5000, 'the confirmation');
    const [sent] = await requests(db);
    expect(sent?.payload).to.include({ date: '2026-12-09', noCare: true, arrival: '', departure: '' });
  });

  it('repeats the week to the following weeks, leaving out days that cannot take it and saying why', async () => {
    await db.careTimes.insert(lock('2026-12-16', 'Julavslutning – fritids stängt'));
    const el = await openView();
    const weeks = el.shadowRoot?.querySelector('input[type="number"]') as HTMLInputElement;
    type(weeks, '2');
    button(el, 'Kopiera till följande veckor')?.click();
    await until(() => textOf(el).includes('Julavslutning'), 5000, 'the skipped day');
    const sent = await requests(db);
    // Wednesday's times go to 23 December; 16 December is locked.
    expect(sent.map((r) => [r.payload.date, r.payload.arrival, r.payload.departure])).to.deep.equal([
      ['2026-12-23', '07:30', '16:00'],
    ]);
    expect(textOf(el)).to.contain('onsdag 16 december är låst av skolan: Julavslutning – fritids stängt');
  });

  it('copies the week to a sibling in fritids: one request per day for that child', async () => {
    await db.careTimes.insert(enrolment('pupil-elsa'));
    const el = await openView();
    button(el, 'Samma tider för Elsa')?.click();
    await until(() => textOf(el).includes('Veckans tider skickas för Elsa.'), 5000, 'the confirmation');
    const sent = await requests(db);
    expect(sent.map((r) => [r.pupilId, r.payload.date, r.payload.previous])).to.deep.equal([
      ['pupil-elsa', '2026-12-09', ''],
    ]);
  });

  it('offers no copy to a sibling who is not in fritids', async () => {
    const el = await openView();
    expect(button(el, 'Samma tider för Elsa')).to.equal(undefined);
  });

  it('moves between weeks with links, and starts afresh on another week', async () => {
    const el = await openView();
    const next = [...(el.shadowRoot?.querySelectorAll('nav a') ?? [])].find((a) => a.textContent === 'Nästa vecka');
    expect(next?.getAttribute('href')).to.equal('/fritidsschema?vecka=2026-12-14');
    store.set({ route: { path: '/fritidsschema', query: new URLSearchParams('vecka=2026-12-14') } });
    await until(() => day(el, '2026-12-14') !== null, 5000, 'next week');
    expect(field(el, '2026-12-14', 'arrival')?.value).to.equal('');
  });

  it('says so for a child who is not in fritids, and to a pupil', async () => {
    store.set({ pupilId: 'pupil-elsa' });
    const el = await fixture<CareView>(html`<sk-care-view .now=${NOW}></sk-care-view>`);
    await until(() => textOf(el).includes('Elsa går inte på fritids.'), 5000, 'the message');
    signIn(olleHimself, db, 'pupil-olle');
    await until(() => textOf(el).includes('Bara vårdnadshavare kan ändra fritidstider.'), 5000, 'the pupil');
  });

  it('speaks English when chosen', async () => {
    store.set({ lang: 'en' });
    const el = await openView();
    expect(textOf(el)).to.contain('After-school care times');
    expect(textOf(el)).to.contain('Locked: Planeringsdag');
    expect(button(el, 'Save the week')).to.not.equal(undefined);
  });
});
