import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  accounts,
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

const karin = { email: 'karin.holm@lingonberg.example.se', password: 'lingon-karin-2026' };
const TASK = '/uppgifter?uppgift=demo-task-bokrecension';

describe('Uppgifter: a pupil and the teacher talk about an assignment', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startServer();
  });
  afterEach(async () => {
    await server.stop();
  });

  const messagesOnServer = async () => {
    const [row] = await server.db.query<{ messages: { text: string; fromStaff: boolean }[] }>(
      `SELECT messages FROM tasks WHERE kind = 'conversation' AND task_id = 'demo-task-bokrecension' AND pupil_id = 'pupil-olle'`,
    );
    return row?.messages ?? [];
  };

  it('the pupil writes offline, reloads, sees it waiting, goes online and sees it sent — once', async () => {
    const context = await newContext(browser, server);
    const page = await newPage(context, server);
    await signIn(page, accounts.olle, 'Olle');
    await page.locator('sk-tasks-box').getByRole('link', { name: 'Bokrecension' }).click();
    const view = page.locator('sk-tasks-view');
    await view.getByText('Får boken vara en serieroman?').waitFor();
    await untilControlled(page);

    await context.setOffline(true);
    await page.reload();
    await view.getByText('Ja, det går bra!').waitFor();
    await view.getByRole('textbox', { name: 'Skriv till läraren' }).fill('Jag har valt Pax.');
    await view.getByRole('button', { name: 'Skicka' }).click();
    const mine = view.locator('ol.conversation li', { hasText: 'Jag har valt Pax.' });
    await mine.filter({ hasText: 'Väntar på att skickas' }).waitFor();

    await page.reload();
    await mine.filter({ hasText: 'Väntar på att skickas' }).waitFor();
    expect(await messagesOnServer()).toHaveLength(2);

    await context.setOffline(false);
    await mine.filter({ hasText: 'Skickat' }).waitFor({ timeout: 30_000 });
    const messages = await eventually(
      async () => {
        const m = await messagesOnServer();
        return m.length === 3 ? m : null;
      },
      15_000,
      'the message on the server',
    );
    expect(messages.map((m) => [m.fromStaff, m.text])).toEqual([
      [false, 'Får boken vara en serieroman?'],
      [true, 'Ja, det går bra! Skriv också något om hur bilderna berättar.'],
      [false, 'Jag har valt Pax.'],
    ]);
    expect(await mine.count()).toBe(1);
    await context.close();
  });

  it('the teacher replies in the browser, and the pupil’s open app shows the reply at once', async () => {
    const pupilContext = await newContext(browser, server);
    const staffContext = await newContext(browser, server);
    const pupil = await newPage(pupilContext, server);
    const teacher = await newPage(staffContext, server);
    await signIn(pupil, accounts.olle, 'Olle');
    await pupil.goto(TASK);
    const view = pupil.locator('sk-tasks-view');
    await view.getByText('Får boken vara en serieroman?').waitFor();

    await signIn(teacher, karin, 'Karin');
    await teacher.goto('/personal/uppgifter');
    const staff = teacher.locator('sk-staff-tasks');
    const assignment = staff.locator('article', { hasText: 'Bokrecension' });
    await assignment.getByRole('button', { name: /Olle Lindqvist/ }).click();
    await assignment.getByText('Får boken vara en serieroman?').waitFor();
    await assignment
      .getByRole('textbox', { name: 'Ditt svar till Olle Lindqvist' })
      .fill('Kom ihåg att lämna in på fredag.');
    await assignment.getByRole('button', { name: 'Skicka svar' }).click();
    await assignment.getByText('Svaret är skickat.').waitFor();

    // Olle did not reload: the live stream told his app, which pulled the conversation.
    const reply = view.locator('ol.conversation li', { hasText: 'Kom ihåg att lämna in på fredag.' });
    await reply.waitFor({ timeout: 15_000 });
    expect(await reply.textContent()).toContain('Karin Holm');
    expect(await reply.textContent()).toContain('Nytt svar');
    await pupilContext.close();
    await staffContext.close();
  });
});
