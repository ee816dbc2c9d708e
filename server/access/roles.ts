/**
 * Role checks, in one place: every route that is not open to everybody says
 * here who may call it. The table of who may do what is docs/access-rules.md;
 * the authorization matrix test (`matrix.test.ts`) holds every route to it.
 *
 * What a signed-in user may *read* through sync is decided by scope keys
 * (server/sync/scope.ts), not here.
 *
 * @module
 */
import type { MiddlewareHandler } from 'hono';
import type { SessionUser } from '../auth/sessions.js';
import { type AppEnv, apiError } from '../http.js';

export type Role = SessionUser['role'];

/** 401 unless somebody is signed in. */
export const requireUser = (): MiddlewareHandler<AppEnv> =>
  async function requireUser(c, next) {
    if (!c.var.user) return apiError(c, 401, 'unauthenticated', 'Sign in first.');
    await next();
  };

/** 401 unless signed in, 403 unless the user has one of `roles`. */
export const requireRole = (...roles: Role[]): MiddlewareHandler<AppEnv> =>
  async function requireRole(c, next) {
    const user = c.var.user;
    if (!user) return apiError(c, 401, 'unauthenticated', 'Sign in first.');
    if (!roles.includes(user.role)) return apiError(c, 403, 'forbidden', 'Your account may not do this.');
    await next();
  };
