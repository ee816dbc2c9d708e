/**
 * Utvecklingssamtal end to end in Chromium: Anna books a time for Olle
 * offline, reloads and still sees it waiting, goes online and sees it booked
 * (also in Kalender); then, offline again, she changes to a time that another
 * family books meanwhile: back online she is told, in Swedish, that it was
 * taken, keeps her first time, and is offered the others. And the school's
 * side: Karin Holm's staff page shows who booked, opens a time and closes it.
 */
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { insertBooking, slotRow } from '../server/conferences/requests.js';
import { addDays, mondayOf } from '../shared/time.js';
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

describe('booking a development talk on a bad connection', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startServer();
  });
  afterEach(async () => {
    await server.stop();
  });

  const olleBookings = () =>
    server.db.query<{ slot_id: string; booked_by: string }>(
      `SELECT slot_id, booked_by FROM conferences WHERE kind = 'booking' AND pupil_id = 'pupil-olle' AND NOT deleted`,
    );

  it('books offline, waits, is booked online; a time another family took meanwhile is refused with the reason', async () => {
    const context = await newContext(browser, server);
    const page = await newPage(context, server);
    await signIn(page, accounts.anna, 'Anna');
    await chooseChild(page, 'Olle Lindqvist');
    const box = page.locator('sk-conferences-box');
    await box.getByText(/9 lediga tider\. Boka senast/).waitFor();
    await untilControlled(page);

    await context.setOffline(true);
    await page.reload();
    await page.locator('sk-sync-status', { hasText: 'Ingen anslutning' }).waitFor();
    await box.getByRole('link', { name: 'Boka tid' }).click();
    const view = page.locator('sk-conferences-view');
    // Taken times are marked; the first free one is booked.
    await view.locator('li.time.taken').first().waitFor();
    await view
      .getByRole('button', { name: /^Boka .* kl\. 15:00–15:20$/ })
      .first()
      .click();
    await view.locator('.booking.pending', { hasText: 'Väntar på att skickas' }).waitFor();
    await view.getByText('Sparat på enheten').waitFor();

    await page.reload();
    await view.locator('.booking.pending', { hasText: 'kl. 15:00–15:20' }).waitFor();
    expect(await olleBookings()).toEqual([]);

    await context.setOffline(false);
    const booked = await eventually(
      async () => {
        const rows = await olleBookings();
        return rows.length === 1 ? rows : null;
      },
      30_000,
      'the booking on the server',
    );
    expect(booked).toEqual([{ slot_id: 'conf-class-5a-1', booked_by: 'Anna Lindqvist' }]);
    await view.locator('.booking', { hasText: 'Bokad av Anna Lindqvist' }).waitFor();
    expect(await view.locator('.booking.pending').count()).toBe(0);

    // The booked time is in Kalender, in its week.
    const talkWeek = addDays(mondayOf(server.today), 7);
    await page.goto(`/kalender?vecka=${talkWeek}`);
    await page.locator('sk-calendar-view').getByText('Utvecklingssamtal med Karin Holm').waitFor();

    // Offline again, Anna changes to 16:00; meanwhile another family of 5A books it.
    await page.goto('/utvecklingssamtal');
    await view.locator('.booking', { hasText: 'Bokad av Anna Lindqvist' }).waitFor();
    await context.setOffline(true);
    await view
      .getByRole('button', { name: /^Byt till .* kl\. 16:00–16:20$/ })
      .first()
      .click();
    await view.locator('.booking.pending', { hasText: 'kl. 16:00–16:20' }).waitFor();
    await server.db.transaction(async (tx) => {
      const [other] = await tx.query<{ pupil_id: string; id: string; name: string }>(
        `SELECT p.id AS pupil_id, u.id, u.name FROM pupils p
           JOIN custody c ON c.pupil_id = p.id JOIN users u ON u.id = c.guardian_id
          WHERE p.class_id = 'class-5a' AND p.id <> 'pupil-olle'
            AND NOT EXISTS (SELECT 1 FROM conferences b WHERE b.kind = 'booking' AND b.pupil_id = p.id)
          ORDER BY p.id, u.id LIMIT 1`,
      );
      const slot = await slotRow(tx, 'conf-class-5a-4');
      if (!other || !slot) throw new Error('no other family or no 16:00 time');
      await insertBooking(tx, slot, { id: 'e2e-other-family', requestId: null }, other.pupil_id, other);
    });

    await context.setOffline(false);
    const notice = view.locator('.rejected[role="status"]');
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.textContent()).toMatch(/Bokningen gick inte igenom:.*kl\. 16:00 hann bokas av någon annan/);
    // Anna keeps her first time, 16:00 shows as taken, and the other free times are offered.
    await view.locator('.booking', { hasText: 'kl. 15:00–15:20' }).waitFor();
    await view.locator('li.time.taken', { hasText: '16:00–16:20' }).waitFor();
    expect(await view.getByRole('button', { name: /^Byt till / }).count()).toBe(7);
    expect(await olleBookings()).toEqual([{ slot_id: 'conf-class-5a-1', booked_by: 'Anna Lindqvist' }]);
    await context.close();
  });

  it('lets a teacher see who booked, open a time and close it', async () => {
    const context = await newContext(browser, server);
    const page = await newPage(context, server);
    await signIn(page, { email: 'karin.holm@lingonberg.example.se', password: 'lingon-karin-2026' }, 'Karin');
    await page.getByRole('link', { name: /^Utvecklingssamtal Öppna och stäng tider/ }).click();
    const staffPage = page.locator('sk-staff-conferences');
    await staffPage.getByRole('combobox', { name: 'Klass' }).selectOption({ label: '5A (Lingonbergsskolan)' });
    const booked = staffPage.locator('li', { hasText: 'Bokad för' });
    await booked.first().waitFor();
    expect(await booked.count()).toBe(3);

    const talkDay = addDays(mondayOf(server.today), 10);
    await staffPage.getByLabel('Datum').fill(talkDay);
    await staffPage.getByLabel('Börjar').fill('08:00');
    await staffPage.getByLabel('Slutar').fill('08:20');
    await staffPage.getByLabel('Plats (frivillig)').fill('Rum 12');
    await staffPage.getByRole('button', { name: 'Öppna tiden' }).click();
    const opened = staffPage.getByRole('button', { name: /^Stäng .* kl\. 08:00–08:20$/ });
    await opened.waitFor();
    const [row] = await server.db.query<{ id: string; book_until: string }>(
      `SELECT id, book_until FROM conferences WHERE kind = 'slot' AND class_id = 'class-5a' AND start_time = '08:00'`,
    );
    expect(row?.book_until).toBe(addDays(talkDay, -1));
    await opened.click();
    await opened.waitFor({ state: 'detached' });
    const [closed] = await server.db.query<{ deleted: boolean }>('SELECT deleted FROM conferences WHERE id = $1', [
      row?.id,
    ]);
    expect(closed?.deleted).toBe(true);
    await context.close();
  });
});
