/**
 * A BankID simulator for the demo and the tests: it speaks the Relying Party
 * API v6 JSON (`/rp/v6.0/auth`, `collect`, `cancel`) on a loopback port, and
 * stands in for the BankID app with a small page and API where a tester
 * "opens the app" for a chosen test personnummer — by the QR code the sign-in
 * page shows (checked like the app checks it: the right order, the second it
 * was made for, and the HMAC of the order's secret) or by the autostart link —
 * and then approves, cancels, or lets the order expire.
 *
 * What it models of BankID: an order not opened within 30 s fails with
 * `startFailed`; an order not finished within 3 minutes fails with
 * `expiredTransaction`; a person who opens a new order cancels their other
 * open order (`cancelled`); an auth call naming a person who already has an
 * order in progress is refused with `alreadyInProgress`. Results of ended
 * orders can be collected for a while; a cancelled order is gone.
 *
 * Tester API (JSON): `GET /sim/orders`, `POST /sim/scan {qr, personalNumber}`,
 * `POST /sim/open {autoStartToken, personalNumber}`, `POST /sim/orders/:orderRef/(approve|cancel|expire|fail)`,
 * `POST /sim/next-error {errorCode}` (the next auth call is refused with it).
 *
 * @example
 *   const sim = await startBankIdSimulator();
 *   const client = httpBankIdClient({ url: sim.rpUrl });
 *
 * @module
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { CollectResponse, CompletionData } from './client.js';

export interface TestPerson {
  personalNumber: string;
  givenName: string;
  surname: string;
}

export interface SimulatorOptions {
  /** People the page offers; any valid-looking personnummer can also be typed. */
  people?: TestPerson[];
  /** The simulator's clock (milliseconds). */
  now?: () => number;
  /** Time to open the app for an order (default 30 s). */
  startTimeoutMs?: number;
  /** Time to finish an order (default 3 min). */
  orderTimeoutMs?: number;
  /** How far the QR code's second may lie from the simulator's (default 2 s: a code shown up to ~2 s ago). */
  qrToleranceSeconds?: number;
  port?: number;
  /**
   * Serve HTTPS, as BankID does: the server's key and certificate, and (with
   * `requestCert` and `ca`) require the relying party's client certificate.
   */
  tls?: https.ServerOptions;
}

type Hint = 'outstandingTransaction' | 'noClient' | 'started' | 'userSign';

interface Order {
  orderRef: string;
  autoStartToken: string;
  qrStartToken: string;
  qrStartSecret: string;
  endUserIp: string;
  createdAt: number;
  requiredPerson?: string;
  status: 'pending' | 'failed' | 'complete';
  hintCode: Hint | string;
  /** How the app was opened. */
  openedBy?: 'qr' | 'autostart';
  person?: TestPerson;
  completionData?: CompletionData;
  endedAt?: number;
}

/** A scan the simulated app made, for tests to look at. */
export interface Scan {
  qr: string;
  ok: boolean;
  reason?: string;
  orderRef?: string;
  /** The QR code's second and the simulator's second when it was read. */
  time?: number;
  elapsed?: number;
}

export interface BankIdSimulator {
  /** The RP API's base, e.g. `http://127.0.0.1:41234/rp/v6.0`. */
  rpUrl: string;
  /** The "BankID app" page. */
  appUrl: string;
  /** The link that starts the simulated app for an autostart token. */
  launchUrl(autoStartToken: string): string;
  /** Every QR code the simulated app was shown, in order. */
  scans: Scan[];
  orders(): Order[];
  close(): Promise<void>;
}

/** The default test person (a valid check digit, födelsenummer in the 98x test style). */
export const SIMULATOR_PEOPLE: TestPerson[] = [
  { personalNumber: '199001019851', givenName: 'Test', surname: 'Testsson' },
];

const RESULT_KEPT_MS = 10 * 60_000;

function fakeBase64(text: string): string {
  return Buffer.from(text).toString('base64');
}

function personFromNumber(people: TestPerson[], personalNumber: string): TestPerson | null {
  const digits = personalNumber.replace(/[\s-]/g, '');
  if (!/^\d{12}$/.test(digits)) return null;
  return (
    people.find((p) => p.personalNumber === digits) ?? {
      personalNumber: digits,
      givenName: 'Test',
      surname: 'Testsson',
    }
  );
}

/** Starts the simulator on a free loopback port (or `options.port`). */
export async function startBankIdSimulator(options: SimulatorOptions = {}): Promise<BankIdSimulator> {
  const now = options.now ?? Date.now;
  const people = options.people ?? SIMULATOR_PEOPLE;
  const startTimeout = options.startTimeoutMs ?? 30_000;
  const orderTimeout = options.orderTimeoutMs ?? 180_000;
  const tolerance = options.qrToleranceSeconds ?? 2;
  const orders = new Map<string, Order>();
  const scans: Scan[] = [];
  let nextError: string | null = null;

  /** Moves an order along the clock: start and order time-outs. */
  function age(order: Order): Order {
    if (order.status !== 'pending') return order;
    const t = now() - order.createdAt;
    if (!order.openedBy && t >= startTimeout) end(order, 'failed', 'startFailed');
    else if (t >= orderTimeout) end(order, 'failed', 'expiredTransaction');
    return order;
  }

  function end(order: Order, status: 'failed' | 'complete', hintCode?: string) {
    order.status = status;
    order.hintCode = hintCode ?? '';
    order.endedAt = now();
  }

  function sweep() {
    for (const [ref, o] of orders) {
      age(o);
      if (o.endedAt !== undefined && now() - o.endedAt > RESULT_KEPT_MS) orders.delete(ref);
    }
  }

  /** The app was opened for `order` by `person`: their other open order ends (`cancelled`). */
  function open(order: Order, person: TestPerson, by: 'qr' | 'autostart') {
    for (const other of orders.values()) {
      if (other !== order && other.status === 'pending' && other.person?.personalNumber === person.personalNumber) {
        end(other, 'failed', 'cancelled');
      }
    }
    order.openedBy = by;
    order.person = person;
    order.hintCode = 'userSign';
  }

  function pendingFor(personalNumber: string): Order | undefined {
    return [...orders.values()].find(
      (o) =>
        age(o).status === 'pending' &&
        (o.person?.personalNumber === personalNumber || o.requiredPerson === personalNumber),
    );
  }

  /** Reads a QR code as the app does: which order, which second, and whether the code is the order's. */
  function readQr(qr: string): Scan {
    const m = /^bankid\.([0-9a-f-]{36})\.(\d{1,6})\.([0-9a-f]{64})$/.exec(qr.trim());
    if (!m) return { qr, ok: false, reason: 'not a BankID QR code' };
    const [, token, timeText, code] = m as unknown as [string, string, string, string];
    const order = [...orders.values()].find((o) => o.qrStartToken === token);
    if (!order) return { qr, ok: false, reason: 'no such order' };
    const time = Number(timeText);
    const elapsed = Math.floor((now() - order.createdAt) / 1000);
    const expected = createHmac('sha256', order.qrStartSecret).update(timeText).digest();
    const scan: Scan = { qr, ok: false, orderRef: order.orderRef, time, elapsed };
    if (!timingSafeEqual(expected, Buffer.from(code, 'hex'))) return { ...scan, reason: 'wrong qrAuthCode' };
    if (String(time) !== timeText) return { ...scan, reason: 'time not in decimal' };
    if (time > elapsed + 1 || time < elapsed - tolerance) {
      return { ...scan, reason: `the code is for second ${time}, the order is at second ${elapsed}` };
    }
    if (age(order).status !== 'pending') return { ...scan, reason: `the order is ${order.status}` };
    if (order.openedBy) return { ...scan, reason: 'the order was already opened' };
    return { ...scan, ok: true };
  }

  function complete(order: Order) {
    const person = order.person as TestPerson;
    end(order, 'complete');
    order.completionData = {
      user: {
        personalNumber: person.personalNumber,
        name: `${person.givenName} ${person.surname}`,
        givenName: person.givenName,
        surname: person.surname,
      },
      device: { ipAddress: order.endUserIp, uhi: fakeBase64(`simulated-device-${person.personalNumber}`).slice(0, 27) },
      bankIdIssueDate: '2024-01-01Z',
      signature: fakeBase64(`<simulated signature of ${order.orderRef}/>`),
      ocspResponse: fakeBase64(`simulated OCSP response for ${order.orderRef}`),
    };
  }

  const rpError = (c: any, status: number, errorCode: string, details: string) =>
    c.json({ errorCode, details }, status);

  const app = new Hono();

  // The Relying Party API.
  app.post('/rp/v6.0/auth', async (c) => {
    sweep();
    const body = (await c.req.json().catch(() => null)) as Record<string, any> | null;
    if (!body || typeof body.endUserIp !== 'string' || !body.endUserIp) {
      return rpError(c, 400, 'invalidParameters', 'Invalid endUserIp.');
    }
    if (nextError) {
      const errorCode = nextError;
      nextError = null;
      const status = errorCode === 'maintenance' ? 503 : errorCode === 'internalError' ? 500 : 400;
      return rpError(c, status, errorCode, `Simulated ${errorCode}.`);
    }
    const required = body.requirement?.personalNumber;
    if (required !== undefined) {
      if (typeof required !== 'string' || !/^\d{12}$/.test(required)) {
        return rpError(c, 400, 'invalidParameters', 'Invalid personalNumber.');
      }
      if (pendingFor(required)) {
        return rpError(c, 400, 'alreadyInProgress', 'Order already in progress for personalNumber.');
      }
    }
    const order: Order = {
      orderRef: randomUUID(),
      autoStartToken: randomUUID(),
      qrStartToken: randomUUID(),
      qrStartSecret: randomUUID(),
      endUserIp: body.endUserIp,
      createdAt: now(),
      requiredPerson: required,
      status: 'pending',
      hintCode: 'outstandingTransaction',
    };
    orders.set(order.orderRef, order);
    const { orderRef, autoStartToken, qrStartToken, qrStartSecret } = order;
    return c.json({ orderRef, autoStartToken, qrStartToken, qrStartSecret });
  });

  app.post('/rp/v6.0/collect', async (c) => {
    sweep();
    const body = (await c.req.json().catch(() => null)) as { orderRef?: unknown } | null;
    const order = typeof body?.orderRef === 'string' ? orders.get(body.orderRef) : undefined;
    if (!order) return rpError(c, 400, 'invalidParameters', 'No such order.');
    const res: CollectResponse = { orderRef: order.orderRef, status: order.status };
    if (order.status !== 'complete') res.hintCode = order.hintCode;
    if (order.completionData) res.completionData = order.completionData;
    return c.json(res);
  });

  app.post('/rp/v6.0/cancel', async (c) => {
    sweep();
    const body = (await c.req.json().catch(() => null)) as { orderRef?: unknown } | null;
    const order = typeof body?.orderRef === 'string' ? orders.get(body.orderRef) : undefined;
    if (!order) return rpError(c, 400, 'invalidParameters', 'No such order.');
    orders.delete(order.orderRef);
    return c.json({});
  });

  // The tester's side: the "BankID app".
  const view = (o: Order) => ({
    orderRef: o.orderRef,
    status: age(o).status,
    hintCode: o.hintCode,
    openedBy: o.openedBy ?? null,
    personalNumber: o.person?.personalNumber ?? null,
    ageSeconds: Math.floor((now() - o.createdAt) / 1000),
  });
  const found = (orderRef: string) => {
    const o = orders.get(orderRef);
    return o && age(o).status === 'pending' ? o : undefined;
  };

  app.get('/sim/orders', (c) => {
    sweep();
    return c.json([...orders.values()].map(view));
  });

  app.post('/sim/scan', async (c) => {
    sweep();
    const body = (await c.req.json().catch(() => ({}))) as { qr?: unknown; personalNumber?: unknown };
    const person = personFromNumber(people, String(body.personalNumber ?? ''));
    if (!person) return c.json({ error: 'invalid personalNumber' }, 400);
    const scan = readQr(String(body.qr ?? ''));
    scans.push(scan);
    if (!scan.ok) return c.json({ error: 'invalid_qr', reason: scan.reason }, 400);
    const order = orders.get(scan.orderRef as string) as Order;
    open(order, person, 'qr');
    return c.json(view(order));
  });

  app.post('/sim/open', async (c) => {
    sweep();
    const body = (await c.req.json().catch(() => ({}))) as { autoStartToken?: unknown; personalNumber?: unknown };
    const person = personFromNumber(people, String(body.personalNumber ?? ''));
    if (!person) return c.json({ error: 'invalid personalNumber' }, 400);
    const order = [...orders.values()].find((o) => o.autoStartToken === body.autoStartToken);
    if (!order || age(order).status !== 'pending' || order.openedBy) return c.json({ error: 'no such order' }, 404);
    open(order, person, 'autostart');
    return c.json(view(order));
  });

  function decide(order: Order, action: string, hintCode?: string): string | null {
    switch (action) {
      case 'approve':
        if (!order.person) return 'open the app for the order first';
        complete(order);
        return null;
      case 'cancel':
        end(order, 'failed', 'userCancel');
        return null;
      case 'expire':
        end(order, 'failed', 'expiredTransaction');
        return null;
      case 'fail':
        end(order, 'failed', hintCode || 'certificateErr');
        return null;
      default:
        return 'unknown action';
    }
  }

  app.post('/sim/orders/:orderRef/:action', async (c) => {
    const order = found(c.req.param('orderRef'));
    if (!order) return c.json({ error: 'no such pending order' }, 404);
    const body = (await c.req.json().catch(() => ({}))) as { hintCode?: unknown };
    const problem = decide(order, c.req.param('action'), typeof body.hintCode === 'string' ? body.hintCode : undefined);
    if (problem) return c.json({ error: problem }, 400);
    return c.json(view(order));
  });

  app.post('/sim/next-error', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { errorCode?: unknown };
    nextError = typeof body.errorCode === 'string' ? body.errorCode : null;
    return c.json({ nextError });
  });

  // The page: plain HTML forms, no script.
  const page = (content: unknown, status = 200) =>
    new Response(
      html`<!doctype html>
        <html lang="sv">
          <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>BankID-simulator</title>
            <style>
              body { font: 16px/1.45 system-ui, sans-serif; max-width: 40rem; margin: 1rem auto; padding: 0 1rem; color: #1d1d1b; }
              h1 { font-size: 1.4rem; } fieldset { margin: 1rem 0; border: 1px solid #999; border-radius: 6px; }
              label { display: block; margin: .5rem 0; } input, select, button { font: inherit; min-height: 2.75rem; }
              input[type=text] { width: 100%; } button { margin: .25rem .5rem .25rem 0; padding: .25rem 1rem; }
              .note { color: #555; } .error { color: #a00; font-weight: 600; }
            </style>
          </head>
          <body>
            <h1>BankID-simulator</h1>
            <p class="note">Står i för BankID-appen i demon och testerna. Inga riktiga personnummer, inget riktigt BankID.</p>
            ${content}
          </body>
        </html>`.toString(),
      { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } },
    );

  const personSelect = () =>
    html`<label
      >Testperson
      <select name="personalNumber">
        ${people.map((p) => html`<option value=${p.personalNumber}>${p.givenName} ${p.surname} (${p.personalNumber.slice(0, 8)}-${p.personalNumber.slice(8)})</option>`)}
      </select></label
    >`;

  const orderForms = (o: Order, offerOpen = true) =>
    html`<fieldset>
      <legend>Order ${o.orderRef.slice(0, 8)} – ${o.person ? `${o.person.givenName} ${o.person.surname}` : 'inte öppnad'}</legend>
      <p>Status: ${age(o).status} (${o.hintCode}), ${Math.floor((now() - o.createdAt) / 1000)} s gammal.</p>
      ${
        o.status === 'pending'
          ? html`${
              o.person
                ? html`<form method="post" action="/ui/orders/${o.orderRef}/approve"><button>Identifiera</button></form>`
                : offerOpen
                  ? html`<form method="post" action="/ui/orders/${o.orderRef}/open">${personSelect()}<button>Öppna utan kamera</button></form>`
                  : ''
            }
            <form method="post" action="/ui/orders/${o.orderRef}/cancel"><button>Avbryt</button></form>
            <form method="post" action="/ui/orders/${o.orderRef}/expire"><button>Låt ordern gå ut</button></form>`
          : ''
      }
    </fieldset>`;

  app.get('/', (c) => {
    sweep();
    const error = c.req.query('error');
    const pending = [...orders.values()].filter((o) => o.status === 'pending');
    return page(html`${error ? html`<p class="error" role="alert">${error}</p>` : ''}
      <form method="post" action="/ui/scan">
        <fieldset>
          <legend>Läs av QR-kod</legend>
          <label>QR-kodens innehåll <input type="text" name="qr" autocomplete="off" placeholder="bankid.…" /></label>
          ${personSelect()}
          <button>Läs av</button>
        </fieldset>
      </form>
      <h2>Pågående ordrar</h2>
      ${pending.length ? pending.map((o) => orderForms(o)) : html`<p>Inga pågående ordrar.</p>`}`);
  });

  // The autostart link lands here: the app opens for that order.
  app.get('/app', (c) => {
    sweep();
    const token = c.req.query('autostarttoken') ?? '';
    const order = [...orders.values()].find((o) => o.autoStartToken === token);
    if (!order) return page(html`<p class="error" role="alert">Ingen order med den starttoken.</p>`, 404);
    return page(html`<p>Appen startades för en inloggning.</p>
      ${
        age(order).status === 'pending' && !order.openedBy
          ? html`<form method="post" action="/ui/open">
              <input type="hidden" name="autoStartToken" value=${token} />${personSelect()}<button>Välj identitet</button>
            </form>`
          : ''
      }
      ${orderForms(order, false)}`);
  });

  const back = (c: any, error?: string) => c.redirect(error ? `/?error=${encodeURIComponent(error)}` : '/', 303);

  app.post('/ui/scan', async (c) => {
    const form = await c.req.parseBody();
    const person = personFromNumber(people, String(form.personalNumber ?? ''));
    const scan = readQr(String(form.qr ?? ''));
    scans.push(scan);
    if (!person) return back(c, 'Ogiltigt personnummer.');
    if (!scan.ok) return back(c, `QR-koden godtogs inte: ${scan.reason}.`);
    open(orders.get(scan.orderRef as string) as Order, person, 'qr');
    return back(c);
  });

  app.post('/ui/open', async (c) => {
    const form = await c.req.parseBody();
    const person = personFromNumber(people, String(form.personalNumber ?? ''));
    const order = [...orders.values()].find((o) => o.autoStartToken === form.autoStartToken);
    if (!person || !order || age(order).status !== 'pending' || order.openedBy)
      return back(c, 'Ordern kan inte öppnas.');
    open(order, person, 'autostart');
    return c.redirect(`/app?autostarttoken=${encodeURIComponent(order.autoStartToken)}`, 303);
  });

  app.post('/ui/orders/:orderRef/:action', async (c) => {
    const order = found(c.req.param('orderRef'));
    if (!order) return back(c, 'Ordern finns inte längre.');
    const action = c.req.param('action');
    if (action === 'open') {
      const form = await c.req.parseBody();
      const person = personFromNumber(people, String(form.personalNumber ?? ''));
      if (!person || order.openedBy) return back(c, 'Ordern kan inte öppnas.');
      open(order, person, 'qr');
      return back(c);
    }
    const problem = decide(order, action);
    if (problem) return back(c, problem);
    return order.openedBy === 'autostart'
      ? c.redirect(`/app?autostarttoken=${encodeURIComponent(order.autoStartToken)}`, 303)
      : back(c);
  });

  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const listen = { fetch: app.fetch, port: options.port ?? 0, hostname: '127.0.0.1' };
    const s = options.tls
      ? serve({ ...listen, createServer: https.createServer, serverOptions: options.tls }, () => resolve(s))
      : serve(listen, () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;

  return {
    rpUrl: `${origin}/rp/v6.0`,
    appUrl: `${origin}/`,
    launchUrl: (autoStartToken) => `${origin}/app?autostarttoken=${encodeURIComponent(autoStartToken)}`,
    scans,
    orders: () => [...orders.values()],
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
