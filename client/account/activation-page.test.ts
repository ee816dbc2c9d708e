import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { isSharedDevice, useSharedDevice } from '../app/session.js';
import { store } from '../app/state.js';
import { reset, textOf, until } from '../testing/fixtures.js';
import './activation-page.js';
import { type ActivationPage, forgetActivation } from './activation-page.js';

const input = (el: ActivationPage, name: string) =>
  el.shadowRoot?.querySelector(`input[name="${name}"]`) as HTMLInputElement;
const alert = (el: ActivationPage) => el.shadowRoot?.querySelector('.error[role="alert"]') as HTMLElement | null;
const submit = (el: ActivationPage) => el.shadowRoot?.querySelector('button[type="submit"]') as HTMLButtonElement;
const labelOf = (control: HTMLInputElement) => control.labels?.[0]?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

async function typeInto(field: HTMLInputElement, text: string) {
  field.focus();
  await sendKeys({ type: text });
}

describe('sk-activation-page', () => {
  const realFetch = window.fetch;
  let calls: { url: string; body: any }[];
  function stubFetch(respond: () => Response | Promise<Response>) {
    window.fetch = (async (url: RequestInfo | URL, init?: RequestInit) => {
      calls.push({ url: String(url), body: init?.body ? JSON.parse(String(init.body)) : undefined });
      return respond();
    }) as typeof fetch;
  }
  beforeEach(() => {
    calls = [];
  });
  afterEach(async () => {
    window.fetch = realFetch;
    useSharedDevice(false);
    forgetActivation();
    await reset();
  });

  async function fill(el: ActivationPage, code: string, password: string, repeat = password) {
    await typeInto(input(el, 'code'), code);
    await typeInto(input(el, 'password'), password);
    await typeInto(input(el, 'repeat'), repeat);
  }

  it('is accessible, also with an error shown', async () => {
    const el = await fixture<ActivationPage>(html`<sk-activation-page></sk-activation-page>`);
    await expect(el).to.be.accessible();
    submit(el).click();
    await until(() => alert(el) !== null, 2000, 'the error');
    await expect(el).to.be.accessible();
  });

  it('labels the fields, asks for a new password and explains the rules and the shared computer', async () => {
    const el = await fixture<ActivationPage>(html`<sk-activation-page></sk-activation-page>`);
    expect(el.shadowRoot?.querySelector('h1')?.textContent).to.equal('Aktivera ditt konto');
    expect(labelOf(input(el, 'code'))).to.equal('Aktiveringskod');
    expect(input(el, 'code').autocomplete).to.equal('one-time-code');
    expect(labelOf(input(el, 'password'))).to.equal('Välj ett lösenord');
    expect(input(el, 'password').autocomplete).to.equal('new-password');
    expect(labelOf(input(el, 'repeat'))).to.equal('Skriv lösenordet en gång till');
    expect(textOf(el)).to.contain('Minst 8 tecken');
    expect(textOf(el)).to.contain('Skolan ser aldrig ditt lösenord');
    expect(textOf(el)).to.contain('Inget sparas på datorn');
    expect(input(el, 'password').getAttribute('aria-describedby')).to.equal('password-hint');
  });

  // "Shared computer" is ticked in these tests: test pages share localStorage, and a remembered
  // user written here would make another open test page of the app reload.
  it('sends the code and the chosen password as typed, signs in, and keeps nothing on a shared computer', async () => {
    stubFetch(
      () =>
        new Response(
          JSON.stringify({ user: { id: 'g1', role: 'guardian', name: 'Nils Ny' }, pupils: [], email: 'nils@test.se' }),
          { status: 200, headers: { 'content-type': 'application/json' } },
        ),
    );
    const el = await fixture<ActivationPage>(html`<sk-activation-page></sk-activation-page>`);
    let signedIn = 0;
    el.addEventListener('sk-signed-in', () => signedIn++);
    await fill(el, 'abcd-efgh-jkmn', '  mitt långa lösenord  ');
    input(el, 'shared').click();
    submit(el).click();
    await until(() => textOf(el).includes('Klart!'), 5000, 'the confirmation');
    expect(calls[0]).to.deep.equal({
      url: '/api/auth/activate',
      body: { code: 'abcd-efgh-jkmn', password: '  mitt långa lösenord  ', shared: true },
    });
    expect(textOf(el)).to.contain('Nästa gång loggar du in med nils@test.se');
    expect(signedIn).to.equal(1);
    expect(store.get().me?.user.id).to.equal('g1');
    expect(isSharedDevice()).to.equal(true);
    expect(localStorage.getItem('skolhubben:me')).to.equal(null);
  });

  it('refuses two different passwords without calling the server', async () => {
    stubFetch(() => new Response(null, { status: 500 }));
    const el = await fixture<ActivationPage>(html`<sk-activation-page></sk-activation-page>`);
    await fill(el, 'ABCD-EFGH-JKMN', 'ett långt lösenord', 'ett annat lösenord');
    submit(el).click();
    await until(() => alert(el) !== null, 2000, 'the error');
    expect(alert(el)?.textContent).to.contain('Lösenorden är inte likadana');
    expect(calls).to.have.length(0);
  });

  it('says why the server refused: the code, a common password, too many tries', async () => {
    const answers = [
      new Response(JSON.stringify({ error: 'invalid_code' }), { status: 400 }),
      new Response(JSON.stringify({ error: 'password_policy', problem: 'common' }), { status: 400 }),
      new Response(JSON.stringify({ error: 'too_many_attempts' }), { status: 429, headers: { 'retry-after': '42' } }),
    ];
    stubFetch(() => answers.shift() as Response);
    const el = await fixture<ActivationPage>(html`<sk-activation-page></sk-activation-page>`);
    await fill(el, 'ABCD-EFGH-JKMN', 'password1');
    for (const expected of ['Aktiveringskoden stämmer inte', 'ett av de vanligaste', 'Vänta 42 sekunder']) {
      submit(el).click();
      await until(() => (alert(el)?.textContent ?? '').includes(expected), 5000, expected);
    }
    expect(input(el, 'code').value).to.equal('ABCD-EFGH-JKMN');
  });
});
