/**
 * Signing in and out, and who is signed in: the session middleware and the
 * `/api/auth/*` and `/api/me` routes (contract in the architecture page).
 *
 * @module
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Sql } from '../db/database.js';
import { type AppEnv, apiError, BadRequest, readJson } from '../http.js';
import { burnVerification, verifyPassword } from './password.js';
import {
  createSession,
  generateSessionToken,
  invalidateSession,
  type SessionUser,
  validateSessionToken,
} from './sessions.js';

/** The session cookie: `session`, or `__Host-session` over HTTPS (Hono adds the prefix it is given). */
const COOKIE = 'session';
const cookiePrefix = (secure: boolean) => (secure ? ('host' as const) : undefined);

/** Reads the session cookie on every request and sets `user` and `session`. */
export const sessionMiddleware = (): MiddlewareHandler<AppEnv> =>
  async function session(c, next) {
    const { db, now, secure } = c.var.services;
    const token = getCookie(c, COOKIE, cookiePrefix(secure));
    c.set('user', null);
    c.set('session', null);
    if (token && token.length <= 64) {
      const found = await validateSessionToken(db, token, now());
      if (found) {
        c.set('user', found.user);
        c.set('session', found.session);
        // Sliding expiry: when the session was extended, the cookie follows its new end.
        if (found.extended) setSessionCookie(c, token, found.session.expiresAt);
      } else {
        deleteCookie(c, COOKIE, { path: '/', secure, prefix: cookiePrefix(secure) });
      }
    }
    await next();
  };

/** Answers 401 unless somebody is signed in. */
export const requireUser = (): MiddlewareHandler<AppEnv> =>
  async function requireUser(c, next) {
    if (!c.var.user) return apiError(c, 401, 'unauthenticated', 'Sign in first.');
    await next();
  };

function setSessionCookie(c: Parameters<MiddlewareHandler<AppEnv>>[0], token: string, expires: Date) {
  const { secure } = c.var.services;
  setCookie(c, COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure,
    expires,
    prefix: cookiePrefix(secure),
  });
}

/** The body of `GET /api/me`: the user and the children they may see. */
export async function meBody(db: Sql, user: SessionUser) {
  const pupils = await db.query<{
    id: string;
    first_name: string;
    last_name: string;
    class_id: string;
    class_name: string;
  }>(
    `SELECT p.id, p.first_name, p.last_name, p.class_id, c.name AS class_name
       FROM pupils p JOIN classes c ON c.id = p.class_id
      WHERE NOT p.deleted
        AND (p.user_id = $1
             OR EXISTS (SELECT 1 FROM custody cu
                         WHERE cu.pupil_id = p.id AND cu.guardian_id = $1 AND cu.ended_at IS NULL))
      ORDER BY p.first_name, p.last_name, p.id`,
    [user.id],
  );
  return {
    user: { id: user.id, role: user.role, name: user.name },
    pupils: pupils.map((p) => ({
      id: p.id,
      name: `${p.first_name} ${p.last_name}`,
      firstName: p.first_name,
      classId: p.class_id,
      className: p.class_name,
    })),
  };
}

export function authRoutes() {
  const app = new Hono<AppEnv>();

  app.post('/auth/password', async (c) => {
    const { db, now } = c.var.services;
    const body = (await readJson(c)) as { email?: unknown; password?: unknown } | null;
    if (
      !body ||
      typeof body !== 'object' ||
      typeof body.email !== 'string' ||
      typeof body.password !== 'string' ||
      body.email.length > 320 ||
      body.password.length > 1024
    ) {
      throw new BadRequest('invalid_body', 'Send {"email": string, "password": string}.');
    }
    const email = body.email.trim().toLowerCase();
    const [row] = await db.query<{ id: string; role: SessionUser['role']; name: string; password_hash: string | null }>(
      'SELECT id, role, name, password_hash FROM users WHERE email = $1 AND NOT disabled',
      [email],
    );
    const ok = row?.password_hash ? await verifyPassword(body.password, row.password_hash) : false;
    if (!row?.password_hash) await burnVerification(body.password);
    if (!row || !ok) return apiError(c, 401, 'invalid_credentials', 'Wrong e-mail address or password.');
    // A new session at every sign-in; the old cookie's session, if any, ends.
    const previous = c.var.session;
    if (previous) await invalidateSession(db, previous.id);
    const token = generateSessionToken();
    const session = await createSession(db, token, row.id, now());
    setSessionCookie(c, token, session.expiresAt);
    const user = { id: row.id, role: row.role, name: row.name };
    return c.json(await meBody(db, user));
  });

  app.post('/auth/logout', async (c) => {
    const { db, secure } = c.var.services;
    if (c.var.session) await invalidateSession(db, c.var.session.id);
    deleteCookie(c, COOKIE, { path: '/', secure, prefix: cookiePrefix(secure) });
    return c.body(null, 204);
  });

  app.get('/me', requireUser(), async (c) => {
    return c.json(await meBody(c.var.services.db, c.var.user as SessionUser));
  });

  return app;
}
