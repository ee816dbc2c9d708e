/**
 * The Hono application: security headers, sessions, the JSON API and the
 * built app. `createApp` takes everything from its options (database, clock,
 * static folder), so tests run it with `app.request()` and no socket.
 *
 * @example
 *   const { app } = await createApp({ db });
 *   const res = await app.request('http://localhost/api/me');
 *
 * @module
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { except } from 'hono/combine';
import { adminRoutes } from './admin/routes.js';
import { startAbandonedOrderSweep } from './auth/bankid/routes.js';
import { OWASP_SCRYPT, type ScryptParams } from './auth/password.js';
import { type IdentityServices, identityRoutes } from './auth/providers.js';
import { authRoutes, sessionMiddleware } from './auth/routes.js';
import { sessionRoutes } from './auth/session-routes.js';
import { fileRoutes, MAX_UPLOAD_BODY_BYTES } from './boxes/files.js';
import type { Database } from './db/database.js';
import { type AppEnv, apiError, BadRequest, type Services } from './http.js';
import { jsonBodies, sameOriginWrites, securityHeaders } from './security.js';
import { staffRoutes } from './staff/routes.js';
import { serveApp } from './static.js';
import { SyncHub } from './sync/hub.js';
import { syncRoutes } from './sync/routes.js';

export const MAX_BODY_BYTES = 256 * 1024;

export interface AppOptions {
  db: Database;
  now?: () => Date;
  /** e.g. `https://skolhubben.example.se`; decides Secure cookies and the same-origin rule. */
  publicOrigin?: string;
  /** The built app to serve (`dist/`); omitted, only the API answers. */
  staticDir?: string;
  heartbeatMs?: number;
  /** Take the client's address from X-Forwarded-For (behind a proxy). */
  trustProxy?: boolean;
  /** Sign-out sends Clear-Site-Data "cookies" too (default true). */
  clearSiteCookies?: boolean;
  /** BankID, Google and the municipality's name; without a provider its sign-in answers 503. */
  identity?: IdentityServices;
  /** scrypt parameters for new passwords (default OWASP's); tests use cheap ones, as their accounts do. */
  passwordHashing?: ScryptParams;
}

export interface App {
  app: Hono<AppEnv>;
  services: Services;
  /** Stops the live-update listener and the BankID sweep (the database stays open: it is the caller's). */
  close(): Promise<void>;
}

export async function createApp(options: AppOptions): Promise<App> {
  const hub = new SyncHub(options.db);
  await hub.start();
  const services: Services = {
    db: options.db,
    hub,
    now: options.now ?? (() => new Date()),
    secure: options.publicOrigin?.startsWith('https://') ?? false,
    publicOrigin: options.publicOrigin,
    heartbeatMs: options.heartbeatMs ?? 25_000,
    trustProxy: options.trustProxy ?? false,
    clearSiteCookies: options.clearSiteCookies ?? true,
    identity: options.identity ?? {},
    passwordHashing: options.passwordHashing ?? OWASP_SCRYPT,
  };
  // BankID orders whose page was left without a word are cancelled at BankID.
  const stopSweep = services.identity.bankid ? startAbandonedOrderSweep(services) : () => {};

  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    c.set('services', services);
    await next();
  });
  app.use('*', securityHeaders());
  app.use('/api/*', sameOriginWrites());
  app.use('/api/*', jsonBodies());
  app.use(
    '/api/*',
    except(
      '/api/staff/files',
      bodyLimit({
        maxSize: MAX_BODY_BYTES,
        onError: (c) => apiError(c, 413, 'body_too_large', `Send at most ${MAX_BODY_BYTES} bytes.`),
      }),
    ),
  );
  // Files come in base64: their one route takes more.
  app.use(
    '/api/staff/files',
    bodyLimit({
      maxSize: MAX_UPLOAD_BODY_BYTES,
      onError: (c) => apiError(c, 413, 'body_too_large', `Send at most ${MAX_UPLOAD_BODY_BYTES} bytes.`),
    }),
  );
  app.use('/api/*', sessionMiddleware());

  app.get('/api/health', (c) => c.json({ ok: true }));
  app.route('/api', authRoutes());
  app.route('/api', identityRoutes());
  app.route('/api', sessionRoutes());
  app.route('/api', adminRoutes());
  app.route('/api', syncRoutes());
  app.route('/api', staffRoutes());
  app.route('/api', fileRoutes());
  app.all('/api/*', (c) => apiError(c, 404, 'not_found', `No API route ${c.req.method} ${c.req.path}.`));

  if (options.staticDir) app.use('*', serveApp(options.staticDir));

  app.onError((error, c) => {
    if (error instanceof BadRequest) return apiError(c, error.status, error.error, error.message);
    console.error(error);
    return apiError(c, 500, 'internal', 'Something went wrong on the server. Try again.');
  });
  app.notFound((c) => apiError(c, 404, 'not_found', 'Not found.'));

  return {
    app,
    services,
    close: async () => {
      stopSweep();
      await hub.stop();
    },
  };
}
