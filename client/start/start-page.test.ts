import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { addDays, dateInZone } from '../../shared/time.js';
import { paths } from '../app/router.js';
import { store } from '../app/state.js';
import type { SkolDatabase } from '../data/db.js';
import {
  anna,
  assessment,
  conference,
  olleHimself,
  publication,
  request,
  reset,
  schoolDay,
  signIn,
  testDatabase,
  textOf,
  until,
} from '../testing/fixtures.js';
import './start-page.js';
import type { StartPage } from './start-page.js';

/** The element that has focus, looking into shadow roots. */
function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Every element in `root` and the shadow roots below it. */
function deepElements(root: Element | ShadowRoot): Element[] {
  const out: Element[] = [];
  for (const el of root.querySelectorAll('*')) {
    out.push(el);
    if (el.shadowRoot) out.push(...deepElements(el.shadowRoot));
  }
  return out;
}

/** Fills the device with what the start page shows first: today's lessons, an assessment, a news item. */
async function fill(db: SkolDatabase) {
  await db.lessons.bulkInsert(schoolDay(dateInZone(new Date())));
  await db.assessments.insert(assessment({ id: 'a1', title: 'Bråk och procent i vardagen' }));
  await db.publications.insert(publication({ id: 'n1', title: 'Luciafirande i aulan på torsdag morgon' }));
}

const boxes = (el: StartPage) => [...(el.shadowRoot?.querySelectorAll('.boxes > *') ?? [])].map((b) => b.localName);

describe('sk-start-page', () => {
  let db: SkolDatabase;
  beforeEach(async () => {
    db = await testDatabase();
  });
  afterEach(async () => {
    await reset(db);
  });

  it('is accessible with its boxes and a rejected report for a former child', async () => {
    await db.requests.insert(
      request({
        id: 'r1',
        pupilId: 'pupil-moved',
        payload: { date: '2026-12-04', wholeDay: true },
        status: 'rejected',
        reasonCode: 'no_custody',
      }),
    );
    signIn(anna, db, 'pupil-olle');
    const el = await fixture<StartPage>(html`<sk-start-page></sk-start-page>`);
    await until(() => textOf(el).includes('Inte mottagen'), 5000, 'the rejected report');
    await expect(el).to.be.accessible();
  });

  it('greets the user by first name and says whose information it is', async () => {
    signIn(anna, db, 'pupil-olle');
    const el = await fixture<StartPage>(html`<sk-start-page></sk-start-page>`);
    expect(el.shadowRoot?.querySelector('h1')?.textContent).to.equal('Hej Anna!');
    expect(el.shadowRoot?.querySelector('.lead')?.textContent).to.equal('Det här gäller Olle Lindqvist, klass 5A.');
  });

  it('shows the most useful first: Schema, new assessments, unread news, then Frånvaro and the rest', async () => {
    signIn(anna, db, 'pupil-olle');
    const el = await fixture<StartPage>(html`<sk-start-page></sk-start-page>`);
    expect(boxes(el)).to.deep.equal([
      'sk-schedule-box',
      'sk-assessments-box',
      'sk-information-box',
      'sk-tasks-box',
      'sk-absence-box',
      'sk-calendar-box',
      'sk-plannings-box',
      'sk-documentation-box',
      'sk-contacts-box',
    ]);
  });

  it('shows Utvecklingssamtal to a guardian, after Frånvaro, only while the school has times open for the child', async () => {
    const inAWeek = addDays(dateInZone(new Date()), 7);
    signIn(anna, db, 'pupil-olle');
    const el = await fixture<StartPage>(html`<sk-start-page></sk-start-page>`);
    expect(boxes(el)).not.to.include('sk-conferences-box');
    await db.conferences.insert(conference({ id: 't1', date: inAWeek, start: '15:00' }));
    await until(() => boxes(el).includes('sk-conferences-box'), 5000, 'the box');
    const shown = boxes(el);
    expect(shown[shown.indexOf('sk-absence-box') + 1]).to.equal('sk-conferences-box');
    // Elsa's class has no times: no box for her.
    store.set({ pupilId: 'pupil-elsa' });
    await until(() => !boxes(el).includes('sk-conferences-box'), 5000, 'the box gone for Elsa');
    store.set({ pupilId: 'pupil-olle' });
    await until(() => boxes(el).includes('sk-conferences-box'), 5000, 'the box back for Olle');
    // Times past their last day are no reason for the box.
    await db.conferences.upsert(
      conference({ id: 't1', date: inAWeek, start: '15:00', bookUntil: addDays(inAWeek, -10) }),
    );
    await until(() => !boxes(el).includes('sk-conferences-box'), 5000, 'the box gone after the last day');
  });

  it('never shows Utvecklingssamtal to a pupil', async () => {
    await db.conferences.insert(conference({ id: 't1', date: addDays(dateInZone(new Date()), 7), start: '15:00' }));
    signIn(olleHimself, db);
    const el = await fixture<StartPage>(html`<sk-start-page></sk-start-page>`);
    // A pupil's ten boxes (with eTest), Utvecklingssamtal not among them once the times are read.
    await until(() => boxes(el).length === 10, 5000, 'the boxes');
    await el.updateComplete;
    expect(boxes(el)).not.to.include('sk-conferences-box');
  });

  it('shows staff no boxes (their pages are under /personal)', async () => {
    signIn({ user: { id: 'staff-karin', role: 'staff', name: 'Karin Holm' }, pupils: [] }, db);
    const el = await fixture<StartPage>(html`<sk-start-page></sk-start-page>`);
    expect(boxes(el)).to.deep.equal([]);
  });

  it('follows a switch of child', async () => {
    signIn(anna, db, 'pupil-olle');
    const el = await fixture<StartPage>(html`<sk-start-page></sk-start-page>`);
    store.set({ pupilId: 'pupil-elsa' });
    await el.updateComplete;
    expect(el.shadowRoot?.querySelector('.lead')?.textContent).to.equal('Det här gäller Elsa Lindqvist, klass 2A.');
  });

  it('does not tell a pupil whose information it is', async () => {
    signIn(olleHimself, db);
    const el = await fixture<StartPage>(html`<sk-start-page></sk-start-page>`);
    expect(el.shadowRoot?.querySelector('h1')?.textContent).to.equal('Hej Olle!');
    expect(el.shadowRoot?.querySelector('.lead')).to.equal(null);
    // The boxes a guardian sees, and eTest (for pupils only) after Uppgifter.
    expect(boxes(el)).to.deep.equal([
      'sk-schedule-box',
      'sk-assessments-box',
      'sk-information-box',
      'sk-tasks-box',
      'sk-etest-box',
      'sk-absence-box',
      'sk-calendar-box',
      'sk-plannings-box',
      'sk-documentation-box',
      'sk-contacts-box',
    ]);
  });

  it('says when no child is linked to the account, and shows no boxes', async () => {
    signIn({ ...anna, pupils: [] }, db);
    const el = await fixture<StartPage>(html`<sk-start-page></sk-start-page>`);
    expect(textOf(el)).to.contain('Inga barn är kopplade till ditt konto. Kontakta skolan om det inte stämmer.');
    expect(boxes(el)).to.deep.equal([]);
  });

  it('still shows a rejected report for a child no longer in the user’s list, with the reason', async () => {
    await db.requests.bulkInsert([
      request({
        id: 'r1',
        pupilId: 'pupil-moved',
        payload: { date: '2026-12-04', wholeDay: true },
        status: 'rejected',
        reasonCode: 'no_custody',
      }),
      request({
        id: 'r2',
        pupilId: 'pupil-moved',
        payload: { date: '2026-12-04', wholeDay: true },
        status: 'accepted',
      }),
      request({
        id: 'r3',
        payload: { date: '2026-12-04', wholeDay: true },
        status: 'rejected',
        reasonCode: 'no_lessons',
        reasonParams: { date: '2026-12-04' },
      }),
    ]);
    signIn(anna, db, 'pupil-olle');
    const el = await fixture<StartPage>(html`<sk-start-page></sk-start-page>`);
    await until(() => textOf(el).includes('Inte mottagen'), 5000, 'the rejected report');
    const orphans = el.shadowRoot?.querySelector('.orphans');
    expect(orphans?.getAttribute('role')).to.equal('status');
    expect(
      [...(orphans?.querySelectorAll('li') ?? [])].map((li) => li.textContent?.replace(/\s+/g, ' ').trim()),
    ).to.deep.equal(['Inte mottagen (fredag 4 december): Du kan inte längre rapportera frånvaro för det här barnet.']);
  });

  it('shows nothing when nobody is signed in', async () => {
    const el = await fixture<StartPage>(html`<sk-start-page></sk-start-page>`);
    expect(textOf(el)).to.equal('');
  });

  it('speaks English when the language is switched', async () => {
    signIn(anna, db, 'pupil-olle');
    const el = await fixture<StartPage>(html`<sk-start-page></sk-start-page>`);
    store.set({ lang: 'en' });
    await el.updateComplete;
    expect(el.shadowRoot?.querySelector('h1')?.textContent).to.equal('Hello Anna!');
    expect(el.shadowRoot?.querySelector('.lead')?.textContent).to.equal('This is about Olle Lindqvist, class 5A.');
  });

  it('keeps every box and its text in view at 200 % text size on a narrow screen', async () => {
    await fill(db);
    signIn(anna, db, 'pupil-olle');
    document.documentElement.style.fontSize = '200%';
    try {
      const el = await fixture<StartPage>(html`<sk-start-page style="width: 640px"></sk-start-page>`);
      await until(() => textOf(el.shadowRoot?.querySelector('sk-schedule-box') as Element).includes('Matematik'));
      await until(() => textOf(el.shadowRoot?.querySelector('sk-information-box') as Element).includes('Lucia'));
      const host = el.getBoundingClientRect();
      const outside = deepElements(el.shadowRoot as ShadowRoot).filter((child) => {
        const r = child.getBoundingClientRect();
        return r.width > 0 && (r.left < host.left - 1 || r.right > host.right + 1);
      });
      expect(outside.map((o) => `${o.localName}.${o.className}`)).to.deep.equal([]);
      expect(el.scrollWidth).to.be.at.most(el.clientWidth + 1);
    } finally {
      document.documentElement.style.fontSize = '';
    }
  });

  it('reaches every box by keyboard alone, in the order they are shown, and opens one with Enter', async () => {
    await fill(db);
    signIn(anna, db, 'pupil-olle');
    const el = await fixture<StartPage>(html`<sk-start-page></sk-start-page>`);
    await until(() => textOf(el.shadowRoot?.querySelector('sk-schedule-box') as Element).includes('Matematik'));
    const shown = boxes(el);
    const reached: string[] = [];
    let schedule: HTMLAnchorElement | null = null;
    (document.activeElement as HTMLElement | null)?.blur();
    for (let i = 0; i < 60 && reached.length < shown.length; i++) {
      await sendKeys({ press: 'Tab' });
      const active = deepActive();
      const box = shown.find((name) => el.shadowRoot?.querySelector(name)?.shadowRoot?.contains(active));
      if (box && !reached.includes(box)) reached.push(box);
      if (box === 'sk-schedule-box' && !schedule && active instanceof HTMLAnchorElement) schedule = active;
    }
    expect(reached).to.deep.equal(shown);
    // The first stop in the Schema box is its heading, a link to the whole schedule.
    expect(schedule?.textContent?.trim()).to.equal('Schema');
    let opened = '';
    const listen = (e: Event) => {
      const a = e.composedPath()[0];
      if (a instanceof HTMLAnchorElement) opened = new URL(a.href).pathname;
      e.preventDefault();
    };
    document.addEventListener('click', listen, true);
    try {
      schedule?.focus();
      await sendKeys({ press: 'Enter' });
      await until(() => opened !== '', 3000, 'the link to open');
    } finally {
      document.removeEventListener('click', listen, true);
    }
    expect(opened).to.equal(paths.schedule);
  });
});
