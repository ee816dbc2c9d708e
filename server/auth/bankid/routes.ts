/**
 * Signing in with BankID (guardians), for the browser:
 *
 * | call | request | response |
 * |---|---|---|
 * | `POST /api/auth/bankid/start` | `{ "flow": "qr" \| "device", "shared"?: boolean }` | the order's state (`BankIdState`); a cookie names the order |
 * | `POST /api/auth/bankid/poll` | — | the state; when complete, the session cookie and `{ status: "complete", me: <body of /api/me> }` |
 * | `POST /api/auth/bankid/cancel` | — | 204; the order is cancelled at BankID |
 *
 * The server keeps the order (orderRef, qrStartSecret, start time) in
 * `bankid_orders`, under the SHA-256 of a random token the browser holds in
 * an HttpOnly cookie: only the browser that started an order can follow or
 * finish it, and it never learns the orderRef or the secret. While the
 * browser polls (about every second, to show each new QR code) the server
 * calls collect at most every 2 s; an order nobody has polled for 10 s is
 * cancelled at BankID (the user left), as is a browser's previous order when
 * it starts a new one.
 *
 * When BankID says complete, the personnummer in completionData finds the
 * guardian through its keyed hash, and a session starts exactly as with a
 * password.
 *
 * @module
 */
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import {
  type BankIdFlow,
  type BankIdState,
  errorMessage,
  failedMessage,
  pendingMessage,
} from '../../../shared/bankid.js';
import type { MessageKey } from '../../../shared/i18n/index.js';
import type { Sql } from '../../db/database.js';
import { type AppContext, type AppEnv, apiError, BadRequest, readJson, type Services } from '../../http.js';
import { findUserByPersonnummer, maskPersonnummer } from '../identity.js';
import { meBody, startSession } from '../routes.js';
import { generateSessionToken, sessionIdOf } from '../sessions.js';
import { addressCounted, addressWait, clientAddress, tooManyAttempts } from '../throttle.js';
import { type BankIdClient, BankIdError, type CollectResponse } from './client.js';
import { qrData, qrDataUrl } from './qr.js';

/** BankID asks relying parties to call collect every two seconds; polls arrive about every second. */
export const COLLECT_EVERY_MS = 1900;
/** An order whose browser has not asked for this long is abandoned: cancelled at BankID. */
export const ABANDONED_MS = 10_000;
/** Past this, an order is over whatever BankID says (BankID's own limit is 3 minutes). */
export const ORDER_MAX_MS = 5 * 60_000;

const ORDER_COOKIE = 'bankid';
const cookiePrefix = (secure: boolean) => (secure ? ('host' as const) : undefined);

/** BankID as the server uses it: the v6 client, and the link that starts the app on this device. */
export interface BankIdProvider {
  client: BankIdClient;
  /** The autostart link for `autoStartToken`, for a browser with `userAgent`. */
  launchUrl(autoStartToken: string, userAgent: string): string;
  /** What the server tells at start: "BankID" or "the BankID simulator at …". */
  description: string;
}

/**
 * The real app's autostart link: the universal link on phones and tablets,
 * the `bankid:///` scheme on computers; `redirect=null` lets the app return
 * to the browser (or installed app) that opened it.
 */
export function bankIdLaunchUrl(autoStartToken: string, userAgent: string): string {
  const mobile = /Android|iPhone|iPad|iPod|Mobile/i.test(userAgent);
  const base = mobile ? 'https://app.bankid.com/' : 'bankid:///';
  return `${base}?autostarttoken=${encodeURIComponent(autoStartToken)}&redirect=null`;
}

interface OrderRow {
  id: string;
  order_ref: string;
  flow: BankIdFlow;
  qr_start_token: string;
  qr_start_secret: string;
  auto_start_token: string;
  started_at: Date;
  hint_code: string;
  shared: boolean;
}

/** The browser's view of a pending order at `now`. */
function pendingState(c: AppContext, order: OrderRow, provider: BankIdProvider, now: Date): BankIdState {
  const state: BankIdState = { status: 'pending', message: pendingMessage(order.flow, order.hint_code || undefined) };
  if (order.flow === 'qr') {
    const elapsed = Math.max(0, now.getTime() - order.started_at.getTime());
    state.qr = qrDataUrl(qrData(order.qr_start_token, order.qr_start_secret, Math.floor(elapsed / 1000)));
    // Ask again just after the next second begins: one new code a second.
    state.nextPollMs = 1000 - (elapsed % 1000) + 50;
  } else {
    state.launchUrl = provider.launchUrl(order.auto_start_token, c.req.header('user-agent') ?? '');
    state.nextPollMs = 1000;
  }
  return state;
}

const failed = (message: MessageKey): BankIdState => ({ status: 'failed', message });

function orderId(c: AppContext): string | null {
  const token = getCookie(c, ORDER_COOKIE, cookiePrefix(c.var.services.secure));
  return token && token.length <= 64 ? sessionIdOf(token) : null;
}

function clearOrderCookie(c: AppContext) {
  const { secure } = c.var.services;
  deleteCookie(c, ORDER_COOKIE, { path: '/', secure, prefix: cookiePrefix(secure) });
}

/** Removes an order (once: whoever removes it acts on it); its orderRef, if it was there. */
async function takeOrder(db: Sql, id: string): Promise<string | null> {
  const [row] = await db.query<{ order_ref: string }>('DELETE FROM bankid_orders WHERE id = $1 RETURNING order_ref', [
    id,
  ]);
  return row?.order_ref ?? null;
}

async function cancelQuietly(client: BankIdClient, orderRef: string) {
  try {
    await client.cancel(orderRef);
  } catch (error) {
    if (!(error instanceof BankIdError)) throw error;
    // Already over at BankID (collected, expired, cancelled): nothing left to cancel. Anything else, BankID ends
    // the order itself within minutes; say so.
    if (error.errorCode !== 'invalidParameters') console.warn(`BankID cancel failed: ${error.message}`);
  }
}

/**
 * Cancels at BankID every order whose browser stopped asking (the page was
 * closed or left without a word). Returns how many.
 */
export async function cancelAbandonedOrders(services: Services): Promise<number> {
  const provider = services.identity.bankid;
  if (!provider) return 0;
  const now = services.now().getTime();
  const rows = await services.db.query<{ order_ref: string }>(
    'DELETE FROM bankid_orders WHERE polled_at < $1 OR started_at < $2 RETURNING order_ref',
    [new Date(now - ABANDONED_MS), new Date(now - ORDER_MAX_MS)],
  );
  for (const row of rows) await cancelQuietly(provider.client, row.order_ref);
  return rows.length;
}

/** Runs `cancelAbandonedOrders` every few seconds; returns the function that stops it. */
export function startAbandonedOrderSweep(services: Services, everyMs = 5000): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    cancelAbandonedOrders(services)
      .catch((error) => console.error('BankID: cancelling abandoned orders failed:', error))
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

export function bankIdRoutes() {
  const app = new Hono<AppEnv>();

  app.use('/auth/bankid/*', async (c, next) => {
    const { identity } = c.var.services;
    if (!identity.bankid || !identity.personnummerKey) {
      return apiError(c, 503, 'not_configured', 'BankID is not configured on this server.');
    }
    await next();
  });

  app.post('/auth/bankid/start', async (c) => {
    const { db, now, secure, identity } = c.var.services;
    const provider = identity.bankid as BankIdProvider;
    const body = (await readJson(c)) as { flow?: unknown; shared?: unknown } | null;
    if (
      !body ||
      typeof body !== 'object' ||
      (body.flow !== 'qr' && body.flow !== 'device') ||
      (body.shared !== undefined && typeof body.shared !== 'boolean')
    ) {
      throw new BadRequest('invalid_body', 'Send {"flow": "qr" | "device", "shared"?: boolean}.');
    }
    const flow = body.flow;
    const address = clientAddress(c);
    const wait = await addressWait(db, 'bankid', address, now());
    if (wait > 0) return tooManyAttempts(c, wait);
    await addressCounted(db, 'bankid', address, now());

    // One order per browser: a new start ends the one it had.
    const previous = orderId(c);
    if (previous) {
      const ref = await takeOrder(db, previous);
      if (ref) await cancelQuietly(provider.client, ref);
    }

    let order: Awaited<ReturnType<BankIdClient['auth']>>;
    try {
      order = await provider.client.auth({ endUserIp: endUserIp(address) });
    } catch (error) {
      if (!(error instanceof BankIdError)) throw error;
      console.warn(`BankID auth refused: ${error.message}`);
      clearOrderCookie(c);
      return c.json(failed(error.errorCode === 'unreachable' ? 'bankid.unavailable' : errorMessage(error.errorCode)));
    }
    const startedAt = now();
    const token = generateSessionToken();
    const row: OrderRow = {
      id: sessionIdOf(token),
      order_ref: order.orderRef,
      flow,
      qr_start_token: order.qrStartToken,
      qr_start_secret: order.qrStartSecret,
      auto_start_token: order.autoStartToken,
      started_at: startedAt,
      hint_code: '',
      shared: body.shared === true,
    };
    await db.query(
      `INSERT INTO bankid_orders (id, order_ref, flow, qr_start_token, qr_start_secret, auto_start_token, started_at, polled_at, shared)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8)`,
      [
        row.id,
        row.order_ref,
        row.flow,
        row.qr_start_token,
        row.qr_start_secret,
        row.auto_start_token,
        startedAt,
        row.shared,
      ],
    );
    setCookie(c, ORDER_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'Strict',
      secure,
      maxAge: ORDER_MAX_MS / 1000,
      prefix: cookiePrefix(secure),
    });
    return c.json(pendingState(c, row, provider, startedAt));
  });

  app.post('/auth/bankid/poll', async (c) => {
    const { db, now, identity } = c.var.services;
    const provider = identity.bankid as BankIdProvider;
    const id = orderId(c);
    const at = now();
    const [order] = id
      ? await db.query<OrderRow>('UPDATE bankid_orders SET polled_at = $2 WHERE id = $1 RETURNING *', [id, at])
      : [];
    // No order (never started, cancelled, or abandoned and swept): it is over.
    if (!order) {
      clearOrderCookie(c);
      return c.json(failed('bankid.rfa3'));
    }
    if (at.getTime() - order.started_at.getTime() > ORDER_MAX_MS) {
      await takeOrder(db, order.id);
      await cancelQuietly(provider.client, order.order_ref);
      clearOrderCookie(c);
      return c.json(failed('bankid.rfa8'));
    }
    // Collect at most every COLLECT_EVERY_MS, whichever request gets there first.
    const claimed = await db.query(
      `UPDATE bankid_orders SET collected_at = $2
        WHERE id = $1 AND (collected_at IS NULL OR collected_at <= $3) RETURNING 1`,
      [order.id, at, new Date(at.getTime() - COLLECT_EVERY_MS)],
    );
    if (claimed.length === 0) return c.json(pendingState(c, order, provider, at));

    let result: CollectResponse;
    try {
      result = await provider.client.collect(order.order_ref);
    } catch (error) {
      if (!(error instanceof BankIdError)) throw error;
      if (error.errorCode === 'invalidParameters' || error.errorCode === 'notFound') {
        // BankID no longer knows the order.
        await takeOrder(db, order.id);
        clearOrderCookie(c);
        return c.json(failed('bankid.rfa3'));
      }
      // A passing fault: keep waiting, and collect again at the next turn.
      console.warn(`BankID collect failed: ${error.message}`);
      return c.json(pendingState(c, order, provider, at));
    }

    if (result.status === 'pending') {
      const hint = typeof result.hintCode === 'string' ? result.hintCode.slice(0, 64) : '';
      if (hint !== order.hint_code) {
        await db.query('UPDATE bankid_orders SET hint_code = $2 WHERE id = $1', [order.id, hint]);
        order.hint_code = hint;
      }
      return c.json(pendingState(c, order, provider, at));
    }

    // Over: whoever removes the order acts on its end (a cancel may have come first).
    const ours = await takeOrder(db, order.id);
    clearOrderCookie(c);
    if (!ours) return c.json(failed('bankid.rfa3'));
    if (result.status === 'failed') return c.json(failed(failedMessage(order.flow, result.hintCode)));

    const personnummer = result.completionData?.user?.personalNumber ?? '';
    const user = await findUserByPersonnummer(db, identity.personnummerKey as Uint8Array, personnummer);
    if (!user) {
      console.info(`BankID: no account for ${maskPersonnummer(personnummer)}`);
      return c.json(failed('bankid.noAccount'));
    }
    await startSession(c, user.id, order.shared);
    return c.json({ status: 'complete', me: await meBody(db, user) });
  });

  app.post('/auth/bankid/cancel', async (c) => {
    const { db, identity } = c.var.services;
    const id = orderId(c);
    const ref = id ? await takeOrder(db, id) : null;
    if (ref) await cancelQuietly((identity.bankid as BankIdProvider).client, ref);
    clearOrderCookie(c);
    return c.body(null, 204);
  });

  return app;
}

/** BankID wants the user's IP address; tests and odd sockets have none, so loopback stands in. */
function endUserIp(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1] as string;
  return /^[0-9a-f.:]+$/i.test(address) ? address : '127.0.0.1';
}
