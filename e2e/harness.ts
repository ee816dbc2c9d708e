/**
 * End-to-end harness: a real server (the app, PGlite in a fresh folder, the
 * demo school, the built app from dist/) on its own loopback port, with a
 * clock the test can move; and Debian's Chromium through playwright-core.
 *
 * The demo school is built around a fixed school day (the next Wednesday at
 * 07:10 in Stockholm), and the browser's clock is set to the same moment, so
 * the tests do not depend on the weekday they run on.
 *
 * Each server has its own BankID simulator and Google (OpenID Connect)
 * simulator on loopback ports, on the server's clock, with the demo school's
 * test identities.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { chromiumArgs, findChromium } from '../scripts/chromium.mjs';
import { createApp } from '../server/app.js';
import { httpBankIdClient } from '../server/auth/bankid/client.js';
import { type BankIdSimulator, startBankIdSimulator } from '../server/auth/bankid/simulator.js';
import { type GoogleSimulator, startGoogleSimulator } from '../server/auth/google/simulator.js';
import type { Database } from '../server/db/database.js';
import { migrate } from '../server/db/migrate.js';
import { openPglite } from '../server/db/pglite.js';
import {
  addDemoIdentities,
  DEMO_BANKID_PEOPLE,
  DEMO_GOOGLE_ACCOUNTS,
  DEMO_GOOGLE_DOMAIN,
} from '../server/demo/identities.js';
import { createDemoSchool } from '../server/demo/school.js';
import { TEST_SCRYPT } from '../server/testing/school.js';
import { addDays, dateInZone, type IsoDate, instantInZone, isoWeekday } from '../shared/time.js';

/** The next Wednesday (or today, when it is one), in Stockholm. */
export function schoolDay(): IsoDate {
  let day = dateInZone(new Date());
  while (isoWeekday(day) !== 3) day = addDays(day, 1);
  return day;
}

export interface TestServer {
  url: string;
  port: number;
  db: Database;
  staticDir: string;
  today: IsoDate;
  /** Moves the server's clock (and nothing else) by `ms`. */
  advance(ms: number): void;
  /** The server's "now". */
  now(): Date;
  /** This server's BankID simulator (the "BankID app"). */
  bankid: BankIdSimulator;
  /** This server's Google simulator. */
  google: GoogleSimulator;
  stop(): Promise<void>;
}

/** Starts the app on a free loopback port, with its own data folder and a copy of dist/. */
export async function startServer(options: { heartbeatMs?: number } = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'skolhubben-e2e-'));
  const staticDir = join(dir, 'dist');
  cpSync('dist', staticDir, { recursive: true });
  const today = schoolDay();
  const start = instantInZone(today, '07:10').getTime();
  const realStart = Date.now();
  let offset = 0;
  const now = () => new Date(start + (Date.now() - realStart) + offset);
  const db = await openPglite(join(dir, 'data'));
  await migrate(db);
  await createDemoSchool(db, { today, scrypt: TEST_SCRYPT });
  const personnummerKey = randomBytes(32);
  await addDemoIdentities(db, personnummerKey);
  const simClock = () => now().getTime();
  const bankid = await startBankIdSimulator({ people: DEMO_BANKID_PEOPLE, now: simClock });
  const googleSecret = randomBytes(16).toString('hex');
  const google = await startGoogleSimulator({
    clientId: 'skolhubben-e2e',
    clientSecret: googleSecret,
    accounts: DEMO_GOOGLE_ACCOUNTS,
    now: simClock,
  });
  const app = await createApp({
    db,
    now,
    staticDir,
    heartbeatMs: options.heartbeatMs ?? 5000,
    identity: {
      municipality: 'Lingonbergs kommun',
      personnummerKey,
      bankid: {
        client: httpBankIdClient({ url: bankid.rpUrl }),
        launchUrl: (token) => bankid.launchUrl(token),
        description: 'the BankID simulator',
      },
      google: {
        issuer: google.issuer,
        authorizationEndpoint: google.authorizationEndpoint,
        tokenEndpoint: google.tokenEndpoint,
        jwksUri: google.jwksUri,
        clientId: 'skolhubben-e2e',
        clientSecret: googleSecret,
        domain: DEMO_GOOGLE_DOMAIN,
        description: 'the Google simulator',
      },
    },
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}`,
    port,
    db,
    staticDir,
    today,
    now,
    bankid,
    google,
    advance(ms) {
      offset += ms;
    },
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Open streams (SSE) keep the server from closing; end them.
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await app.close();
      await bankid.close();
      await google.close();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROME_PATH ?? findChromium();
  if (!executablePath) throw new Error('Chromium not found (run npm test, or set CHROME_PATH)');
  return chromium.launch({ executablePath, args: chromiumArgs(), headless: true });
}

/** A browser context whose pages' clock starts at the server's school day, 07:10 Stockholm. */
export async function newContext(browser: Browser, server: TestServer): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: server.url,
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    viewport: { width: 420, height: 900 },
  });
  return context;
}

/** Opens a page with its clock at the server's "now" (time flows from there). */
export async function newPage(context: BrowserContext, server: TestServer): Promise<Page> {
  const page = await context.newPage();
  await page.clock.install({ time: server.now() });
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  return page;
}

export const accounts = {
  anna: { email: 'anna.lindqvist@example.se', password: 'lingon-anna-2026', personnummer: '198405129829' },
  erik: { email: 'erik.lindqvist@example.se', password: 'lingon-erik-2026', personnummer: '198209179830' },
  olle: { email: 'olle.lindqvist@elev.lingonberg.se', password: 'lingon-olle-2026' },
};

/** Signs in through the login page and waits for the start page. */
export async function signIn(page: Page, who: { email: string; password: string }, firstName: string): Promise<void> {
  await page.goto('/');
  await page.getByRole('textbox', { name: 'E-postadress' }).fill(who.email);
  await page.getByRole('textbox', { name: 'Lösenord' }).fill(who.password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByRole('heading', { name: `Hej ${firstName}!` }).waitFor();
}

/** Waits until the service worker controls the page (the shell is cached for offline starts). */
export async function untilControlled(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
}

/** Chooses a child at the top of the menu. */
export async function chooseChild(page: Page, name: string): Promise<void> {
  const current = page.locator('sk-child-switcher button.current');
  if ((await current.textContent())?.includes(name)) return;
  await current.click();
  await page.getByRole('button', { name: new RegExp(`^${name}`) }).click();
  await page.locator('sk-child-switcher button.current', { hasText: name }).waitFor();
}

/** Polls `check` until it returns a truthy value (or throws after `ms`). */
export async function eventually<T>(
  check: () => Promise<T | null | undefined | false>,
  ms = 30_000,
  what = 'condition',
): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
