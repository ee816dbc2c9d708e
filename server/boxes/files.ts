/**
 * Files attached to publications (Information, Planeringar, Dokumentation):
 * staff upload them for a scope (a school, a class, a pupil), publications
 * of the same scope attach them, and users download them through
 * `GET /api/files/{id}` — only while they hold that scope key and a
 * published item attaches the file. A guardian of one child never receives
 * another child's documentation, whatever id they try.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { Schema } from '../../shared/validate.js';
import { requireUser } from '../auth/routes.js';
import type { SessionUser } from '../auth/sessions.js';
import type { Sql } from '../db/database.js';
import { type AppEnv, apiError, BadRequest } from '../http.js';
import { assertMayPublish, type ItemScope, type Publisher, schoolOfScope } from './publish.js';

export const MAX_FILE_BYTES = 8 * 1024 * 1024;
/** The largest upload request: the file in base64 and a little JSON around it. */
export const MAX_UPLOAD_BODY_BYTES = Math.ceil(MAX_FILE_BYTES / 3) * 4 + 4096;

/**
 * What may be uploaded, and whether a browser may show it in place
 * (`inline`) or must save it (`attachment`). Nothing that runs in a browser
 * (HTML, SVG, scripts) is taken.
 */
export const FILE_TYPES: Record<string, 'inline' | 'attachment'> = {
  'application/pdf': 'inline',
  'image/png': 'inline',
  'image/jpeg': 'inline',
  'image/gif': 'inline',
  'image/webp': 'inline',
  'text/plain': 'inline',
  'application/msword': 'attachment',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'attachment',
  'application/vnd.ms-excel': 'attachment',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'attachment',
  'application/vnd.ms-powerpoint': 'attachment',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'attachment',
  'application/vnd.oasis.opendocument.text': 'attachment',
  'application/vnd.oasis.opendocument.spreadsheet': 'attachment',
  'application/vnd.oasis.opendocument.presentation': 'attachment',
};

/** `POST /api/staff/files`: JSON, so that the API takes no body a cross-site form could send. */
export const fileUploadSchema: Schema = {
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    type: { type: 'string', enum: Object.keys(FILE_TYPES), description: 'The file’s media type.' },
    scope: {
      type: 'object',
      description: 'Who the file is for; only publications of the same scope can attach it.',
      properties: {
        kind: { type: 'string', enum: ['school', 'class', 'pupil'] },
        id: { type: 'string', minLength: 1, maxLength: 64 },
      },
      required: ['kind', 'id'],
    },
    content: {
      type: 'string',
      minLength: 1,
      maxLength: MAX_UPLOAD_BODY_BYTES,
      pattern: '^[A-Za-z0-9+/]*={0,2}$',
      contentEncoding: 'base64',
      description: `The file, base64-encoded; at most ${MAX_FILE_BYTES} bytes before encoding.`,
    },
  },
  required: ['name', 'type', 'scope', 'content'],
};

export interface StoredFile {
  id: string;
  name: string;
  type: string;
  size: number;
}

/** Stores a file for `scope`; attach it to a publication of the same scope by its id. */
export async function storeFile(
  tx: Sql,
  publisher: Publisher,
  f: { name: string; type: string; scope: ItemScope; content: Uint8Array; id?: string },
): Promise<StoredFile> {
  const type = f.type.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!Object.hasOwn(FILE_TYPES, type)) {
    throw new BadRequest('unsupported_file_type', `Files of type "${type}" cannot be published.`, 415);
  }
  const name = f.name.trim().replace(/[\\/]/g, '_');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are never part of a file name
  if (name.length === 0 || name.length > 200 || /[\u0000-\u001f\u007f]/.test(name)) {
    throw new BadRequest('invalid_name', 'Give the file a name of 1 to 200 characters.');
  }
  if (f.content.byteLength === 0) throw new BadRequest('empty_file', 'The file is empty.');
  if (f.content.byteLength > MAX_FILE_BYTES) {
    throw new BadRequest('file_too_large', `Files may be at most ${MAX_FILE_BYTES} bytes.`, 413);
  }
  const schoolId = await schoolOfScope(tx, f.scope);
  await assertMayPublish(tx, publisher, schoolId);
  const id = f.id ?? randomUUID();
  await tx.query(
    `INSERT INTO files (id, school_id, scope_kind, scope_ref, name, type, size, content, author_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [id, schoolId, f.scope.kind, f.scope.id, name, type, f.content.byteLength, f.content, publisher.id],
  );
  return { id, name, type, size: f.content.byteLength };
}

/** The file `id` if `user` may download it now, else null. */
export async function readableFile(db: Sql, user: SessionUser, id: string) {
  const rows = await db.query<{ name: string; type: string; content: Uint8Array; school_id: string }>(
    `SELECT f.name, f.type, f.content, f.school_id FROM files f
      WHERE f.id = $2
        AND ($3 OR EXISTS (SELECT 1 FROM scope_keys k
                            WHERE k.user_id = $1 AND k.until_seq IS NULL
                              AND k.kind = f.scope_kind AND k.ref = f.scope_ref))
        AND EXISTS (SELECT 1 FROM publications p
                     WHERE NOT p.deleted AND p.scope_kind = f.scope_kind AND p.scope_ref = f.scope_ref
                       AND p.attachments @> jsonb_build_array(jsonb_build_object('id', f.id))
                    UNION ALL
                    SELECT 1 FROM tasks t
                     WHERE NOT t.deleted AND t.scope_kind = f.scope_kind AND t.scope_ref = f.scope_ref
                       AND t.attachments @> jsonb_build_array(jsonb_build_object('id', f.id)))`,
    [user.id, id, user.role === 'staff' || user.role === 'admin'],
  );
  const file = rows[0];
  if (!file) return null;
  if (user.role === 'staff' || user.role === 'admin') {
    try {
      await assertMayPublish(db, user, file.school_id);
    } catch {
      return null;
    }
  }
  return file;
}

/** `GET /files/:id` (under /api): the file, for those who may see it; 404 for everybody else. */
export function fileRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/files/:id', requireUser(), async (c) => {
    const user = c.var.user as SessionUser;
    const id = c.req.param('id');
    const file = id.length <= 64 ? await readableFile(c.var.services.db, user, id) : null;
    if (!file) return apiError(c, 404, 'not_found', 'There is no such file, or it is not yours to see.');
    const disposition = FILE_TYPES[file.type] ?? 'attachment';
    const ascii = file.name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
    c.header('Content-Type', file.type === 'text/plain' ? 'text/plain; charset=utf-8' : file.type);
    c.header(
      'Content-Disposition',
      `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    );
    c.header('Content-Length', String(file.content.byteLength));
    // Personal: never in a shared cache. The device saves files it is asked to keep itself.
    c.header('Cache-Control', 'private, no-store');
    return c.body(new Uint8Array(file.content));
  });
  return app;
}
