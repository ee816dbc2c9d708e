import { expect, fixture, html } from '@open-wc/testing';
import { instantInZone } from '../../../shared/time.js';
import { store } from '../../app/state.js';
import type { SkolDatabase } from '../../data/db.js';
import '../../start/start-page.js';
import type { StartPage } from '../../start/start-page.js';
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
import './care-box.js';
import type { CareBox } from './care-box.js';

// Tuesday 8 December 2026, 08:00 in Stockholm.
const NOW = instantInZone('2026-12-08', '08:00');
const lines = (el: CareBox) =>
  [...(el.shadowRoot?.querySelectorAll('li') ?? [])].map((li) => li.textContent?.replace(/\s+/g, ' ').trim());

async function openBox(): Promise<CareBox> {
  const el = await fixture<CareBox>(html`<sk-care-box .now=${NOW}></sk-care-box>`);
  await until(() => lines(el).length === 5, 5000, 'five days');
  return el;
}

const enrolment = (pupilId = 'pupil-olle') =>
  careTime({ id: `enrol-${pupilId}`, kind: 'enrolment', scopeRef: pupilId, opens: '06:30', closes: '18:00' });

describe('sk-care-box', () => {
  let db: SkolDatabase;
  beforeEach(async () => {
    db = await testDatabase();
  });
  afterEach(async () => {
    await reset(db);
  });

  it('shows the coming school days: times, no care, a locked day with its reason, and changes in every state', async () => {
    await db.careTimes.bulkInsert([
      enrolment(),
      careTime({ id: 'd1', date: '2026-12-08', arrival: '07:30', departure: '16:00', setBy: 'Anna Lindqvist' }),
      careTime({
        id: 'lock',
        kind: 'lock',
        scopeKind: 'school',
        scopeRef: 'school-lingonberg',
        date: '2026-12-11',
        reason: 'Planeringsdag',
      }),
    ]);
    await db.requests.bulkInsert([
      request({
        id: 'r1',
        kind: 'care.set',
        payload: { date: '2026-12-09', noCare: true, arrival: '', departure: '', comment: '', previous: '' },
      }),
      request({
        id: 'r2',
        kind: 'care.set',
        payload: { date: '2026-12-10', noCare: false, arrival: '06:00', departure: '15:00', comment: '', previous: '' },
        status: 'rejected',
        reasonCode: 'care_outside_hours',
        reasonParams: { date: '2026-12-10', opens: '06:30', closes: '18:00' },
      }),
    ]);
    signIn(anna, db, 'pupil-olle');
    store.set({ sync: { reachable: false, lastContactAt: null, sessionEnded: false } });
    const el = await openBox();
    await until(() => lines(el)[1]?.includes('Väntar') === true, 5000, 'the pending change');
    expect(lines(el)).to.deep.equal([
      'tisdag 8 december 07:30–16:00 Ändrad av Anna Lindqvist',
      'onsdag 9 december Ingen omsorg Väntar på att skickas',
      'torsdag 10 december Inga tider Inte sparad Skolan kunde inte ta emot ändringen: Fritids har öppet 06:30–18:00. Tiderna för torsdag 10 december ligger utanför.',
      'fredag 11 december Inga tider Låst: Planeringsdag',
      'måndag 14 december Inga tider',
    ]);
    await expect(el).to.be.accessible();
  });

  it('links its heading and its last line to the Fritidsschema view', async () => {
    await db.careTimes.insert(enrolment());
    signIn(anna, db, 'pupil-olle');
    const el = await openBox();
    const heading = el.shadowRoot?.querySelector('h2 a');
    expect(heading?.textContent).to.equal('Fritidsschema');
    expect(heading?.getAttribute('href')).to.equal('/fritidsschema');
    expect(textOf(el)).to.contain('Öppna Fritidsschema');
  });
});

describe('the start page and the Fritidsschema box', () => {
  let db: SkolDatabase;
  beforeEach(async () => {
    db = await testDatabase();
  });
  afterEach(async () => {
    await reset(db);
  });

  const hasBox = (el: StartPage) => el.shadowRoot?.querySelector('sk-care-box') !== null;

  it('shows the box to a guardian only for a child enrolled in fritids, and follows the child switch', async () => {
    await db.careTimes.insert(enrolment('pupil-elsa'));
    signIn(anna, db, 'pupil-elsa');
    const el = await fixture<StartPage>(html`<sk-start-page></sk-start-page>`);
    await until(() => hasBox(el), 5000, 'the box for Elsa');
    store.set({ pupilId: 'pupil-olle' });
    await until(() => !hasBox(el), 5000, 'no box for Olle');
    // Enrolled later (the school's change arrives by sync): the box appears.
    await db.careTimes.insert(enrolment('pupil-olle'));
    await until(() => hasBox(el), 5000, 'the box for Olle');
  });

  it('never shows the box to a pupil, even one in fritids', async () => {
    await db.careTimes.insert(enrolment('pupil-olle'));
    signIn(olleHimself, db, 'pupil-olle');
    const el = await fixture<StartPage>(html`<sk-start-page></sk-start-page>`);
    await until(() => (el.shadowRoot?.querySelectorAll('.boxes > *').length ?? 0) > 0, 5000, 'the boxes');
    await new Promise((r) => requestAnimationFrame(r));
    expect(hasBox(el)).to.equal(false);
  });
});
