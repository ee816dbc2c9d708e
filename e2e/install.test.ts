import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chromiumArgs, findChromium } from '../scripts/chromium.mjs';
import {
  accounts,
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

describe('the installed app', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startServer();
  });
  afterEach(async () => {
    await server.stop();
  });

  it('is installable: a manifest with name, icons (one maskable), theme colour, start URL and standalone display', async () => {
    // A persistent profile: Chromium does not offer installation in incognito contexts.
    const profile = mkdtempSync(join(tmpdir(), 'skolhubben-profile-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROME_PATH ?? findChromium(),
      args: chromiumArgs(),
      headless: true,
      baseURL: server.url,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto('/');
    await untilControlled(page);
    const manifest = await (await page.request.get('/manifest.webmanifest')).json();
    expect(manifest).toMatchObject({
      name: 'Skolhubben',
      start_url: '/',
      display: 'standalone',
      theme_color: '#0b5d66',
    });
    expect(manifest.icons.some((i: { purpose?: string }) => i.purpose === 'maskable')).toBe(true);
    for (const icon of manifest.icons) {
      const res = await page.request.get(icon.src);
      expect(res.status(), icon.src).toBe(200);
    }
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it('offers a new version when the server has a newer build, and takes it on request', async () => {
    const context = await newContext(browser, server);
    const page = await newPage(context, server);
    await signIn(page, accounts.anna, 'Anna');
    await untilControlled(page);
    const firstWorker = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);
    expect(firstWorker).toContain('/sw.js');

    // A new build on the server: the worker script changes.
    appendFileSync(join(server.staticDir, 'sw.js'), '\n// build 2\n');
    await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      await reg?.update();
    });
    const banner = page.getByText('Det finns en ny version av Skolhubben.');
    await banner.waitFor({ timeout: 30_000 });
    const reloaded = page.waitForEvent('load');
    await page.getByRole('button', { name: 'Uppdatera nu' }).click();
    await reloaded;
    await page.getByRole('heading', { name: 'Hej Anna!' }).waitFor();
    await expect.poll(() => page.getByText('Det finns en ny version av Skolhubben.').count()).toBe(0);
    await context.close();
  });
});
