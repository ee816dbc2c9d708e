import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, newPage, startServer, type TestServer } from './harness.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('signing in with Google', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startServer();
  });
  afterEach(async () => {
    await server.stop();
  });

  async function toGoogle() {
    const context = await newContext(browser, server);
    const page = await newPage(context, server);
    await page.goto('/');
    await page.getByRole('link', { name: 'Logga in med Google' }).click();
    await page.getByRole('heading', { name: 'Välj ett konto' }).waitFor();
    expect(page.url().startsWith(server.google.authorizationEndpoint)).toBe(true);
    return { context, page };
  }

  it('signs a pupil in with the school’s Google account, linked on first use through the verified e-mail', async () => {
    const { context, page } = await toGoogle();
    const url = new URL(page.url());
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('hd')).toBe('elev.lingonberg.se');
    await page.getByRole('button', { name: /^Olle Lindqvist/ }).click();
    await page.getByRole('heading', { name: 'Hej Olle!' }).waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).search).toBe('');
    const linked = await server.db.query<{ email: string }>('SELECT email FROM user_identities');
    expect(linked).toEqual([{ email: 'olle.lindqvist@elev.lingonberg.se' }]);
    await context.close();
  });

  it('turns away a Google account that is no pupil here, and says so; cancelling says so too', async () => {
    const { context, page } = await toGoogle();
    await page.getByRole('button', { name: /^Ny Elev/ }).click();
    const alert = page.locator('sk-login-page .error[role="alert"]');
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.textContent()).toContain('Ditt Google-konto är inte kopplat till någon elev här.');

    await page.getByRole('link', { name: 'Logga in med Google' }).click();
    await page.getByRole('button', { name: /^Olle privat/ }).click();
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Ditt Google-konto är inte kopplat till någon elev här.');

    await page.getByRole('link', { name: 'Logga in med Google' }).click();
    await page.getByRole('button', { name: 'Avbryt' }).click();
    await expect.poll(() => alert.textContent(), { timeout: 15_000 }).toBe('Inloggningen med Google avbröts.');
    expect(await server.db.query('SELECT * FROM sessions')).toEqual([]);
    await context.close();
  });
});
