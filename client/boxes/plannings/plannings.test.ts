import { expect, fixture, html } from '@open-wc/testing';
import type { SkolDatabase } from '../../data/db.js';
import { anna, publication, reset, signIn, testDatabase, textOf, until } from '../../testing/fixtures.js';
import './plannings-box.js';
import './plannings-view.js';
import type { PlanningsBox } from './plannings-box.js';
import type { PlanningsView } from './plannings-view.js';

const TODAY = '2026-12-02';

describe('Planeringar', () => {
  let db: SkolDatabase;
  beforeEach(async () => {
    db = await testDatabase();
    await db.publications.bulkInsert([
      publication({
        id: 'p1',
        kind: 'planning',
        scopeKind: 'class',
        scopeRef: 'class-5a',
        title: 'Bråk och decimaltal',
        subject: 'Matematik',
        periodFrom: '2026-11-16',
        periodTo: '2026-12-18',
        goals: ['Jämföra bråk', 'Lösa problem'],
        body: '<p>Vi arbetar med <strong>bråk</strong>.</p>',
        attachments: [{ id: 'f1', name: 'Övningar.txt', type: 'text/plain', size: 120 }],
        links: [{ title: 'Övningar på nätet', url: 'https://example.se/brak' }],
      }),
      publication({
        id: 'p2',
        kind: 'planning',
        scopeKind: 'class',
        scopeRef: 'class-2a',
        title: 'Bara 2A',
        subject: 'Svenska',
      }),
    ]);
  });
  afterEach(async () => {
    await reset(db);
  });

  it('box: is accessible and shows the plannings going on now', async () => {
    signIn(anna, db, 'pupil-olle');
    const el = await fixture<PlanningsBox>(html`<sk-plannings-box today=${TODAY}></sk-plannings-box>`);
    await until(() => textOf(el).includes('Bråk och decimaltal'), 5000, 'the planning');
    expect(textOf(el)).to.contain('Matematik: Bråk och decimaltal');
    expect(textOf(el)).not.to.contain('Bara 2A');
    await expect(el).to.be.accessible();
  });

  it('view: is accessible with subject, period, goals, content, files and links', async () => {
    signIn(anna, db, 'pupil-olle');
    const el = await fixture<PlanningsView>(html`<sk-plannings-view today=${TODAY}></sk-plannings-view>`);
    await until(() => textOf(el).includes('Jämföra bråk'), 5000, 'the planning');
    expect(textOf(el)).to.contain('Matematik · 16 nov. – 18 dec.');
    expect(textOf(el)).to.contain('Pågår');
    const rich = el.shadowRoot?.querySelector('sk-rich-text');
    await until(() => (rich?.shadowRoot?.querySelector('strong')?.textContent ?? '') === 'bråk', 5000, 'the content');
    const files = el.shadowRoot?.querySelector('sk-file-list');
    await until(() => (files?.shadowRoot?.textContent ?? '').includes('Övningar.txt'), 5000, 'the file');
    const link = [...(el.shadowRoot?.querySelectorAll('a') ?? [])].find((a) => a.textContent === 'Övningar på nätet');
    expect(link?.getAttribute('href')).to.equal('https://example.se/brak');
    await expect(el).to.be.accessible();
  });
});
