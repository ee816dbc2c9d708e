/**
 * The school administrator's API: activation codes, ending a person's
 * sessions, disabling and enabling an account. Admins only; a person is named
 * by id or e-mail address. The same operations are on the command line
 * (`npm run admin`, see cli.ts).
 *
 * | call | request | answer |
 * |---|---|---|
 * | `POST /api/admin/activation-codes` | `{ "user": id or e-mail }` | 201 `{ code, expiresAt, user: { id, name, email, role } }` |
 * | `DELETE /api/admin/users/{user}/sessions` | — | `{ "ended": n }` |
 * | `POST /api/admin/users/{user}/disable` | — | 204: sessions end, sign-in refused |
 * | `POST /api/admin/users/{user}/enable` | — | 204 |
 *
 * @module
 */
import { Hono } from 'hono';
import { requireRole } from '../access/roles.js';
import { findAccount, issueActivationCode } from '../auth/activation.js';
import type { SessionUser } from '../auth/sessions.js';
import { type AppContext, type AppEnv, apiError, BadRequest, readJson } from '../http.js';
import { disableAccount, enableAccount, endSessions } from './accounts.js';

const ISSUE_ERRORS = {
  unknown_user: [404, 'There is no such person.'],
  disabled: [409, 'The account is disabled: enable it first.'],
  no_email: [409, 'The account has no e-mail address to sign in with.'],
  role: [403, 'Activation codes are for guardians and pupils.'],
} as const;

async function target(c: AppContext) {
  const ref = c.req.param('user') ?? '';
  const account = ref.length <= 320 ? await findAccount(c.var.services.db, ref) : null;
  return account;
}

export function adminRoutes() {
  const app = new Hono<AppEnv>();
  app.use('/admin/*', requireRole('admin'));

  app.post('/admin/activation-codes', async (c) => {
    const { db, now } = c.var.services;
    const body = (await readJson(c)) as { user?: unknown } | null;
    if (!body || typeof body !== 'object' || typeof body.user !== 'string' || body.user.length > 320) {
      throw new BadRequest('invalid_body', 'Send {"user": id or e-mail address}.');
    }
    const account = await findAccount(db, body.user);
    const result = account
      ? await issueActivationCode(db, account, (c.var.user as SessionUser).id, now())
      : ({ error: 'unknown_user' } as const);
    if ('error' in result) {
      const [status, message] = ISSUE_ERRORS[result.error];
      return apiError(c, status, result.error, message);
    }
    const a = account as NonNullable<typeof account>;
    return c.json(
      {
        code: result.code,
        expiresAt: result.expiresAt.toISOString(),
        user: { id: a.id, name: a.name, email: a.email, role: a.role },
      },
      201,
    );
  });

  app.delete('/admin/users/:user/sessions', async (c) => {
    const account = await target(c);
    if (!account) return apiError(c, 404, 'unknown_user', 'There is no such person.');
    return c.json({ ended: await endSessions(c.var.services.db, account.id) });
  });

  app.post('/admin/users/:user/disable', async (c) => {
    const account = await target(c);
    if (!account) return apiError(c, 404, 'unknown_user', 'There is no such person.');
    if (account.id === (c.var.user as SessionUser).id) {
      return apiError(c, 409, 'self', 'An administrator cannot disable their own account.');
    }
    await disableAccount(c.var.services.db, account.id);
    return c.body(null, 204);
  });

  app.post('/admin/users/:user/enable', async (c) => {
    const account = await target(c);
    if (!account) return apiError(c, 404, 'unknown_user', 'There is no such person.');
    await enableAccount(c.var.services.db, account.id);
    return c.body(null, 204);
  });

  return app;
}
