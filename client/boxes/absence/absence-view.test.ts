import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import { store } from '../../app/state.js';
import type { SkolDatabase } from '../../data/db.js';
import {
  absence,
  anna,
  olleHimself,
  request,
  reset,
  signIn,
  testDatabase,
  textOf,
  until,
} from '../../testing/fixtures.js';
import './absence-view.js';
import type { AbsenceView } from './absence-view.js';

const TODAY = '2026-12-04';
/** The lines of the section headed `heading`. */
const section = (el: AbsenceView, heading: string) =>
  [...(el.shadowRoot?.querySelectorAll('section') ?? [])]
    .find((s) => s.querySelector('h2')?.textContent === heading)
    ?.querySelectorAll('li.absence, li.receipt');
const lines = (list: NodeListOf<Element> | undefined) =>
  [...(list ?? [])].map((li) => li.textContent?.replace(/\s+/g, ' ').trim());
const reportLink = (el: AbsenceView) =>
  [...(el.shadowRoot?.querySelectorAll('a') ?? [])].find((a) => a.textContent?.trim() === 'Rapportera frånvaro');

async function openView(): Promise<AbsenceView> {
  const el = await fixture<AbsenceView>(html`<sk-absence-view today=${TODAY}></sk-absence-view>`);
  await until(() => !textOf(el).includes('Hämtar…'), 5000, 'the absences');
  return el;
}

describe('sk-absence-view', () => {
  let db: SkolDatabase;
  beforeEach(async () => {
    db = await testDatabase();
  });
  afterEach(async () => {
    await reset(db);
  });

  it('is accessible with upcoming and earlier absence and a confirmation', async () => {
    await db.absences.insert(absence({ id: 'a1', date: '2026-12-02' }));
    await db.requests.insert(request({ id: 'r1', payload: { date: TODAY, wholeDay: true } }));
    signIn(anna, db, 'pupil-olle');
    store.set({ flash: 'report.savedOffline', sync: { reachable: false, lastContactAt: null, sessionEnded: false } });
    const el = await openView();
    await until(() => textOf(el).includes('Tidigare'), 5000, 'both sections');
    await expect(el).to.be.accessible();
  });

  it('says when there is no absence, under a heading that names the child', async () => {
    signIn(anna, db, 'pupil-olle');
    const el = await openView();
    expect(el.shadowRoot?.querySelector('h1')?.textContent?.replace(/\s+/g, ' ').trim()).to.equal(
      'Frånvaro, Olle Lindqvist',
    );
    expect(textOf(el)).to.contain('Ingen frånvaro är registrerad.');
    expect(el.shadowRoot?.querySelector('a.back')?.getAttribute('href')).to.equal('/');
  });

  it('lists today and later first (soonest first), then earlier (latest first)', async () => {
    await db.absences.bulkInsert([
      absence({ id: 'a1', date: '2026-11-30' }),
      absence({ id: 'a2', date: '2026-12-02', validity: 'invalid' }),
      absence({ id: 'a3', date: TODAY }),
    ]);
    await db.requests.insert(request({ id: 'r1', payload: { date: '2026-12-07', wholeDay: true } }));
    signIn(anna, db, 'pupil-olle');
    const el = await openView();
    await until(() => textOf(el).includes('Tidigare') && textOf(el).includes('måndag 7'), 5000, 'both sections');
    expect(lines(section(el, 'Idag och framåt'))).to.deep.equal([
      'fredag 4 december Heldag Giltig Registrerad av skolan',
      'måndag 7 december Heldag Skickas… Kvitto',
    ]);
    expect(lines(section(el, 'Tidigare'))).to.deep.equal([
      'onsdag 2 december Heldag Ogiltig Registrerad av skolan',
      'måndag 30 november Heldag Giltig Registrerad av skolan',
    ]);
  });

  it('shows a pending report as "Väntar på att skickas" when offline, even for a day that has passed', async () => {
    await db.requests.insert(
      request({
        id: 'r1',
        payload: { date: '2026-12-03', wholeDay: false, lessonIds: ['l1', 'l2'], from: '08:15', to: '10:00' },
      }),
    );
    signIn(anna, db, 'pupil-olle');
    store.set({ sync: { reachable: false, lastContactAt: null, sessionEnded: false } });
    const el = await openView();
    await until(() => textOf(el).includes('Väntar'), 5000, 'the report');
    expect(lines(section(el, 'Idag och framåt'))).to.deep.equal([
      'torsdag 3 december 08:15–10:00 · 2 lektioner Väntar på att skickas Anmälan är sparad på enheten och skickas till skolan när du har anslutning. Kvitto',
    ]);
  });

  it('shows an accepted report once, though both the request and its absence (same id) are stored', async () => {
    await db.requests.insert(
      request({
        id: 'r1',
        payload: { date: TODAY, wholeDay: true },
        status: 'accepted',
        receivedAt: '2026-12-04T06:12:00.000Z',
      }),
    );
    await db.absences.insert(
      absence({ id: 'r1', date: TODAY, source: 'reported', validity: 'reported', reportedBy: 'Anna Lindqvist' }),
    );
    signIn(anna, db, 'pupil-olle');
    const el = await openView();
    await until(() => textOf(el).includes('Mottagen'), 5000, 'the report');
    expect(section(el, 'Idag och framåt')).to.have.length(1);
    expect(section(el, 'Tidigare')).to.equal(undefined);
    expect(lines(section(el, 'Idag och framåt'))).to.deep.equal([
      'fredag 4 december Heldag Anmäld Anmäld av Anna Lindqvist · Mottagen av skolan 4 dec. 07:12 Kvitto',
    ]);
  });

  it('ends today’s received report early: the request waits on the line, then shows the school’s answer', async () => {
    await db.requests.insert(
      request({
        id: 'r1',
        payload: { date: TODAY, wholeDay: true },
        status: 'accepted',
        receivedAt: '2026-12-04T06:12:00.000Z',
      }),
    );
    await db.absences.insert(
      absence({ id: 'r1', date: TODAY, source: 'reported', validity: 'reported', reportedBy: 'Anna Lindqvist' }),
    );
    signIn(anna, db, 'pupil-olle');
    const el = await fixture<AbsenceView>(
      html`<sk-absence-view today=${TODAY} .now=${new Date('2026-12-04T08:30:00.000Z')}></sk-absence-view>`,
    );
    await until(() => el.shadowRoot?.querySelector('sk-absence-end') !== null, 5000, 'the button');
    const end = el.shadowRoot?.querySelector('sk-absence-end') as HTMLElement;
    await until(() => textOf(end) === 'Avsluta i förväg', 2000, 'the button’s name');
    const inEnd = <T extends Element>(selector: string) => end.shadowRoot?.querySelector(selector) as T;
    inEnd<HTMLButtonElement>('button').click();
    await until(() => end.shadowRoot?.querySelector('input') !== null, 2000, 'the form');
    await expect(el).to.be.accessible();
    const input = end.shadowRoot?.querySelector('input') as HTMLInputElement;
    expect(input.labels?.[0]?.textContent?.trim()).to.equal('Från klockan');
    // 08:00 is before the absence starts: said at once, nothing stored.
    input.value = '08:00';
    input.dispatchEvent(new Event('input'));
    inEnd<HTMLButtonElement>('button[type="submit"]').click();
    await until(() => end.shadowRoot?.querySelector('[role="alert"]') !== null, 2000, 'the error');
    expect(end.shadowRoot?.querySelector('[role="alert"]')?.textContent).to.contain('Frånvaron börjar 08:15');
    expect(await db.requests.find({ selector: { kind: 'absence.end' } }).exec()).to.have.length(0);

    input.value = '10:00';
    input.dispatchEvent(new Event('input'));
    inEnd<HTMLButtonElement>('button[type="submit"]').click();
    await until(() => textOf(el).includes('Avslutas 10:00'), 2000, 'the waiting end');
    const [stored] = await db.requests.find({ selector: { kind: 'absence.end' } }).exec();
    expect(stored?.pupilId).to.equal('pupil-olle');
    expect(stored?.payload).to.deep.equal({ absenceId: 'r1', endAt: '10:00' });
    expect(textOf(el)).to.contain('Avslutas 10:00 – skickas…');

    await stored?.incrementalPatch({
      status: 'rejected',
      reasonCode: 'end_in_past',
      reasonParams: { endAt: '10:00', now: '10:30' },
    });
    await until(() => textOf(el).includes('Kunde inte avslutas'), 2000, 'the answer');
    expect(textOf(el)).to.contain(
      'Kunde inte avslutas 10:00: Klockan var 10:30 när skolan fick meddelandet, så frånvaron kan inte sluta redan 10:00.',
    );
    await expect(el).to.be.accessible();
  });

  it('offers to end a report early only once the school’s record of it is on the device', async () => {
    await db.requests.insert(
      request({
        id: 'r1',
        payload: { date: TODAY, wholeDay: true },
        status: 'accepted',
        receivedAt: '2026-12-04T06:12:00.000Z',
      }),
    );
    signIn(anna, db, 'pupil-olle');
    const el = await openView();
    await until(() => (section(el, 'Idag och framåt')?.length ?? 0) === 1, 5000, 'the report');
    expect(el.shadowRoot?.querySelector('sk-absence-end')).to.equal(null);
    await db.absences.insert(
      absence({ id: 'r1', date: TODAY, source: 'reported', validity: 'reported', reportedBy: 'Anna Lindqvist' }),
    );
    await until(() => el.shadowRoot?.querySelector('sk-absence-end') !== null, 5000, 'the button');
    // The school's registrations and other days are not the family's to end.
    await db.absences.insert(absence({ id: 'reg', date: TODAY }));
    await until(() => (section(el, 'Idag och framåt')?.length ?? 0) === 2, 5000, 'both');
    expect(el.shadowRoot?.querySelectorAll('sk-absence-end')).to.have.length(1);
  });

  it('lists the user’s reports for every child with a link to each receipt', async () => {
    await db.requests.bulkInsert([
      request({ id: 'r-olle', payload: { date: TODAY, wholeDay: true } }),
      request({
        id: 'r-elsa',
        pupilId: 'pupil-elsa',
        payload: { date: TODAY, wholeDay: true },
        createdAt: '2026-12-04T06:11:00.000Z',
      }),
    ]);
    signIn(anna, db, 'pupil-olle');
    const el = await openView();
    await until(() => section(el, 'Dina anmälningar')?.length === 2, 5000, 'the receipts');
    expect(lines(section(el, 'Dina anmälningar'))).to.deep.equal([
      'Frånvaroanmälan fredag 4 december Gäller Elsa Lindqvist, 2A Skickas… Kvitto · Referens RELSA',
      'Frånvaroanmälan fredag 4 december Gäller Olle Lindqvist, 5A Skickas… Kvitto · Referens ROLLE',
    ]);
    const link = [...(el.shadowRoot?.querySelectorAll('a') ?? [])].find(
      (a) => a.getAttribute('href') === '/franvaro/kvitto?id=r-elsa',
    );
    expect(link?.getAttribute('aria-label')).to.equal(
      'Kvitto för Frånvaroanmälan fredag 4 december, Elsa Lindqvist, 2A',
    );
    await expect(el).to.be.accessible();
  });

  it('shows a rejected report as "Inte mottagen" with the localized reason', async () => {
    await db.requests.insert(
      request({
        id: 'r1',
        payload: { date: '2026-12-02', wholeDay: true },
        status: 'rejected',
        reasonCode: 'date_not_reportable',
        reasonParams: { date: '2026-12-02', today: TODAY },
        reason: 'Frånvaro kan bara rapporteras för idag eller i morgon.',
      }),
    );
    signIn(anna, db, 'pupil-olle');
    const el = await openView();
    await until(() => textOf(el).includes('Inte mottagen'), 5000, 'the report');
    expect(lines(section(el, 'Tidigare'))).to.deep.equal([
      'onsdag 2 december Heldag Inte mottagen Skolan kunde inte ta emot anmälan: Frånvaro kan bara rapporteras för idag eller i morgon. Anmälan gällde onsdag 2 december men kom fram till skolan fredag 4 december. Kvitto',
    ]);
    store.set({ lang: 'en' });
    await el.updateComplete;
    expect(textOf(el)).to.contain(
      'Not received The school could not accept the report: Absence can only be reported for today or tomorrow. The report was for Wednesday 2 December but reached the school Friday 4 December.',
    );
  });

  it('offers "Rapportera frånvaro" to a guardian only', async () => {
    signIn(anna, db, 'pupil-olle');
    const el = await openView();
    expect(reportLink(el)?.getAttribute('href')).to.equal('/franvaro/rapportera');
    signIn(olleHimself, db);
    await el.updateComplete;
    expect(reportLink(el)).to.equal(undefined);
  });

  it('shows the confirmation of a new report as a status, and forgets it when left', async () => {
    signIn(anna, db, 'pupil-olle');
    store.set({ flash: 'report.savedOnline' });
    const el = await openView();
    const flash = el.shadowRoot?.querySelector('.flash');
    expect(flash?.getAttribute('role')).to.equal('status');
    expect(flash?.textContent).to.equal(
      'Frånvaroanmälan skickas till skolan. Nedan ser du när skolan har tagit emot den.',
    );
    fixtureCleanup();
    expect(store.get().flash).to.equal(null);
  });
});
