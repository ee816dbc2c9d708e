import type { Browser, Page } from 'playwright-core';
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

describe('eTest in the browser', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startServer();
  });
  afterEach(async () => {
    await server.stop();
  });

  const submissions = () =>
    server.db.query<{ answers: unknown }>(
      `SELECT answers FROM tasks WHERE kind = 'submission' AND pupil_id = 'pupil-olle'`,
    );

  async function open(page: Page) {
    await signIn(page, accounts.olle, 'Olle');
    await page.locator('sk-etest-box').getByRole('link', { name: 'Bråk – diagnos' }).click();
    const view = page.locator('sk-etest-view');
    await view.getByText('Vad är 1/2 + 1/4?').waitFor();
    return view;
  }

  it('keeps every answer through a reload, takes the hand-in once and refuses a second', async () => {
    const context = await newContext(browser, server);
    const page = await newPage(context, server);
    const view = await open(page);
    await view.getByRole('radio', { name: '3/4' }).check();
    await view.getByRole('checkbox', { name: '2/4' }).check();
    await view.getByRole('textbox', { name: 'Skriv ett kort svar' }).fill('1/4');
    await view.getByText('3 av 4 frågor besvarade').waitFor();

    await page.reload();
    await view.getByText('3 av 4 frågor besvarade').waitFor();
    expect(await view.getByRole('radio', { name: '3/4' }).isChecked()).toBe(true);
    expect(await view.getByRole('checkbox', { name: '2/4' }).isChecked()).toBe(true);
    expect(await view.getByRole('checkbox', { name: '5/10' }).isChecked()).toBe(false);
    expect(await view.getByRole('textbox', { name: 'Skriv ett kort svar' }).inputValue()).toBe('1/4');
    await view.getByRole('checkbox', { name: '5/10' }).check();
    await view.getByRole('textbox', { name: 'Skriv ditt svar' }).fill('Hur många delar det hela är delat i.');
    await view.getByRole('button', { name: 'Lämna in' }).click();
    await view.getByText(/Inlämnat/).waitFor({ timeout: 30_000 });
    await view.getByText('Läraren har inte publicerat resultatet än.').waitFor({ timeout: 30_000 });
    const [stored] = await submissions();
    expect(stored?.answers).toEqual([
      { questionId: 'q1', values: ['b'] },
      { questionId: 'q2', values: ['a', 'c'] },
      { questionId: 'q3', values: ['1/4'] },
      { questionId: 'q4', values: ['Hur många delar det hela är delat i.'] },
    ]);
    expect(await view.getByRole('button', { name: 'Lämna in' }).count()).toBe(0);

    // A second hand-in (another request, as another tab or device would send) is turned down.
    const conflicts = await page.evaluate(async () => {
      const res = await fetch('/api/sync/requests/push', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([
          {
            assumedMasterState: null,
            newDocumentState: {
              id: crypto.randomUUID(),
              kind: 'etest.submit',
              pupilId: 'pupil-olle',
              payload: { testId: 'demo-etest-brak', answers: [{ questionId: 'q1', values: ['a'] }] },
              createdAt: new Date().toISOString(),
              status: 'pending',
            },
          },
        ]),
      });
      return res.json();
    });
    expect(conflicts).toMatchObject([{ status: 'rejected', reasonCode: 'etest_already_submitted' }]);
    expect(conflicts[0].reason).toBe('Provet är redan inlämnat. Det går bara att lämna in en gång.');
    expect(await submissions()).toHaveLength(1);
    await context.close();
  });

  it('sign-out removes the answers kept on the device with the rest of the device database', async () => {
    const context = await newContext(browser, server);
    const page = await newPage(context, server);
    const view = await open(page);
    await view.getByRole('textbox', { name: 'Skriv ett kort svar' }).fill('1/4');
    await view.getByText('1 av 4 frågor besvarade').waitFor();
    const names = () => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
    expect((await names()).some((n) => n.includes('user-olle'))).toBe(true);

    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.getByRole('heading', { name: 'Logga in' }).waitFor();
    await eventually(async () => (await names()).length === 0, 30_000, 'every IndexedDB database to be gone');

    const again = await open(page);
    await again.getByText('0 av 4 frågor besvarade').waitFor();
    expect(await again.getByRole('textbox', { name: 'Skriv ett kort svar' }).inputValue()).toBe('');
    await context.close();
  });

  it('rejects a hand-in that reaches the school after the end time, with the reason', async () => {
    const context = await newContext(browser, server);
    const page = await newPage(context, server);
    const view = await open(page);
    await untilControlled(page);
    await context.setOffline(true);
    await view.getByRole('radio', { name: '3/4' }).check();
    await view.getByRole('button', { name: 'Lämna in' }).click();
    await view.getByText('Inlämningen väntar på att skickas').waitFor();
    // The connection comes back a week later, after the test closed.
    server.advance(8 * 86_400_000);
    await context.setOffline(false);
    await view.getByText('Inlämningen togs inte emot').waitFor({ timeout: 30_000 });
    await view.getByText(/Provet stängde .* kl\. 16:00\. Svaren kom fram till skolan efter sluttiden/).waitFor();
    const rows = await eventually(
      async () => {
        const r = await server.db.query<{ reason_code: string }>(
          `SELECT reason_code FROM requests WHERE kind = 'etest.submit'`,
        );
        return r.length === 1 ? r : null;
      },
      10_000,
      'the request on the server',
    );
    expect(rows).toEqual([{ reason_code: 'etest_closed' }]);
    expect(await submissions()).toEqual([]);
    await context.close();
  });
});
