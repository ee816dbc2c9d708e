import type { Browser, BrowserContext, Page } from 'playwright-core';
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

/** localStorage entries that are not personal: the language, and which sign-in methods the school offers. */
const NOT_PERSONAL = new Set(['skolhubben:lang', 'skolhubben:login-methods']);
const personal = (keys: string[]) => keys.filter((k) => !NOT_PERSONAL.has(k));

/** What the origin keeps on the device: IndexedDB databases, Cache Storage (name → URLs), storage keys. */
async function deviceContents(page: Page) {
  return page.evaluate(async () => {
    const databases = ((await indexedDB.databases?.()) ?? []).map((d) => d.name);
    const caches: Record<string, string[]> = {};
    for (const name of await globalThis.caches.keys()) {
      caches[name] = (await (await globalThis.caches.open(name)).keys()).map((r) => new URL(r.url).pathname);
    }
    return { databases, caches, local: Object.keys(localStorage), session: Object.keys(sessionStorage) };
  });
}

describe('signing out', () => {
  let server: TestServer;
  let context: BrowserContext;
  beforeEach(async () => {
    server = await startServer();
    context = await newContext(browser, server);
  });
  afterEach(async () => {
    await context.close();
    await server.stop();
  });

  it('leaves no IndexedDB database, no personal cache entry and no cookie; the app still starts offline', async () => {
    const page = await newPage(context, server);
    await signIn(page, accounts.anna, 'Anna');
    await page.locator('sk-schedule-box li.lesson').first().waitFor();
    await untilControlled(page);
    // A second tab of the app, open at the same time.
    const other = await newPage(context, server);
    await other.goto('/');
    await other.getByRole('heading', { name: 'Hej Anna!' }).waitFor();

    const before = await deviceContents(page);
    expect(before.databases.some((n) => n?.includes('guardian-anna'))).toBe(true);
    expect(before.local).toContain('skolhubben:me');
    expect(await context.cookies()).not.toEqual([]);

    const logout = page.waitForResponse((r) => r.url().endsWith('/api/auth/logout'));
    await page.getByRole('button', { name: 'Logga ut' }).click();
    const res = await logout;
    expect(res.status()).toBe(204);
    expect((await res.allHeaders())['clear-site-data']).toBe('"cache", "cookies"');
    await page.getByRole('heading', { name: 'Logga in' }).waitFor();

    // The other tab follows at once: back to the sign-in page, its hold on the database let go.
    await other.getByRole('heading', { name: 'Logga in' }).waitFor();
    const after = await eventually(
      async () => {
        const c = await deviceContents(page);
        return c.databases.length === 0 ? c : null;
      },
      30_000,
      'every IndexedDB database to be gone',
    );
    expect(after.databases).toEqual([]);
    // Only the app shell's precache is left, and nothing of the API in it.
    for (const [name, urls] of Object.entries(after.caches)) {
      expect(name).toMatch(/^workbox-precache/);
      expect(urls.filter((u) => u.startsWith('/api/'))).toEqual([]);
    }
    expect(personal(after.local)).toEqual([]);
    expect(after.session).toEqual([]);
    expect(await context.cookies()).toEqual([]);
    expect(await server.db.query("SELECT 1 FROM sessions WHERE user_id = 'guardian-anna'")).toEqual([]);

    // The app shell stayed: the app opens with no network, at the sign-in page.
    await context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { name: 'Logga in' }).waitFor();
    await context.setOffline(false);
  });

  it('keeps nothing on a shared computer, and a reload asks for sign-in again', async () => {
    const page = await newPage(context, server);
    await page.goto('/');
    await page.getByRole('checkbox', { name: /Delad dator/ }).check();
    await page.getByText('Inget sparas på datorn').waitFor();
    await page.getByRole('textbox', { name: 'E-postadress' }).fill(accounts.anna.email);
    await page.getByRole('textbox', { name: 'Lösenord' }).fill(accounts.anna.password);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('heading', { name: 'Hej Anna!' }).waitFor();
    await page.locator('sk-schedule-box li.lesson').first().waitFor();

    const during = await deviceContents(page);
    expect(during.databases.filter((n) => n?.startsWith('skolhubben') || n?.startsWith('rxdb'))).toEqual([]);
    expect(personal(during.local)).toEqual([]);
    const cookies = await context.cookies();
    expect(cookies).toHaveLength(1);
    expect(cookies[0]?.expires).toBe(-1); // ends with the browser
    const [row] = await server.db.query<{ shared: boolean }>(
      "SELECT shared FROM sessions WHERE user_id = 'guardian-anna'",
    );
    expect(row?.shared).toBe(true);

    await page.reload();
    await page.getByRole('heading', { name: 'Logga in' }).waitFor();
  });
});
