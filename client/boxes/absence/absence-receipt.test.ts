import { expect, fixture, html } from '@open-wc/testing';
import { store } from '../../app/state.js';
import type { SkolDatabase } from '../../data/db.js';
import { anna, request, reset, signIn, testDatabase, textOf, until } from '../../testing/fixtures.js';
import './absence-receipt.js';
import type { AbsenceReceipt } from './absence-receipt.js';

const ID = '0b7c61aa-5f0e-4e0c-9a55-3a6c1d2e4f50';

async function open(id: string): Promise<AbsenceReceipt> {
  store.set({ route: { path: '/franvaro/kvitto', query: new URLSearchParams({ id }) } });
  const el = await fixture<AbsenceReceipt>(html`<sk-absence-receipt></sk-absence-receipt>`);
  await until(() => !textOf(el).includes('Hämtar'), 5000, 'the receipt');
  return el;
}

/** The receipt's rows, "term: value". */
const rows = (el: AbsenceReceipt) =>
  [...(el.shadowRoot?.querySelectorAll('dt') ?? [])].map(
    (dt) => `${dt.textContent?.trim()}: ${dt.nextElementSibling?.textContent?.replace(/\s+/g, ' ').trim()}`,
  );

describe('sk-absence-receipt', () => {
  let db: SkolDatabase;
  beforeEach(async () => {
    db = await testDatabase();
    signIn(anna, db, 'pupil-olle');
  });
  afterEach(async () => {
    await reset(db);
  });

  it('shows what was reported, for whom, by whom, when sent and received, the state and the reference', async () => {
    await db.requests.insert(
      request({
        id: ID,
        payload: {
          date: '2026-12-04',
          wholeDay: false,
          from: '08:15',
          to: '10:00',
          lessonIds: ['a', 'b'],
          comment: 'Tandläkare',
        },
        createdAt: '2026-12-04T06:10:00.000Z',
        status: 'accepted',
        receivedAt: '2026-12-04T06:12:00.000Z',
      }),
    );
    const el = await open(ID);
    expect(el.shadowRoot?.querySelector('h1')?.textContent).to.equal('Kvitto');
    expect(rows(el)).to.deep.equal([
      'Vad: Frånvaroanmälan fredag 4 december · 2 lektioner · Kommentar: Tandläkare',
      'Gäller: Olle Lindqvist, 5A',
      'Skickad av: Anna Lindqvist',
      'Skickad: 4 dec. 07:10',
      'Mottagen av skolan: 4 dec. 07:12',
      'Status: Mottagen',
      'Referens: 0B7C61AA',
    ]);
    await expect(el).to.be.accessible();
  });

  it('says a report not yet sent is not received, and shows a school’s refusal with its reason', async () => {
    await db.requests.insert(request({ id: ID, payload: { date: '2026-12-04', wholeDay: true } }));
    store.set({ sync: { reachable: false, lastContactAt: null, sessionEnded: false } });
    const el = await open(ID);
    expect(rows(el)).to.include('Mottagen av skolan: Inte mottagen än – skickas när du har anslutning');
    expect(rows(el)).to.include('Status: Väntar på att skickas');
    await (await db.requests.findOne(ID).exec())?.incrementalPatch({
      status: 'rejected',
      receivedAt: '2026-12-05T07:00:00.000Z',
      reasonCode: 'date_not_reportable',
      reasonParams: { date: '2026-12-04', today: '2026-12-05' },
    });
    await until(() => textOf(el).includes('Inte mottagen Frånvaro'), 2000, 'the refusal');
    expect(rows(el)).to.include(
      'Status: Inte mottagen Frånvaro kan bara rapporteras för idag eller i morgon. Anmälan gällde fredag 4 december men kom fram till skolan lördag 5 december.',
    );
  });

  it('shows the receipt of an end and says when there is no such receipt on the device', async () => {
    await db.requests.insert(
      request({
        id: ID,
        kind: 'absence.end',
        payload: { absenceId: 'x', endAt: '10:00' },
        createdAt: '2026-12-04T08:00:00.000Z',
      }),
    );
    const el = await open(ID);
    expect(rows(el)[0]).to.equal('Vad: Avsluta frånvaro i förväg fredag 4 december: tillbaka 10:00');
    const missing = await open('nothing-here');
    expect(textOf(missing)).to.contain('Kvittot finns inte på den här enheten.');
  });
});
