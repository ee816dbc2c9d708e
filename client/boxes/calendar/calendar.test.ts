import { expect, fixture, html } from '@open-wc/testing';
import { store } from '../../app/state.js';
import type { SkolDatabase } from '../../data/db.js';
import { anna, conference, event, reset, signIn, testDatabase, textOf, until } from '../../testing/fixtures.js';
import './calendar-box.js';
import './calendar-view.js';
import type { CalendarBox } from './calendar-box.js';
import type { CalendarView } from './calendar-view.js';

const TODAY = '2026-12-02'; // a Wednesday, week 49

describe('Kalender', () => {
  let db: SkolDatabase;
  beforeEach(async () => {
    db = await testDatabase();
    await db.events.bulkInsert([
      event({
        id: 'e1',
        date: '2026-12-03',
        kind: 'trip',
        title: 'Utflykt',
        start: '08:30',
        end: '14:00',
        scopeKind: 'class',
        scopeRef: 'class-5a',
      }),
      event({ id: 'e2', date: '2026-12-10', endDate: '2026-12-11', kind: 'holiday', title: 'Lov' }),
      event({ id: 'e3', date: '2026-12-07', kind: 'conferenceDay', title: 'Studiedag' }),
      event({
        id: 'e4',
        date: '2026-12-04',
        kind: 'personal',
        title: 'Elevråd',
        scopeKind: 'pupil',
        scopeRef: 'pupil-olle',
      }),
      event({ id: 'e5', date: '2026-12-03', title: 'Bara 2A', scopeKind: 'class', scopeRef: 'class-2a' }),
    ]);
  });
  afterEach(async () => {
    await reset(db);
  });

  it('shows a booked development talk of the child, and not the free times', async () => {
    await db.conferences.bulkInsert([
      conference({ id: 'slot-1', date: '2026-12-04', start: '13:40' }),
      conference({
        id: 'b1',
        kind: 'booking',
        slotId: 'slot-2',
        scopeKind: 'pupil',
        scopeRef: 'pupil-olle',
        date: '2026-12-04',
        start: '15:20',
      }),
    ]);
    signIn(anna, db, 'pupil-olle');
    const view = await fixture<CalendarView>(html`<sk-calendar-view today=${TODAY}></sk-calendar-view>`);
    await until(() => textOf(view).includes('Utvecklingssamtal med Karin Holm'), 5000, 'the talk');
    expect(textOf(view)).to.contain('15:20–15:40');
    expect(textOf(view)).not.to.contain('13:40');
    const box = await fixture<CalendarBox>(html`<sk-calendar-box today=${TODAY}></sk-calendar-box>`);
    await until(() => textOf(box).includes('Utvecklingssamtal med Karin Holm'), 5000, 'the talk in the box');
    await expect(view).to.be.accessible();
    signIn(anna, db, 'pupil-elsa');
    await until(() => !textOf(view).includes('Utvecklingssamtal'), 5000, 'no talk for Elsa');
  });

  it('box: is accessible and lists the next two weeks', async () => {
    signIn(anna, db, 'pupil-olle');
    const el = await fixture<CalendarBox>(html`<sk-calendar-box today=${TODAY}></sk-calendar-box>`);
    await until(() => textOf(el).includes('Utflykt'), 5000, 'the events');
    expect(textOf(el)).to.contain('Elevråd');
    expect(textOf(el)).not.to.contain('Bara 2A');
    await expect(el).to.be.accessible();
  });

  it('view: is accessible; shows the week with today highlighted and moves between weeks', async () => {
    signIn(anna, db, 'pupil-olle');
    const el = await fixture<CalendarView>(html`<sk-calendar-view today=${TODAY}></sk-calendar-view>`);
    await until(() => textOf(el).includes('Utflykt'), 5000, 'this week');
    expect(textOf(el)).to.contain('Vecka 49');
    const today = el.shadowRoot?.querySelector('[aria-current="date"]');
    expect(today?.textContent).to.contain('Idag');
    expect(textOf(el)).to.contain('08:30–14:00');
    expect(textOf(el)).not.to.contain('Lov');
    await expect(el).to.be.accessible();
    const next = [...(el.shadowRoot?.querySelectorAll('button') ?? [])].find(
      (b) => b.getAttribute('aria-label') === 'Nästa vecka',
    );
    next?.click();
    await until(() => textOf(el).includes('Vecka 50'), 5000, 'next week');
    expect(store.get().route.query.get('vecka')).to.equal('2026-12-07');
    expect(textOf(el)).to.contain('Studiedag');
    expect(textOf(el)).to.contain('Lov');
    expect(textOf(el)).to.contain('t.o.m.');
    expect(el.shadowRoot?.querySelector('[aria-current="date"]')).to.equal(null);
  });
});
