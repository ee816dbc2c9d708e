/**
 * The staff API for Uppgifter and eTest (mounted under `/api/staff/` with the
 * other staff routes, so only signed-in staff and admins reach it):
 *
 * | call | what it does |
 * |---|---|
 * | `GET /api/staff/tasks` | the assignments I published, each pupil's conversation |
 * | `PUT /api/staff/tasks/{id}` | publishes an assignment (or updates it) |
 * | `GET /api/staff/tasks/{id}` | the assignment with every pupil's conversation |
 * | `DELETE /api/staff/tasks/{id}` | unpublishes it and its conversations |
 * | `POST /api/staff/tasks/{id}/conversations/{pupilId}` | replies to a pupil and/or sets their status |
 * | `PUT /api/staff/etests/{id}` | publishes an eTest with its answer key |
 * | `GET /api/staff/etests/{id}` | the eTest with its answer key |
 * | `DELETE /api/staff/etests/{id}` | unpublishes it and the pupils' submissions |
 * | `GET /api/staff/etests/{id}/submissions` | every pupil's submission (or none) and result |
 * | `PUT /api/staff/etests/{id}/results/{pupilId}` | publishes a pupil's result |
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import { dateInZone } from '../../shared/time.js';
import type { SessionUser } from '../auth/sessions.js';
import { etestForStaff, publishEtest, publishResult, submissionsOf } from '../etest/etests.js';
import { type AppEnv, readJson } from '../http.js';
import {
  assignmentForStaff,
  assignmentsOf,
  publishAssignment,
  replyInConversation,
  unpublishTask,
} from './assignments.js';

/** Adds the routes to the staff app (whose middleware has checked the role). */
export function addTaskRoutes(app: Hono<AppEnv>): void {
  const user = (c: { var: { user?: SessionUser | null } }) => c.var.user as SessionUser;

  app.get('/staff/tasks', async (c) => {
    const { db } = c.var.services;
    return c.json(await db.transaction((tx) => assignmentsOf(tx, user(c))));
  });
  app.put('/staff/tasks/:id', async (c) => {
    const body = await readJson(c);
    const { db, now } = c.var.services;
    const r = await db.transaction((tx) => publishAssignment(tx, user(c), c.req.param('id'), body, dateInZone(now())));
    return c.json(r.item, r.created ? 201 : 200);
  });
  app.get('/staff/tasks/:id', async (c) => {
    const { db } = c.var.services;
    return c.json(await db.transaction((tx) => assignmentForStaff(tx, user(c), c.req.param('id'))));
  });
  app.delete('/staff/tasks/:id', async (c) => {
    const { db } = c.var.services;
    await db.transaction((tx) => unpublishTask(tx, user(c), 'assignment', c.req.param('id')));
    return c.body(null, 204);
  });
  app.post('/staff/tasks/:id/conversations/:pupilId', async (c) => {
    const body = await readJson(c);
    const { db, now } = c.var.services;
    const doc = await db.transaction((tx) =>
      replyInConversation(tx, user(c), c.req.param('id'), c.req.param('pupilId'), body, now(), randomUUID()),
    );
    return c.json(doc);
  });

  app.put('/staff/etests/:id', async (c) => {
    const body = await readJson(c);
    const { db, now } = c.var.services;
    const r = await db.transaction((tx) => publishEtest(tx, user(c), c.req.param('id'), body, dateInZone(now())));
    return c.json(r.item, r.created ? 201 : 200);
  });
  app.get('/staff/etests/:id', async (c) => {
    const { db } = c.var.services;
    return c.json(await db.transaction((tx) => etestForStaff(tx, user(c), c.req.param('id'))));
  });
  app.delete('/staff/etests/:id', async (c) => {
    const { db } = c.var.services;
    await db.transaction((tx) => unpublishTask(tx, user(c), 'etest', c.req.param('id')));
    return c.body(null, 204);
  });
  app.get('/staff/etests/:id/submissions', async (c) => {
    const { db } = c.var.services;
    return c.json(await db.transaction((tx) => submissionsOf(tx, user(c), c.req.param('id'))));
  });
  app.put('/staff/etests/:id/results/:pupilId', async (c) => {
    const body = await readJson(c);
    const { db } = c.var.services;
    const doc = await db.transaction((tx) =>
      publishResult(tx, user(c), c.req.param('id'), c.req.param('pupilId'), body),
    );
    return c.json(doc);
  });
}
