/**
 * What every route shares: the app's context type, JSON errors in one shape
 * (`{ "error": code, "message": text }`), and reading a JSON body safely.
 *
 * @module
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ScryptParams } from './auth/password.js';
import type { IdentityServices } from './auth/providers.js';
import type { Session, SessionUser } from './auth/sessions.js';
import type { Database } from './db/database.js';
import type { SyncHub } from './sync/hub.js';

export interface Services {
  db: Database;
  hub: SyncHub;
  /** The server's clock; tests set it to the edges of days. */
  now(): Date;
  /** Whether the public address is HTTPS (Secure cookies, HSTS). */
  secure: boolean;
  /** The public origin, when configured; otherwise the request's own. */
  publicOrigin?: string;
  /** Milliseconds between heartbeats on the live stream. */
  heartbeatMs: number;
  /** Behind a proxy: the client's address is the last X-Forwarded-For entry. */
  trustProxy: boolean;
  /** Whether sign-out sends Clear-Site-Data "cookies" (which clears the whole registrable domain's cookies). */
  clearSiteCookies: boolean;
  /** BankID, Google and the municipality's name (server/auth/providers.ts). */
  identity: IdentityServices;
  /** The scrypt parameters new passwords are hashed with, and an unknown account's sign-in spends. */
  passwordHashing: ScryptParams;
}

export type AppEnv = {
  Variables: {
    services: Services;
    user: SessionUser | null;
    session: Session | null;
  };
};

export type AppContext = Context<AppEnv>;

/** A JSON error response. */
export function apiError(c: Context, status: ContentfulStatusCode, error: string, message: string) {
  return c.json({ error, message }, status);
}

export class BadRequest extends Error {
  constructor(
    readonly error: string,
    message: string,
    readonly status: ContentfulStatusCode = 400,
  ) {
    super(message);
  }
}

/** The parsed JSON body; throws BadRequest unless the request says and is JSON. */
export async function readJson(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new BadRequest('unsupported_media_type', 'Send the body as application/json.', 415);
  }
  const text = await c.req.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new BadRequest('invalid_json', 'The body is not valid JSON.');
  }
}
