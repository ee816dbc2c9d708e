/**
 * A user's own sessions: the list ("where am I signed in?") and ending any of
 * them. Sessions are named by their public id; another user's id is answered
 * as if it did not exist.
 *
 * | call | answer |
 * |---|---|
 * | `GET /api/sessions` | `{ "sessions": [{ id, createdAt, lastUsedAt, expiresAt, shared, device, current }] }` |
 * | `DELETE /api/sessions/{id}` | 204; 404 when the user has no such session. Ending the current one signs out here. |
 * | `DELETE /api/sessions` | `{ "ended": n }`: every session but the current one ends |
 *
 * @module
 */
import { Hono } from 'hono';
import { deleteCookie } from 'hono/cookie';
import { requireUser } from '../access/roles.js';
import { type AppEnv, apiError } from '../http.js';
import { endSessionOf, listSessions, type Session, type SessionUser } from './sessions.js';

export function sessionRoutes() {
  const app = new Hono<AppEnv>();
  app.use('/sessions', requireUser());
  app.use('/sessions/*', requireUser());

  app.get('/sessions', async (c) => {
    const { db, now } = c.var.services;
    const user = c.var.user as SessionUser;
    return c.json({ sessions: await listSessions(db, user.id, now(), (c.var.session as Session).id) });
  });

  app.delete('/sessions', async (c) => {
    const { db } = c.var.services;
    const session = c.var.session as Session;
    const rows = await db.query('DELETE FROM sessions WHERE user_id = $1 AND id <> $2 RETURNING 1', [
      session.userId,
      session.id,
    ]);
    return c.json({ ended: rows.length });
  });

  app.delete('/sessions/:id', async (c) => {
    const { db, secure } = c.var.services;
    const session = c.var.session as Session;
    const id = c.req.param('id');
    if (id.length > 64 || !(await endSessionOf(db, session.userId, id))) {
      return apiError(c, 404, 'not_found', 'You have no such session.');
    }
    if (id === session.publicId) {
      deleteCookie(c, 'session', { path: '/', secure, prefix: secure ? 'host' : undefined });
    }
    return c.body(null, 204);
  });

  return app;
}
