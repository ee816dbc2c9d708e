import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BankIdState } from '../../../shared/bankid.js';
import { type App, createApp } from '../../app.js';
import { engines, type TestDatabase, testDatabase } from '../../testing/db.js';
import { createTestSchool, type TestClock, testClock, weekdays } from '../../testing/school.js';
import { setPersonnummer } from '../identity.js';
import { THROTTLE } from '../throttle.js';
import { type BankIdClient, httpBankIdClient } from './client.js';
import { qrData } from './qr.js';
import { readQrSvg } from './qr-reader.js';
import { ABANDONED_MS, cancelAbandonedOrders } from './routes.js';
import { type BankIdSimulator, startBankIdSimulator } from './simulator.js';

const KEY = Buffer.alloc(32, 3);
const GUN = '198405129829'; // the guardian `ga`
const STRANGER = '199001019851'; // has BankID, no account
const ORIGIN = 'http://localhost';

/** A browser: keeps the cookies the app sets, sends them back, and comes from the app's origin. */
function browser(app: App['app']) {
  const jar = new Map<string, string>();
  async function send(method: string, path: string, body?: unknown) {
    const headers: Record<string, string> = { origin: ORIGIN };
    if (jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await app.request(`${ORIGIN}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(/;\s*/);
      const [name = '', value = ''] = pair.split('=');
      if (!value || attrs.some((a) => /^max-age=0$/i.test(a))) jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  }
  return {
    jar,
    send,
    async start(flow: 'qr' | 'device' = 'qr') {
      const res = await send('POST', '/api/auth/bankid/start', { flow });
      expect(res.status).toBe(200);
      return (await res.json()) as BankIdState;
    },
    async poll() {
      const res = await send('POST', '/api/auth/bankid/poll');
      expect(res.status).toBe(200);
      return (await res.json()) as BankIdState & { me?: any };
    },
  };
}

describe.each(engines)('signing in with BankID on %s', (engine) => {
  let db: TestDatabase;
  let app: App;
  let clock: TestClock;
  let sim: BankIdSimulator;
  let collects: number;

  beforeEach(async () => {
    db = await testDatabase(engine);
    await createTestSchool(db, weekdays('2026-03-09', 1));
    await setPersonnummer(db, KEY, 'ga', GUN);
    clock = testClock('2026-03-10T07:10:00Z');
    sim = await startBankIdSimulator({
      now: () => clock.now().getTime(),
      people: [
        { personalNumber: GUN, givenName: 'Gun', surname: 'Ahl' },
        { personalNumber: STRANGER, givenName: 'Okänd', surname: 'Testperson' },
      ],
    });
    const real = httpBankIdClient({ url: sim.rpUrl });
    collects = 0;
    const client: BankIdClient = {
      auth: (r) => real.auth(r),
      collect: (ref) => {
        collects++;
        return real.collect(ref);
      },
      cancel: (ref) => real.cancel(ref),
    };
    app = await createApp({
      db,
      now: clock.now,
      identity: {
        municipality: 'Testkommun',
        personnummerKey: KEY,
        bankid: { client, launchUrl: (token) => sim.launchUrl(token), description: 'simulator' },
      },
    });
  });
  afterEach(async () => {
    await app.close();
    await sim.close();
    await db.close();
  });

  const simPost = (path: string, body: unknown = {}) =>
    fetch(new URL(path, sim.appUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const onlyOrder = () => {
    const orders = sim.orders();
    expect(orders).toHaveLength(1);
    return orders[0] as ReturnType<BankIdSimulator['orders']>[number];
  };
  /** Polls as the page does, a second apart, until the state is no longer pending (or `max` polls). */
  async function pollUntilDone(b: ReturnType<typeof browser>, max = 5) {
    let state = await b.poll();
    for (let i = 0; i < max && state.status === 'pending'; i++) {
      clock.advance(1000);
      state = await b.poll();
    }
    return state;
  }

  it('shows a new QR code every second, computed from the order’s secret, which never reaches the browser', async () => {
    const b = browser(app.app);
    const started = await b.start('qr');
    expect(started).toMatchObject({ status: 'pending', message: 'bankid.rfa1' });
    expect(started.qr).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(started.launchUrl).toBeUndefined();
    expect(started.nextPollMs).toBeGreaterThan(0);
    expect(started.nextPollMs).toBeLessThanOrEqual(1050);
    const order = onlyOrder();
    expect(readQrSvg(started.qr as string)).toBe(qrData(order.qrStartToken, order.qrStartSecret, 0));

    const seen = [started.qr];
    const texts: string[] = [];
    for (let second = 1; second <= 3; second++) {
      clock.advance(1000);
      const state = await b.poll();
      texts.push(readQrSvg(state.qr as string));
      seen.push(state.qr);
      expect(JSON.stringify(state)).not.toContain(order.qrStartSecret);
    }
    expect(texts).toEqual([1, 2, 3].map((s) => qrData(order.qrStartToken, order.qrStartSecret, s)));
    expect(new Set(seen).size).toBe(4);
    // Nor the orderRef or the autostart token: the browser holds only a random token in an HttpOnly cookie.
    const text = JSON.stringify(started);
    for (const secret of [order.qrStartSecret, order.orderRef, order.autoStartToken])
      expect(text).not.toContain(secret);
    const cookie = (await b.send('POST', '/api/auth/bankid/start', { flow: 'qr' })).headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^bankid=[a-z2-7]{32};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
  });

  it('signs the guardian in when the QR code shown is read and approved: a session as with a password, and the /api/me body', async () => {
    const b = browser(app.app);
    await b.start('qr');
    clock.advance(2000);
    const shown = await b.poll();
    const read = readQrSvg(shown.qr as string);
    const scan = await simPost('/sim/scan', { qr: read, personalNumber: GUN });
    expect(scan.status).toBe(200);
    expect(sim.scans.at(-1)).toMatchObject({ ok: true, time: 2 });
    clock.advance(2000);
    expect(await b.poll()).toMatchObject({ status: 'pending', message: 'bankid.rfa9' });
    await simPost(`/sim/orders/${onlyOrder().orderRef}/approve`);
    const done = await pollUntilDone(b);
    expect(done.status).toBe('complete');
    expect(done.me.user).toEqual({ id: 'ga', role: 'guardian', name: 'Gun Ahl' });
    expect(done.me.pupils.map((p: { id: string }) => p.id)).toEqual(['ada']);
    expect(b.jar.has('session')).toBe(true);
    expect(b.jar.has('bankid')).toBe(false);
    const me = await b.send('GET', '/api/me');
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual(done.me);
    expect(await db.query('SELECT * FROM bankid_orders')).toEqual([]);
    expect(await db.query(`SELECT user_id FROM sessions`)).toEqual([{ user_id: 'ga' }]);
  });

  it('starts a shared-computer session when the sign-in was started on a shared computer', async () => {
    const b = browser(app.app);
    const res = await b.send('POST', '/api/auth/bankid/start', { flow: 'qr', shared: true });
    expect(res.status).toBe(200);
    const order = onlyOrder();
    await simPost('/sim/scan', { qr: qrData(order.qrStartToken, order.qrStartSecret, 0), personalNumber: GUN });
    await simPost(`/sim/orders/${order.orderRef}/approve`);
    expect((await pollUntilDone(b)).status).toBe('complete');
    expect(await db.query('SELECT user_id, shared FROM sessions')).toEqual([{ user_id: 'ga', shared: true }]);
  });

  it('calls collect every 2 s while the browser waits, however often it asks', async () => {
    const b = browser(app.app);
    await b.start('qr');
    for (let i = 0; i < 20; i++) {
      clock.advance(500);
      await b.poll();
    }
    // 10 s of polls twice a second: a collect at 0.5 s, then one each 2 s.
    expect(collects).toBe(5);
  });

  it('starts the app on this device through the autostart link, and signs in', async () => {
    const b = browser(app.app);
    const started = await b.start('device');
    const order = onlyOrder();
    expect(started).toMatchObject({ status: 'pending', message: 'bankid.rfa13' });
    expect(started.qr).toBeUndefined();
    expect(started.launchUrl).toBe(sim.launchUrl(order.autoStartToken));
    expect((await simPost('/sim/open', { autoStartToken: order.autoStartToken, personalNumber: GUN })).status).toBe(
      200,
    );
    clock.advance(2000);
    expect(await b.poll()).toMatchObject({ message: 'bankid.rfa9' });
    await simPost(`/sim/orders/${order.orderRef}/approve`);
    clock.advance(2000);
    expect((await b.poll()).status).toBe('complete');
  });

  it('cancels the order at BankID when the user cancels or leaves, and a poll after that says it is over', async () => {
    const b = browser(app.app);
    await b.start('qr');
    expect(sim.orders()).toHaveLength(1);
    const res = await b.send('POST', '/api/auth/bankid/cancel');
    expect(res.status).toBe(204);
    expect(sim.orders()).toEqual([]);
    expect(b.jar.has('bankid')).toBe(false);
    expect(await b.poll()).toEqual({ status: 'failed', message: 'bankid.rfa3' });
    // Cancelling again is harmless.
    expect((await b.send('POST', '/api/auth/bankid/cancel')).status).toBe(204);
  });

  it('cancels at BankID an order whose page stopped asking', async () => {
    const b = browser(app.app);
    await b.start('qr');
    await b.poll();
    clock.advance(ABANDONED_MS - 1000);
    expect(await cancelAbandonedOrders(app.services)).toBe(0);
    clock.advance(2000);
    expect(await cancelAbandonedOrders(app.services)).toBe(1);
    expect(sim.orders()).toEqual([]);
    expect(await b.poll()).toEqual({ status: 'failed', message: 'bankid.rfa3' });
  });

  it('ends a browser’s previous order at BankID when it starts a new one', async () => {
    const b = browser(app.app);
    await b.start('qr');
    const first = onlyOrder().orderRef;
    await b.start('device');
    expect(sim.orders().map((o) => o.orderRef)).not.toContain(first);
    expect(sim.orders()).toHaveLength(1);
  });

  it('says in BankID’s words why an order failed', async () => {
    const outcomes: Record<string, string> = {};
    const cases: [string, 'qr' | 'device', (ref: string, token: string) => Promise<unknown>][] = [
      ['userCancel', 'qr', (ref) => simPost(`/sim/orders/${ref}/cancel`)],
      ['expire', 'qr', (ref) => simPost(`/sim/orders/${ref}/expire`)],
      ['certificateErr', 'device', (ref) => simPost(`/sim/orders/${ref}/fail`, { hintCode: 'certificateErr' })],
      ['unknown hint', 'qr', (ref) => simPost(`/sim/orders/${ref}/fail`, { hintCode: 'somethingNew' })],
      ['startFailed qr', 'qr', async () => clock.advance(31_000)],
      ['startFailed device', 'device', async () => clock.advance(31_000)],
    ];
    for (const [name, flow, act] of cases) {
      const b = browser(app.app);
      await b.start(flow);
      await b.poll();
      const order = sim.orders().at(-1) as ReturnType<BankIdSimulator['orders']>[number];
      await act(order.orderRef, order.autoStartToken);
      clock.advance(2000);
      const state = await b.poll();
      expect(state.status).toBe('failed');
      outcomes[name] = state.message;
      expect(b.jar.has('bankid')).toBe(false);
    }
    expect(outcomes).toEqual({
      userCancel: 'bankid.rfa6',
      expire: 'bankid.rfa8',
      certificateErr: 'bankid.rfa16',
      'unknown hint': 'bankid.rfa22',
      'startFailed qr': 'bankid.rfa17qr',
      'startFailed device': 'bankid.rfa17device',
    });
    expect(await db.query('SELECT * FROM bankid_orders')).toEqual([]);
  });

  it('tells the first browser its order was cancelled when the same person opens another order (RFA3)', async () => {
    const first = browser(app.app);
    const second = browser(app.app);
    await first.start('device');
    const a = onlyOrder();
    await second.start('device');
    const bOrder = sim.orders().find((o) => o.orderRef !== a.orderRef) as typeof a;
    await simPost('/sim/open', { autoStartToken: a.autoStartToken, personalNumber: GUN });
    await simPost('/sim/open', { autoStartToken: bOrder.autoStartToken, personalNumber: GUN });
    expect(await first.poll()).toEqual({ status: 'failed', message: 'bankid.rfa3' });
    expect(await second.poll()).toMatchObject({ status: 'pending', message: 'bankid.rfa9' });
  });

  it('answers a refused start in BankID’s words: alreadyInProgress is RFA4, maintenance RFA5, no answer “unavailable”', async () => {
    const b = browser(app.app);
    await simPost('/sim/next-error', { errorCode: 'alreadyInProgress' });
    expect(await b.start('qr')).toEqual({ status: 'failed', message: 'bankid.rfa4' });
    expect(b.jar.has('bankid')).toBe(false);
    await simPost('/sim/next-error', { errorCode: 'maintenance' });
    expect(await b.start('qr')).toEqual({ status: 'failed', message: 'bankid.rfa5' });
    await sim.close();
    expect(await b.start('qr')).toEqual({ status: 'failed', message: 'bankid.unavailable' });
    sim = await startBankIdSimulator();
  });

  it('signs in nobody whose personnummer no account has, or whose account is disabled', async () => {
    for (const [who, setup] of [
      [STRANGER, async () => {}],
      [GUN, async () => db.query(`UPDATE users SET disabled = true WHERE id = 'ga'`)],
    ] as const) {
      await setup();
      const b = browser(app.app);
      await b.start('qr');
      const order = sim.orders().at(-1) as ReturnType<BankIdSimulator['orders']>[number];
      await simPost('/sim/scan', { qr: qrData(order.qrStartToken, order.qrStartSecret, 0), personalNumber: who });
      await simPost(`/sim/orders/${order.orderRef}/approve`);
      clock.advance(2000);
      expect(await b.poll()).toEqual({ status: 'failed', message: 'bankid.noAccount' });
      expect(b.jar.has('session')).toBe(false);
    }
    expect(await db.query('SELECT * FROM sessions')).toEqual([]);
  });

  it('lets only the browser that started an order follow or cancel it', async () => {
    const owner = browser(app.app);
    const other = browser(app.app);
    await owner.start('qr');
    expect(await other.poll()).toEqual({ status: 'failed', message: 'bankid.rfa3' });
    expect((await other.send('POST', '/api/auth/bankid/cancel')).status).toBe(204);
    expect(sim.orders()).toHaveLength(1);
    expect((await owner.poll()).status).toBe('pending');
  });

  it('refuses a start from another site, a body of the wrong shape, and too many starts from one address', async () => {
    const cross = await app.app.request(`${ORIGIN}/api/auth/bankid/start`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ flow: 'qr' }),
    });
    expect(cross.status).toBe(403);
    const b = browser(app.app);
    for (const body of [{}, { flow: 'sms' }, { flow: 'qr', shared: 'yes' }]) {
      expect((await b.send('POST', '/api/auth/bankid/start', body)).status).toBe(400);
    }
    expect(sim.orders()).toEqual([]);
    for (let i = 0; i < THROTTLE.address.bankid.limit; i++) await b.start('qr');
    const limited = await b.send('POST', '/api/auth/bankid/start', { flow: 'qr' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('says which sign-in methods there are, and the municipality', async () => {
    const res = await app.app.request(`${ORIGIN}/api/auth/methods`);
    expect(await res.json()).toEqual({ municipality: 'Testkommun', bankid: true, google: false });
  });
});

describe.each(engines)('BankID not configured, on %s', (engine) => {
  it('answers 503, and the methods say so', async () => {
    const db = await testDatabase(engine);
    const app = await createApp({ db });
    try {
      const res = await app.app.request(`${ORIGIN}/api/auth/bankid/start`, {
        method: 'POST',
        headers: { origin: ORIGIN, 'content-type': 'application/json' },
        body: JSON.stringify({ flow: 'qr' }),
      });
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ error: 'not_configured', message: expect.any(String) });
      const methods = await app.app.request(`${ORIGIN}/api/auth/methods`);
      expect(await methods.json()).toEqual({ municipality: null, bankid: false, google: false });
    } finally {
      await app.close();
      await db.close();
    }
  });
});
