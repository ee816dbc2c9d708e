import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { receiptReference } from '../shared/absence.js';
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

const karin = { email: 'karin.holm@lingonberg.example.se', password: 'lingon-karin-2026' };

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('Frånvaro for several children, ended early, with receipts, and the teacher’s live list', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startServer();
  });
  afterEach(async () => {
    await server.stop();
  });

  const reportsOnServer = () =>
    server.db.query<{ id: string; pupil_id: string; status: string }>(
      `SELECT id, pupil_id, status FROM requests WHERE author_id = 'guardian-anna' AND kind = 'absence.report'
        ORDER BY pupil_id`,
    );

  /** The lines of the guardian's "Dina anmälningar". */
  const receiptLines = (page: Page) =>
    page
      .locator('sk-absence-view section', { has: page.getByRole('heading', { name: 'Dina anmälningar' }) })
      .locator('li');

  it('reports for two children offline, both waiting after a reload, both received online; ends one early; shows the receipt; the teacher sees it all live', async () => {
    // The teacher signs in with e-mail and password and opens today's absence reports.
    const teacherContext = await newContext(browser, server);
    const teacher = await newPage(teacherContext, server);
    await signIn(teacher, karin, 'Karin');
    expect(new URL(teacher.url()).pathname).toBe('/personal');
    await teacher.getByRole('link', { name: /^Frånvaro idag/ }).click();
    const list = teacher.locator('sk-staff-absence');
    // The demo school's one report of the day so far: Fatima's for Yusuf.
    await list.locator('li.report', { hasText: 'Yusuf Ali, 3A' }).waitFor();
    await list.getByText('Uppdateras direkt').waitFor();
    await list.getByText('1 anmälan').waitFor();

    // Anna, with Olle selected, goes offline and reports the whole day for Olle and Elsa.
    const context = await newContext(browser, server);
    const page = await newPage(context, server);
    await signIn(page, accounts.anna, 'Anna');
    // Both children's lessons of today on the device before the connection goes: the form checks
    // the whole day against each child's own timetable.
    for (const child of ['Elsa Lindqvist', 'Olle Lindqvist']) {
      await chooseChild(page, child);
      await page.locator('sk-schedule-box', { hasText: 'Idag,' }).locator('li.lesson').first().waitFor();
    }
    await untilControlled(page);
    await context.setOffline(true);
    await page.reload();
    await page.locator('sk-sync-status', { hasText: 'Ingen anslutning' }).waitFor();
    await page.locator('sk-absence-box').getByRole('link', { name: 'Rapportera frånvaro' }).click();
    const form = page.locator('sk-absence-report');
    const children = form.getByRole('group', { name: 'Vilka barn gäller anmälan?' });
    expect(await children.getByRole('checkbox', { name: 'Olle Lindqvist, 5A' }).isChecked()).toBe(true);
    await children.getByRole('checkbox', { name: 'Elsa Lindqvist, 2A' }).check();
    await form.getByRole('radio', { name: /^Idag/ }).check();
    await form.getByRole('radio', { name: 'Hela dagen' }).check();
    await form.getByRole('textbox', { name: /Kommentar/ }).fill('Magsjuka');
    await form.getByRole('button', { name: 'Skicka frånvaroanmälan' }).click();
    await page.locator('sk-absence-view').getByText('sparad på enheten och skickas automatiskt').waitFor();
    await expect.poll(() => receiptLines(page).filter({ hasText: 'Väntar på att skickas' }).count()).toBe(2);
    expect(await reportsOnServer()).toEqual([]);

    await page.reload();
    await page.locator('sk-absence-view h1').waitFor();
    await expect.poll(() => receiptLines(page).filter({ hasText: 'Väntar på att skickas' }).count()).toBe(2);
    expect(await receiptLines(page).filter({ hasText: 'Elsa Lindqvist, 2A' }).count()).toBe(1);
    expect(await receiptLines(page).filter({ hasText: 'Olle Lindqvist, 5A' }).count()).toBe(1);

    // Online: each report is received on its own.
    await context.setOffline(false);
    await expect.poll(() => receiptLines(page).filter({ hasText: 'Mottagen' }).count(), { timeout: 30_000 }).toBe(2);
    const stored = await reportsOnServer();
    expect(stored.map((r) => [r.pupil_id, r.status])).toEqual([
      ['pupil-elsa', 'accepted'],
      ['pupil-olle', 'accepted'],
    ]);

    // The teacher's open page shows both, without reloading.
    const olleReport = list.locator('li.report', { hasText: 'Olle Lindqvist, 5A' });
    const elsaReport = list.locator('li.report', { hasText: 'Elsa Lindqvist, 2A' });
    await olleReport.waitFor({ timeout: 30_000 });
    await elsaReport.waitFor({ timeout: 30_000 });
    for (const line of [olleReport, elsaReport]) {
      const text = await line.textContent();
      expect(text).toContain('Heldag');
      expect(text).toContain('Kommentar: Magsjuka');
      expect(text).toContain('Anmäld av Anna Lindqvist');
    }
    await list.getByText('3 anmälningar').waitFor();

    // Olle feels better: back at school from 10:00.
    const olleItem = page.locator('sk-absence-view li.absence.accepted', { hasText: 'Magsjuka' });
    await olleItem.getByRole('button', { name: 'Avsluta i förväg' }).click();
    await olleItem.getByLabel('Från klockan').fill('10:00');
    await olleItem.getByRole('button', { name: 'Skicka' }).click();
    await olleItem.getByText('Avslutad i förväg: tillbaka 10:00').waitFor({ timeout: 30_000 });
    await olleItem.getByText(/–10:00/).waitFor();
    const olleId = stored.find((r) => r.pupil_id === 'pupil-olle')?.id as string;
    const [absence] = await server.db.query<{ to_time: string; whole_day: boolean }>(
      'SELECT to_time, whole_day FROM absences WHERE id = $1',
      [olleId],
    );
    expect(absence).toEqual({ to_time: '10:00', whole_day: false });
    await olleReport.getByText(/Avslutad i förväg .*: tillbaka 10:00/).waitFor({ timeout: 30_000 });

    // Elsa's receipt: what, for whom, by whom, sent, received, and the reference.
    const elsaId = stored.find((r) => r.pupil_id === 'pupil-elsa')?.id as string;
    await receiptLines(page)
      .filter({ hasText: 'Elsa Lindqvist, 2A' })
      .getByRole('link', { name: /^Kvitto för Frånvaroanmälan/ })
      .click();
    const receipt = page.locator('sk-absence-receipt');
    await receipt.getByRole('heading', { name: 'Kvitto' }).waitFor();
    const rows = await eventually(async () => {
      const text = (await receipt.locator('dl').textContent())?.replace(/\s+/g, ' ') ?? '';
      return text.includes('Mottagen av skolan') ? text : null;
    });
    expect(rows).toContain('Gäller Elsa Lindqvist, 2A');
    expect(rows).toContain('Skickad av Anna Lindqvist');
    expect(rows).toContain('Heldag');
    expect(rows).toMatch(/Mottagen av skolan \d+ \w+\.? \d\d:\d\d/);
    expect(rows).toContain(`Referens ${receiptReference(elsaId)}`);
    // The teacher's list carries the same reference.
    await elsaReport.getByText(`Referens ${receiptReference(elsaId)}`).waitFor();

    await context.close();
    await teacherContext.close();
  });
});
