/**
 * The staff API: how a school publishes what the boxes show. Under
 * `/api/staff/`, for signed-in staff and admins only, JSON validated against
 * the schemas in `server/boxes/publish.ts`, and described in the OpenAPI
 * document served at `GET /api/staff/openapi.json` (`openapi.ts`).
 *
 * | call | what it does |
 * |---|---|
 * | `PUT /api/staff/{kind}/{id}` | publishes (creates, updates, publishes again) |
 * | `GET /api/staff/{kind}/{id}` | the item as devices get it, and whether it is published |
 * | `DELETE /api/staff/{kind}/{id}` | unpublishes: devices receive a tombstone |
 * | `POST /api/staff/files` | uploads a file (JSON, its content in base64) to attach to publications |
 * | `GET /api/staff/classes` | the classes the caller opens development-talk times for |
 * | `GET /api/staff/conferences?classId=` | a class's open development-talk times, each with its booking |
 * | `PUT /api/staff/conferences/{id}` | opens a time for a class (or updates it) |
 * | `GET /api/staff/conferences/{id}` | one time, open or closed, with its booking |
 * | `DELETE /api/staff/conferences/{id}` | closes a time (a booked one only with `?cancelBooking=true`) |
 * | `GET /api/staff/absence-reports?date=&after=` | one day's absence reports of the school, new or changed after a cursor |
 * | `GET /api/staff/absence-reports/stream` | server-sent events: a hint each time a report of the school arrives or changes |
 *
 * `{kind}` is assessments, events, publications or contacts. Uppgifter and eTest
 * have their own routes (`server/tasks/routes.ts`).
 *
 * Fritidsschema (`server/care-times/staff.ts`):
 *
 * | call | what it does |
 * |---|---|
 * | `GET /api/staff/care/times?from&to&schoolId` | every enrolled pupil's care times, and the locked days |
 * | `PUT /api/staff/care/locks/{date}` | locks a day, with the reason guardians see |
 * | `DELETE /api/staff/care/locks/{date}?schoolId` | unlocks it |
 * | `PUT /api/staff/care/enrolments/{pupilId}` | enrols a pupil in fritids (opening hours) |
 * | `DELETE /api/staff/care/enrolments/{pupilId}` | ends the enrolment |
 *
 * @module
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { dateInZone } from '../../shared/time.js';
import { validate } from '../../shared/validate.js';
import { absenceReportsFor, parseReportQuery } from '../absence/staff-reports.js';
import { requireUser } from '../auth/routes.js';
import type { SessionUser } from '../auth/sessions.js';
import { fileUploadSchema, storeFile } from '../boxes/files.js';
import { getItem, type ItemScope, PUBLISHED_KINDS, publish, unpublish } from '../boxes/publish.js';
import { careOverview, enrol, lockDay, unenrol, unlockDay } from '../care-times/staff.js';
import { closeSlot, getSlot, listSlots, openSlot, staffClasses } from '../conferences/staff.js';
import { type AppEnv, apiError, BadRequest, readJson } from '../http.js';
import { hubEventStream } from '../sync/event-stream.js';
import { addTaskRoutes } from '../tasks/routes.js';
import { openApiDocument } from './openapi.js';

/** Answers 403 unless the signed-in user is staff or an admin. */
export const requireStaff = (): MiddlewareHandler<AppEnv> =>
  async function requireStaff(c, next) {
    const role = c.var.user?.role;
    if (role !== 'staff' && role !== 'admin') {
      return apiError(c, 403, 'forbidden', 'Only school staff may use this.');
    }
    await next();
  };

export function staffRoutes() {
  const app = new Hono<AppEnv>();
  app.use('/staff/*', requireUser(), requireStaff());

  app.get('/staff/openapi.json', (c) => c.json(openApiDocument()));

  app.post('/staff/files', async (c) => {
    const user = c.var.user as SessionUser;
    const body = await readJson(c);
    const problems = validate(fileUploadSchema, body);
    if (problems.length > 0) throw new BadRequest('invalid_body', problems.slice(0, 5).join('; '));
    const upload = body as { name: string; type: string; scope: ItemScope; content: string };
    const { db } = c.var.services;
    const stored = await db.transaction((tx) =>
      storeFile(tx, user, { ...upload, content: new Uint8Array(Buffer.from(upload.content, 'base64')) }),
    );
    return c.json(stored, 201);
  });

  app.get('/staff/absence-reports', async (c) => {
    const user = c.var.user as SessionUser;
    const { db, now } = c.var.services;
    const { date, after } = parseReportQuery(c.req.query('date'), c.req.query('after'), now());
    const page = await db.transaction((tx) => absenceReportsFor(tx, user, date, after));
    c.header('Cache-Control', 'no-store');
    return c.json(page);
  });

  app.get('/staff/absence-reports/stream', async (c) => {
    const user = c.var.user as SessionUser;
    const { db, hub } = c.var.services;
    const schools =
      user.role === 'admin'
        ? await db.query<{ school_id: string }>('SELECT id AS school_id FROM schools')
        : await db.query<{ school_id: string }>('SELECT school_id FROM users WHERE id = $1 AND school_id IS NOT NULL', [
            user.id,
          ]);
    const keys = schools.map((s) => `staff:${s.school_id}`);
    // The first event asks the page to catch up on what arrived while it was not listening.
    return hubEventStream(c, (send) => hub.subscribeKeys(keys, send), {
      collection: 'absenceReports',
      checkpoint: null,
    });
  });

  app.get('/staff/care/times', async (c) => {
    const user = c.var.user as SessionUser;
    const { db, now } = c.var.services;
    const query = { from: c.req.query('from'), to: c.req.query('to'), schoolId: c.req.query('schoolId') };
    return c.json(await db.transaction((tx) => careOverview(tx, user, query, dateInZone(now()))));
  });
  app.put('/staff/care/locks/:date', async (c) => {
    const user = c.var.user as SessionUser;
    const body = await readJson(c);
    const { db } = c.var.services;
    const result = await db.transaction((tx) => lockDay(tx, user, c.req.param('date'), body));
    return c.json(result.item, result.created ? 201 : 200);
  });
  app.delete('/staff/care/locks/:date', async (c) => {
    const user = c.var.user as SessionUser;
    const { db } = c.var.services;
    await db.transaction((tx) => unlockDay(tx, user, c.req.param('date'), c.req.query('schoolId')));
    return c.body(null, 204);
  });
  app.put('/staff/care/enrolments/:pupilId', async (c) => {
    const user = c.var.user as SessionUser;
    const body = await readJson(c);
    const { db } = c.var.services;
    const result = await db.transaction((tx) => enrol(tx, user, c.req.param('pupilId'), body));
    return c.json(result.item, result.created ? 201 : 200);
  });
  app.delete('/staff/care/enrolments/:pupilId', async (c) => {
    const user = c.var.user as SessionUser;
    const { db } = c.var.services;
    await db.transaction((tx) => unenrol(tx, user, c.req.param('pupilId')));
    return c.body(null, 204);
  });

  addTaskRoutes(app);

  app.get('/staff/classes', async (c) => {
    const user = c.var.user as SessionUser;
    const { db } = c.var.services;
    return c.json({ classes: await db.transaction((tx) => staffClasses(tx, user)) });
  });
  app.get('/staff/conferences', async (c) => {
    const user = c.var.user as SessionUser;
    const classId = c.req.query('classId');
    if (!classId) throw new BadRequest('invalid_query', 'Name the class: ?classId=<id>.');
    const { db } = c.var.services;
    const slots = await db.transaction((tx) => listSlots(tx, user, classId, c.req.query('from')));
    return c.json({ slots });
  });
  app.put('/staff/conferences/:id', async (c) => {
    const user = c.var.user as SessionUser;
    const body = await readJson(c);
    const { db } = c.var.services;
    const result = await db.transaction((tx) => openSlot(tx, user, c.req.param('id'), body));
    return c.json(result.slot, result.created ? 201 : 200);
  });
  app.get('/staff/conferences/:id', async (c) => {
    const user = c.var.user as SessionUser;
    const { db } = c.var.services;
    return c.json(await db.transaction((tx) => getSlot(tx, user, c.req.param('id'))));
  });
  app.delete('/staff/conferences/:id', async (c) => {
    const user = c.var.user as SessionUser;
    const cancel = c.req.query('cancelBooking');
    if (cancel !== undefined && cancel !== 'true' && cancel !== 'false') {
      throw new BadRequest('invalid_query', 'cancelBooking is true or false.');
    }
    const { db } = c.var.services;
    await db.transaction((tx) => closeSlot(tx, user, c.req.param('id'), cancel === 'true'));
    return c.body(null, 204);
  });

  for (const kind of PUBLISHED_KINDS) {
    app.put(`/staff/${kind}/:id`, async (c) => {
      const user = c.var.user as SessionUser;
      const body = await readJson(c);
      const { db, now } = c.var.services;
      const result = await db.transaction((tx) => publish(tx, user, kind, c.req.param('id'), body, dateInZone(now())));
      return c.json(result.item, result.created ? 201 : 200);
    });
    app.get(`/staff/${kind}/:id`, async (c) => {
      const user = c.var.user as SessionUser;
      const { db } = c.var.services;
      return c.json(await db.transaction((tx) => getItem(tx, user, kind, c.req.param('id'))));
    });
    app.delete(`/staff/${kind}/:id`, async (c) => {
      const user = c.var.user as SessionUser;
      const { db } = c.var.services;
      await db.transaction((tx) => unpublish(tx, user, kind, c.req.param('id')));
      return c.body(null, 204);
    });
  }
  return app;
}
