import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accounts,
  chooseChild,
  launchBrowser,
  newContext,
  newPage,
  signIn,
  startServer,
  type TestServer,
  untilControlled,
} from './harness.js';

let browser: Browser;
let server: TestServer;
beforeAll(async () => {
  browser = await launchBrowser();
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
  await browser?.close();
});

/** A staff member's session against the test server, over HTTP like any school system. */
async function staffClient(s: TestServer) {
  const res = await fetch(`${s.url}/api/auth/password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: s.url },
    body: JSON.stringify({ email: 'karin.holm@lingonberg.example.se', password: 'lingon-karin-2026' }),
  });
  expect(res.status).toBe(200);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const send = async (method: string, path: string, body?: unknown) => {
    const r = await fetch(`${s.url}${path}`, {
      method,
      headers: { cookie, origin: s.url, 'content-type': 'application/json' },
      // An empty body says "no body" with Content-Length: 0 (DELETE included).
      body: body ? JSON.stringify(body) : '',
    });
    expect(r.status, `${method} ${path}: ${r.status}`).toBeLessThan(300);
  };
  return { put: (path: string, body: unknown) => send('PUT', path, body), del: (path: string) => send('DELETE', path) };
}

const school = { kind: 'school', id: 'school-lingonberg' };
const olle = { kind: 'pupil', id: 'pupil-olle' };

/** Each box: where its view is, what staff publish, and the words that show it arrived. */
const BOXES = [
  {
    name: 'Information',
    view: '/information',
    element: 'sk-information-view',
    path: '/api/staff/publications/e2e-news',
    body: {
      scope: school,
      kind: 'news',
      title: 'E2E-nyhet med fet stil',
      body: '<p>Hej <strong>alla</strong></p><script>window.pwned=1</script><img src=x onerror="window.pwned=2"><a href="javascript:window.pwned=3">x</a>',
    },
    text: 'E2E-nyhet med fet stil',
  },
  {
    name: 'Bedömningar',
    view: '/bedomningar',
    element: 'sk-assessments-view',
    path: '/api/staff/assessments/e2e-assessment',
    body: {
      pupilId: 'pupil-olle',
      subject: 'Musik',
      title: 'E2E-bedömning',
      date: '2026-01-10',
      requirements: [{ text: 'Sjunger', symbol: 'met' }, { text: 'Spelar' }],
    },
    text: 'E2E-bedömning',
  },
  {
    name: 'Kalender',
    view: '/kalender',
    element: 'sk-calendar-view',
    path: '/api/staff/events/e2e-event',
    body: { scope: olle, kind: 'personal', title: 'E2E-händelse', date: '' },
    text: 'E2E-händelse',
  },
  {
    name: 'Planeringar',
    view: '/planeringar',
    element: 'sk-plannings-view',
    path: '/api/staff/publications/e2e-planning',
    body: {
      scope: { kind: 'class', id: 'class-5a' },
      kind: 'planning',
      title: 'E2E-planering',
      subject: 'Musik',
      goals: ['Sjunga i kör'],
    },
    text: 'E2E-planering',
  },
  {
    name: 'Dokumentation',
    view: '/dokumentation',
    element: 'sk-documentation-view',
    path: '/api/staff/publications/e2e-doc',
    body: { scope: olle, kind: 'documentation', docType: 'note', title: 'E2E-anteckning', author: 'Karin Holm' },
    text: 'E2E-anteckning',
  },
  {
    name: 'Kontaktlista',
    view: '/kontakter',
    element: 'sk-contacts-view',
    path: '/api/staff/contacts/e2e-contact',
    body: { scope: school, name: 'E2E Kurator', role: 'Kurator', email: 'kurator@lingonberg.example.se' },
    text: 'E2E Kurator',
  },
];

describe('the boxes, end to end', () => {
  let page: Page;
  it.each(BOXES)(
    '$name: staff publish → the open app shows it live → offline reload keeps it → unpublished, it leaves the device',
    async (box) => {
      if (!page) {
        const context = await newContext(browser, server);
        page = await newPage(context, server);
        await signIn(page, accounts.anna, 'Anna');
        await chooseChild(page, 'Olle Lindqvist');
        await untilControlled(page);
      }
      const staff = await staffClient(server);
      const body = box.name === 'Kalender' ? { ...box.body, date: server.today } : box.body;
      await page.goto(box.view);
      const view = page.locator(box.element);
      await view.getByRole('heading', { level: 1 }).waitFor();
      await staff.put(box.path, body);
      // Live: the stream told the open app, which pulled it.
      await view.getByText(box.text).first().waitFor({ timeout: 20_000 });

      await page.context().setOffline(true);
      await page.reload();
      await page.locator('sk-sync-status', { hasText: 'Ingen anslutning' }).waitFor();
      await view.getByText(box.text).first().waitFor();
      if (box.name === 'Information') {
        expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
        expect(await view.locator('sk-rich-text strong').first().textContent()).toBe('alla');
        expect(await view.locator('sk-rich-text script, sk-rich-text img').count()).toBe(0);
      }
      await page.context().setOffline(false);

      await staff.del(box.path);
      await expect.poll(() => view.getByText(box.text).count(), { timeout: 30_000 }).toBe(0);
    },
  );
});
