import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../server/auth/password.js';
import { createUser } from '../server/school/people.js';
import { TEST_SCRYPT } from '../server/testing/school.js';
import { launchBrowser, newContext, newPage, signIn, startServer, type TestServer } from './harness.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('a guardian without BankID', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startServer();
  });
  afterEach(async () => {
    await server.stop();
  });

  /** The school administrator signs in over HTTP and issues a code for `email` through the API. */
  async function issueCode(email: string): Promise<string> {
    const passwordHash = await hashPassword('rektorns långa lösenfras', TEST_SCRYPT);
    await server.db.transaction((tx) =>
      createUser(tx, { id: 'admin-e2e', role: 'admin', name: 'Rut Rektor', email: 'rektor@e2e.se', passwordHash }),
    );
    const headers = { 'content-type': 'application/json', origin: server.url };
    const signedIn = await fetch(`${server.url}/api/auth/password`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ email: 'rektor@e2e.se', password: 'rektorns långa lösenfras' }),
    });
    expect(signedIn.status).toBe(200);
    const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const res = await fetch(`${server.url}/api/admin/activation-codes`, {
      method: 'POST',
      headers: { ...headers, cookie },
      body: JSON.stringify({ user: email }),
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { code: string; user: Record<string, unknown> };
    // The administrator sees the code and who it is for, never a password.
    expect(JSON.stringify(body)).not.toMatch(/password/i);
    return body.code;
  }

  it('activates the account with the school’s code, chooses a password, is signed in, and can sign in with it later', async () => {
    const code = await issueCode('fatima.ali@example.se');
    const context = await newContext(browser, server);
    const page = await newPage(context, server);
    await page.goto('/');
    await page.getByRole('link', { name: 'Jag har en aktiveringskod' }).click();
    const form = page.locator('sk-activation-page');
    await form.getByRole('textbox', { name: 'Aktiveringskod' }).fill(code);
    // A common password is refused with the reason, and the code is not used up.
    await form.getByLabel('Välj ett lösenord', { exact: true }).fill('password123');
    await form.getByLabel('Skriv lösenordet en gång till').fill('password123');
    await form.getByRole('button', { name: 'Spara lösenordet och logga in' }).click();
    await form.getByRole('alert').waitFor();
    expect(await form.getByRole('alert').textContent()).toMatch(/vanlig|vanligaste|gissa/i);

    const passphrase = 'lingonris i november regn';
    await form.getByLabel('Välj ett lösenord', { exact: true }).fill(passphrase);
    await form.getByLabel('Skriv lösenordet en gång till').fill(passphrase);
    await form.getByRole('button', { name: 'Spara lösenordet och logga in' }).click();
    await form.getByRole('status').filter({ hasText: 'fatima.ali@example.se' }).waitFor();
    await form.getByRole('link', { name: 'Till startsidan' }).click();
    await page.getByRole('heading', { name: 'Hej Fatima!' }).waitFor();

    // The code was one-time.
    const again = await fetch(`${server.url}/api/auth/activate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ code, password: 'ett helt annat lösenord här' }),
    });
    expect(again.status).toBeGreaterThanOrEqual(400);

    // Signed out, the chosen password works; the old one from the demo does not.
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.getByRole('textbox', { name: 'E-postadress' }).waitFor();
    const other = await newPage(await newContext(browser, server), server);
    await signIn(other, { email: 'fatima.ali@example.se', password: passphrase }, 'Fatima');
    const old = await fetch(`${server.url}/api/auth/password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ email: 'fatima.ali@example.se', password: 'lingon-fatima-2026' }),
    });
    expect(old.status).toBe(401);
    await context.close();
    await other.context().close();
  });
});
