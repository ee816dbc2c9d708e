import type { Browser, Page } from 'playwright-core';
import decodeQR from 'qr/decode.js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readQrSvg } from '../server/auth/bankid/qr-reader.js';
import { accounts, eventually, launchBrowser, newContext, newPage, startServer, type TestServer } from './harness.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Reads the QR code on the screen as a camera would: the image's pixels (in grey), decoded. */
async function readQrOnScreen(page: Page): Promise<string> {
  const size = 240;
  const grey = await page.locator('sk-bankid-sign-in img').evaluate(async (img: HTMLImageElement, size: number) => {
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = size;
    canvas.height = size;
    const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
    ctx.drawImage(img, 0, 0, size, size);
    const rgba = ctx.getImageData(0, 0, size, size).data;
    let out = '';
    for (let i = 0; i < rgba.length; i += 4) out += String.fromCharCode(rgba[i] as number);
    return btoa(out);
  }, size);
  const bytes = Buffer.from(grey, 'base64');
  const data = new Uint8Array(size * size * 4);
  for (const [i, v] of bytes.entries()) data.set([v, v, v, 255], i * 4);
  return decodeQR({ width: size, height: size, data });
}

const secondOf = (qr: string) => Number(qr.split('.')[2]);

describe('signing in with BankID', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startServer();
  });
  afterEach(async () => {
    await server.stop();
  });

  const sim = (path: string, body: unknown = {}) =>
    fetch(new URL(path, server.bankid.appUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const order = () => eventually(async () => server.bankid.orders().at(-1), 10_000, 'the order at BankID');
  const status = (page: Page) => page.locator('sk-bankid-sign-in [role="status"]');

  async function openSignIn() {
    const context = await newContext(browser, server);
    const page = await newPage(context, server);
    await page.goto('/');
    await page.getByRole('heading', { name: 'Andra inloggningssätt' }).waitFor();
    return { context, page };
  }

  it('shows a QR code that changes every second and that the BankID app accepts; approving signs the guardian in', async () => {
    const { context, page } = await openSignIn();
    await page.getByRole('button', { name: 'Mobilt BankID på annan enhet' }).click();
    const qr = page.getByRole('img', { name: 'QR-kod för BankID. Den byts varje sekund.' });
    await qr.waitFor();
    await expect.poll(() => status(page).textContent()).toContain('Starta BankID-appen.');

    // Every picture the page shows, as it changes: each is the code of the next second.
    const shown: { src: string; at: number }[] = [];
    const img = page.locator('sk-bankid-sign-in img');
    while (shown.length < 5) {
      const src = (await img.getAttribute('src')) as string;
      if (src !== shown.at(-1)?.src) shown.push({ src, at: Date.now() });
      else await page.waitForTimeout(30);
    }
    const codes = shown.map((c) => ({ text: readQrSvg(c.src), at: c.at }));
    const { qrStartToken } = await order();
    for (const c of codes) expect(c.text).toMatch(new RegExp(`^bankid\\.${qrStartToken}\\.\\d+\\.[0-9a-f]{64}$`));
    const seconds = codes.map((c) => secondOf(c.text));
    const steps = seconds.slice(1).map((s, i) => s - (seconds[i] as number));
    console.log(
      `QR seconds shown: ${seconds.join(', ')}; ms between changes: ${codes
        .slice(1)
        .map((c, i) => c.at - (codes[i] as { at: number }).at)
        .join(', ')}`,
    );
    // A new code every second: none repeated, and (on a busy machine) at most one second skipped.
    expect(steps.every((d) => d >= 1)).toBe(true);
    expect(steps.filter((d) => d === 1).length).toBeGreaterThanOrEqual(3);
    const spacing = ((codes.at(-1) as { at: number }).at - (codes[1] as { at: number }).at) / 3;
    expect(spacing).toBeGreaterThan(600);
    expect(spacing).toBeLessThan(1600);
    // What the screen shows is what the code says: read off the pixels like a camera.
    expect(await readQrOnScreen(page)).toMatch(/^bankid\./);
    // The page never had the secret: nothing in it but the picture of the code.
    const { qrStartSecret, orderRef } = await order();
    const text = await page.evaluate(() =>
      JSON.stringify({ html: document.documentElement.outerHTML, storage: { ...localStorage } }),
    );
    expect(text).not.toContain(qrStartSecret);
    expect(text).not.toContain(orderRef);

    // The app reads the code on the screen now; the simulator checks it as BankID would.
    const scan = await sim('/sim/scan', { qr: await readQrOnScreen(page), personalNumber: accounts.anna.personnummer });
    expect(await scan.json()).toMatchObject({ status: 'pending', hintCode: 'userSign' });
    expect(server.bankid.scans.at(-1)).toMatchObject({ ok: true });
    await expect
      .poll(() => status(page).textContent(), { timeout: 10_000 })
      .toContain('Skriv in din säkerhetskod i BankID-appen');
    expect(await qr.count()).toBe(1);
    expect((await sim(`/sim/orders/${orderRef}/approve`)).status).toBe(200);
    await page.getByRole('heading', { name: 'Hej Anna!' }).waitFor({ timeout: 15_000 });
    expect(await server.db.query('SELECT * FROM bankid_orders')).toEqual([]);
    await context.close();
  });

  it('signs in through the autostart link: BankID on this device', async () => {
    const { context, page } = await openSignIn();
    await page.getByRole('button', { name: 'BankID på den här enheten' }).click();
    const launch = page.getByRole('link', { name: 'Öppna BankID-appen' });
    await launch.waitFor();
    await expect.poll(() => status(page).textContent()).toContain('Försöker starta BankID-appen.');
    const [app] = await Promise.all([context.waitForEvent('page'), launch.click()]);
    await app.waitForLoadState();
    expect(app.url()).toContain('/app?autostarttoken=');
    await app.getByRole('combobox', { name: 'Testperson' }).selectOption(accounts.erik.personnummer);
    await app.getByRole('button', { name: 'Välj identitet' }).click();
    await app.getByRole('button', { name: 'Identifiera' }).click();
    await page.getByRole('heading', { name: 'Hej Erik!' }).waitFor({ timeout: 15_000 });
    await context.close();
  });

  it('says in BankID’s words when the user cancels in the app, the order expires, or one is already in progress', async () => {
    const { context, page } = await openSignIn();
    const start = () => page.getByRole('button', { name: 'Mobilt BankID på annan enhet' }).click();
    const retry = page.getByRole('button', { name: 'Försök igen' });

    await start();
    await page.locator('sk-bankid-sign-in img').waitFor();
    await sim('/sim/scan', { qr: await readQrOnScreen(page), personalNumber: accounts.anna.personnummer });
    await sim(`/sim/orders/${(await order()).orderRef}/cancel`);
    await retry.waitFor({ timeout: 10_000 });
    expect((await status(page).textContent())?.trim()).toBe('Åtgärden avbruten.');

    await retry.click();
    await start();
    await page.locator('sk-bankid-sign-in img').waitFor();
    await sim(`/sim/orders/${(await order()).orderRef}/expire`);
    await retry.waitFor({ timeout: 10_000 });
    expect((await status(page).textContent())?.trim()).toBe(
      'BankID-appen svarar inte. Kontrollera att den är startad och att du har internetanslutning. Om du inte har något giltigt BankID kan du skaffa ett hos din bank. Försök sedan igen.',
    );

    // Nobody reads the QR code for 30 seconds (the clocks of the school and BankID move on).
    await retry.click();
    await start();
    await page.locator('sk-bankid-sign-in img').waitFor();
    // (In steps, each answered by the page's next poll: a page silent for 10 s counts as gone.)
    for (let step = 0; step < 7; step++) {
      server.advance(5_000);
      const at = server.now().getTime() - 1000;
      await eventually(
        async () => {
          const [row] = await server.db.query<{ polled_at: Date }>('SELECT polled_at FROM bankid_orders');
          return !row || row.polled_at.getTime() >= at;
        },
        10_000,
        'the next poll',
      );
    }
    await retry.waitFor({ timeout: 10_000 });
    expect((await status(page).textContent())?.trim()).toMatch(/^Misslyckades att läsa av QR-koden\./);

    await retry.click();
    await sim('/sim/next-error', { errorCode: 'alreadyInProgress' });
    await start();
    await retry.waitFor({ timeout: 10_000 });
    expect((await status(page).textContent())?.trim()).toBe(
      'En identifiering eller underskrift för det här personnumret är redan påbörjad. Försök igen.',
    );
    await context.close();
  });

  it('cancels the order at BankID when the user presses Avbryt, and when the page is left', async () => {
    const { context, page } = await openSignIn();
    await page.getByRole('button', { name: 'Mobilt BankID på annan enhet' }).click();
    await page.locator('sk-bankid-sign-in img').waitFor();
    const first = (await order()).orderRef;
    await page.getByRole('button', { name: 'Avbryt' }).click();
    await eventually(
      async () => !server.bankid.orders().some((o) => o.orderRef === first),
      10_000,
      'the cancel by Avbryt',
    );
    expect((await status(page).textContent())?.trim()).toBe('Åtgärden avbruten.');

    await page.getByRole('button', { name: 'Mobilt BankID på annan enhet' }).click();
    await page.locator('sk-bankid-sign-in img').waitFor();
    const second = (await order()).orderRef;
    await page.goto('about:blank');
    // A beacon as the page goes; failing that, the server gives up on an order nobody asks about.
    await eventually(
      async () => !server.bankid.orders().some((o) => o.orderRef === second),
      20_000,
      'the cancel on leaving',
    );
    await context.close();
  });

  it('tells somebody whose BankID has no account here whom to ask', async () => {
    const { context, page } = await openSignIn();
    await page.getByRole('button', { name: 'Mobilt BankID på annan enhet' }).click();
    await page.locator('sk-bankid-sign-in img').waitFor();
    await sim('/sim/scan', { qr: await readQrOnScreen(page), personalNumber: '199001019851' });
    await sim(`/sim/orders/${(await order()).orderRef}/approve`);
    await page.getByRole('button', { name: 'Försök igen' }).waitFor({ timeout: 10_000 });
    expect((await status(page).textContent())?.trim()).toContain('vi hittar inget konto för ditt BankID här');
    await context.close();
  });
});
