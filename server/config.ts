/**
 * Configuration from environment variables, with safe defaults: a fresh
 * checkout runs with an embedded database in `./data` and the demo school.
 *
 * | variable | default | meaning |
 * |---|---|---|
 * | `PORT` | 3000 | port to listen on |
 * | `HOST` | 127.0.0.1 | address to listen on (`0.0.0.0` for all) |
 * | `DATA_DIR` | ./data | PGlite's folder (unused with `DATABASE_URL`) |
 * | `DATABASE_URL` | — | PostgreSQL connection URL; when set, PGlite is not used |
 * | `PUBLIC_ORIGIN` | — | the public address, e.g. https://skolhubben.example.se |
 * | `STATIC_DIR` | ./dist | the built app |
 * | `DEMO_SCHOOL` | on | `off`: do not create the demo school in an empty database |
 * | `TRUST_PROXY` | off | `on`: behind a proxy, the client's address is the last X-Forwarded-For entry |
 * | `CLEAR_SITE_COOKIES` | on | `off`: sign-out does not send Clear-Site-Data "cookies" (it clears every cookie of the registrable domain) |
 * | `MUNICIPALITY_NAME` | Lingonbergs kommun | the municipality the sign-in page names (the demo's is fictional) |
 * | `PERSONNUMMER_KEY` | made once in `DATA_DIR` | key of the personnummer hashes (64 hex digits, `openssl rand -hex 32`); required with `DATABASE_URL` |
 * | `BANKID_URL` | — | BankID's RP API v6, e.g. https://appapi2.bankid.com/rp/v6.0; unset: the BankID simulator on a loopback port |
 * | `BANKID_PFX`, `BANKID_PFX_PASSPHRASE` | — | the relying party certificate (PKCS#12 file) and its passphrase; required over HTTPS |
 * | `BANKID_CA` | — | BankID's CA certificate (PEM file), the only one trusted for BANKID_URL; required over HTTPS |
 * | `GOOGLE_CLIENT_ID`, `GOOGLE_CLIENT_SECRET` | — | the OAuth client for pupils' Google sign-in; unset: the OpenID Connect simulator |
 * | `GOOGLE_DOMAIN` | elev.lingonberg.se | the school's Google Workspace domain: a first sign-in links a pupil only through a verified e-mail in it |
 * | `GOOGLE_ISSUER`, `GOOGLE_AUTHORIZATION_ENDPOINT`, `GOOGLE_TOKEN_ENDPOINT`, `GOOGLE_JWKS_URI` | Google's | another OpenID provider's endpoints |
 *
 * @module
 */
import { resolve } from 'node:path';
import { type IdentityConfig, loadIdentityConfig } from './auth/setup.js';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  publicOrigin?: string;
  staticDir: string;
  demoSchool: boolean;
  trustProxy: boolean;
  clearSiteCookies: boolean;
  /** BankID, Google, the municipality's name and the personnummer key (server/auth/setup.ts). */
  identity: IdentityConfig;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  const publicOrigin = env.PUBLIC_ORIGIN?.replace(/\/+$/, '') || undefined;
  if (publicOrigin && !/^https?:\/\/[^/]+$/.test(publicOrigin)) {
    throw new Error(`PUBLIC_ORIGIN must look like https://host[:port], not "${env.PUBLIC_ORIGIN}"`);
  }
  return {
    port,
    host: env.HOST || '127.0.0.1',
    dataDir: resolve(env.DATA_DIR || 'data'),
    databaseUrl: env.DATABASE_URL || undefined,
    publicOrigin,
    staticDir: resolve(env.STATIC_DIR || 'dist'),
    demoSchool: (env.DEMO_SCHOOL ?? 'on') !== 'off',
    trustProxy: (env.TRUST_PROXY ?? 'off') === 'on',
    clearSiteCookies: (env.CLEAR_SITE_COOKIES ?? 'on') !== 'off',
    identity: loadIdentityConfig(env),
  };
}
