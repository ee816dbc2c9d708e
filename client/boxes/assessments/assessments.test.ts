import { expect, fixture, html } from '@open-wc/testing';
import { store } from '../../app/state.js';
import type { SkolDatabase } from '../../data/db.js';
import { markSeen } from '../../data/seen.js';
import {
  anna,
  assessment,
  elsa,
  olleHimself,
  reset,
  signIn,
  testDatabase,
  textOf,
  until,
} from '../../testing/fixtures.js';
import './assessments-box.js';
import './assessments-view.js';
import type { AssessmentsBox } from './assessments-box.js';
import type { AssessmentsView } from './assessments-view.js';

const requirements = [
  { text: 'Löser problem', symbol: 'met' as const },
  { text: 'Resonerar', symbol: 'partlyMet' as const },
  { text: 'Jämför', symbol: 'notMet' as const },
  { text: 'Beskriver', symbol: '' as const },
];

describe('Bedömningar', () => {
  let db: SkolDatabase;
  beforeEach(async () => {
    db = await testDatabase();
  });
  afterEach(async () => {
    await reset(db);
  });

  it('box: is accessible, says the school has entered nothing when empty', async () => {
    signIn(anna, db, 'pupil-olle');
    const el = await fixture<AssessmentsBox>(html`<sk-assessments-box></sk-assessments-box>`);
    await until(() => !textOf(el).includes('Hämtar'), 5000, 'the box');
    expect(textOf(el)).to.contain('Skolan har inte lagt in någon information här än.');
    await expect(el).to.be.accessible();
  });

  it('box: counts what is new since the last visit and shows the latest first', async () => {
    await db.assessments.bulkInsert([
      assessment({
        id: 'a1',
        date: '2026-11-01',
        subject: 'Svenska',
        title: 'Läsning',
        updatedAt: '2026-11-01T08:00:00.000Z',
      }),
      assessment({ id: 'a2', date: '2026-12-01', title: 'Bråk', updatedAt: '2026-12-01T08:00:00.000Z' }),
    ]);
    markSeen('guardian-anna', 'pupil-olle', 'assessments', '2026-11-15T00:00:00.000Z');
    signIn(anna, db, 'pupil-olle');
    const el = await fixture<AssessmentsBox>(html`<sk-assessments-box></sk-assessments-box>`);
    await until(() => textOf(el).includes('Bråk'), 5000, 'the assessments');
    expect(textOf(el)).to.contain('1 nya');
    const items = [...(el.shadowRoot?.querySelectorAll('li') ?? [])].map((li) =>
      li.textContent?.replace(/\s+/g, ' ').trim(),
    );
    expect(items[0]).to.contain('Matematik: Bråk Ny');
    expect(items[1]).to.contain('Svenska: Läsning');
    expect(items[1]).not.to.contain('Ny');
    await expect(el).to.be.accessible();
  });

  it('view: is accessible; every requirement has its symbol in words, or says it is not yet dealt with', async () => {
    await db.assessments.insert(assessment({ id: 'a1', requirements, comment: 'Bra jobbat' }));
    signIn(anna, db, 'pupil-olle');
    const el = await fixture<AssessmentsView>(html`<sk-assessments-view></sk-assessments-view>`);
    await until(() => textOf(el).includes('Löser problem'), 5000, 'the assessment');
    const reqs = [...(el.shadowRoot?.querySelectorAll('ol.requirements li') ?? [])].map((li) =>
      li.textContent?.replace(/\s+/g, ' ').trim(),
    );
    expect(reqs).to.deep.equal([
      'Löser problem Uppfyller kunskapskraven',
      'Resonerar Uppfyller delvis kunskapskraven',
      'Jämför Uppfyller ej kunskapskraven',
      'Beskriver Kunskapskravet har ännu inte behandlats i undervisningen',
    ]);
    expect(textOf(el)).to.contain('Kommentar: Bra jobbat');
    await expect(el).to.be.accessible();
  });

  it('view: shows only the selected child’s; reads the same for the pupil', async () => {
    await db.assessments.bulkInsert([
      assessment({ id: 'a-olle', title: 'Olles bedömning' }),
      assessment({ id: 'a-elsa', scopeRef: elsa.id, title: 'Elsas bedömning' }),
    ]);
    signIn(anna, db, elsa.id);
    const el = await fixture<AssessmentsView>(html`<sk-assessments-view></sk-assessments-view>`);
    await until(() => textOf(el).includes('Elsas bedömning'), 5000, 'Elsa’s');
    expect(textOf(el)).not.to.contain('Olles bedömning');
    signIn(olleHimself, db);
    await until(() => textOf(el).includes('Olles bedömning'), 5000, 'Olle’s');
    expect(textOf(el)).not.to.contain('Elsas bedömning');
  });

  it('view: the combined view labels every item with its own child', async () => {
    await db.assessments.bulkInsert([
      assessment({ id: 'a-olle', title: 'Olles bedömning' }),
      assessment({ id: 'a-elsa', scopeRef: elsa.id, title: 'Elsas bedömning' }),
    ]);
    signIn(anna, db, 'pupil-olle');
    store.set({ route: { path: '/bedomningar', query: new URLSearchParams('barn=alla') } });
    const el = await fixture<AssessmentsView>(html`<sk-assessments-view></sk-assessments-view>`);
    await until(() => textOf(el).includes('Elsas bedömning') && textOf(el).includes('Olles bedömning'), 5000, 'both');
    const labelled = [...(el.shadowRoot?.querySelectorAll('article') ?? [])].map((a) => [
      a.querySelector('h3')?.textContent,
      a.querySelector('.child-label')?.textContent,
    ]);
    expect(labelled).to.have.deep.members([
      ['Olles bedömning', 'Gäller Olle'],
      ['Elsas bedömning', 'Gäller Elsa'],
    ]);
    await expect(el).to.be.accessible();
  });
});
