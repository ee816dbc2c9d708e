/**
 * Serves the built app from `dist/`: hashed assets cached for a year, the
 * shell and service worker revalidated on every load (ETag), Brotli or gzip
 * copies made at build time when the browser takes them, and `index.html` for
 * every other page so the app's own routes work on reload.
 *
 * @module
 */
import { readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './http.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

interface StaticFile {
  path: string;
  etag: string;
  mtimeMs: number;
}

function freshCopy(file: StaticFile, suffix: string): boolean {
  try {
    return statSync(file.path + suffix).mtimeMs >= file.mtimeMs;
  } catch {
    return false;
  }
}

/** Serves files under `root`; anything else that is not `/api/` gets `index.html`. */
export const serveApp = (root: string): MiddlewareHandler<AppEnv> =>
  async function serveApp(c, next) {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    if (c.req.path.startsWith('/api/')) return next();
    let rel: string;
    try {
      rel = normalize(decodeURIComponent(c.req.path)).replace(/^([/\\])+/, '');
    } catch {
      return next();
    }
    if (rel.split(sep).includes('..')) return next();
    let file = rel === '' ? undefined : find(root, rel);
    let immutable = rel.startsWith(`assets${sep}`);
    if (!file) {
      // A page of the app (no file extension) gets the shell; a missing file is a 404.
      if (extname(rel) !== '') return next();
      file = find(root, 'index.html');
      immutable = false;
      if (!file) return next();
    }
    const type = TYPES[extname(file.path)] ?? 'application/octet-stream';
    c.header('Content-Type', type);
    c.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    c.header('ETag', file.etag);
    c.header('Vary', 'Accept-Encoding');
    if (c.req.header('if-none-match') === file.etag) return c.body(null, 304);
    const accept = c.req.header('accept-encoding') ?? '';
    for (const [encoding, suffix] of [
      ['br', '.br'],
      ['gzip', '.gz'],
    ] as const) {
      // A compressed copy older than its file is stale (the file was replaced): never serve it.
      if (accept.includes(encoding) && freshCopy(file, suffix)) {
        c.header('Content-Encoding', encoding);
        return c.body(readFileSync(file.path + suffix));
      }
    }
    return c.body(readFileSync(file.path));
  };

function find(root: string, rel: string): StaticFile | undefined {
  const path = join(root, rel);
  if (!path.startsWith(root)) return undefined;
  try {
    const st = statSync(path);
    if (!st.isFile()) return undefined;
    return { path, etag: `"${st.size.toString(36)}-${Math.floor(st.mtimeMs).toString(36)}"`, mtimeMs: st.mtimeMs };
  } catch {
    return undefined;
  }
}
