import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { useSharedDevice } from '../app/session.js';
import { store } from '../app/state.js';
import { anna, reset, until } from '../testing/fixtures.js';
import './bankid-sign-in.js';
import type { BankIdSignIn } from './bankid-sign-in.js';

/** A QR image as the server sends it (any small SVG will do here). */
const qr = (n: number) =>
  `data:image/svg+xml;base64,${btoa(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${21 + n} ${21 + n}"><rect width="9" height="9"/></svg>`)}`;
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('sk-bankid-sign-in', () => {
  const realFetch = window.fetch;
  let calls: { url: string; method: string; body: unknown; keepalive: boolean }[];
  let answers: Record<string, (() => Response | Promise<Response>)[]>;

  /** Answers each path with the next of its queued responses (the last one repeats). */
  function stub(queue: Record<string, (() => Response | Promise<Response>)[]>) {
    answers = queue;
    window.fetch = (async (url: RequestInfo | URL, init?: RequestInit) => {
      const path = String(url);
      calls.push({
        url: path,
        method: init?.method ?? 'GET',
        body: init?.body ? JSON.parse(String(init.body)) : undefined,
        keepalive: init?.keepalive === true,
      });
      const list = answers[path];
      if (!list?.length) return new Response(null, { status: 404 });
      const next = list.length > 1 ? (list.shift() as () => Response) : (list[0] as () => Response);
      return next();
    }) as typeof fetch;
  }

  const root = (el: BankIdSignIn) => el.shadowRoot as ShadowRoot;
  const button = (el: BankIdSignIn, name: string) =>
    [...root(el).querySelectorAll('button, a')].find((b) => b.textContent?.trim() === name) as HTMLElement | undefined;
  const status = (el: BankIdSignIn) => root(el).querySelector('[role="status"]') as HTMLElement;
  const image = (el: BankIdSignIn) => root(el).querySelector('img') as HTMLImageElement | null;

  beforeEach(() => {
    calls = [];
  });
  afterEach(async () => {
    window.fetch = realFetch;
    await reset();
  });

  it('offers both ways BankID has, and is accessible', async () => {
    const el = await fixture<BankIdSignIn>(html`<sk-bankid-sign-in></sk-bankid-sign-in>`);
    await expect(el).to.be.accessible();
    expect(button(el, 'Mobilt BankID på annan enhet')).to.exist;
    expect(button(el, 'BankID på den här enheten')).to.exist;
    expect(status(el).getAttribute('aria-live')).to.equal('polite');
  });

  it('shows the QR code the server draws, a new one each time it asks, with a text alternative and BankID’s message', async () => {
    stub({
      '/api/auth/bankid/start': [() => json({ status: 'pending', message: 'bankid.rfa1', qr: qr(0), nextPollMs: 200 })],
      '/api/auth/bankid/poll': [
        () => json({ status: 'pending', message: 'bankid.rfa1', qr: qr(1), nextPollMs: 200 }),
        () => json({ status: 'pending', message: 'bankid.rfa9', qr: qr(2), nextPollMs: 200 }),
      ],
      '/api/auth/bankid/cancel': [() => new Response(null, { status: 204 })],
    });
    const el = await fixture<BankIdSignIn>(html`<sk-bankid-sign-in></sk-bankid-sign-in>`);
    button(el, 'Mobilt BankID på annan enhet')?.click();
    await until(() => image(el) !== null, 3000, 'the QR code');
    expect(calls[0]).to.deep.include({ url: '/api/auth/bankid/start', method: 'POST', body: { flow: 'qr' } });
    expect(image(el)?.alt).to.equal('QR-kod för BankID. Den byts varje sekund.');
    expect(image(el)?.src).to.equal(qr(0));
    expect(status(el).textContent?.trim()).to.equal('Starta BankID-appen.');
    await until(() => image(el)?.src === qr(1), 3000, 'the next QR code');
    await until(() => image(el)?.src === qr(2), 3000, 'the QR code after that');
    expect(status(el).textContent?.trim()).to.equal(
      'Skriv in din säkerhetskod i BankID-appen och välj Identifiera eller Skriv under.',
    );
    await expect(el).to.be.accessible();
    // Avbryt: the order is cancelled at the server and the choices come back, with focus.
    button(el, 'Avbryt')?.click();
    await until(() => calls.some((c) => c.url === '/api/auth/bankid/cancel'), 3000, 'the cancel');
    await until(() => button(el, 'Mobilt BankID på annan enhet') !== undefined, 3000, 'the choices');
    expect(status(el).textContent?.trim()).to.equal('Åtgärden avbruten.');
    expect(image(el)).to.equal(null);
    const polls = calls.filter((c) => c.url === '/api/auth/bankid/poll').length;
    await new Promise((r) => setTimeout(r, 500));
    expect(calls.filter((c) => c.url === '/api/auth/bankid/poll').length).to.equal(polls);
  });

  it('gives the autostart link for BankID on this device, and says why an order failed', async () => {
    stub({
      '/api/auth/bankid/start': [
        () =>
          json({
            status: 'pending',
            message: 'bankid.rfa13',
            launchUrl: 'http://127.0.0.1:9/app?autostarttoken=abc',
            nextPollMs: 200,
          }),
      ],
      '/api/auth/bankid/poll': [() => json({ status: 'failed', message: 'bankid.rfa8' })],
    });
    const el = await fixture<BankIdSignIn>(html`<sk-bankid-sign-in></sk-bankid-sign-in>`);
    button(el, 'BankID på den här enheten')?.click();
    await until(() => button(el, 'Öppna BankID-appen') !== undefined, 3000, 'the launch link');
    const link = button(el, 'Öppna BankID-appen') as HTMLAnchorElement;
    expect(link.href).to.equal('http://127.0.0.1:9/app?autostarttoken=abc');
    expect(link.target).to.equal('_blank'); // the simulator opens beside the page
    expect(status(el).textContent?.trim()).to.equal('Försöker starta BankID-appen.');
    await until(() => button(el, 'Försök igen') !== undefined, 3000, 'the failure');
    expect(status(el).textContent?.trim()).to.match(/^BankID-appen svarar inte\./);
    await expect(el).to.be.accessible();
    button(el, 'Försök igen')?.click();
    await until(() => button(el, 'Mobilt BankID på annan enhet') !== undefined, 3000, 'the choices');
    await until(() => root(el).activeElement === button(el, 'Mobilt BankID på annan enhet'), 3000, 'focus');
  });

  it('opens the real BankID app in place, and says when there is no connection or too many tries', async () => {
    stub({
      '/api/auth/bankid/start': [
        () =>
          json({
            status: 'pending',
            message: 'bankid.rfa13',
            launchUrl: 'bankid:///?autostarttoken=abc&redirect=null',
          }),
        () => json({ error: 'too_many_attempts' }, 429),
      ],
      '/api/auth/bankid/poll': [() => Promise.reject(new TypeError('Failed to fetch'))],
    });
    const el = await fixture<BankIdSignIn>(html`<sk-bankid-sign-in></sk-bankid-sign-in>`);
    button(el, 'BankID på den här enheten')?.click();
    await until(() => button(el, 'Öppna BankID-appen') !== undefined, 3000, 'the launch link');
    expect((button(el, 'Öppna BankID-appen') as HTMLAnchorElement).hasAttribute('target')).to.equal(false);
    await until(() => status(el).textContent?.includes('Ingen anslutning') === true, 4000, 'the offline message');
    button(el, 'Avbryt')?.click();
    await until(() => button(el, 'BankID på den här enheten') !== undefined, 3000, 'the choices');
    button(el, 'BankID på den här enheten')?.click();
    await until(() => button(el, 'Försök igen') !== undefined, 3000, 'the refusal');
    expect(status(el).textContent?.trim()).to.equal('För många försök att logga in. Vänta en stund och försök igen.');
  });

  it('cancels the order when the page is left', async () => {
    stub({
      '/api/auth/bankid/start': [
        () => json({ status: 'pending', message: 'bankid.rfa1', qr: qr(0), nextPollMs: 1000 }),
      ],
      '/api/auth/bankid/poll': [() => json({ status: 'pending', message: 'bankid.rfa1', qr: qr(1), nextPollMs: 1000 })],
      '/api/auth/bankid/cancel': [() => new Response(null, { status: 204 })],
    });
    const el = await fixture<BankIdSignIn>(html`<sk-bankid-sign-in></sk-bankid-sign-in>`);
    button(el, 'Mobilt BankID på annan enhet')?.click();
    await until(() => image(el) !== null, 3000, 'the QR code');
    const beacons: string[] = [];
    const realBeacon = navigator.sendBeacon;
    navigator.sendBeacon = (url: string | URL) => {
      beacons.push(String(url));
      return true;
    };
    try {
      dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
      await until(() => beacons.length > 0, 3000, 'the beacon');
    } finally {
      navigator.sendBeacon = realBeacon;
    }
    expect(beacons).to.deep.equal(['/api/auth/bankid/cancel']);
  });

  it('can be used with the keyboard alone', async () => {
    stub({
      '/api/auth/bankid/start': [
        () => json({ status: 'pending', message: 'bankid.rfa1', qr: qr(0), nextPollMs: 1000 }),
      ],
      '/api/auth/bankid/poll': [() => json({ status: 'pending', message: 'bankid.rfa1', qr: qr(0), nextPollMs: 1000 })],
      '/api/auth/bankid/cancel': [() => new Response(null, { status: 204 })],
    });
    const el = await fixture<BankIdSignIn>(html`<sk-bankid-sign-in></sk-bankid-sign-in>`);
    (button(el, 'Mobilt BankID på annan enhet') as HTMLElement).focus();
    await sendKeys({ press: 'Tab' });
    expect(root(el).activeElement).to.equal(button(el, 'BankID på den här enheten'));
    (button(el, 'Mobilt BankID på annan enhet') as HTMLElement).focus();
    await sendKeys({ press: 'Enter' });
    await until(() => image(el) !== null, 3000, 'the QR code');
    (button(el, 'Avbryt') as HTMLElement).focus();
    await sendKeys({ press: 'Enter' });
    await until(() => calls.some((c) => c.url === '/api/auth/bankid/cancel'), 3000, 'the cancel');
  });

  it('keeps every button in view with large text on a narrow screen', async () => {
    stub({
      '/api/auth/bankid/start': [
        () => json({ status: 'pending', message: 'bankid.rfa1', qr: qr(0), nextPollMs: 1000 }),
      ],
      '/api/auth/bankid/poll': [() => json({ status: 'pending', message: 'bankid.rfa1', qr: qr(0), nextPollMs: 1000 })],
      '/api/auth/bankid/cancel': [() => new Response(null, { status: 204 })],
    });
    document.documentElement.style.fontSize = '200%';
    try {
      const el = await fixture<BankIdSignIn>(html`<sk-bankid-sign-in style="width: 320px"></sk-bankid-sign-in>`);
      const inView = (name: string) => {
        const b = (button(el, name) as HTMLElement).getBoundingClientRect();
        const host = el.getBoundingClientRect();
        return b.width > 0 && b.left >= host.left - 1 && b.right <= host.right + 1;
      };
      expect(inView('Mobilt BankID på annan enhet')).to.equal(true);
      expect(inView('BankID på den här enheten')).to.equal(true);
      button(el, 'Mobilt BankID på annan enhet')?.click();
      await until(() => image(el) !== null, 3000, 'the QR code');
      expect(inView('Avbryt')).to.equal(true);
      expect((image(el) as HTMLImageElement).getBoundingClientRect().right).to.be.at.most(
        el.getBoundingClientRect().right + 1,
      );
    } finally {
      document.documentElement.style.fontSize = '';
    }
  });

  it('tells the server when the sign-in is on a shared computer', async () => {
    stub({
      '/api/auth/bankid/start': [() => json({ status: 'failed', message: 'bankid.rfa22' })],
    });
    const el = await fixture<BankIdSignIn>(html`<sk-bankid-sign-in></sk-bankid-sign-in>`);
    useSharedDevice(true);
    try {
      button(el, 'Mobilt BankID på annan enhet')?.click();
      await until(() => calls.length > 0, 3000, 'the start');
    } finally {
      useSharedDevice(false);
    }
    expect(calls[0]?.body).to.deep.equal({ flow: 'qr', shared: true });
  });

  it('signs in when the server says the order is complete', async () => {
    stub({
      '/api/auth/bankid/start': [() => json({ status: 'pending', message: 'bankid.rfa1', qr: qr(0), nextPollMs: 200 })],
      '/api/auth/bankid/poll': [() => json({ status: 'complete', me: anna })],
    });
    const el = await fixture<BankIdSignIn>(html`<sk-bankid-sign-in></sk-bankid-sign-in>`);
    let signedIn = false;
    el.addEventListener('sk-signed-in', () => (signedIn = true));
    button(el, 'Mobilt BankID på annan enhet')?.click();
    await until(() => store.get().me !== null, 5000, 'the signed-in user');
    expect(store.get().me?.user).to.deep.equal(anna.user);
    await until(() => signedIn, 10_000, 'the event');
  });
});
