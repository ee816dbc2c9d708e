import { expect, fixture, html } from '@open-wc/testing';
import { anna, reset, signIn, textOf, until } from '../testing/fixtures.js';
import './staff-conferences-page.js';
import type { StaffConferencesPage } from './staff-conferences-page.js';

const karin = { user: { id: 'staff-karin', role: 'staff' as const, name: 'Karin Holm' }, pupils: [] };
const CLASSES = [
  { id: 'class-2a', name: '2A', schoolId: 's', schoolName: 'Lingonbergsskolan' },
  { id: 'class-5a', name: '5A', schoolId: 's', schoolName: 'Lingonbergsskolan' },
];
const time = (id: string, start: string, booking: unknown = null) => ({
  id,
  date: '2026-12-08',
  start,
  end: `${start.slice(0, 3)}${String(Number(start.slice(3)) + 20).padStart(2, '0')}`,
  location: 'Klassrum 5A',
  teacher: 'Karin Holm',
  bookUntil: '2026-12-07',
  taken: booking !== null,
  booking,
});

describe('sk-staff-conferences', () => {
  const realFetch = window.fetch;
  let calls: { method: string; url: string; body?: unknown }[];
  let times: Record<string, ReturnType<typeof time>[]>;
  let refuse: { status: number; error: string; message: string } | null;
  beforeEach(() => {
    calls = [];
    refuse = null;
    times = {
      'class-2a': [
        time('t1', '15:00', {
          pupilName: 'Elsa Lindqvist',
          bookedBy: 'Anna Lindqvist',
          bookedAt: '2026-12-02T08:00:00.000Z',
        }),
        time('t2', '15:20'),
      ],
      'class-5a': [],
    };
    signIn(karin, null);
    window.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      const url = String(input);
      calls.push({ method, url, body: init?.body ? JSON.parse(String(init.body)) : undefined });
      const json = (value: unknown, status = 200) =>
        new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
      if (refuse) return json({ error: refuse.error, message: refuse.message }, refuse.status);
      if (url === '/api/staff/classes') return json({ classes: CLASSES });
      const list = /classId=([^&]+)/.exec(url);
      if (method === 'GET' && list) return json({ slots: times[decodeURIComponent(list[1] as string)] ?? [] });
      if (method === 'PUT') return json({}, 201);
      if (method === 'DELETE') {
        const id = decodeURIComponent(url.split('/').pop()?.split('?')[0] ?? '');
        for (const k of Object.keys(times)) times[k] = (times[k] ?? []).filter((x) => x.id !== id);
        return new Response(null, { status: 204 });
      }
      return json({ error: 'not_found', message: 'no' }, 404);
    }) as typeof fetch;
  });
  afterEach(async () => {
    window.fetch = realFetch;
    await reset();
  });

  async function openPage() {
    const el = await fixture<StaffConferencesPage>(html`<sk-staff-conferences></sk-staff-conferences>`);
    await until(() => textOf(el).includes('Bokad för'), 5000, 'the times');
    return el;
  }
  const button = (el: Element, name: string) =>
    [...(el.shadowRoot?.querySelectorAll('button') ?? [])].find(
      (b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === name,
    ) as HTMLButtonElement;

  it('is accessible; shows the first class’s times, who booked, and what is free', async () => {
    const el = await openPage();
    expect(textOf(el)).to.contain('Bokad för Elsa Lindqvist av Anna Lindqvist');
    expect(textOf(el)).to.contain('Ledig – kan bokas till och med 7 dec.');
    await expect(el).to.be.accessible();
  });

  it('closes a free time at once, and a booked one only after saying the booking goes too', async () => {
    const el = await openPage();
    button(el, 'Stäng 8 dec. kl. 15:20–15:40').click();
    await until(() => !textOf(el).includes('15:20–15:40'), 5000, 'the closed time gone');
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.url)).to.deep.equal(['/api/staff/conferences/t2']);
    button(el, 'Stäng 8 dec. kl. 15:00–15:20').click();
    await until(() => textOf(el).includes('Stänga den och avboka familjen?'), 5000, 'the question');
    expect(calls.filter((c) => c.method === 'DELETE')).to.have.length(1);
    await expect(el).to.be.accessible();
    button(el, 'Ja, stäng och avboka').click();
    await until(() => textOf(el).includes('Klassen har inga öppna tider.'), 5000, 'both times closed');
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.url)).to.deep.equal([
      '/api/staff/conferences/t2',
      '/api/staff/conferences/t1?cancelBooking=true',
    ]);
  });

  it('opens a time for the chosen class, and checks the form before sending', async () => {
    const el = await openPage();
    const select = el.shadowRoot?.querySelector('select') as HTMLSelectElement;
    select.value = 'class-5a';
    select.dispatchEvent(new Event('change'));
    await until(() => textOf(el).includes('Klassen har inga öppna tider.'), 5000, '5A');
    const form = el.shadowRoot?.querySelector('form') as HTMLFormElement;
    const set = (name: string, value: string) => {
      (form.elements.namedItem(name) as HTMLInputElement).value = value;
    };
    set('date', '2026-12-15');
    set('start', '16:00');
    set('end', '15:40');
    form.requestSubmit();
    await until(() => textOf(el).includes('Sluttiden måste vara efter starttiden.'), 5000, 'the problem');
    expect(calls.filter((c) => c.method === 'PUT')).to.have.length(0);
    set('end', '16:20');
    set('location', 'Rum 12');
    form.requestSubmit();
    await until(() => calls.some((c) => c.method === 'PUT'), 5000, 'the opening');
    const put = calls.find((c) => c.method === 'PUT');
    expect(put?.url).to.match(/^\/api\/staff\/conferences\/t-[0-9a-f-]{36}$/);
    expect(put?.body).to.deep.equal({
      classId: 'class-5a',
      date: '2026-12-15',
      start: '16:00',
      end: '16:20',
      location: 'Rum 12',
    });
  });

  it('shows what the server refused, in its words', async () => {
    const el = await openPage();
    refuse = { status: 403, error: 'forbidden', message: 'You may not publish for this school.' };
    button(el, 'Stäng 8 dec. kl. 15:20–15:40').click();
    await until(() => textOf(el).includes('Det gick inte: You may not publish for this school.'), 5000, 'the refusal');
    expect(el.shadowRoot?.querySelector('[role="alert"]')).to.not.equal(null);
  });

  it('tells a guardian that only staff open times, and asks the server nothing', async () => {
    signIn(anna, null);
    const el = await fixture<StaffConferencesPage>(html`<sk-staff-conferences></sk-staff-conferences>`);
    expect(textOf(el)).to.contain('Bara skolans personal öppnar tider för utvecklingssamtal.');
    expect(calls).to.deep.equal([]);
  });
});
