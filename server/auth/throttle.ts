/**
 * Slowing down guessing, in the database so that every server instance
 * agrees. Three kinds of counter (table `auth_throttle`):
 *
 * - **account and address** (`pair:`): failed password sign-ins for one
 *   e-mail address from one client address. After 5 failures each further
 *   one costs a growing delay, 1 s doubling to at most 5 minutes: one
 *   attacker gets fewer than 300 guesses a day at an account.
 * - **account** (`account:`): failures for one e-mail from anywhere. After 20
 *   the delay grows to at most 1 minute: many attackers together cannot keep
 *   the real user, at another address, out for longer than that at a time.
 * - **address** (`address:`): failures (password, activation code) or starts
 *   (BankID) from one client address in a window of 15 minutes, with a limit
 *   high enough for a school's shared connection.
 *
 * A request made while a counter is blocked is refused (429 with
 * Retry-After) and does not count, so hammering does not lengthen a delay.
 * A successful sign-in clears its account's counters. Failures are forgotten
 * after a day without one. The same counting happens whether the account
 * exists or not.
 *
 * @module
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { Sql } from '../db/database.js';
import type { AppEnv } from '../http.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

export const THROTTLE = {
  pair: { free: 5, baseMs: SECOND, maxMs: 5 * MINUTE },
  account: { free: 20, baseMs: SECOND, maxMs: MINUTE },
  address: {
    password: { limit: 100, windowMs: 15 * MINUTE },
    activation: { limit: 20, windowMs: 15 * MINUTE },
    bankid: { limit: 60, windowMs: 15 * MINUTE },
  },
  /** Failures older than this are forgotten. */
  forgetMs: 24 * 60 * MINUTE,
} as const;

export type AddressScope = keyof typeof THROTTLE.address;

/** The delay after the `count`-th consecutive failure under `rule`. */
export function delayAfter(count: number, rule: { free: number; baseMs: number; maxMs: number }): number {
  if (count < rule.free) return 0;
  return Math.min(rule.maxMs, rule.baseMs * 2 ** Math.min(30, count - rule.free));
}

/**
 * The key of a client address: IPv4 as it is, IPv6 by its /64 (one home or
 * phone holds a whole /64), an IPv4-mapped IPv6 address as IPv4.
 */
export function addressKey(address: string): string {
  const a = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped) return mapped[1] as string;
  if (!a.includes(':')) return a || 'unknown';
  const [head = '', tail = ''] = a.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = a.includes('::')
    ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

const pairKey = (email: string, address: string) => `pair:${email}|${addressKey(address)}`;
const accountKey = (email: string) => `account:${email}`;
const addrKey = (scope: AddressScope, address: string) => `address:${scope}:${addressKey(address)}`;

/** Milliseconds until the last of `keys` is unblocked; 0 when none is blocked. */
async function blockedFor(db: Sql, keys: string[], now: Date): Promise<number> {
  const rows = await db.query<{ blocked_until: Date }>(
    'SELECT blocked_until FROM auth_throttle WHERE key = ANY($1::text[]) AND blocked_until > $2',
    [keys, now],
  );
  return rows.reduce((ms, r) => Math.max(ms, r.blocked_until.getTime() - now.getTime()), 0);
}

async function countFailure(
  db: Sql,
  key: string,
  rule: { free: number; baseMs: number; maxMs: number },
  now: Date,
): Promise<void> {
  const [row] = await db.query<{ count: number }>(
    `INSERT INTO auth_throttle (key, count, window_start, blocked_until, updated_at) VALUES ($1, 1, $2, NULL, $2)
     ON CONFLICT (key) DO UPDATE
       SET count = CASE WHEN auth_throttle.updated_at < $3 THEN 1 ELSE auth_throttle.count + 1 END,
           window_start = CASE WHEN auth_throttle.updated_at < $3 THEN $2 ELSE auth_throttle.window_start END,
           updated_at = $2
     RETURNING count`,
    [key, now, new Date(now.getTime() - THROTTLE.forgetMs)],
  );
  const delay = delayAfter(row?.count ?? 1, rule);
  if (delay > 0) {
    await db.query('UPDATE auth_throttle SET blocked_until = $2 WHERE key = $1', [
      key,
      new Date(now.getTime() + delay),
    ]);
  }
}

async function countInWindow(db: Sql, key: string, rule: { limit: number; windowMs: number }, now: Date) {
  const [row] = await db.query<{ count: number; window_start: Date }>(
    `INSERT INTO auth_throttle (key, count, window_start, blocked_until, updated_at) VALUES ($1, 1, $2, NULL, $2)
     ON CONFLICT (key) DO UPDATE
       SET count = CASE WHEN auth_throttle.window_start <= $3 THEN 1 ELSE auth_throttle.count + 1 END,
           window_start = CASE WHEN auth_throttle.window_start <= $3 THEN $2 ELSE auth_throttle.window_start END,
           blocked_until = CASE WHEN auth_throttle.window_start <= $3 THEN NULL ELSE auth_throttle.blocked_until END,
           updated_at = $2
     RETURNING count, window_start`,
    [key, now, new Date(now.getTime() - rule.windowMs)],
  );
  if (row && row.count >= rule.limit) {
    await db.query('UPDATE auth_throttle SET blocked_until = $2 WHERE key = $1', [
      key,
      new Date(row.window_start.getTime() + rule.windowMs),
    ]);
  }
}

/** Password sign-in: how long `email` from `address` must wait (0: go ahead). */
export function passwordWait(db: Sql, email: string, address: string, now: Date): Promise<number> {
  return blockedFor(db, [pairKey(email, address), accountKey(email), addrKey('password', address)], now);
}

/** Counts a failed password sign-in. */
export async function passwordFailed(db: Sql, email: string, address: string, now: Date): Promise<void> {
  await countFailure(db, pairKey(email, address), THROTTLE.pair, now);
  await countFailure(db, accountKey(email), THROTTLE.account, now);
  await countInWindow(db, addrKey('password', address), THROTTLE.address.password, now);
}

/** A successful sign-in: the account's delays end (the address's window stays). */
export async function passwordSucceeded(db: Sql, email: string, address: string): Promise<void> {
  await db.query('DELETE FROM auth_throttle WHERE key = ANY($1::text[])', [
    [pairKey(email, address), accountKey(email)],
  ]);
}

/** How long `address` must wait before another try in `scope` (0: go ahead). */
export function addressWait(db: Sql, scope: AddressScope, address: string, now: Date): Promise<number> {
  return blockedFor(db, [addrKey(scope, address)], now);
}

/** Counts a failure (activation code) or a start (BankID) from `address`. */
export function addressCounted(db: Sql, scope: AddressScope, address: string, now: Date): Promise<void> {
  return countInWindow(db, addrKey(scope, address), THROTTLE.address[scope], now);
}

/** The 429 answer: how many seconds to wait, in the body and in Retry-After. */
export function tooManyAttempts(c: Context<AppEnv>, waitMs: number) {
  const seconds = Math.max(1, Math.ceil(waitMs / SECOND));
  c.header('Retry-After', String(seconds));
  return c.json(
    { error: 'too_many_attempts', message: `Too many attempts. Try again in ${seconds} s.`, retryAfter: seconds },
    429,
  );
}

/**
 * The client's address: the connection's, or behind a proxy (TRUST_PROXY=on)
 * the last entry of X-Forwarded-For, the one our own proxy added (earlier
 * entries are whatever the client claimed).
 */
export function clientAddress(c: Context<AppEnv>): string {
  if (c.var.services.trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // app.request() in tests: no socket
  }
}
