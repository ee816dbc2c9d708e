/**
 * Signing in and out, and who is signed in: the session middleware and the
 * `/api/auth/*` and `/api/me` routes (contract in the architecture page).
 *
 * @module
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { requireUser } from '../access/roles.js';
import type { Sql } from '../db/database.js';
import { type AppContext, type AppEnv, apiError, BadRequest, readJson } from '../http.js';
import { redeemActivationCode } from './activation.js';
import { burnVerification, verifyPassword } from './password.js';
import {
  createSession,
  generateSessionToken,
  invalidateSession,
  type Session,
  type SessionUser,
  validateSessionToken,
} from './sessions.js';
import {
  addressCounted,
  addressWait,
  clientAddress,
  passwordFailed,
  passwordSucceeded,
  passwordWait,
  tooManyAttempts,
} from './throttle.js';

export { requireUser };

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
        if (found.extended) setSessionCookie(c, token, found.session);
      } else {
        deleteCookie(c, COOKIE, { path: '/', secure, prefix: cookiePrefix(secure) });
      }
    }
    await next();
  };

/** The cookie of `session`: it ends with the session, or with the browser on a shared computer. */
function setSessionCookie(c: AppContext, token: string, session: Session) {
  const { secure } = c.var.services;
  setCookie(c, COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure,
    expires: session.shared ? undefined : session.expiresAt,
    prefix: cookiePrefix(secure),
  });
}

/** Starts a new session for `user` (ending the one this browser had) and sets its cookie. */
export async function startSession(c: AppContext, userId: string, shared: boolean): Promise<Session> {
  const { db, now } = c.var.services;
  const previous = c.var.session;
  if (previous) await invalidateSession(db, previous.id);
  const token = generateSessionToken();
  const session = await createSession(db, token, userId, now(), { shared, userAgent: c.req.header('user-agent') });
  setSessionCookie(c, token, session);
  return session;
}

/**
 * What sign-out tells the browser: the cookie is gone, and Clear-Site-Data
 * clears the HTTP cache (nothing personal is kept there: the API answers
 * no-store, but a page in the back/forward cache goes too) and, unless turned
 * off, every cookie of the site. Not "storage": it would also remove the
 * service worker and the app shell, so the app would no longer start offline;
 * the page removes the personal storage itself (client/app/wipe.ts).
 */
function clearSignedOut(c: AppContext) {
  const { secure, clearSiteCookies } = c.var.services;
  deleteCookie(c, COOKIE, { path: '/', secure, prefix: cookiePrefix(secure) });
  c.header('Clear-Site-Data', clearSiteCookies ? '"cache", "cookies"' : '"cache"');
}

/** The body of `GET /api/me`: the user and the children they may see. */
export async function meBody(db: Sql, user: SessionUser) {
  const pupils = await db.query<{
    id: string;
    first_name: string;
    last_name: string;
    class_id: string;
    class_name: string;
    school_id: string;
  }>(
    `SELECT p.id, p.first_name, p.last_name, p.class_id, c.name AS class_name, c.school_id
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
      schoolId: p.school_id,
    })),
  };
}

export function authRoutes() {
  const app = new Hono<AppEnv>();

  app.post('/auth/password', async (c) => {
    const { db, now } = c.var.services;
    const body = (await readJson(c)) as { email?: unknown; password?: unknown; shared?: unknown } | null;
    if (
      !body ||
      typeof body !== 'object' ||
      typeof body.email !== 'string' ||
      typeof body.password !== 'string' ||
      (body.shared !== undefined && typeof body.shared !== 'boolean') ||
      body.email.length > 320 ||
      body.password.length > 1024
    ) {
      throw new BadRequest('invalid_body', 'Send {"email": string, "password": string, "shared"?: boolean}.');
    }
    const email = body.email.trim().toLowerCase();
    const address = clientAddress(c);
    const wait = await passwordWait(db, email, address, now());
    if (wait > 0) return tooManyAttempts(c, wait);
    const [row] = await db.query<{ id: string; role: SessionUser['role']; name: string; password_hash: string | null }>(
      'SELECT id, role, name, password_hash FROM users WHERE email = $1 AND NOT disabled',
      [email],
    );
    const ok = row?.password_hash ? await verifyPassword(body.password, row.password_hash) : false;
    if (!row?.password_hash) await burnVerification(body.password, c.var.services.passwordHashing);
    if (!row || !ok) {
      await passwordFailed(db, email, address, now());
      return apiError(c, 401, 'invalid_credentials', 'Wrong e-mail address or password.');
    }
    await passwordSucceeded(db, email, address);
    // A new session at every sign-in; the old cookie's session, if any, ends.
    await startSession(c, row.id, body.shared === true);
    const user = { id: row.id, role: row.role, name: row.name };
    return c.json(await meBody(db, user));
  });

  app.post('/auth/activate', async (c) => {
    const { db, now } = c.var.services;
    const body = (await readJson(c)) as { code?: unknown; password?: unknown; shared?: unknown } | null;
    if (
      !body ||
      typeof body !== 'object' ||
      typeof body.code !== 'string' ||
      typeof body.password !== 'string' ||
      (body.shared !== undefined && typeof body.shared !== 'boolean') ||
      body.code.length > 64 ||
      body.password.length > 1024
    ) {
      throw new BadRequest('invalid_body', 'Send {"code": string, "password": string, "shared"?: boolean}.');
    }
    const address = clientAddress(c);
    const wait = await addressWait(db, 'activation', address, now());
    if (wait > 0) return tooManyAttempts(c, wait);
    const result = await redeemActivationCode(db, body.code, body.password, now(), c.var.services.passwordHashing);
    if (!result.ok && result.error === 'invalid_code') {
      await addressCounted(db, 'activation', address, now());
      return apiError(
        c,
        400,
        'invalid_code',
        'The activation code is wrong, used or too old. Ask the school for a new one.',
      );
    }
    if (!result.ok) {
      return c.json(
        {
          error: 'password_policy',
          problem: result.problem,
          message: `The password is not accepted (${result.problem}).`,
        },
        400,
      );
    }
    await startSession(c, result.user.id, body.shared === true);
    return c.json({ ...(await meBody(db, result.user)), email: result.email });
  });

  app.post('/auth/logout', async (c) => {
    const { db } = c.var.services;
    if (c.var.session) await invalidateSession(db, c.var.session.id);
    clearSignedOut(c);
    return c.body(null, 204);
  });

  app.get('/me', requireUser(), async (c) => {
    return c.json(await meBody(c.var.services.db, c.var.user as SessionUser));
  });

  return app;
}
