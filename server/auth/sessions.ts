/**
 * Sessions as the lucia-auth.com guide describes them: the browser holds a
 * random token in an HttpOnly cookie; the database holds only its SHA-256, so a
 * leaked database cannot be replayed. Expiry slides: a session in use is
 * extended when half its life is gone. Signing out deletes the row.
 *
 * @module
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { Sql } from '../db/database.js';

export const SESSION_DAYS = 30;
const DAY = 86_400_000;

export interface SessionUser {
  id: string;
  role: 'guardian' | 'pupil' | 'staff' | 'admin';
  name: string;
}

export interface Session {
  id: string;
  userId: string;
  expiresAt: Date;
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

/** Stores a session for `userId` under the hash of `token`. */
export async function createSession(db: Sql, token: string, userId: string, now: Date): Promise<Session> {
  const session: Session = {
    id: sessionIdOf(token),
    userId,
    expiresAt: new Date(now.getTime() + SESSION_DAYS * DAY),
  };
  await db.query('INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
    session.id,
    session.userId,
    now,
    session.expiresAt,
  ]);
  return session;
}

/**
 * The session and user behind `token`, or null when there is none, it expired,
 * or the account is disabled. Extends the session when half its life is gone
 * (`extended` then says the cookie must follow).
 */
export async function validateSessionToken(
  db: Sql,
  token: string,
  now: Date,
): Promise<{ session: Session; user: SessionUser; extended: boolean } | null> {
  const id = sessionIdOf(token);
  const rows = await db.query<{
    expires_at: Date;
    user_id: string;
    role: SessionUser['role'];
    name: string;
    disabled: boolean;
  }>(
    `SELECT s.expires_at, s.user_id, u.role, u.name, u.disabled
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.id = $1`,
    [id],
  );
  const row = rows[0];
  if (!row) return null;
  if (row.disabled || now.getTime() >= row.expires_at.getTime()) {
    await db.query('DELETE FROM sessions WHERE id = $1', [id]);
    return null;
  }
  const session: Session = { id, userId: row.user_id, expiresAt: row.expires_at };
  const extended = now.getTime() >= session.expiresAt.getTime() - (SESSION_DAYS / 2) * DAY;
  if (extended) {
    session.expiresAt = new Date(now.getTime() + SESSION_DAYS * DAY);
    await db.query('UPDATE sessions SET expires_at = $2 WHERE id = $1', [id, session.expiresAt]);
  }
  return { session, user: { id: row.user_id, role: row.role, name: row.name }, extended };
}

/** Whether a session still exists, unexpired, for an enabled account (long-lived streams ask). */
export async function sessionIsLive(db: Sql, sessionId: string, now: Date): Promise<boolean> {
  const rows = await db.query(
    `SELECT 1 FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.id = $1 AND s.expires_at > $2 AND NOT u.disabled`,
    [sessionId, now],
  );
  return rows.length > 0;
}

/** Ends one session. */
export async function invalidateSession(db: Sql, sessionId: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE id = $1', [sessionId]);
}

/** Ends every session of a user (account disabled, password changed). */
export async function invalidateUserSessions(db: Sql, userId: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
}
