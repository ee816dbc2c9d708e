/**
 * The identity providers the server signs people in with, besides passwords:
 * BankID for guardians and Google for pupils, each behind an interface with a
 * real client and a local simulator (`setup.ts` chooses); and what the
 * sign-in page shows, `GET /api/auth/methods`:
 * `{ "municipality": "Lingonbergs kommun" | null, "bankid": boolean, "google": boolean }`.
 *
 * @module
 */
import { Hono } from 'hono';
import type { AppEnv } from '../http.js';
import { type BankIdProvider, bankIdRoutes } from './bankid/routes.js';
import { type GoogleProvider, googleRoutes } from './google/routes.js';

export interface IdentityServices {
  /** The municipality named on the sign-in page, e.g. "Lingonbergs kommun". */
  municipality?: string;
  /** The key of the personnummer hashes (server/auth/identity.ts); BankID needs it. */
  personnummerKey?: Uint8Array;
  bankid?: BankIdProvider;
  google?: GoogleProvider;
}

/** The sign-in methods this server offers, and the BankID and Google routes. */
export function identityRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/auth/methods', (c) => {
    const { identity } = c.var.services;
    return c.json({
      municipality: identity.municipality ?? null,
      bankid: Boolean(identity.bankid && identity.personnummerKey),
      google: Boolean(identity.google),
    });
  });
  app.route('/', bankIdRoutes());
  app.route('/', googleRoutes());
  return app;
}
