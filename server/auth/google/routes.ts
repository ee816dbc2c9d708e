/**
 * Signing in with Google (pupils): OpenID Connect, authorization code flow
 * with PKCE (S256), through arctic's `OAuth2Client` and endpoints from
 * configuration, so the same code talks to Google and to the local simulator.
 *
 * | call | what it does |
 * |---|---|
 * | `GET /api/auth/google/start[?shared=1]` | 302 to the provider; a short-lived HttpOnly cookie keeps state, code verifier and nonce |
 * | `GET /api/auth/google/callback?code&state` | checks state, trades the code (with the verifier), checks the id_token (signature from the provider's keys, issuer, audience, expiry, nonce), starts a session, 302 to `/?login=google` (or `/?login=google&error=…`) |
 *
 * Only existing pupils sign in. A pupil is matched by issuer and subject;
 * the first time, a Google account is linked to the pupil whose school e-mail
 * it has — only when Google says the address is verified and the account
 * belongs to the school's domain (`hd`). After that the e-mail no longer
 * matters: addresses can change hands, subjects cannot.
 *
 * @module
 */
import { timingSafeEqual } from 'node:crypto';
import { CodeChallengeMethod, generateCodeVerifier, generateState, OAuth2Client } from 'arctic';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose';
import type { Database } from '../../db/database.js';
import type { AppContext, AppEnv } from '../../http.js';
import { startSession } from '../routes.js';

/** Google (or the simulator) as the server uses it. */
export interface GoogleProvider {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  jwksUri: string;
  clientId: string;
  clientSecret: string | null;
  /** The school's Google Workspace domain, e.g. `elev.lingonberg.se`. */
  domain: string;
  /** What the server tells at start. */
  description: string;
}

/** Google's own endpoints (its discovery document), for when only the client is configured. */
export const GOOGLE_ENDPOINTS = {
  issuer: 'https://accounts.google.com',
  authorizationEndpoint: 'https://accounts.google.com/o/oauth2/v2/auth',
  tokenEndpoint: 'https://oauth2.googleapis.com/token',
  jwksUri: 'https://www.googleapis.com/oauth2/v3/certs',
} as const;

const FLOW_COOKIE = 'google';
const FLOW_SECONDS = 10 * 60;
const cookiePrefix = (secure: boolean) => (secure ? ('host' as const) : undefined);

export type GoogleError = 'cancelled' | 'unknown_account' | 'failed';

const keySets = new WeakMap<GoogleProvider, ReturnType<typeof createRemoteJWKSet>>();
function keysOf(provider: GoogleProvider) {
  let keys = keySets.get(provider);
  if (!keys) {
    keys = createRemoteJWKSet(new URL(provider.jwksUri));
    keySets.set(provider, keys);
  }
  return keys;
}

function redirectUri(c: AppContext): string {
  const origin = c.var.services.publicOrigin ?? new URL(c.req.url).origin;
  return `${origin}/api/auth/google/callback`;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

interface GoogleClaims extends JWTPayload {
  email?: unknown;
  email_verified?: unknown;
  hd?: unknown;
  nonce?: unknown;
}

/**
 * The pupil account behind a verified id_token: the one linked to its issuer
 * and subject, or — the first time — the pupil with this school e-mail, which
 * is then linked. Null when there is none.
 */
export async function pupilForGoogle(
  db: Database,
  provider: GoogleProvider,
  claims: GoogleClaims,
): Promise<string | null> {
  const issuer = claims.iss as string;
  const subject = claims.sub as string;
  const [linked] = await db.query<{ id: string }>(
    `SELECT u.id FROM user_identities i JOIN users u ON u.id = i.user_id
      WHERE i.issuer = $1 AND i.subject = $2 AND u.role = 'pupil' AND NOT u.disabled`,
    [issuer, subject],
  );
  if (linked) return linked.id;
  const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
  const domain = provider.domain.toLowerCase();
  if (
    !domain ||
    claims.email_verified !== true ||
    !email.endsWith(`@${domain}`) ||
    (typeof claims.hd === 'string' ? claims.hd.toLowerCase() : '') !== domain
  ) {
    return null;
  }
  return db.transaction(async (tx) => {
    // A pupil with no account of this issuer linked yet (a second Google account cannot take over).
    const [pupil] = await tx.query<{ id: string }>(
      `SELECT u.id FROM users u
        WHERE u.email = $1 AND u.role = 'pupil' AND NOT u.disabled
          AND NOT EXISTS (SELECT 1 FROM user_identities i WHERE i.user_id = u.id AND i.issuer = $2)
        FOR UPDATE`,
      [email, issuer],
    );
    if (!pupil) return null;
    await tx.query(
      `INSERT INTO user_identities (issuer, subject, user_id, email) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING`,
      [issuer, subject, pupil.id, email],
    );
    return pupil.id;
  }) as Promise<string | null>;
}

export function googleRoutes() {
  const app = new Hono<AppEnv>();

  /** Back to the app, which shows the outcome (the sign-in page reads `error`). */
  const back = (c: AppContext, error?: GoogleError) =>
    c.redirect(error ? `/?login=google&error=${error}` : '/?login=google', 302);

  app.get('/auth/google/start', (c) => {
    const { secure, identity } = c.var.services;
    const provider = identity.google;
    if (!provider) return back(c, 'failed');
    const state = generateState();
    const verifier = generateCodeVerifier();
    const nonce = generateState();
    const shared = c.req.query('shared') === '1';
    const client = new OAuth2Client(provider.clientId, provider.clientSecret, redirectUri(c));
    const url = client.createAuthorizationURLWithPKCE(
      provider.authorizationEndpoint,
      state,
      CodeChallengeMethod.S256,
      verifier,
      ['openid', 'email', 'profile'],
    );
    url.searchParams.set('nonce', nonce);
    if (provider.domain) url.searchParams.set('hd', provider.domain);
    url.searchParams.set('prompt', 'select_account');
    // Lax: the cookie must come back with the provider's top-level redirect to the callback.
    setCookie(c, FLOW_COOKIE, [state, verifier, nonce, shared ? '1' : '0'].join('.'), {
      path: '/',
      httpOnly: true,
      sameSite: 'Lax',
      secure,
      maxAge: FLOW_SECONDS,
      prefix: cookiePrefix(secure),
    });
    return c.redirect(url.toString(), 302);
  });

  app.get('/auth/google/callback', async (c) => {
    const { db, now, secure, identity } = c.var.services;
    const provider = identity.google;
    const saved = getCookie(c, FLOW_COOKIE, cookiePrefix(secure));
    deleteCookie(c, FLOW_COOKIE, { path: '/', secure, prefix: cookiePrefix(secure) });
    if (!provider) return back(c, 'failed');
    const error = c.req.query('error');
    if (error) return back(c, error === 'access_denied' ? 'cancelled' : 'failed');

    const [state, verifier, nonce, shared] = (saved ?? '').split('.');
    const code = c.req.query('code');
    const given = c.req.query('state');
    if (!state || !verifier || !nonce || !code || !given || !sameText(given, state)) {
      console.warn('Google sign-in refused: the state does not match this browser’s.');
      return back(c, 'failed');
    }

    let claims: GoogleClaims;
    try {
      const client = new OAuth2Client(provider.clientId, provider.clientSecret, redirectUri(c));
      const tokens = await client.validateAuthorizationCode(provider.tokenEndpoint, code, verifier);
      const verified = await jwtVerify<GoogleClaims>(tokens.idToken(), keysOf(provider), {
        issuer: provider.issuer,
        audience: provider.clientId,
        algorithms: ['RS256'],
        currentDate: now(),
        clockTolerance: 60,
        requiredClaims: ['sub', 'exp', 'iat'],
      });
      claims = verified.payload;
      if (typeof claims.nonce !== 'string' || !sameText(claims.nonce, nonce)) throw new Error('wrong nonce');
    } catch (e) {
      console.warn(`Google sign-in refused: ${e instanceof Error ? e.message : String(e)}`);
      return back(c, 'failed');
    }

    const userId = await pupilForGoogle(db, provider, claims);
    if (!userId) return back(c, 'unknown_account');
    await startSession(c, userId, shared === '1');
    return back(c);
  });

  return app;
}
