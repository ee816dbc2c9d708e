/**
 * An OpenID Connect provider that stands in for Google in the demo and the
 * tests, on a loopback port: discovery, an authorization page where the
 * tester picks a test account (or cancels), a token endpoint that checks the
 * client's secret (HTTP Basic, as arctic sends it), the redirect URI, the
 * single use and age of the code, and PKCE (S256) — and RS256-signed
 * id_tokens with Google's claims (`email_verified`, `hd`), with its keys at a
 * JWKS endpoint.
 *
 * @example
 *   const sim = await startGoogleSimulator({ clientId: 'skolhubben', clientSecret: 's3cret',
 *     accounts: [{ sub: '1001', email: 'olle@elev.example.se', emailVerified: true, hd: 'elev.example.se', name: 'Olle' }] });
 *
 * @module
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { html } from 'hono/html';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

export interface GoogleTestAccount {
  sub: string;
  email: string;
  emailVerified: boolean;
  /** The Workspace domain that manages the account; none for a private account. */
  hd?: string;
  name: string;
}

export interface GoogleSimulatorOptions {
  clientId: string;
  clientSecret: string;
  accounts: GoogleTestAccount[];
  /** Which redirect URIs the client may use (default: any http(s) URI ending in /api/auth/google/callback). */
  redirectUriAllowed?: (uri: string) => boolean;
  now?: () => number;
  port?: number;
}

export interface GoogleSimulator {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  jwksUri: string;
  /** Token requests the simulator refused, with the reason (for tests). */
  refused: string[];
  close(): Promise<void>;
}

interface Grant {
  clientId: string;
  redirectUri: string;
  challenge: string;
  nonce?: string;
  account: GoogleTestAccount;
  issuedAt: number;
  used: boolean;
}

const CODE_LIFETIME_MS = 60_000;
const base64url = (b: Buffer) => b.toString('base64url');

export async function startGoogleSimulator(options: GoogleSimulatorOptions): Promise<GoogleSimulator> {
  const now = options.now ?? Date.now;
  const allowed =
    options.redirectUriAllowed ?? ((uri: string) => /^https?:\/\/[^/]+\/api\/auth\/google\/callback$/.test(uri));
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const kid = randomUUID();
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const grants = new Map<string, Grant>();
  const refused: string[] = [];
  let issuer = '';

  const app = new Hono();

  app.get('/.well-known/openid-configuration', (c) =>
    c.json({
      issuer,
      authorization_endpoint: `${issuer}/o/oauth2/v2/auth`,
      token_endpoint: `${issuer}/token`,
      jwks_uri: `${issuer}/oauth2/v3/certs`,
      response_types_supported: ['code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    }),
  );

  app.get('/oauth2/v3/certs', (c) => c.json({ keys: [jwk] }));

  const page = (content: unknown, status = 200) =>
    new Response(
      html`<!doctype html>
        <html lang="sv">
          <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>Google-simulator – Logga in</title>
            <style>
              body { font: 16px/1.45 system-ui, sans-serif; max-width: 32rem; margin: 2rem auto; padding: 0 1rem; }
              button { font: inherit; min-height: 2.75rem; width: 100%; margin: .25rem 0; text-align: start; padding: .5rem 1rem; }
              .note { color: #555; } .error { color: #a00; font-weight: 600; }
            </style>
          </head>
          <body>
            <h1>Välj ett konto</h1>
            <p class="note">Google-simulator för demon och testerna: inga riktiga konton.</p>
            ${content}
          </body>
        </html>`.toString(),
      { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } },
    );

  app.get('/o/oauth2/v2/auth', (c) => {
    const q = c.req.query();
    const problem =
      q.client_id !== options.clientId
        ? 'unknown client_id'
        : !q.redirect_uri || !allowed(q.redirect_uri)
          ? 'redirect_uri not registered'
          : q.response_type !== 'code'
            ? 'response_type must be code'
            : !(q.scope ?? '').split(' ').includes('openid')
              ? 'scope must include openid'
              : q.code_challenge_method !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(q.code_challenge ?? '')
                ? 'PKCE with S256 is required'
                : null;
    if (problem) return page(html`<p class="error" role="alert">Fel i begäran: ${problem}.</p>`, 400);
    const hidden = ['client_id', 'redirect_uri', 'state', 'code_challenge', 'nonce'].map(
      (k) => html`<input type="hidden" name=${k} value=${q[k] ?? ''} />`,
    );
    return page(html`<ul style="list-style:none;padding:0">
        ${options.accounts.map(
          (a) => html`<li>
            <form method="post" action="/o/oauth2/v2/auth">
              ${hidden}<input type="hidden" name="sub" value=${a.sub} />
              <button>${a.name} – ${a.email}${a.emailVerified ? '' : ' (ej verifierad)'}</button>
            </form>
          </li>`,
        )}
      </ul>
      <form method="post" action="/o/oauth2/v2/auth">
        ${hidden}<input type="hidden" name="cancel" value="1" /><button>Avbryt</button>
      </form>`);
  });

  app.post('/o/oauth2/v2/auth', async (c) => {
    const f = (await c.req.parseBody()) as Record<string, string>;
    if (f.client_id !== options.clientId || !f.redirect_uri || !allowed(f.redirect_uri)) {
      return page(html`<p class="error" role="alert">Fel i begäran.</p>`, 400);
    }
    const target = new URL(f.redirect_uri);
    if (f.state) target.searchParams.set('state', f.state);
    const account = options.accounts.find((a) => a.sub === f.sub);
    if (f.cancel || !account) {
      target.searchParams.set('error', 'access_denied');
      return c.redirect(target.toString(), 303);
    }
    const code = base64url(randomBytes(24));
    grants.set(code, {
      clientId: f.client_id,
      redirectUri: f.redirect_uri,
      challenge: f.code_challenge ?? '',
      nonce: f.nonce || undefined,
      account,
      issuedAt: now(),
      used: false,
    });
    target.searchParams.set('code', code);
    return c.redirect(target.toString(), 303);
  });

  app.post('/token', async (c) => {
    const f = (await c.req.parseBody()) as Record<string, string>;
    const deny = (status: 400 | 401, error: string, why: string) => {
      refused.push(why);
      return c.json({ error, error_description: why }, status);
    };
    // Client authentication: HTTP Basic (arctic's way) or the body.
    let clientId = f.client_id;
    let secret = f.client_secret;
    const basic = /^Basic (.+)$/i.exec(c.req.header('authorization') ?? '');
    if (basic) {
      const [id, pass] = Buffer.from(basic[1] as string, 'base64')
        .toString('utf8')
        .split(':');
      clientId = decodeURIComponent(id ?? '');
      secret = decodeURIComponent(pass ?? '');
    }
    if (clientId !== options.clientId || secret !== options.clientSecret) {
      return deny(401, 'invalid_client', 'wrong client credentials');
    }
    if (f.grant_type !== 'authorization_code') return deny(400, 'unsupported_grant_type', 'grant_type');
    const grant = grants.get(f.code ?? '');
    if (!grant) return deny(400, 'invalid_grant', 'unknown code');
    if (grant.used) {
      grants.delete(f.code as string);
      return deny(400, 'invalid_grant', 'code used twice');
    }
    grant.used = true;
    if (now() - grant.issuedAt > CODE_LIFETIME_MS) return deny(400, 'invalid_grant', 'code too old');
    if (grant.clientId !== clientId || grant.redirectUri !== f.redirect_uri) {
      return deny(400, 'invalid_grant', 'redirect_uri does not match');
    }
    const verifier = f.code_verifier ?? '';
    const challenge = base64url(createHash('sha256').update(verifier).digest());
    if (!verifier || challenge !== grant.challenge) return deny(400, 'invalid_grant', 'PKCE verifier does not match');

    const a = grant.account;
    const at = Math.floor(now() / 1000);
    const claims: Record<string, unknown> = {
      email: a.email,
      email_verified: a.emailVerified,
      name: a.name,
      azp: clientId,
    };
    if (a.hd) claims.hd = a.hd;
    if (grant.nonce) claims.nonce = grant.nonce;
    const idToken = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer(issuer)
      .setSubject(a.sub)
      .setAudience(clientId)
      .setIssuedAt(at)
      .setExpirationTime(at + 3600)
      .sign(privateKey);
    return c.json({
      access_token: base64url(randomBytes(24)),
      token_type: 'Bearer',
      expires_in: 3599,
      scope: 'openid email profile',
      id_token: idToken,
    });
  });

  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    authorizationEndpoint: `${issuer}/o/oauth2/v2/auth`,
    tokenEndpoint: `${issuer}/token`,
    jwksUri: `${issuer}/oauth2/v3/certs`,
    refused,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
