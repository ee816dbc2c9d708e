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
} from './harness.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('two guardians in two homes', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startServer();
  });
  afterEach(async () => {
    await server.stop();
  });

  it('shows one guardian’s report on the other guardian’s open app at once, and only once', async () => {
    const annaContext = await newContext(browser, server);
    const erikContext = await newContext(browser, server);
    const anna = await newPage(annaContext, server);
    const erik = await newPage(erikContext, server);
    await signIn(anna, accounts.anna, 'Anna');
    await signIn(erik, accounts.erik, 'Erik');
    await chooseChild(anna, 'Olle Lindqvist');
    // Erik has one child: Olle's name stands at the top of his menu.
    await erik.locator('sk-child-switcher', { hasText: 'Olle Lindqvist' }).waitFor();
    await erik.goto('/franvaro');
    const erikView = erik.locator('sk-absence-view');
    await erikView.getByRole('heading', { name: /Frånvaro/ }).waitFor();
    await erikView.locator('li.absence').first().waitFor();
    const before = await erikView.locator('li.absence').count();

    await anna.locator('sk-absence-box').getByRole('link', { name: 'Rapportera frånvaro' }).click();
    const form = anna.locator('sk-absence-report');
    await form.getByRole('radio', { name: /^I morgon/ }).check();
    await form.getByRole('textbox', { name: /Kommentar/ }).fill('Feber sedan i kväll');
    await form.getByRole('button', { name: 'Skicka frånvaroanmälan' }).click();
    await anna.locator('sk-absence-view li.absence', { hasText: 'Mottagen av skolan' }).first().waitFor();

    // Erik did not reload: the live stream told his app, which pulled the new absence.
    const erikItem = erikView.locator('li.absence', { hasText: 'Feber sedan i kväll' });
    await erikItem.waitFor({ timeout: 15_000 });
    await expect.poll(() => erikView.locator('li.absence').count()).toBe(before + 1);
    expect(await erikItem.count()).toBe(1);
    expect(await erikItem.textContent()).toContain('Anmäld av Anna Lindqvist');
    await annaContext.close();
    await erikContext.close();
  });

  it('shows a report the school could not accept, with the reason in Swedish', async () => {
    const context = await newContext(browser, server);
    const page = await newPage(context, server);
    await signIn(page, accounts.anna, 'Anna');
    await chooseChild(page, 'Olle Lindqvist');
    await page.locator('sk-schedule-box li.lesson').first().waitFor();
    await context.setOffline(true);
    await page.locator('sk-absence-box').getByRole('link', { name: 'Rapportera frånvaro' }).click();
    const form = page.locator('sk-absence-report');
    await form.getByRole('radio', { name: /^I morgon/ }).check();
    await form.getByRole('button', { name: 'Skicka frånvaroanmälan' }).click();
    await page.locator('sk-absence-view li.absence.pending').waitFor();
    // The connection comes back two days later: "tomorrow" is in the past for the school.
    server.advance(2 * 86_400_000);
    await context.setOffline(false);
    const rejected = page.locator('sk-absence-view li.absence.rejected');
    await rejected.waitFor({ timeout: 30_000 });
    expect(await rejected.textContent()).toContain('Inte mottagen');
    expect(await rejected.textContent()).toContain('Frånvaro kan bara rapporteras för idag eller i morgon');
    const rows = await eventually(
      async () => {
        const r = await server.db.query<{ status: string; reason: string }>(
          `SELECT status, reason FROM requests WHERE author_id = 'guardian-anna'`,
        );
        return r.length === 1 ? r : null;
      },
      10_000,
      'the request on the server',
    );
    expect(rows[0]?.status).toBe('rejected');
    await context.close();
  });
});
