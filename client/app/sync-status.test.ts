import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { SkolDatabase } from '../data/db.js';
import { anna, request, reset, signIn, testDatabase, textOf, until } from '../testing/fixtures.js';
import { store } from './state.js';
import './sync-status.js';
import type { SyncStatus } from './sync-status.js';

const payload = { date: '2026-12-04', wholeDay: true };

function setSync(sync: Partial<ReturnType<typeof store.get>['sync']>) {
  store.set({ sync: { ...store.get().sync, ...sync } });
}

describe('sk-sync-status', () => {
  let db: SkolDatabase;
  beforeEach(async () => {
    db = await testDatabase();
    signIn(anna, db);
  });
  afterEach(async () => {
    await reset(db);
  });

  it('is accessible in every state', async () => {
    const el = await fixture<SyncStatus>(html`<sk-sync-status></sk-sync-status>`);
    await expect(el).to.be.accessible();
    setSync({ reachable: false, lastContactAt: '2026-12-04T06:10:00.000Z' });
    await el.updateComplete;
    await expect(el).to.be.accessible();
    setSync({ sessionEnded: true });
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('says it is fetching before the server has answered, as a status', async () => {
    setSync({ reachable: null, lastContactAt: null });
    const el = await fixture<SyncStatus>(html`<sk-sync-status></sk-sync-status>`);
    expect(textOf(el)).to.equal('Hämtar information…');
    expect(el.shadowRoot?.querySelector('[role="status"]')).not.to.equal(null);
  });

  it('says when the server last answered while online', async () => {
    setSync({ reachable: true, lastContactAt: '2026-12-04T06:10:00.000Z' });
    const el = await fixture<SyncStatus>(html`<sk-sync-status></sk-sync-status>`);
    expect(textOf(el)).to.equal('Uppdaterad 4 dec. 07:10');
  });

  it('offline with a last contact: says the saved information is shown and from when (school time)', async () => {
    setSync({ reachable: false, lastContactAt: '2026-12-04T06:10:00.000Z' });
    const el = await fixture<SyncStatus>(html`<sk-sync-status></sk-sync-status>`);
    expect(textOf(el)).to.equal('Ingen anslutning – du ser det som senast sparades på enheten (4 dec. 07:10).');
  });

  it('offline without any contact yet: says the information comes when connected', async () => {
    setSync({ reachable: false, lastContactAt: null });
    const el = await fixture<SyncStatus>(html`<sk-sync-status></sk-sync-status>`);
    expect(textOf(el)).to.equal('Ingen anslutning – informationen hämtas när enheten är ansluten igen.');
  });

  it('counts the requests waiting to be sent, and only pending ones, as they change', async () => {
    setSync({ reachable: false, lastContactAt: null });
    await db.requests.bulkInsert([
      request({ id: 'r1', payload }),
      request({ id: 'r2', payload }),
      request({ id: 'r3', payload, status: 'accepted' }),
    ]);
    const el = await fixture<SyncStatus>(html`<sk-sync-status></sk-sync-status>`);
    await until(() => textOf(el).includes('väntar på att skickas'), 5000, 'the pending count');
    expect(textOf(el)).to.equal(
      'Ingen anslutning – informationen hämtas när enheten är ansluten igen. 2 väntar på att skickas.',
    );
    await db.requests.insert(request({ id: 'r4', payload }));
    await until(() => textOf(el).includes('3 väntar på att skickas.'), 5000, 'three pending');
  });

  it('when the session has ended: says so with the pending count and a "Logga in igen" button', async () => {
    await db.requests.insert(request({ id: 'r1', payload }));
    setSync({ sessionEnded: true });
    const el = await fixture<SyncStatus>(html`<sk-sync-status></sk-sync-status>`);
    await until(() => textOf(el).includes('väntar på att skickas'), 5000, 'the pending count');
    expect(textOf(el)).to.equal(
      'Din inloggning har gått ut. Logga in igen för att hämta ny information och skicka det som väntar. 1 väntar på att skickas. Logga in igen',
    );
    const button = el.shadowRoot?.querySelector('button');
    expect(button?.textContent?.trim()).to.equal('Logga in igen');
  });

  it('emits a bubbling, composed sk-sign-in-again when "Logga in igen" is clicked', async () => {
    setSync({ sessionEnded: true });
    const el = await fixture<SyncStatus>(html`<sk-sync-status></sk-sync-status>`);
    const button = el.shadowRoot?.querySelector('button') as HTMLButtonElement;
    setTimeout(() => button.click());
    const event = await oneEvent(document, 'sk-sign-in-again');
    expect(event.bubbles).to.equal(true);
    expect(event.composed).to.equal(true);
  });

  it('emits sk-sign-in-again from the keyboard (Enter on the button)', async () => {
    setSync({ sessionEnded: true });
    const el = await fixture<SyncStatus>(html`<sk-sync-status></sk-sync-status>`);
    let emitted = 0;
    el.addEventListener('sk-sign-in-again', () => emitted++);
    el.shadowRoot?.querySelector('button')?.focus();
    await sendKeys({ press: 'Enter' });
    expect(emitted).to.equal(1);
  });

  it('speaks English when the language is switched', async () => {
    setSync({ reachable: false, lastContactAt: null, sessionEnded: true });
    const el = await fixture<SyncStatus>(html`<sk-sync-status></sk-sync-status>`);
    expect(textOf(el)).to.contain('Logga in igen');
    store.set({ lang: 'en' });
    await el.updateComplete;
    expect(textOf(el)).to.equal(
      'Your sign-in has expired. Sign in again to fetch new information and send what is waiting. Sign in again',
    );
  });
});
