import { expect, fixture, html } from '@open-wc/testing';
import type { SkolDatabase } from '../../data/db.js';
import { anna, contact, reset, signIn, testDatabase, textOf, until } from '../../testing/fixtures.js';
import './contacts-box.js';
import './contacts-view.js';
import type { ContactsBox } from './contacts-box.js';
import type { ContactsView } from './contacts-view.js';

describe('Kontaktlista', () => {
  let db: SkolDatabase;
  beforeEach(async () => {
    db = await testDatabase();
    await db.contacts.bulkInsert([
      contact({ id: 's1', name: 'Helena Nord', role: 'Rektor', email: 'helena@skola.se', phone: '0123-45 67' }),
      contact({
        id: 's2',
        name: 'Karin Holm',
        role: 'Mentor 5A',
        email: 'karin@skola.se',
        scopeKind: 'class',
        scopeRef: 'class-5a',
      }),
      contact({
        id: 'cl-1',
        kind: 'pupil',
        name: 'Maja Berg',
        sortName: 'berg maja',
        scopeKind: 'class',
        scopeRef: 'class-5a',
        guardians: [{ name: 'Per Berg', email: 'per@example.se', phone: '070-1' }],
      }),
      contact({
        id: 'cl-2',
        kind: 'pupil',
        name: 'Olle Lindqvist',
        sortName: 'lindqvist olle',
        scopeKind: 'class',
        scopeRef: 'class-5a',
      }),
      contact({ id: 'cl-3', kind: 'pupil', name: 'Elsas klasskamrat', scopeKind: 'class', scopeRef: 'class-2a' }),
    ]);
  });
  afterEach(async () => {
    await reset(db);
  });

  it('box: is accessible and counts staff and classmates', async () => {
    signIn(anna, db, 'pupil-olle');
    const el = await fixture<ContactsBox>(html`<sk-contacts-box></sk-contacts-box>`);
    await until(() => textOf(el).includes('i personalen'), 5000, 'the counts');
    expect(textOf(el)).to.contain('2 i personalen · 2 i klasslistan');
    await expect(el).to.be.accessible();
  });

  it('view: is accessible; staff and class list with e-mail in one tap, searchable by name', async () => {
    signIn(anna, db, 'pupil-olle');
    const el = await fixture<ContactsView>(html`<sk-contacts-view></sk-contacts-view>`);
    await until(() => textOf(el).includes('Maja Berg'), 5000, 'the list');
    expect(textOf(el)).to.contain('Klasslista 5A');
    expect(textOf(el)).not.to.contain('Elsas klasskamrat');
    const mail = [...(el.shadowRoot?.querySelectorAll('a') ?? [])].find((a) =>
      a.textContent?.startsWith('helena@skola.se'),
    );
    expect(mail?.getAttribute('href')).to.equal('mailto:helena@skola.se');
    expect(mail?.textContent).to.equal('helena@skola.se (Skicka e-post till Helena Nord)');
    await expect(el).to.be.accessible();
    const input = el.shadowRoot?.querySelector('input') as HTMLInputElement;
    input.value = 'per';
    input.dispatchEvent(new Event('input'));
    await until(() => !textOf(el).includes('Helena Nord'), 5000, 'the search');
    expect(textOf(el)).to.contain('Maja Berg');
    input.value = 'zzz';
    input.dispatchEvent(new Event('input'));
    await until(() => textOf(el).includes('Ingen i listan matchar sökningen.'), 5000, 'no match');
  });
});
