import { expect, fixture, html } from '@open-wc/testing';
import { instantInZone } from '../../../shared/time.js';
import type { Me } from '../../app/state.js';
import { anna, reset, signIn, textOf, until } from '../../testing/fixtures.js';
import type { CareOverview } from './staff-api.js';
import './staff-page.js';
import type { CareStaffPage } from './staff-page.js';

const NOW = instantInZone('2026-12-08', '08:00');
const karin: Me = { user: { id: 'staff-karin', role: 'staff', name: 'Karin Holm' }, pupils: [] };

describe('sk-care-staff-page', () => {
  const realFetch = window.fetch;
  let calls: string[];
  let overview: CareOverview;
  beforeEach(() => {
    calls = [];
    overview = {
      schoolId: 'school-lingonberg',
      from: '2026-12-07',
      to: '2026-12-11',
      locks: [{ date: '2026-12-11', reason: 'Planeringsdag' }],
      pupils: [
        {
          id: 'pupil-elsa',
          name: 'Elsa Lindqvist',
          className: '2A',
          opens: '06:30',
          closes: '18:00',
          days: [
            {
              date: '2026-12-07',
              noCare: false,
              arrival: '07:30',
              departure: '16:30',
              comment: 'Mormor hämtar',
              setBy: 'Anna Lindqvist',
            },
            { date: '2026-12-08', noCare: true, arrival: '', departure: '', comment: '', setBy: 'Anna Lindqvist' },
          ],
        },
      ],
    };
    signIn(karin, null);
    window.fetch = (async (url: RequestInfo | URL, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      calls.push(`${method} ${url}${init?.body ? ` ${init.body}` : ''}`);
      if (method === 'PUT') {
        const date = String(url).split('/').pop() as string;
        overview.locks.push({ date, reason: JSON.parse(String(init?.body)).reason });
        return new Response('{}', { status: 201 });
      }
      if (method === 'DELETE') {
        overview.locks = overview.locks.filter((l) => !String(url).endsWith(l.date));
        return new Response(null, { status: 204 });
      }
      return new Response(JSON.stringify(overview), { status: 200 });
    }) as typeof fetch;
  });
  afterEach(async () => {
    window.fetch = realFetch;
    await reset();
  });

  async function open(): Promise<CareStaffPage> {
    const el = await fixture<CareStaffPage>(html`<sk-care-staff-page .now=${NOW}></sk-care-staff-page>`);
    await until(() => el.shadowRoot?.querySelector('table') !== null, 5000, 'the table');
    return el;
  }

  it('shows the week’s times of every enrolled pupil and the locked days, accessibly', async () => {
    const el = await open();
    expect(calls[0]).to.equal('GET /api/staff/care/times?from=2026-12-07&to=2026-12-11');
    const row = el.shadowRoot?.querySelector('tbody tr') as HTMLElement;
    const cells = [...row.querySelectorAll('td')].map((c) => c.textContent?.replace(/\s+/g, ' ').trim());
    expect(cells).to.deep.equal(['07:30–16:30 Mormor hämtar', 'Ingen omsorg', '–', '–', '–']);
    expect(textOf(el)).to.contain('Låst: fredag 11 december – Planeringsdag');
    await expect(el).to.be.accessible();
  });

  it('locks a day with the reason, and unlocks it', async () => {
    const el = await open();
    const root = el.shadowRoot as ShadowRoot;
    const fill = (selector: string, value: string) => {
      const input = root.querySelector(selector) as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    fill('form input[type="date"]', '2026-12-10');
    fill('form input[type="text"]', 'Studiedag');
    (root.querySelector('form button') as HTMLButtonElement).click();
    await until(() => textOf(el).includes('torsdag 10 december är låst.'), 5000, 'the lock');
    expect(calls).to.include('PUT /api/staff/care/locks/2026-12-10 {"reason":"Studiedag"}');
    await until(() => textOf(el).includes('Låst: torsdag 10 december – Studiedag'), 5000, 'the reloaded week');
    const unlock = [...(el.shadowRoot?.querySelectorAll('.locks button') ?? [])].find((b) =>
      b.textContent?.includes('torsdag 10 december'),
    ) as HTMLButtonElement;
    unlock.click();
    await until(() => textOf(el).includes('torsdag 10 december är upplåst.'), 5000, 'the unlock');
    expect(calls).to.include('DELETE /api/staff/care/locks/2026-12-10');
  });

  it('says it needs a connection when offline', async () => {
    window.fetch = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    const el = await fixture<CareStaffPage>(html`<sk-care-staff-page .now=${NOW}></sk-care-staff-page>`);
    await until(() => textOf(el).includes('Sidan behöver anslutning.'), 5000, 'the message');
  });

  it('is for staff only', async () => {
    signIn(anna, null);
    const el = await fixture<CareStaffPage>(html`<sk-care-staff-page .now=${NOW}></sk-care-staff-page>`);
    expect(textOf(el)).to.contain('Den här sidan är för skolans personal.');
    expect(calls).to.deep.equal([]);
  });
});
