import { expect, fixture, html } from '@open-wc/testing';
import { store } from '../../app/state.js';
import type { SkolDatabase } from '../../data/db.js';
import {
  absence,
  anna,
  elsa,
  olleHimself,
  request,
  reset,
  signIn,
  testDatabase,
  textOf,
  until,
} from '../../testing/fixtures.js';
import './absence-box.js';
import type { AbsenceBox } from './absence-box.js';

const TODAY = '2026-12-04';
const items = (el: AbsenceBox) =>
  [...(el.shadowRoot?.querySelectorAll('li.absence') ?? [])].map((li) => li.textContent?.replace(/\s+/g, ' ').trim());
const reportLink = (el: AbsenceBox) =>
  [...(el.shadowRoot?.querySelectorAll('a') ?? [])].find((a) => a.textContent?.trim() === 'Rapportera frånvaro');

async function openBox(): Promise<AbsenceBox> {
  const el = await fixture<AbsenceBox>(html`<sk-absence-box today=${TODAY}></sk-absence-box>`);
  await until(() => !textOf(el).includes('Hämtar…'), 5000, 'the absences');
  return el;
}

describe('sk-absence-box', () => {
  let db: SkolDatabase;
  beforeEach(async () => {
    db = await testDatabase();
  });
  afterEach(async () => {
    await reset(db);
  });

  it('is accessible with a report in every state', async () => {
    await db.absences.insert(absence({ id: 'a1', date: '2026-12-02', validity: 'invalid' }));
    await db.requests.bulkInsert([
      request({ id: 'r1', payload: { date: TODAY, wholeDay: true } }),
      request({
        id: 'r2',
        payload: { date: TODAY, wholeDay: true },
        status: 'rejected',
        reasonCode: 'no_lessons',
        reasonParams: { date: TODAY },
      }),
    ]);
    signIn(anna, db, 'pupil-olle');
    store.set({ sync: { reachable: false, lastContactAt: null, sessionEnded: false } });
    const el = await openBox();
    await until(() => items(el).length === 3, 5000, 'three items');
    await expect(el).to.be.accessible();
  });

  it('says when there is no absence, with a link to the Frånvaro view', async () => {
    signIn(anna, db, 'pupil-olle');
    const el = await openBox();
    expect(textOf(el)).to.contain('Ingen frånvaro är registrerad.');
    const heading = el.shadowRoot?.querySelector('h2 a');
    expect(heading?.textContent).to.equal('Frånvaro');
    expect(heading?.getAttribute('href')).to.equal('/franvaro');
    expect([...(el.shadowRoot?.querySelectorAll('a') ?? [])].map((a) => a.textContent?.trim())).to.include(
      'Öppna Frånvaro',
    );
  });

  it('shows absence the school registered, valid or not', async () => {
    await db.absences.bulkInsert([
      absence({ id: 'a1', date: '2026-12-02' }),
      absence({
        id: 'a2',
        date: '2026-12-01',
        validity: 'invalid',
        wholeDay: false,
        from: '08:15',
        to: '10:00',
        lessonIds: ['x', 'y'],
      }),
    ]);
    signIn(anna, db, 'pupil-olle');
    const el = await openBox();
    await until(() => items(el).length === 2, 5000, 'two items');
    expect(items(el)).to.deep.equal([
      'onsdag 2 december Heldag Giltig Registrerad av skolan',
      'tisdag 1 december 08:15–10:00 · 2 lektioner Ogiltig Registrerad av skolan',
    ]);
  });

  it('shows a pending report as "Väntar på att skickas" while offline, and "Skickas…" online', async () => {
    await db.requests.insert(request({ id: 'r1', payload: { date: TODAY, wholeDay: true, comment: 'Feber' } }));
    signIn(anna, db, 'pupil-olle');
    store.set({ sync: { reachable: false, lastContactAt: null, sessionEnded: false } });
    const el = await openBox();
    await until(() => items(el).length === 1, 5000, 'the report');
    expect(items(el)[0]).to.equal(
      'fredag 4 december Heldag Väntar på att skickas Anmälan är sparad på enheten och skickas till skolan när du har anslutning. Kommentar: Feber',
    );
    store.set({ sync: { reachable: true, lastContactAt: null, sessionEnded: false } });
    await el.updateComplete;
    expect(items(el)[0]).to.equal('fredag 4 december Heldag Skickas… Kommentar: Feber');
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
    const el = await openBox();
    await until(() => items(el).length > 0 && textOf(el).includes('Mottagen'), 5000, 'the report');
    expect(items(el)).to.deep.equal([
      'fredag 4 december Heldag Anmäld Anmäld av Anna Lindqvist · Mottagen av skolan 4 dec. 07:12',
    ]);
  });

  it('shows a rejected report as "Inte mottagen" with the reason in words', async () => {
    await db.requests.insert(
      request({
        id: 'r1',
        payload: { date: TODAY, wholeDay: false, from: '07:00', to: '07:30' },
        status: 'rejected',
        reasonCode: 'outside_schedule',
        reasonParams: { from: '07:00', to: '07:30', date: TODAY },
        reason: 'Tiden 07:00–07:30 ligger utanför elevens schema 2026-12-04.',
      }),
    );
    signIn(anna, db, 'pupil-olle');
    const el = await openBox();
    await until(() => items(el).length === 1, 5000, 'the report');
    expect(items(el)[0]).to.equal(
      'fredag 4 december 07:00–07:30 Inte mottagen Skolan kunde inte ta emot anmälan: Tiden 07:00–07:30 ligger utanför elevens schema fredag 4 december.',
    );
  });

  it('puts reports that need attention first and shows at most three', async () => {
    await db.absences.bulkInsert([
      absence({ id: 'a1', date: '2026-11-30' }),
      absence({ id: 'a2', date: '2026-12-01' }),
      absence({ id: 'a3', date: '2026-12-02' }),
    ]);
    await db.requests.insert(request({ id: 'r1', payload: { date: '2026-12-05', wholeDay: true } }));
    signIn(anna, db, 'pupil-olle');
    const el = await openBox();
    await until(() => items(el).length === 3 && textOf(el).includes('lördag'), 5000, 'three items');
    expect(items(el).map((t) => t?.split(' Heldag')[0])).to.deep.equal([
      'lördag 5 december',
      'onsdag 2 december',
      'tisdag 1 december',
    ]);
  });

  it('shows only the selected child’s absence and reports', async () => {
    await db.absences.insert(absence({ id: 'a1', date: '2026-12-02', pupilId: elsa.id }));
    await db.requests.insert(request({ id: 'r1', pupilId: elsa.id, payload: { date: TODAY, wholeDay: true } }));
    signIn(anna, db, 'pupil-olle');
    const el = await openBox();
    expect(textOf(el)).to.contain('Ingen frånvaro är registrerad.');
    signIn(anna, db, elsa.id);
    await until(() => items(el).length === 2, 5000, 'Elsa’s items');
  });

  it('offers "Rapportera frånvaro" to a guardian, linking to the report form', async () => {
    signIn(anna, db, 'pupil-olle');
    const el = await openBox();
    expect(reportLink(el)?.getAttribute('href')).to.equal('/franvaro/rapportera');
  });

  it('does not offer "Rapportera frånvaro" to a pupil, and says guardians report', async () => {
    signIn(olleHimself, db);
    const el = await openBox();
    expect(reportLink(el)).to.equal(undefined);
    expect(textOf(el)).to.contain('Frånvaro anmäls av vårdnadshavare.');
  });

  it('speaks English when the language is switched', async () => {
    await db.absences.insert(absence({ id: 'a1', date: '2026-12-02' }));
    signIn(anna, db, 'pupil-olle');
    const el = await openBox();
    await until(() => items(el).length === 1, 5000, 'the absence');
    store.set({ lang: 'en' });
    await el.updateComplete;
    expect(items(el)[0]).to.equal('Wednesday 2 December Whole day Valid Registered by the school');
    expect(reportLink(el)).to.equal(undefined);
    expect([...(el.shadowRoot?.querySelectorAll('a') ?? [])].map((a) => a.textContent?.trim())).to.include(
      'Report absence',
    );
  });
});
