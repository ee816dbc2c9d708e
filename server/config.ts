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
 *
 * @module
 */
import { resolve } from 'node:path';

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
  };
}
