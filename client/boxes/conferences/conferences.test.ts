import { expect, fixture, html } from '@open-wc/testing';
import type { RequestDoc } from '../../../shared/collections.js';
import { CONFERENCE_BOOK, CONFERENCE_CANCEL } from '../../../shared/conferences.js';
import { store } from '../../app/state.js';
import type { SkolDatabase } from '../../data/db.js';
import {
  anna,
  conference,
  olle,
  olleHimself,
  request,
  reset,
  signIn,
  testDatabase,
  textOf,
  until,
} from '../../testing/fixtures.js';
import './conferences-box.js';
import './conferences-view.js';
import { conferenceModel } from './conferences.js';
import type { ConferencesBox } from './conferences-box.js';
import type { ConferencesView } from './conferences-view.js';

/** Wednesday 2 December 2026, 09:00 in Stockholm; the talks are on Tuesday 8 December, bookable until the 7th. */
const NOW = '2026-12-02T08:00:00.000Z';
const TALK_DAY = '2026-12-08';
const offline = () => store.set({ sync: { reachable: false, lastContactAt: null, sessionEnded: false } });

const times = [
  conference({ id: 't1', date: TALK_DAY, start: '15:00' }),
  conference({ id: 't2', date: TALK_DAY, start: '15:20', taken: true }),
  conference({ id: 't3', date: TALK_DAY, start: '15:40' }),
  conference({ id: 't4', date: '2026-12-09', start: '08:00' }),
  // Another class's time: never shown for Olle.
  conference({ id: 'x1', date: TALK_DAY, start: '09:00', scopeRef: 'class-2a' }),
];
/** Olle's booking of t3, made by his other guardian. */
const booked = conference({
  id: 'b1',
  kind: 'booking',
  slotId: 't3',
  scopeKind: 'pupil',
  scopeRef: olle.id,
  date: TALK_DAY,
  start: '15:40',
  bookedBy: 'Erik Lindqvist',
});

const buttons = (el: Element) => [...(el.shadowRoot?.querySelectorAll('button') ?? [])];
const button = (el: Element, text: string) =>
  buttons(el).find((b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === text) as HTMLButtonElement;
const timeLines = (el: Element) =>
  [...(el.shadowRoot?.querySelectorAll('li.time') ?? [])].map((li) => li.textContent?.replace(/\s+/g, ' ').trim());
const conferenceRequests = async (db: SkolDatabase): Promise<RequestDoc[]> =>
  (await db.requests.find().exec()).map((d) => d.toJSON() as RequestDoc);

async function openView(): Promise<ConferencesView> {
  const el = await fixture<ConferencesView>(html`<sk-conferences-view now=${NOW}></sk-conferences-view>`);
  await until(() => !textOf(el).includes('Hämtar…'), 5000, 'the times');
  return el;
}

describe('Utvecklingssamtal', () => {
  let db: SkolDatabase;
  beforeEach(async () => {
    db = await testDatabase();
    await db.conferences.bulkInsert(times);
  });
  afterEach(async () => {
    await reset(db);
  });

  describe('the box', () => {
    it('is accessible and says how many times are free and until when', async () => {
      signIn(anna, db, 'pupil-olle');
      const el = await fixture<ConferencesBox>(html`<sk-conferences-box now=${NOW}></sk-conferences-box>`);
      await until(() => textOf(el).includes('lediga tider'), 5000, 'the times');
      expect(textOf(el)).to.contain('3 lediga tider. Boka senast tisdag 8 december.');
      expect(el.shadowRoot?.querySelector('a.button')?.textContent?.trim()).to.equal('Boka tid');
      await expect(el).to.be.accessible();
    });

    it('shows the booked time and who booked it, and a booking that waits as waiting', async () => {
      await db.conferences.insert(booked);
      signIn(anna, db, 'pupil-olle');
      const el = await fixture<ConferencesBox>(html`<sk-conferences-box now=${NOW}></sk-conferences-box>`);
      await until(() => textOf(el).includes('Bokad tid'), 5000, 'the booking');
      expect(textOf(el)).to.contain('tisdag 8 december kl. 15:40–16:00');
      expect(textOf(el)).to.contain('Bokad av Erik Lindqvist');
      expect(el.shadowRoot?.querySelector('a.button')).to.equal(null);

      offline();
      await db.requests.insert(request({ id: 'r1', kind: CONFERENCE_BOOK, payload: { slotId: 't1', replaces: 'b1' } }));
      await until(() => textOf(el).includes('Väntar på att skickas'), 5000, 'the change waiting');
      expect(textOf(el)).to.contain('kl. 15:00–15:20');
      await expect(el).to.be.accessible();
    });
  });

  describe('the view', () => {
    it('is accessible and lists the class’s times by day, the taken ones marked', async () => {
      signIn(anna, db, 'pupil-olle');
      const el = await openView();
      expect(textOf(el)).to.contain(
        'Boka en tid för utvecklingssamtal om Olle. Ni kan ändra eller avboka till och med tisdag 8 december.',
      );
      expect([...(el.shadowRoot?.querySelectorAll('h3') ?? [])].map((h) => h.textContent)).to.deep.equal([
        'tisdag 8 december',
        'onsdag 9 december',
      ]);
      expect(timeLines(el)).to.deep.equal([
        '15:00–15:20 Karin Holm · Klassrum 5A Boka',
        '15:20–15:40 Karin Holm · Klassrum 5A Upptagen',
        '15:40–16:00 Karin Holm · Klassrum 5A Boka',
        '08:00–08:20 Karin Holm · Klassrum 5A Boka',
      ]);
      await expect(el).to.be.accessible();
    });

    it('books offline: the time shows at once as waiting, and the request waits on the device', async () => {
      signIn(anna, db, 'pupil-olle');
      offline();
      const el = await openView();
      button(el, 'Boka 8 dec. kl. 15:00–15:20').click();
      await until(() => textOf(el).includes('Väntar på att skickas'), 5000, 'the booking waiting');
      await until(() => textOf(el).includes('Sparat på enheten'), 5000, 'the confirmation');
      expect(el.shadowRoot?.querySelector('.booking')?.textContent).to.contain('tisdag 8 december kl. 15:00–15:20');
      const [made] = await conferenceRequests(db);
      expect(made).to.include({ kind: CONFERENCE_BOOK, pupilId: olle.id, status: 'pending' });
      expect(made?.payload).to.deep.equal({ slotId: 't1' });
      // The other free times are now offered as a change of the waiting booking.
      expect(timeLines(el)[0]).to.contain('Er tid');
      expect(button(el, 'Byt till 8 dec. kl. 15:40–16:00')).to.not.equal(undefined);
      await expect(el).to.be.accessible();
    });

    it('says why a booking was turned down, in Swedish, and offers the other free times', async () => {
      await db.conferences.upsert({ ...(times[0] as (typeof times)[number]), taken: true });
      await db.requests.insert(
        request({
          id: 'r1',
          kind: CONFERENCE_BOOK,
          payload: { slotId: 't1' },
          status: 'rejected',
          reasonCode: 'slot_taken',
          reasonParams: { date: TALK_DAY, time: '15:00' },
          reason: 'Tiden tisdag 8 december kl. 15:00 hann bokas av någon annan. Välj en annan tid.',
        }),
      );
      signIn(anna, db, 'pupil-olle');
      const el = await openView();
      const notice = el.shadowRoot?.querySelector('.rejected');
      expect(notice?.getAttribute('role')).to.equal('status');
      expect(notice?.textContent?.replace(/\s+/g, ' ').trim()).to.equal(
        'Bokningen gick inte igenom: Tiden tisdag 8 december kl. 15:00 hann bokas av någon annan. Välj en annan tid. Välj en annan tid nedan.',
      );
      expect(buttons(el).map((b) => b.getAttribute('aria-label'))).to.deep.equal([
        'Boka 8 dec. kl. 15:40–16:00',
        'Boka 9 dec. kl. 08:00–08:20',
      ]);
      expect(el.shadowRoot?.querySelector('.booking')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('changes a booking by booking another time that names it, and cancels after asking first', async () => {
      await db.conferences.insert(booked);
      signIn(anna, db, 'pupil-olle');
      const el = await openView();
      expect(textOf(el)).to.contain('Bokad av Erik Lindqvist');
      button(el, 'Byt till 9 dec. kl. 08:00–08:20').click();
      await until(() => textOf(el).includes('Skickas…'), 5000, 'the change sending');
      const [change] = await conferenceRequests(db);
      expect(change?.payload).to.deep.equal({ slotId: 't4', replaces: 'b1' });

      button(el, 'Avboka').click();
      await until(
        () => textOf(el).includes('Vill du avboka tiden onsdag 9 december kl. 08:00–08:20?'),
        5000,
        'the question',
      );
      button(el, 'Nej, behåll tiden').click();
      await until(() => !textOf(el).includes('Vill du avboka'), 5000, 'the question gone');
      expect(await conferenceRequests(db)).to.have.length(1);
      button(el, 'Avboka').click();
      await until(() => Boolean(button(el, 'Ja, avboka')), 5000, 'the confirm button');
      button(el, 'Ja, avboka').click();
      await until(() => textOf(el).includes('Avbokning väntar på att skickas'), 5000, 'the cancellation waiting');
      expect(button(el, 'Avboka')).to.equal(undefined);
      const cancel = (await conferenceRequests(db)).find((r) => r.kind === CONFERENCE_CANCEL);
      // Cancelling a change that waits cancels what the change makes (the booking is the request's id).
      expect(cancel?.payload).to.deep.equal({ bookingId: change?.id });
    });

    it('after the last day: no times to book, and the booked time cannot be changed', async () => {
      await db.conferences.insert(booked);
      signIn(anna, db, 'pupil-olle');
      const el = await fixture<ConferencesView>(
        html`<sk-conferences-view now="2026-12-07T23:30:00.000Z"></sk-conferences-view>`,
      );
      await until(() => textOf(el).includes('Bokad tid'), 5000, 'the booking');
      expect(textOf(el)).to.contain('Sista dag att ändra eller avboka var måndag 7 december. Kontakta skolan.');
      // Tuesday's times have passed their last day; Wednesday's are still open.
      expect(timeLines(el)).to.deep.equal([
        '15:40–16:00 Karin Holm · Klassrum 5A Er tid',
        '08:00–08:20 Karin Holm · Klassrum 5A',
      ]);
      expect(buttons(el)).to.have.length(0);
    });

    it('tells a pupil that only guardians book', async () => {
      signIn(olleHimself, db);
      const el = await fixture<ConferencesView>(html`<sk-conferences-view now=${NOW}></sk-conferences-view>`);
      expect(textOf(el)).to.contain('Bara vårdnadshavare kan boka utvecklingssamtal.');
      expect(buttons(el)).to.have.length(0);
    });
  });

  describe('the model', () => {
    it('is open while times can be booked and closed when none can, unless there is a booking', () => {
      const pupil = { id: olle.id, classId: olle.classId };
      expect(conferenceModel(times, [], pupil, new Date(NOW)).open).to.equal(true);
      const late = new Date('2026-12-09T06:59:00.000Z'); // Wednesday 07:59: the 08:00 time is past its last day
      expect(conferenceModel(times, [], pupil, late).open).to.equal(false);
      expect(conferenceModel([...times, { ...booked, date: '2026-12-09' }], [], pupil, late).open).to.equal(true);
      expect(conferenceModel(times, [], { id: 'pupil-elsa', classId: 'class-3a' }, new Date(NOW)).open).to.equal(false);
      // A refusal keeps the box open while there are times to choose from, not after.
      const refused = request({ id: 'r1', kind: CONFERENCE_BOOK, payload: { slotId: 't1' }, status: 'rejected' });
      expect(conferenceModel(times, [refused], pupil, new Date(NOW)).rejected?.id).to.equal('r1');
      expect(conferenceModel(times, [refused], pupil, new Date('2026-12-10T08:00:00.000Z')).open).to.equal(false);
    });
  });
});
