import { expect, fixture, html } from '@open-wc/testing';
import { anna, reset, signIn, textOf, until } from '../testing/fixtures.js';
import './sessions-page.js';
import type { SessionsPage } from './sessions-page.js';

const SESSIONS = [
  {
    id: 's-phone',
    createdAt: '2026-12-01T06:00:00.000Z',
    lastUsedAt: '2026-12-03T18:00:00.000Z',
    expiresAt: '2027-01-02T18:00:00.000Z',
    shared: false,
    device: 'Chrome, Android',
    current: false,
  },
  {
    id: 's-here',
    createdAt: '2026-12-04T06:10:00.000Z',
    lastUsedAt: '2026-12-04T06:10:00.000Z',
    expiresAt: '2027-01-03T06:10:00.000Z',
    shared: false,
    device: 'Firefox, Windows',
    current: true,
  },
  {
    id: 's-library',
    createdAt: '2026-12-02T12:00:00.000Z',
    lastUsedAt: '2026-12-02T12:20:00.000Z',
    expiresAt: '2026-12-02T12:50:00.000Z',
    shared: true,
    device: '',
    current: false,
  },
];

describe('sk-sessions-page', () => {
  const realFetch = window.fetch;
  let calls: string[];
  let sessions: typeof SESSIONS;
  beforeEach(() => {
    calls = [];
    sessions = SESSIONS.map((s) => ({ ...s }));
    signIn(anna, null);
    window.fetch = (async (url: RequestInfo | URL, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      calls.push(`${method} ${url}`);
      if (method === 'DELETE' && String(url) === '/api/sessions') sessions = sessions.filter((s) => s.current);
      else if (method === 'DELETE') sessions = sessions.filter((s) => `/api/sessions/${s.id}` !== String(url));
      return new Response(method === 'GET' ? JSON.stringify({ sessions }) : null, {
        status: method === 'GET' ? 200 : 204,
      });
    }) as typeof fetch;
  });
  afterEach(async () => {
    window.fetch = realFetch;
    await reset();
  });

  const items = (el: SessionsPage) => [...(el.shadowRoot?.querySelectorAll('li') ?? [])];

  it('is accessible and lists this device first, then the others with browser and times', async () => {
    const el = await fixture<SessionsPage>(html`<sk-sessions-page></sk-sessions-page>`);
    await until(() => items(el).length === 3, 5000, 'the list');
    await expect(el).to.be.accessible();
    const texts = items(el).map((li) => li.textContent?.replace(/\s+/g, ' ').trim());
    expect(texts[0]).to.contain('Firefox, Windows').and.contain('Den här enheten');
    expect(texts[1]).to.contain('Chrome, Android').and.contain('Senast använd');
    expect(texts[2]).to.contain('Okänd webbläsare').and.contain('Delad dator');
    // The current session has no button: sign-out is in the menu.
    expect(items(el)[0]?.querySelector('button')).to.equal(null);
    expect(textOf(el)).to.contain('efter 30 dagar utan användning');
  });

  it('signs out another device by its button, named by the device', async () => {
    const el = await fixture<SessionsPage>(html`<sk-sessions-page></sk-sessions-page>`);
    await until(() => items(el).length === 3, 5000, 'the list');
    const button = items(el)[1]?.querySelector('button') as HTMLButtonElement;
    expect(button.getAttribute('aria-label')).to.match(/^Logga ut Chrome, Android, inloggad /);
    button.click();
    await until(() => items(el).length === 2, 5000, 'the shorter list');
    expect(calls).to.include('DELETE /api/sessions/s-phone');
    expect(textOf(el)).to.contain('Enheten är utloggad.');
  });

  it('signs out every other device at once', async () => {
    const el = await fixture<SessionsPage>(html`<sk-sessions-page></sk-sessions-page>`);
    await until(() => items(el).length === 3, 5000, 'the list');
    const all = [...(el.shadowRoot?.querySelectorAll('button') ?? [])].find((b) =>
      b.textContent?.includes('Logga ut alla andra enheter'),
    ) as HTMLButtonElement;
    all.click();
    await until(() => items(el).length === 1, 5000, 'only this device');
    expect(calls).to.include('DELETE /api/sessions');
    expect(textOf(el)).to.contain('Du är inte inloggad någon annanstans.');
  });

  it('says the list needs a connection when offline', async () => {
    window.fetch = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    const el = await fixture<SessionsPage>(html`<sk-sessions-page></sk-sessions-page>`);
    await until(() => textOf(el).includes('när enheten är ansluten'), 5000, 'the notice');
    await expect(el).to.be.accessible();
  });
});
