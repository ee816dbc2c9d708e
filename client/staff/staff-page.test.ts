import { expect, fixture, html } from '@open-wc/testing';
import type { Me } from '../app/state.js';
import { anna, reset, signIn, textOf } from '../testing/fixtures.js';
import './staff-page.js';
import { STAFF_SECTIONS, type StaffPage } from './staff-page.js';

const karin: Me = { user: { id: 'staff-karin', role: 'staff', name: 'Karin Holm' }, pupils: [] };

describe('sk-staff-page', () => {
  afterEach(async () => {
    await reset();
  });

  it('greets staff and links to each section of the list, named by its title', async () => {
    signIn(karin, null);
    const el = await fixture<StaffPage>(html`<sk-staff-page></sk-staff-page>`);
    expect(el.shadowRoot?.querySelector('h1')?.textContent).to.equal('Hej Karin!');
    const links = [...(el.shadowRoot?.querySelectorAll('nav a') ?? [])];
    expect(links.map((a) => a.getAttribute('href'))).to.deep.equal(STAFF_SECTIONS.map((s) => s.path));
    expect(links[0]?.textContent?.replace(/\s+/g, ' ').trim()).to.equal(
      'Frånvaro idag Dagens frånvaroanmälningar från vårdnadshavare, direkt när de kommer in.',
    );
    expect(links[0]?.getAttribute('href')).to.equal('/personal/franvaro');
    await expect(el).to.be.accessible();
  });

  it('tells a guardian the pages are for staff', async () => {
    signIn(anna, null);
    const el = await fixture<StaffPage>(html`<sk-staff-page></sk-staff-page>`);
    expect(textOf(el)).to.contain('De här sidorna är för skolans personal.');
    expect(el.shadowRoot?.querySelector('nav')).to.equal(null);
  });
});
