import { expect, fixture, html } from '@open-wc/testing';
import type { SkolDatabase } from '../../data/db.js';
import { anna, elsa, publication, reset, signIn, testDatabase, textOf, until } from '../../testing/fixtures.js';
import './documentation-box.js';
import './documentation-view.js';
import type { DocumentationBox } from './documentation-box.js';
import type { DocumentationView } from './documentation-view.js';

const doc = (id: string, docType: 'iup' | 'note' | 'actionProgramme', title: string, pupilId = 'pupil-olle') =>
  publication({
    id,
    kind: 'documentation',
    docType,
    title,
    scopeKind: 'pupil',
    scopeRef: pupilId,
    author: 'Karin Holm',
    body: '<p>Innehåll</p>',
  });

describe('Dokumentation', () => {
  let db: SkolDatabase;
  beforeEach(async () => {
    db = await testDatabase();
    await db.publications.bulkInsert([
      doc('d1', 'iup', 'IUP hösten'),
      doc('d2', 'note', 'Anteckning'),
      {
        ...doc('d3', 'actionProgramme', 'Åtgärdsprogram matematik'),
        attachments: [{ id: 'f1', name: 'ÅP.pdf', type: 'application/pdf', size: 4000 }],
      },
      doc('d4', 'iup', 'Elsas IUP', elsa.id),
    ]);
  });
  afterEach(async () => {
    await reset(db);
  });

  it('box: is accessible and lists the latest', async () => {
    signIn(anna, db, 'pupil-olle');
    const el = await fixture<DocumentationBox>(html`<sk-documentation-box></sk-documentation-box>`);
    await until(() => textOf(el).includes('IUP hösten'), 5000, 'the documents');
    expect(textOf(el)).not.to.contain('Elsas IUP');
    await expect(el).to.be.accessible();
  });

  it('view: is accessible; IUP, Anteckningar and Åtgärdsprogram with date, author, content and file', async () => {
    signIn(anna, db, 'pupil-olle');
    const el = await fixture<DocumentationView>(html`<sk-documentation-view></sk-documentation-view>`);
    await until(() => textOf(el).includes('Åtgärdsprogram matematik'), 5000, 'the documents');
    expect([...(el.shadowRoot?.querySelectorAll('section h2') ?? [])].map((h) => h.textContent)).to.deep.equal([
      'IUP',
      'Anteckningar',
      'Åtgärdsprogram',
    ]);
    expect(textOf(el)).to.contain('tisdag 1 december · Karin Holm');
    expect(textOf(el)).not.to.contain('Elsas IUP');
    const files = [...(el.shadowRoot?.querySelectorAll('sk-file-list') ?? [])];
    await until(() => files.some((f) => (f.shadowRoot?.textContent ?? '').includes('ÅP.pdf')), 5000, 'the file');
    await expect(el).to.be.accessible();
  });
});
