/**
 * The walls every response stands behind: security headers (a strict CSP with
 * no inline script or style and no eval), a same-origin rule for every
 * request that changes something, and JSON as the only body such a request
 * may send (a cross-site form can send neither our Origin nor JSON).
 *
 * @module
 */
import type { MiddlewareHandler } from 'hono';
import { type AppEnv, apiError } from './http.js';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Sets the security headers on every response. */
export const securityHeaders = (): MiddlewareHandler<AppEnv> =>
  async function securityHeaders(c, next) {
    await next();
    const h = c.res.headers;
    h.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    h.set('X-Content-Type-Options', 'nosniff');
    h.set('Referrer-Policy', 'no-referrer');
    h.set('Cross-Origin-Opener-Policy', 'same-origin');
    h.set('Cross-Origin-Resource-Policy', 'same-origin');
    h.set('X-Frame-Options', 'DENY'); // frame-ancestors for browsers that predate it
    h.set(
      'Permissions-Policy',
      'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), hid=(), midi=(), ' +
        'display-capture=(), interest-cohort=(), browsing-topics=()',
    );
    if (c.var.services.secure) h.set('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
    if (c.req.path.startsWith('/api/') && !h.has('Cache-Control')) h.set('Cache-Control', 'no-store');
  };

/**
 * Refuses a request that changes something unless it comes from our own
 * origin: the Origin header when the browser sends one, else Sec-Fetch-Site.
 */
export const sameOriginWrites = (): MiddlewareHandler<AppEnv> =>
  async function sameOriginWrites(c, next) {
    const method = c.req.method;
    if (method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS') {
      const expected = c.var.services.publicOrigin ?? new URL(c.req.url).origin;
      const origin = c.req.header('origin');
      const site = c.req.header('sec-fetch-site');
      if ((origin && origin !== expected) || (!origin && site && site !== 'same-origin' && site !== 'none')) {
        return apiError(c, 403, 'cross_origin', 'Requests that change something must come from this site.');
      }
    }
    await next();
  };

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Refuses (415) a request that changes something and carries a body that is
 * not JSON. A request without a body (sign-out, DELETE) needs no type.
 */
export const jsonBodies = (): MiddlewareHandler<AppEnv> =>
  async function jsonBodies(c, next) {
    if (WRITES.has(c.req.method)) {
      const type = c.req.header('content-type');
      // A declared type must be JSON. Without one, there must be no body (HTTP/1.1: no
      // Content-Length above 0 and no Transfer-Encoding), as in a sign-out or a DELETE.
      const untypedBody =
        type === undefined &&
        (Number(c.req.header('content-length') ?? 0) > 0 || c.req.header('transfer-encoding') !== undefined);
      if ((type !== undefined && !/^application\/json\b/i.test(type)) || untypedBody) {
        return apiError(c, 415, 'unsupported_media_type', 'Send the body as application/json.');
      }
    }
    await next();
  };
