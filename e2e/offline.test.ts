import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  accounts,
  chooseChild,
  eventually,
  launchBrowser,
  newContext,
  newPage,
  signIn,
  startServer,
  type TestServer,
  untilControlled,
} from './harness.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('a guardian on a bad connection', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startServer();
  });
  afterEach(async () => {
    await server.stop();
  });

  async function reportsOnServer() {
    return server.db.query<{ id: string; status: string; absences: number }>(
      `SELECT r.id, r.status, (SELECT count(*)::int FROM absences a WHERE a.request_id = r.id) AS absences
         FROM requests r WHERE r.author_id = 'guardian-anna'`,
    );
  }

  /** Signs in, goes offline, reloads, and reports part of today's absence for Olle. */
  async function reportOffline() {
    const context = await newContext(browser, server);
    const page = await newPage(context, server);
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await signIn(page, accounts.anna, 'Anna');
    await chooseChild(page, 'Olle Lindqvist');
    const box = page.locator('sk-schedule-box');
    await box.getByText('Idag, onsdag').waitFor();
    await box.locator('li.lesson').first().waitFor();
    await untilControlled(page);

    await context.setOffline(true);
    await page.reload();
    // The app, the child and the schedule come from the device.
    await page.getByRole('heading', { name: 'Hej Anna!' }).waitFor();
    await page.locator('sk-child-switcher', { hasText: 'Olle Lindqvist' }).waitFor();
    await box.locator('li.lesson').first().waitFor();
    expect(await box.locator('li.lesson').count()).toBeGreaterThan(3);
    await page.locator('sk-sync-status', { hasText: 'Ingen anslutning' }).waitFor();

    await page.locator('sk-absence-box').getByRole('link', { name: 'Rapportera frånvaro' }).click();
    const form = page.locator('sk-absence-report');
    await form.getByRole('radio', { name: /^Idag/ }).check();
    await form.getByRole('radio', { name: 'Del av dagen' }).check();
    await form.getByRole('radio', { name: 'Välj lektioner' }).check();
    const lessons = form.getByRole('group', { name: /^Lektioner/ }).getByRole('checkbox');
    await lessons.nth(0).check();
    await lessons.nth(1).check();
    await form.getByRole('textbox', { name: /Kommentar/ }).fill('Tandläkare på morgonen');
    await form.getByRole('button', { name: 'Skicka frånvaroanmälan' }).click();

    const view = page.locator('sk-absence-view');
    await view.getByText('sparad på enheten och skickas automatiskt').waitFor();
    await view.locator('li.absence.pending', { hasText: 'Väntar på att skickas' }).waitFor();
    expect(await reportsOnServer()).toEqual([]);
    expect(violations).toEqual([]);
    return { context, page };
  }

  it('reports absence offline, and the report reaches the school once when the app is opened online again', async () => {
    const { context, page } = await reportOffline();
    await page.close();
    await context.setOffline(false);
    const again = await newPage(context, server);
    await again.goto('/franvaro');
    const rows = await eventually(
      async () => {
        const r = await reportsOnServer();
        return r.length === 1 && r[0]?.status === 'accepted' ? r : null;
      },
      30_000,
      'the report on the server',
    );
    expect(rows).toEqual([{ id: expect.any(String), status: 'accepted', absences: 1 }]);
    const item = again.locator('sk-absence-view li.absence', { hasText: 'Tandläkare på morgonen' });
    await item.filter({ hasText: 'Mottagen av skolan' }).waitFor();
    expect(await item.count()).toBe(1);
    // Both roads (the page's replication and the worker's sync) may have sent it: still once.
    expect(await reportsOnServer()).toHaveLength(1);
    await context.close();
  });

  it('sends a report made offline from the service worker, with every page closed', async () => {
    const { context, page } = await reportOffline();
    const worker = context.serviceWorkers()[0];
    expect(worker).toBeDefined();
    await page.close();
    await context.setOffline(false);
    // Chromium fires the registered sync when the network returns; the DevTools
    // protocol dispatches one as well, so the test does not wait on the browser's schedule.
    const helper = await context.newPage();
    const cdp = await context.newCDPSession(helper);
    await cdp.send('ServiceWorker.enable');
    const registrationId = await new Promise<string>((resolve) => {
      cdp.on('ServiceWorker.workerRegistrationUpdated', (e) => {
        const reg = e.registrations.find(
          (r: { scopeURL: string; isDeleted: boolean }) => r.scopeURL.startsWith(server.url) && !r.isDeleted,
        );
        if (reg) resolve(reg.registrationId);
      });
    });
    await helper.close();
    const rows = await eventually(
      async () => {
        const r = await reportsOnServer();
        if (r.length === 0) {
          // No page is open: only the worker can have sent it.
          await cdp
            .send('ServiceWorker.dispatchSyncEvent', {
              origin: server.url,
              registrationId,
              tag: 'skolhubben-requests',
              lastChance: false,
            })
            .catch(() => undefined);
        }
        return r.length === 1 ? r : null;
      },
      30_000,
      'the worker to send the report',
    );
    expect(context.pages()).toHaveLength(0);
    expect(rows[0]?.status).toBe('accepted');
    expect(rows[0]?.absences).toBe(1);

    // The next open shows it received, once.
    const again = await newPage(context, server);
    await again.goto('/franvaro');
    const item = again.locator('sk-absence-view li.absence', { hasText: 'Tandläkare på morgonen' });
    await item.filter({ hasText: 'Mottagen av skolan' }).waitFor();
    expect(await item.count()).toBe(1);
    expect(await reportsOnServer()).toHaveLength(1);
    await context.close();
  });
});
