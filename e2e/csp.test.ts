import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
let server: TestServer;
beforeAll(async () => {
  browser = await launchBrowser();
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
  await browser?.close();
});

describe('the production page under the strict Content-Security-Policy', () => {
  it('is served with a CSP without unsafe-inline or unsafe-eval, and runs with no violation', async () => {
    const context = await newContext(browser, server);
    const page = await newPage(context, server);
    // Listen before any of the page's own scripts run.
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (e) =>
        seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
      );
    });
    const console: string[] = [];
    page.on('console', (m) => {
      if (/Content[- ]Security[- ]Policy|Refused to/i.test(m.text())) console.push(m.text());
    });

    const res = await page.goto('/');
    const csp = res?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|'strict-dynamic'|\*/);
    expect(res?.headers()['x-content-type-options']).toBe('nosniff');
    expect(res?.headers()['referrer-policy']).toBe('no-referrer');

    // The whole app: sign-in, the database (RxDB's production build), the service worker, and every page.
    await signIn(page, accounts.anna, 'Anna');
    await page.locator('sk-schedule-box li.lesson').first().waitFor();
    await untilControlled(page);
    for (const path of ['/schema', '/franvaro', '/franvaro/rapportera', '/inloggningar']) {
      await page.goto(path);
      await page.locator('main h1').first().waitFor();
    }
    await page.getByText('Den här enheten').waitFor();
    await page.goto('/aktivera');
    await page.reload(); // from the service worker's cache this time
    await page.locator('main h1').first().waitFor();

    const violations = await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
    expect(violations).toEqual([]);
    expect(console).toEqual([]);
    await context.close();
  });
});
