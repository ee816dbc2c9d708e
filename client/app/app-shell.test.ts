import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { SkolDatabase } from '../data/db.js';
import { anna, request, reset, signIn, testDatabase, textOf, until } from '../testing/fixtures.js';
import './app-shell.js';
import type { AppShell } from './app-shell.js';
import { store } from './state.js';

const q = <T extends Element>(el: AppShell, selector: string) => el.shadowRoot?.querySelector(selector) as T | null;
const navButton = (el: AppShell, text: string) =>
  [...(el.shadowRoot?.querySelectorAll<HTMLButtonElement>('nav button') ?? [])].find(
    (b) => b.textContent?.trim() === text,
  );
const go = (path: string) => store.set({ route: { path, query: new URLSearchParams() } });

describe('sk-app', () => {
  const realFetch = window.fetch;
  const realRegister = navigator.serviceWorker.register;
  let db: SkolDatabase;
  before(() => {
    // The shell registers the service worker; component tests run without one.
    navigator.serviceWorker.register = () => Promise.reject(new Error('no service worker in component tests'));
  });
  after(() => {
    navigator.serviceWorker.register = realRegister;
  });
  beforeEach(async () => {
    db = await testDatabase();
    // The shell asks the server only on sign-out here; nothing leaves the test page.
    window.fetch = (async () => new Response(null, { status: 204 })) as typeof fetch;
  });
  afterEach(async () => {
    window.fetch = realFetch;
    await reset(db);
    document.documentElement.lang = 'sv';
  });

  it('is accessible signed in and signed out', async () => {
    signIn(anna, db, 'pupil-olle');
    go('/');
    const el = await fixture<AppShell>(html`<sk-app></sk-app>`);
    await until(() => q(el, 'sk-start-page') !== null, 5000, 'the start page');
    await expect(el).to.be.accessible();
    await reset();
    await until(() => q(el, 'sk-login-page') !== null, 5000, 'the sign-in page');
    await expect(el).to.be.accessible();
  });

  it('shows the sign-in page when nobody is signed in, and titles the document so', async () => {
    const el = await fixture<AppShell>(html`<sk-app></sk-app>`);
    await until(() => customElements.get('sk-login-page') !== undefined, 5000, 'the sign-in page to load');
    expect(q(el, 'main sk-login-page')).not.to.equal(null);
    expect(navButton(el, 'Logga ut')).to.equal(undefined);
    expect(document.title).to.equal('Logga in – Skolhubben');
  });

  it('offers English before signing in, and the sign-in page follows', async () => {
    const el = await fixture<AppShell>(html`<sk-app></sk-app>`);
    await until(() => customElements.get('sk-login-page') !== undefined, 5000, 'the sign-in page to load');
    const login = q(el, 'sk-login-page') as HTMLElement;
    await until(() => textOf(login).includes('Andra inloggningssätt'), 5000, 'the sign-in page');
    navButton(el, 'In English')?.click();
    await until(() => textOf(login).includes('Other ways to sign in'), 2000, 'the sign-in page in English');
    expect(document.title).to.equal('Sign in – Skolhubben');
  });

  it('names the language button by its visible words, in the other language, and describes it in the current one', async () => {
    signIn(anna, db, 'pupil-olle');
    go('/');
    const el = await fixture<AppShell>(html`<sk-app></sk-app>`);
    const button = navButton(el, 'In English') as HTMLButtonElement;
    expect(button.getAttribute('lang')).to.equal('en');
    expect(button.hasAttribute('aria-label')).to.equal(false);
    const hint = el.shadowRoot?.getElementById(button.getAttribute('aria-describedby') ?? '');
    expect(hint?.textContent).to.equal('Byt språk till engelska');
  });

  it('signed in: the menu bar with the child’s name, language and sign-out, the sync status and the start page', async () => {
    signIn(anna, db, 'pupil-olle');
    go('/');
    const el = await fixture<AppShell>(html`<sk-app></sk-app>`);
    expect(q(el, 'header sk-child-switcher')).not.to.equal(null);
    expect(q(el, 'nav')?.getAttribute('aria-label')).to.equal('Meny');
    expect(navButton(el, 'In English')).to.exist;
    expect(navButton(el, 'Logga ut')).to.exist;
    expect(q(el, 'sk-sync-status')).not.to.equal(null);
    expect(q(el, 'main#main sk-start-page')).not.to.equal(null);
    expect(document.title).to.equal('Startsida – Skolhubben');
    expect(document.documentElement.lang).to.equal('sv');
  });

  it('shows the page of the route and titles the document after it', async () => {
    signIn(anna, db, 'pupil-olle');
    go('/schema');
    const el = await fixture<AppShell>(html`<sk-app></sk-app>`);
    expect(q(el, 'main sk-schedule-view')).not.to.equal(null);
    expect(document.title).to.equal('Schema – Skolhubben');
    go('/franvaro');
    await el.updateComplete;
    expect(q(el, 'main sk-absence-view')).not.to.equal(null);
    expect(document.title).to.equal('Frånvaro – Skolhubben');
    await until(() => el.shadowRoot?.activeElement === q(el, 'main'), 2000, 'focus on the new page');
  });

  it('takes staff from the start page to /personal, their start page, and opens today’s absence reports from there', async () => {
    signIn({ user: { id: 'staff-karin', role: 'staff', name: 'Karin Holm' }, pupils: [] }, db);
    go('/');
    const el = await fixture<AppShell>(html`<sk-app></sk-app>`);
    await until(() => store.get().route.path === '/personal', 2000, '/personal');
    await el.updateComplete;
    expect(location.pathname).to.equal('/personal');
    expect(q(el, 'main sk-staff-page')).not.to.equal(null);
    expect(q(el, 'main sk-start-page')).to.equal(null);
    expect(q(el, 'sk-child-switcher')).to.equal(null);
    expect(q(el, 'a.brand')?.getAttribute('href')).to.equal('/personal');
    await until(() => document.title === 'Personal – Skolhubben', 2000, 'the title');
    go('/personal/franvaro');
    await el.updateComplete;
    expect(q(el, 'main sk-staff-absence')).not.to.equal(null);
    expect(document.title).to.equal('Frånvaro idag – Skolhubben');
  });

  it('says when a page does not exist and shows the start page', async () => {
    signIn(anna, db, 'pupil-olle');
    go('/finns-inte');
    const el = await fixture<AppShell>(html`<sk-app></sk-app>`);
    expect(q(el, 'main [role="alert"]')?.textContent).to.equal('Sidan finns inte. Här är startsidan.');
    expect(q(el, 'main sk-start-page')).not.to.equal(null);
  });

  it('switches to English with the language button, from the keyboard', async () => {
    signIn(anna, db, 'pupil-olle');
    go('/');
    const el = await fixture<AppShell>(html`<sk-app></sk-app>`);
    navButton(el, 'In English')?.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(store.get().lang).to.equal('en');
    expect(document.documentElement.lang).to.equal('en');
    expect(document.title).to.equal('Start page – Skolhubben');
    expect(navButton(el, 'Sign out')).to.exist;
    expect(navButton(el, 'På svenska')?.getAttribute('lang')).to.equal('sv');
  });

  it('skips to the content with the skip link', async () => {
    signIn(anna, db, 'pupil-olle');
    go('/');
    const el = await fixture<AppShell>(html`<sk-app></sk-app>`);
    const skip = q<HTMLAnchorElement>(el, 'a.skip');
    expect(skip?.textContent).to.equal('Hoppa till innehållet');
    skip?.click();
    expect(el.shadowRoot?.activeElement).to.equal(q(el, 'main'));
  });

  it('shows the sign-in page on sk-sign-in-again, keeping the data, and the app again on sk-signed-in', async () => {
    signIn(anna, db, 'pupil-olle');
    store.set({ sync: { reachable: true, lastContactAt: null, sessionEnded: true } });
    go('/');
    const el = await fixture<AppShell>(html`<sk-app></sk-app>`);
    const status = q(el, 'sk-sync-status') as HTMLElement;
    await until(() => status.shadowRoot?.querySelector('button') != null, 2000, 'the sign-in-again button');
    status.shadowRoot?.querySelector('button')?.click();
    await el.updateComplete;
    await until(() => q(el, 'sk-login-page') !== null, 2000, 'the sign-in page');
    expect(store.get().db).to.equal(db);
    expect(document.title).to.equal('Logga in – Skolhubben');
    q(el, 'sk-login-page')?.dispatchEvent(new CustomEvent('sk-signed-in', { bubbles: true, composed: true }));
    await el.updateComplete;
    expect(q(el, 'sk-start-page')).not.to.equal(null);
  });

  it('asks before signing out with requests still waiting, and Avbryt keeps the user signed in', async () => {
    await db.requests.insert(request({ id: 'r1', payload: { date: '2026-12-04', wholeDay: true } }));
    signIn(anna, db, 'pupil-olle');
    go('/');
    const el = await fixture<AppShell>(html`<sk-app></sk-app>`);
    navButton(el, 'Logga ut')?.click();
    const dialog = q<HTMLDialogElement>(el, 'dialog') as HTMLDialogElement;
    await until(() => dialog.open, 5000, 'the dialog');
    expect(textOf(dialog)).to.equal(
      'Logga ut? Du har 1 ärende som inte har skickats till skolan än. Om du loggar ut nu tas det bort från enheten och skickas inte. Avbryt Logga ut ändå',
    );
    await expect(el).to.be.accessible();
    [...dialog.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Avbryt')?.click();
    expect(dialog.open).to.equal(false);
    expect(store.get().me).to.equal(anna);
  });

  it('signs out at once when nothing is waiting, back to the sign-in page', async () => {
    signIn(anna, db, 'pupil-olle');
    go('/schema');
    const el = await fixture<AppShell>(html`<sk-app></sk-app>`);
    navButton(el, 'Logga ut')?.click();
    await until(() => store.get().me === null, 5000, 'signed out');
    expect(store.get().db).to.equal(null);
    expect(store.get().route.path).to.equal('/');
    await until(() => q(el, 'sk-login-page') !== null, 5000, 'the sign-in page');
  });
});
