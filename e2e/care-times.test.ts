import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { lockDay } from '../server/care-times/staff.js';
import { addDays } from '../shared/time.js';
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

describe('Fritidsschema for a guardian on a bad connection', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startServer();
  });
  afterEach(async () => {
    await server.stop();
  });

  /** The day's row in the Fritidsschema view. */
  const dayRow = (page: Page, date: string): Locator =>
    page.locator(`sk-care-view li.day[aria-labelledby="d${date}-h"]`);

  async function elsasRequests() {
    return server.db.query<{ date: string; status: string; reason: string }>(
      `SELECT payload->>'date' AS date, status, reason FROM requests
        WHERE author_id = 'guardian-anna' AND kind = 'care.set' ORDER BY payload->>'date'`,
    );
  }

  it('sets times offline, keeps them waiting across a reload, and online the school saves one day and turns down the locked one', async () => {
    // The school day is a Wednesday: Thursday and Friday of this week can still change.
    const thursday = addDays(server.today, 1);
    const friday = addDays(server.today, 2);
    const context = await newContext(browser, server);
    const page = await newPage(context, server);
    await signIn(page, accounts.anna, 'Anna');
    await chooseChild(page, 'Elsa Lindqvist');
    const box = page.locator('sk-care-box');
    await box.getByRole('heading', { name: 'Fritidsschema' }).waitFor();
    await box.getByText('07:30–16:30').first().waitFor(); // Elsa's times, set by Anna in the demo
    await untilControlled(page);
    await box.getByRole('link', { name: 'Öppna Fritidsschema' }).click();
    const view = page.locator('sk-care-view');
    await dayRow(page, thursday).getByLabel('Lämnas').waitFor();

    await context.setOffline(true);
    // While the family is offline, the school makes Friday a planning day.
    await server.db.transaction((tx) =>
      lockDay(tx, { id: 'staff-karin', role: 'staff' }, friday, { reason: 'Studiedag – fritids är stängt' }),
    );
    await page.reload();
    await dayRow(page, thursday).getByLabel('Lämnas').waitFor();
    await page.locator('sk-sync-status', { hasText: 'Ingen anslutning' }).waitFor();

    const thu = dayRow(page, thursday);
    await thu.getByLabel('Lämnas').fill('08:15');
    await thu.getByLabel('Hämtas').fill('15:30');
    await thu.getByLabel('Kommentar').fill('Morfar hämtar');
    const fri = dayRow(page, friday);
    await fri.getByLabel('Lämnas').fill('07:00');
    await view.getByRole('button', { name: 'Spara veckan' }).click();
    await view.getByRole('status').getByText('sparade på enheten').waitFor();
    await thu.getByText('Väntar på att skickas').waitFor();
    await fri.getByText('Väntar på att skickas').waitFor();
    expect(await elsasRequests()).toEqual([]);

    // A reload offline: the changes are on the device, still waiting.
    await page.reload();
    await dayRow(page, thursday).getByText('Väntar på att skickas').waitFor();
    await dayRow(page, friday).getByText('Väntar på att skickas').waitFor();
    expect(await dayRow(page, thursday).getByLabel('Lämnas').inputValue()).toBe('08:15');

    await context.setOffline(false);
    await dayRow(page, thursday).getByText('Sparad – personalen kan se den').waitFor({ timeout: 30_000 });
    const friRow = dayRow(page, friday);
    await friRow.getByText('Inte sparad').waitFor({ timeout: 30_000 });
    const fridayText = (await friRow.textContent())?.replace(/\s+/g, ' ') ?? '';
    expect(fridayText).toMatch(/fredag \d+ \w+ är låst av skolan: Studiedag – fritids är stängt/);
    // The lock itself arrives too: the day shows the lock and takes no more times.
    await friRow.getByText('Låst: Studiedag – fritids är stängt').waitFor({ timeout: 30_000 });
    expect(await friRow.getByLabel('Lämnas').count()).toBe(0);

    expect(await elsasRequests()).toEqual([
      { date: thursday, status: 'accepted', reason: '' },
      { date: friday, status: 'rejected', reason: expect.stringContaining('Studiedag – fritids är stängt') },
    ]);
    // The staff see the new times through the staff API.
    const signInRes = await fetch(`${server.url}/api/auth/password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ email: 'karin.holm@lingonberg.example.se', password: 'lingon-karin-2026' }),
    });
    const cookie = (signInRes.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const overview = await (
      await fetch(`${server.url}/api/staff/care/times?from=${thursday}&to=${friday}`, { headers: { cookie } })
    ).json();
    const elsa = overview.pupils.find((p: { id: string }) => p.id === 'pupil-elsa');
    expect(elsa.days.find((d: { date: string }) => d.date === thursday)).toMatchObject({
      arrival: '08:15',
      departure: '15:30',
      comment: 'Morfar hämtar',
      setBy: 'Anna Lindqvist',
    });
    expect(overview.locks).toEqual([{ date: friday, reason: 'Studiedag – fritids är stängt' }]);
    await context.close();
  });

  it('turns down the other home’s change made on top of newer times, naming who changed the day', async () => {
    const thursday = addDays(server.today, 1);
    const erikContext = await newContext(browser, server);
    const erik = await newPage(erikContext, server);
    await signIn(erik, accounts.erik, 'Erik');
    await erik.locator('sk-care-box').getByRole('link', { name: 'Öppna Fritidsschema' }).click();
    await dayRow(erik, thursday).getByLabel('Lämnas').waitFor();
    await untilControlled(erik);
    // Erik, offline, moves Olle's Thursday; Anna, online, sets it first.
    await erikContext.setOffline(true);
    await dayRow(erik, thursday).getByLabel('Lämnas').fill('07:45');
    await dayRow(erik, thursday).getByLabel('Hämtas').fill('14:00');
    await erik.locator('sk-care-view').getByRole('button', { name: 'Spara veckan' }).click();
    // Waiting (the app may not have noticed the lost connection yet: then it says it is sending).
    await dayRow(erik, thursday)
      .getByText(/Väntar på att skickas|Skickas…/)
      .waitFor();

    const annaContext = await newContext(browser, server);
    const anna = await newPage(annaContext, server);
    await signIn(anna, accounts.anna, 'Anna');
    await chooseChild(anna, 'Olle Lindqvist');
    await anna.goto('/fritidsschema');
    const annas = dayRow(anna, thursday);
    await annas.getByLabel('Lämnas').fill('08:00');
    await annas.getByLabel('Hämtas').fill('17:00');
    await anna.locator('sk-care-view').getByRole('button', { name: 'Spara veckan' }).click();
    await annas.getByText('Sparad – personalen kan se den').waitFor({ timeout: 30_000 });

    await erikContext.setOffline(false);
    const eriks = dayRow(erik, thursday);
    await eriks.getByText('Inte sparad').waitFor({ timeout: 30_000 });
    expect((await eriks.textContent())?.replace(/\s+/g, ' ')).toContain('Anna Lindqvist ändrade tiderna för torsdag');
    // Erik sees the times the school has: Anna's.
    await eventually(async () => (await eriks.getByLabel('Hämtas').inputValue()) === '17:00', 30_000, 'Anna’s times');
    const [day] = await server.db.query<{ departure: string; set_by: string }>(
      `SELECT departure, set_by FROM care_times WHERE kind = 'day' AND scope_ref = 'pupil-olle' AND date = $1`,
      [thursday],
    );
    expect(day).toEqual({ departure: '17:00', set_by: 'Anna Lindqvist' });
    await erikContext.close();
    await annaContext.close();
  });

  it('does not show the box for a child who is not in fritids', async () => {
    const context = await newContext(browser, server);
    const page = await newPage(context, server);
    await signIn(page, accounts.anna, 'Anna');
    await chooseChild(page, 'Wilma Lindqvist');
    await page.locator('sk-absence-box').waitFor();
    await page.locator('sk-schedule-box').waitFor();
    expect(await page.locator('sk-care-box').count()).toBe(0);
    await chooseChild(page, 'Olle Lindqvist');
    await page.locator('sk-care-box').waitFor();
    await eventually(async () => (await page.locator('sk-care-box li').count()) === 5, 10_000, 'five days');
    await context.close();
  });
});
