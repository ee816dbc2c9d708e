import { expect, fixture, html } from '@open-wc/testing';
import { store } from '../../app/state.js';
import type { SkolDatabase } from '../../data/db.js';
import { anna, elsa, olle, publication, reset, signIn, testDatabase, textOf, until } from '../../testing/fixtures.js';
import './information-box.js';
import './information-view.js';
import type { InformationBox } from './information-box.js';
import type { InformationView } from './information-view.js';

declare global {
  interface Window {
    pwned?: number;
  }
}

const HOSTILE = [
  '<p>Hej <strong>alla</strong> <em>föräldrar</em></p>',
  '<script>window.pwned = 1</script>',
  '<img src="x" onerror="window.pwned = 2">',
  '<p onclick="window.pwned = 3" style="position:fixed;inset:0;background:red">Klicka</p>',
  '<a href="javascript:window.pwned = 4">farlig länk</a>',
  '<a href="https://example.se/ok" onmouseover="window.pwned = 5">bra länk</a>',
  '<iframe src="javascript:parent.pwned = 6"></iframe>',
  '<style>:host { display: none }</style>',
  '<svg><script>window.pwned = 7</script></svg>',
  '<object data="javascript:window.pwned = 8"></object>',
  '<form action="https://evil.example"><button>Skicka</button></form>',
  '<ul><li>Ett</li><li>Två</li></ul>',
].join('');

describe('Information', () => {
  let db: SkolDatabase;
  beforeEach(async () => {
    db = await testDatabase();
    window.pwned = undefined;
  });
  afterEach(async () => {
    await reset(db);
  });

  it('box: is accessible; unread news counted, newest first', async () => {
    await db.publications.bulkInsert([
      publication({ id: 'n1', title: 'Äldre nyhet', date: '2026-11-20' }),
      publication({ id: 'n2', title: 'Ny nyhet', date: '2026-12-02' }),
      publication({ id: 'p1', kind: 'planning', title: 'Inte information' }),
    ]);
    signIn(anna, db, 'pupil-olle');
    const el = await fixture<InformationBox>(html`<sk-information-box></sk-information-box>`);
    await until(() => textOf(el).includes('Ny nyhet'), 5000, 'the news');
    expect(textOf(el)).to.contain('2 olästa');
    expect(textOf(el).indexOf('Ny nyhet')).to.be.lessThan(textOf(el).indexOf('Äldre nyhet'));
    expect(textOf(el)).not.to.contain('Inte information');
    await expect(el).to.be.accessible();
  });

  it('view: renders hostile news HTML with its formatting and nothing that runs or styles', async () => {
    await db.publications.insert(publication({ id: 'n1', title: 'Elak nyhet', body: HOSTILE }));
    signIn(anna, db, 'pupil-olle');
    const el = await fixture<InformationView>(html`<sk-information-view></sk-information-view>`);
    await until(() => textOf(el).includes('Elak nyhet'), 5000, 'the news');
    const rich = el.shadowRoot?.querySelector('sk-rich-text');
    await until(() => (rich?.shadowRoot?.textContent ?? '').includes('föräldrar'), 5000, 'the body');
    const root = rich?.shadowRoot as ShadowRoot;
    // Give anything that might run a chance to.
    await new Promise((r) => setTimeout(r, 200));
    for (const el2 of root.querySelectorAll('*')) el2.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    expect(window.pwned).to.equal(undefined);
    expect(root.querySelector('strong')?.textContent).to.equal('alla');
    expect(root.querySelectorAll('li')).to.have.length(2);
    for (const bad of ['script', 'img', 'iframe', 'style', 'svg', 'object', 'form', 'button']) {
      expect(root.querySelector(bad), bad).to.equal(null);
    }
    for (const node of root.querySelectorAll('*')) {
      for (const attr of node.getAttributeNames()) expect(['href', 'rel', 'target']).to.include(attr);
    }
    const links = [...root.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).to.deep.equal(['https://example.se/ok']);
    expect(links[0]?.rel).to.equal('noopener noreferrer');
    expect(root.textContent).to.contain('farlig länk');
    await expect(el).to.be.accessible();
  });

  it('view: shows links and files, and how much the saved files take', async () => {
    await db.publications.bulkInsert([
      publication({ id: 'l1', kind: 'link', title: 'Matsedel', url: 'https://example.se/mat' }),
      publication({
        id: 'f1',
        kind: 'file',
        title: 'Läsårstider',
        attachments: [{ id: 'file-1', name: 'Läsårstider.pdf', type: 'application/pdf', size: 2048 }],
      }),
    ]);
    signIn(anna, db, 'pupil-olle');
    const el = await fixture<InformationView>(html`<sk-information-view></sk-information-view>`);
    await until(() => textOf(el).includes('Läsårstider'), 5000, 'the items');
    const link = [...(el.shadowRoot?.querySelectorAll('a') ?? [])].find((a) => a.textContent?.includes('Matsedel'));
    expect(link?.getAttribute('href')).to.equal('https://example.se/mat');
    expect(link?.getAttribute('rel')).to.equal('noopener noreferrer');
    const files = el.shadowRoot?.querySelector('sk-file-list[class], sk-file-list') as HTMLElement;
    await until(
      () => (files.shadowRoot?.textContent ?? '').includes('Spara offline') || !!document.querySelector('x'),
      5000,
      'the file list',
    );
    const saved = el.shadowRoot?.querySelector('sk-saved-files');
    await until(
      () => (saved?.shadowRoot?.textContent ?? '').includes('Sparade filer på enheten: 0 st'),
      5000,
      'the usage',
    );
    await expect(el).to.be.accessible();
  });

  it('view: the combined view never shows an item under the wrong child', async () => {
    // Elsa (2A) and Olle (5A): a school item both share, one for each class, one for each child.
    await db.publications.bulkInsert([
      publication({ id: 'school', title: 'För hela skolan' }),
      publication({ id: 'class-2a', scopeKind: 'class', scopeRef: elsa.classId, title: 'Bara 2A' }),
      publication({ id: 'class-5a', scopeKind: 'class', scopeRef: olle.classId, title: 'Bara 5A' }),
      publication({ id: 'class-9x', scopeKind: 'class', scopeRef: 'class-9x', title: 'Annan klass' }),
      publication({ id: 'other-school', scopeRef: 'another-school', title: 'Annan skola' }),
    ]);
    signIn(anna, db, 'pupil-olle');
    store.set({ route: { path: '/information', query: new URLSearchParams('barn=alla') } });
    const el = await fixture<InformationView>(html`<sk-information-view></sk-information-view>`);
    await until(() => el.shadowRoot?.querySelectorAll('article').length === 3, 5000, 'three items');
    const labelled = [...(el.shadowRoot?.querySelectorAll('article') ?? [])].map((a) => [
      a.querySelector('h2')?.textContent,
      a.querySelector('.child-label')?.textContent,
    ]);
    expect(labelled).to.have.deep.members([
      ['För hela skolan', 'Gäller Elsa, Olle'],
      ['Bara 2A', 'Gäller Elsa'],
      ['Bara 5A', 'Gäller Olle'],
    ]);
    // Back to one child: only Olle's and the shared one, unlabelled.
    store.set({ route: { path: '/information', query: new URLSearchParams() } });
    await until(() => el.shadowRoot?.querySelectorAll('article').length === 2, 5000, 'Olle’s items');
    expect(textOf(el)).not.to.contain('Bara 2A');
    expect(el.shadowRoot?.querySelector('.child-label')).to.equal(null);
  });
});
