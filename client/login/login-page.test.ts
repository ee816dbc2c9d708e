import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { store } from '../app/state.js';
import { reset, textOf, until } from '../testing/fixtures.js';
import './login-page.js';
import type { LoginPage } from './login-page.js';

const input = (el: LoginPage, name: string) =>
  el.shadowRoot?.querySelector(`input[name="${name}"]`) as HTMLInputElement;
const alert = (el: LoginPage) => el.shadowRoot?.querySelector('.error[role="alert"]') as HTMLElement | null;
const submit = (el: LoginPage) => el.shadowRoot?.querySelector('button[type="submit"]') as HTMLButtonElement;
/** The text of the label that holds `control`. */
const labelOf = (control: HTMLInputElement) => control.labels?.[0]?.textContent?.replace(/\s+/g, ' ').trim();

/** Types into a field as a user does: focus, then keys. */
async function typeInto(field: HTMLInputElement, text: string) {
  field.focus();
  await sendKeys({ type: text });
}

const METHODS = { municipality: 'Lingonbergs kommun', bankid: true, google: true };
const heading = (el: LoginPage, level: string) =>
  [...(el.shadowRoot?.querySelectorAll(level) ?? [])].map((h) => h.textContent?.trim());

describe('sk-login-page', () => {
  const realFetch = window.fetch;
  let calls: { url: string; body: unknown }[];

  /**
   * Answers the sign-in with `respond` instead of the network, and records what was sent; the
   * sign-in methods come from `methods` (null: the server cannot be reached).
   */
  function stubFetch(respond: () => Promise<Response>, methods: object | null = METHODS) {
    window.fetch = (async (url: RequestInfo | URL, init?: RequestInit) => {
      if (String(url) === '/api/auth/methods') {
        if (!methods) throw new TypeError('Failed to fetch');
        return new Response(JSON.stringify(methods), { headers: { 'content-type': 'application/json' } });
      }
      calls.push({ url: String(url), body: init?.body ? JSON.parse(String(init.body)) : undefined });
      return respond();
    }) as typeof fetch;
  }

  beforeEach(() => {
    calls = [];
    stubFetch(async () => new Response(null, { status: 500 }));
  });
  afterEach(async () => {
    window.fetch = realFetch;
    await reset();
  });

  it('is accessible, also with an error shown', async () => {
    const el = await fixture<LoginPage>(html`<sk-login-page></sk-login-page>`);
    await expect(el).to.be.accessible();
    submit(el).click();
    await until(() => alert(el) !== null, 2000, 'the error');
    await expect(el).to.be.accessible();
  });

  it('is worded like the FAQ: the municipality, "Andra inloggningssätt", BankID for guardians, e-mail and password or Google for pupils', async () => {
    const el = await fixture<LoginPage>(html`<sk-login-page></sk-login-page>`);
    expect(el.shadowRoot?.querySelector('h1')?.textContent).to.equal('Logga in');
    await until(() => textOf(el).includes('Lingonbergs kommuns skolor'), 3000, 'the municipality');
    expect(textOf(el)).to.contain('Välj hur du vill logga in på Lingonbergs kommuns skolor.');
    expect(heading(el, 'h2')).to.deep.equal(['Andra inloggningssätt']);
    expect(heading(el, 'h3')).to.deep.equal(['Vårdnadshavare', 'Elever']);
    expect(textOf(el)).to.contain('Vårdnadshavare loggar in med BankID.');
    expect(el.shadowRoot?.querySelector('sk-bankid-sign-in')).to.exist;
    expect(textOf(el)).to.contain('Har du inget BankID? Kontakta skolans administratör för att få hjälp att logga in.');
    expect(textOf(el)).to.contain(
      'Elever loggar in med e-postadress och lösenord, eller med sitt Google-konto från skolan.',
    );
    const google = el.shadowRoot?.querySelector('a.google') as HTMLAnchorElement;
    expect(google.textContent?.trim()).to.equal('Logga in med Google');
    expect(google.getAttribute('href')).to.equal('/api/auth/google/start');
  });

  it('names the municipality the server is configured with, remembers it, and does without when it never heard', async () => {
    stubFetch(async () => new Response(null, { status: 500 }), {
      municipality: 'Timrå kommun',
      bankid: true,
      google: false,
    });
    const el = await fixture<LoginPage>(html`<sk-login-page></sk-login-page>`);
    await until(() => textOf(el).includes('Timrå kommuns skolor'), 3000, 'the municipality');
    expect(el.shadowRoot?.querySelector('a.google')).to.equal(null); // Google is not offered there
    // Offline, the installed app still names it.
    stubFetch(async () => new Response(null, { status: 500 }), null);
    const offline = await fixture<LoginPage>(html`<sk-login-page></sk-login-page>`);
    expect(textOf(offline)).to.contain('Timrå kommuns skolor');
    localStorage.clear();
    const never = await fixture<LoginPage>(html`<sk-login-page></sk-login-page>`);
    expect(textOf(never)).to.contain('Välj hur du vill logga in.');
  });

  it('says why signing in with Google did not work when it comes back with an error', async () => {
    store.set({ route: { path: '/', query: new URLSearchParams('login=google&error=unknown_account') } });
    const el = await fixture<LoginPage>(html`<sk-login-page></sk-login-page>`);
    await until(() => textOf(el).includes('Google-konto är inte kopplat'), 3000, 'the error');
    expect(el.shadowRoot?.querySelector('.error[role="alert"]')?.textContent).to.equal(
      'Ditt Google-konto är inte kopplat till någon elev här. Använd ditt Google-konto från skolan, eller logga in med e-postadress och lösenord.',
    );
    expect(store.get().route.query.get('login')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('labels every field, and names the form by its heading', async () => {
    const el = await fixture<LoginPage>(html`<sk-login-page></sk-login-page>`);
    expect(labelOf(input(el, 'email'))).to.equal('E-postadress');
    expect(input(el, 'email').type).to.equal('email');
    expect(input(el, 'email').autocomplete).to.equal('username');
    expect(labelOf(input(el, 'password'))).to.equal('Lösenord');
    expect(input(el, 'password').type).to.equal('password');
    expect(input(el, 'password').autocomplete).to.equal('current-password');
    const show = el.shadowRoot?.querySelector('input[type="checkbox"]') as HTMLInputElement;
    expect(labelOf(show)).to.equal('Visa lösenord');
    expect(el.shadowRoot?.querySelector('form')?.getAttribute('aria-labelledby')).to.equal('method');
    expect(el.shadowRoot?.querySelector('#method')?.textContent).to.equal('E-postadress och lösenord');
    expect(submit(el).textContent?.trim()).to.equal('Logga in');
    expect(alert(el)).to.equal(null);
  });

  it('shows the password when "Visa lösenord" is ticked', async () => {
    const el = await fixture<LoginPage>(html`<sk-login-page></sk-login-page>`);
    el.shadowRoot?.querySelector<HTMLInputElement>('input[type="checkbox"]')?.click();
    await el.updateComplete;
    expect(input(el, 'password').type).to.equal('text');
  });

  it('asks for both fields without calling the server when one is empty', async () => {
    stubFetch(async () => new Response(null, { status: 500 }));
    const el = await fixture<LoginPage>(html`<sk-login-page></sk-login-page>`);
    await typeInto(input(el, 'email'), 'anna@example.se');
    submit(el).click();
    await until(() => alert(el) !== null, 2000, 'the error');
    expect(alert(el)?.textContent).to.equal('Fyll i både e-postadress och lösenord.');
    expect(calls).to.have.length(0);
  });

  it('announces wrong credentials with role=alert, keeps the e-mail and selects the password', async () => {
    stubFetch(async () => new Response(JSON.stringify({ error: 'credentials' }), { status: 401 }));
    const el = await fixture<LoginPage>(html`<sk-login-page></sk-login-page>`);
    await typeInto(input(el, 'email'), 'anna@example.se');
    await typeInto(input(el, 'password'), 'fel-lösen');
    submit(el).click();
    await until(() => alert(el) !== null, 5000, 'the error');
    expect(alert(el)?.textContent).to.equal('Fel e-postadress eller lösenord. Kontrollera och försök igen.');
    expect(calls).to.deep.equal([
      { url: '/api/auth/password', body: { email: 'anna@example.se', password: 'fel-lösen' } },
    ]);
    expect(input(el, 'email').value).to.equal('anna@example.se');
    expect(input(el, 'email').getAttribute('aria-describedby')).to.equal('login-error');
    expect(input(el, 'password').getAttribute('aria-describedby')).to.equal('login-error');
    await until(() => el.shadowRoot?.activeElement === input(el, 'password'), 2000, 'focus on the password');
    const pw = input(el, 'password');
    expect([pw.selectionStart, pw.selectionEnd]).to.deep.equal([0, 'fel-lösen'.length]);
    expect(submit(el).disabled).to.equal(false);
    expect(store.get().me).to.equal(null);
  });

  it('says there is no connection when the network fails', async () => {
    stubFetch(async () => {
      throw new TypeError('Failed to fetch');
    });
    const el = await fixture<LoginPage>(html`<sk-login-page></sk-login-page>`);
    await typeInto(input(el, 'email'), 'anna@example.se');
    await typeInto(input(el, 'password'), 'hemligt');
    submit(el).click();
    await until(() => alert(el) !== null, 5000, 'the error');
    expect(alert(el)?.textContent).to.equal(
      'Ingen anslutning till skolan just nu. Kontrollera att du är ansluten och försök igen.',
    );
  });

  it('says sign-in does not work right now when the server fails', async () => {
    stubFetch(async () => new Response(null, { status: 503 }));
    const el = await fixture<LoginPage>(html`<sk-login-page></sk-login-page>`);
    await typeInto(input(el, 'email'), 'anna@example.se');
    await typeInto(input(el, 'password'), 'hemligt');
    submit(el).click();
    await until(() => alert(el) !== null, 5000, 'the error');
    expect(alert(el)?.textContent).to.equal('Inloggningen fungerar inte just nu. Försök igen om en stund.');
  });

  it('shows that it is signing in and cannot be sent twice while waiting', async () => {
    let answer!: (res: Response) => void;
    stubFetch(() => new Promise<Response>((resolve) => (answer = resolve)));
    const el = await fixture<LoginPage>(html`<sk-login-page></sk-login-page>`);
    await typeInto(input(el, 'email'), 'anna@example.se');
    await typeInto(input(el, 'password'), 'hemligt');
    submit(el).click();
    await until(() => submit(el).disabled, 2000, 'the busy button');
    expect(submit(el).textContent?.trim()).to.equal('Loggar in…');
    answer(new Response(null, { status: 401 }));
    await until(() => alert(el) !== null, 5000, 'the error');
    expect(submit(el).disabled).to.equal(false);
    expect(submit(el).textContent?.trim()).to.equal('Logga in');
  });

  it('submits with Enter from the password field', async () => {
    stubFetch(async () => new Response(null, { status: 401 }));
    const el = await fixture<LoginPage>(html`<sk-login-page></sk-login-page>`);
    await typeInto(input(el, 'email'), 'olle@example.se');
    await typeInto(input(el, 'password'), 'hemligt');
    await sendKeys({ press: 'Enter' });
    await until(() => alert(el) !== null, 5000, 'the error');
    expect(calls.map((c) => c.body)).to.deep.equal([{ email: 'olle@example.se', password: 'hemligt' }]);
    expect(alert(el)?.textContent).to.equal('Fel e-postadress eller lösenord. Kontrollera och försök igen.');
  });

  it('moves from field to field with Tab in reading order', async () => {
    const el = await fixture<LoginPage>(html`<sk-login-page></sk-login-page>`);
    input(el, 'email').focus();
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot?.activeElement).to.equal(input(el, 'password'));
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot?.activeElement).to.equal(el.shadowRoot?.querySelector('input[type="checkbox"]'));
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot?.activeElement).to.equal(submit(el));
  });

  it('speaks English when the language is switched', async () => {
    const el = await fixture<LoginPage>(html`<sk-login-page></sk-login-page>`);
    store.set({ lang: 'en' });
    await el.updateComplete;
    expect(el.shadowRoot?.querySelector('h2')?.textContent).to.equal('Other ways to sign in');
    expect(el.shadowRoot?.querySelector('#method')?.textContent).to.equal('E-mail address and password');
    expect(labelOf(input(el, 'password'))).to.equal('Password');
  });
});
