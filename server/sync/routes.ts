/**
 * The sync API (contract in the architecture page): which collections a user
 * replicates, pull, push, and the live stream.
 *
 * @module
 */
import { Hono } from 'hono';
import { type CollectionName, collectionNames, isCollectionName, requestSchema } from '../../shared/collections.js';
import { type Schema, validate } from '../../shared/validate.js';
import { requireUser } from '../auth/routes.js';
import type { SessionUser } from '../auth/sessions.js';
import { type AppEnv, apiError, BadRequest, readJson } from '../http.js';
import { applyRequest, type PushedRequest } from '../requests/index.js';
import { serverCollections } from './collections.js';
import { hubEventStream } from './event-stream.js';
import { parseCheckpoint, parseLimit, pull } from './pull.js';

export const MAX_PUSH_ROWS = 100;
const UUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

const pushedRequestSchema: Schema = {
  ...requestSchema,
  properties: {
    ...requestSchema.properties,
    id: { type: 'string', pattern: UUID, maxLength: 36 },
    createdAt: { type: 'string', maxLength: 30, pattern: '^\\d{4}-\\d{2}-\\d{2}T' },
    _deleted: { type: 'boolean' },
  },
};
const pushRowSchema: Schema = {
  type: 'object',
  properties: {
    assumedMasterState: { type: ['object', 'null'], additionalProperties: true },
    newDocumentState: pushedRequestSchema,
  },
  required: ['newDocumentState'],
};

/** The collections `user` replicates: every user has all four; scope decides what is in them. */
export function collectionsFor(_user: SessionUser): CollectionName[] {
  return [...collectionNames];
}

function collectionParam(name: string, user: SessionUser): CollectionName {
  if (!isCollectionName(name) || !collectionsFor(user).includes(name)) {
    throw new BadRequest('unknown_collection', `There is no collection "${name}".`, 404);
  }
  return name;
}

export function syncRoutes() {
  const app = new Hono<AppEnv>();
  app.use('/sync', requireUser());
  app.use('/sync/*', requireUser());

  app.get('/sync', (c) => c.json({ collections: collectionsFor(c.var.user as SessionUser) }));

  app.get('/sync/stream', (c) => {
    const { hub } = c.var.services;
    const user = c.var.user as SessionUser;
    // RESYNC first: catch up on anything that happened while this device was not listening.
    return hubEventStream(c, (send) => hub.subscribe(user.id, send), 'RESYNC');
  });

  app.get('/sync/:collection/pull', async (c) => {
    const user = c.var.user as SessionUser;
    const collection = collectionParam(c.req.param('collection'), user);
    let checkpoint: ReturnType<typeof parseCheckpoint>;
    let limit: number;
    try {
      checkpoint = parseCheckpoint(c.req.query('checkpoint'));
      limit = parseLimit(c.req.query('limit'));
    } catch (error) {
      throw new BadRequest('invalid_query', (error as Error).message);
    }
    const page = await pull(c.var.services.db, user.id, collection, checkpoint, limit);
    c.header('Cache-Control', 'no-store');
    return c.json(page);
  });

  app.post('/sync/:collection/push', async (c) => {
    const user = c.var.user as SessionUser;
    const collection = collectionParam(c.req.param('collection'), user);
    if (!serverCollections[collection].pushable) {
      return apiError(c, 405, 'read_only', `The collection "${collection}" only flows from the server.`);
    }
    const rows = await readJson(c);
    if (!Array.isArray(rows)) throw new BadRequest('invalid_body', 'Send an array of push rows.');
    if (rows.length > MAX_PUSH_ROWS) {
      throw new BadRequest('too_many_rows', `Send at most ${MAX_PUSH_ROWS} rows at a time.`, 413);
    }
    // Check every row before applying any: malformed input changes nothing.
    rows.forEach((row, i) => {
      const problems = validate(pushRowSchema, row, `$[${i}]`);
      if (problems.length > 0) throw new BadRequest('invalid_document', problems.slice(0, 5).join('; '));
    });
    const { db, now } = c.var.services;
    const conflicts = [];
    for (const row of rows as { newDocumentState: PushedRequest }[]) {
      const master = await applyRequest(db, user, now(), row.newDocumentState);
      if (master) conflicts.push(master);
    }
    c.header('Cache-Control', 'no-store');
    return c.json(conflicts);
  });

  return app;
}
