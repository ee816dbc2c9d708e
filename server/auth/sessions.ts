/**
 * Sessions as the lucia-auth.com guide describes them: the browser holds a
 * random token in an HttpOnly cookie; the database holds only its SHA-256, so a
 * leaked database cannot be replayed. Signing out deletes the row.
 *
 * Every sign-in makes a new session. A session ends at the first of two
 * deadlines (see `TIMEOUTS`, documented in docs/access-rules.md):
 *
 * - idle: it ends when unused for that long. Use moves the deadline forward,
 *   written at most every thirtieth of the idle time (a day on a personal
 *   device), so requests do not each write to the database;
 * - absolute: it ends that long after sign-in, however much it is used.
 *
 * A personal device gets long deadlines: an offline-first app opened once a
 * day must not sign a family out every morning (the device keeps its data
 * when a session ends, and signing in again picks up where it was). A
 * "shared computer" session gets short ones and a cookie that ends with the
 * browser.
 *
 * @module
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { Sql } from '../db/database.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The time-outs, in milliseconds: for a personal device, and for a shared computer. */
export const TIMEOUTS = {
  personal: { idle: 30 * DAY, absolute: 90 * DAY },
  shared: { idle: 30 * MINUTE, absolute: 12 * HOUR },
} as const;

/** Kept for readers of the old name: a personal session's idle time-out in days. */
export const SESSION_DAYS = TIMEOUTS.personal.idle / DAY;

export interface SessionUser {
  id: string;
  role: 'guardian' | 'pupil' | 'staff' | 'admin';
  name: string;
}

export interface Session {
  /** The SHA-256 of the token (the database key; never leaves the server). */
  id: string;
  /** The name of the session in the user's list. */
  publicId: string;
  userId: string;
  /** The idle deadline (moved forward while used), never after `absoluteExpiresAt`. */
  expiresAt: Date;
  absoluteExpiresAt: Date;
  shared: boolean;
}

export interface SessionOptions {
  /** A shared computer: short time-outs, and the cookie ends with the browser. */
  shared?: boolean;
  /** The browser's User-Agent, kept only as a summary ("Firefox, Windows") for the session list. */
  userAgent?: string;
}

/** A new random token (160 bits), for the cookie. */
export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** The database id of a token: its SHA-256, hex. */
export function sessionIdOf(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

const timeoutsOf = (shared: boolean) => (shared ? TIMEOUTS.shared : TIMEOUTS.personal);
const earliest = (a: number, b: number) => new Date(Math.min(a, b));

/** "Firefox, Windows" from a User-Agent header; '' when neither is recognised. */
export function describeUserAgent(ua: string | undefined): string {
  if (!ua) return '';
  const browser = [
    [/Edg(e|A|iOS)?\//, 'Edge'],
    [/OPR\/|Opera/, 'Opera'],
    [/SamsungBrowser\//, 'Samsung Internet'],
    [/Firefox\/|FxiOS\//, 'Firefox'],
    [/Chrome\/|CriOS\/|Chromium\//, 'Chrome'],
    [/Safari\//, 'Safari'],
  ].find(([re]) => (re as RegExp).test(ua))?.[1];
  const system = [
    [/Android/, 'Android'],
    [/iPhone/, 'iPhone'],
    [/iPad/, 'iPad'],
    [/CrOS/, 'ChromeOS'],
    [/Windows/, 'Windows'],
    [/Mac OS X|Macintosh/, 'macOS'],
    [/Linux/, 'Linux'],
  ].find(([re]) => (re as RegExp).test(ua))?.[1];
  return [browser, system].filter(Boolean).join(', ');
}

/** Stores a session for `userId` under the hash of `token`. */
export async function createSession(
  db: Sql,
  token: string,
  userId: string,
  now: Date,
  options: SessionOptions = {},
): Promise<Session> {
  const shared = options.shared ?? false;
  const limits = timeoutsOf(shared);
  const absoluteExpiresAt = new Date(now.getTime() + limits.absolute);
  const expiresAt = earliest(now.getTime() + limits.idle, absoluteExpiresAt.getTime());
  const [row] = await db.query<{ public_id: string }>(
    `INSERT INTO sessions (id, user_id, created_at, expires_at, absolute_expires_at, last_used_at, shared, user_agent)
     VALUES ($1, $2, $3, $4, $5, $3, $6, $7) RETURNING public_id`,
    [sessionIdOf(token), userId, now, expiresAt, absoluteExpiresAt, shared, describeUserAgent(options.userAgent)],
  );
  // Sessions that ran out are removed when their user next signs in.
  await db.query('DELETE FROM sessions WHERE user_id = $1 AND (expires_at <= $2 OR absolute_expires_at <= $2)', [
    userId,
    now,
  ]);
  return {
    id: sessionIdOf(token),
    publicId: row?.public_id as string,
    userId,
    expiresAt,
    absoluteExpiresAt,
    shared,
  };
}

/**
 * The session and user behind `token`, or null when there is none, either
 * deadline passed, or the account is disabled. Moves the idle deadline when a
 * thirtieth of the idle time has gone since it was last moved (`extended` then
 * says the cookie must follow).
 */
export async function validateSessionToken(
  db: Sql,
  token: string,
  now: Date,
): Promise<{ session: Session; user: SessionUser; extended: boolean } | null> {
  const id = sessionIdOf(token);
  const rows = await db.query<{
    public_id: string;
    expires_at: Date;
    absolute_expires_at: Date;
    shared: boolean;
    user_id: string;
    role: SessionUser['role'];
    name: string;
    disabled: boolean;
  }>(
    `SELECT s.public_id, s.expires_at, s.absolute_expires_at, s.shared, s.user_id, u.role, u.name, u.disabled
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.id = $1`,
    [id],
  );
  const row = rows[0];
  if (!row) return null;
  const t = now.getTime();
  if (row.disabled || t >= row.expires_at.getTime() || t >= row.absolute_expires_at.getTime()) {
    await db.query('DELETE FROM sessions WHERE id = $1', [id]);
    return null;
  }
  const session: Session = {
    id,
    publicId: row.public_id,
    userId: row.user_id,
    expiresAt: row.expires_at,
    absoluteExpiresAt: row.absolute_expires_at,
    shared: row.shared,
  };
  const { idle } = timeoutsOf(row.shared);
  const next = earliest(t + idle, session.absoluteExpiresAt.getTime());
  const extended = next.getTime() - session.expiresAt.getTime() >= idle / 30;
  if (extended) {
    session.expiresAt = next;
    await db.query('UPDATE sessions SET expires_at = $2, last_used_at = $3 WHERE id = $1', [id, next, now]);
  }
  return { session, user: { id: row.user_id, role: row.role, name: row.name }, extended };
}

/** Whether a session still exists, within both deadlines, for an enabled account (long-lived streams ask). */
export async function sessionIsLive(db: Sql, sessionId: string, now: Date): Promise<boolean> {
  const rows = await db.query(
    `SELECT 1 FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.id = $1 AND s.expires_at > $2 AND s.absolute_expires_at > $2 AND NOT u.disabled`,
    [sessionId, now],
  );
  return rows.length > 0;
}

/** A session as its user sees it in their list. */
export interface SessionInfo {
  id: string;
  createdAt: string;
  lastUsedAt: string;
  expiresAt: string;
  shared: boolean;
  device: string;
  current: boolean;
}

/** The user's live sessions, newest first; `currentId` (a database id) is marked `current`. */
export async function listSessions(db: Sql, userId: string, now: Date, currentId?: string): Promise<SessionInfo[]> {
  const rows = await db.query<{
    id: string;
    public_id: string;
    created_at: Date;
    last_used_at: Date;
    expires_at: Date;
    absolute_expires_at: Date;
    shared: boolean;
    user_agent: string;
  }>(
    `SELECT id, public_id, created_at, last_used_at, expires_at, absolute_expires_at, shared, user_agent
       FROM sessions WHERE user_id = $1 AND expires_at > $2 AND absolute_expires_at > $2
      ORDER BY created_at DESC, public_id`,
    [userId, now],
  );
  return rows.map((r) => ({
    id: r.public_id,
    createdAt: r.created_at.toISOString(),
    lastUsedAt: r.last_used_at.toISOString(),
    expiresAt: earliest(r.expires_at.getTime(), r.absolute_expires_at.getTime()).toISOString(),
    shared: r.shared,
    device: r.user_agent,
    current: r.id === currentId,
  }));
}

/** Ends the session named `publicId` if it is `userId`'s; returns whether one ended. */
export async function endSessionOf(db: Sql, userId: string, publicId: string): Promise<boolean> {
  const rows = await db.query('DELETE FROM sessions WHERE user_id = $1 AND public_id = $2 RETURNING 1', [
    userId,
    publicId,
  ]);
  return rows.length > 0;
}

/** Ends one session. */
export async function invalidateSession(db: Sql, sessionId: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE id = $1', [sessionId]);
}

/** Ends every session of a user (account disabled, password changed); returns how many ended. */
export async function invalidateUserSessions(db: Sql, userId: string): Promise<number> {
  const rows = await db.query('DELETE FROM sessions WHERE user_id = $1 RETURNING 1', [userId]);
  return rows.length;
}
