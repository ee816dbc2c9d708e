/**
 * Applying requests: each pushed request is decided and stored in its own
 * transaction, under the replication lock, exactly once. A request that
 * arrives again (a lost response, the service worker and the page both
 * sending) finds itself stored and changes nothing.
 *
 * @module
 */
import type { Replicated, RequestDoc } from '../../shared/collections.js';
import { reasonText } from '../../shared/i18n/index.js';
import { validate } from '../../shared/validate.js';
import { absenceEndHandler } from '../absence/end.js';
import { absenceReportHandler } from '../absence/report.js';
import type { SessionUser } from '../auth/sessions.js';
import { careSetHandler } from '../care-times/set.js';
import { conferenceBookHandler, conferenceCancelHandler } from '../conferences/requests.js';
import type { Database, Row } from '../db/database.js';
import { etestSubmitHandler } from '../etest/submit.js';
import { replicated, serverCollections } from '../sync/collections.js';
import { taskMessageHandler } from '../tasks/message.js';
import { type Decision, type IncomingRequest, type RequestHandler, rejected } from './handlers.js';

const handlers = new Map<string, RequestHandler<any>>(
  [
    absenceReportHandler,
    absenceEndHandler,
    careSetHandler,
    taskMessageHandler,
    etestSubmitHandler,
    conferenceBookHandler,
    conferenceCancelHandler,
  ].map((h) => [h.kind, h]),
);

/** A request as pushed by a device (already checked against the request schema). */
export type PushedRequest = RequestDoc & { _deleted?: boolean };

const columns = serverCollections.requests.columns;

function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

async function decide(
  handler: RequestHandler | undefined,
  ctx: Parameters<RequestHandler['decide']>[0],
  request: IncomingRequest,
): Promise<Decision> {
  if (!handler) return rejected('unknown_kind');
  if (validate(handler.payloadSchema, request.payload).length > 0) return rejected('invalid_payload');
  return handler.decide(ctx, request);
}

/**
 * Decides and stores one pushed request. Returns the master state the device
 * must take instead of its own (a rejection, or what the server already had),
 * or null when the device's state stands until the next pull.
 */
export async function applyRequest(
  db: Database,
  user: SessionUser,
  now: Date,
  pushed: PushedRequest,
): Promise<Replicated<RequestDoc> | null> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT sync_lock()');
    const [existing] = await tx.query<Row & { author_id: string; deleted: boolean }>(
      `SELECT ${columns}, d.author_id, d.deleted FROM requests d WHERE d.id = $1`,
      [pushed.id],
    );
    if (existing) {
      if (existing.author_id !== user.id) {
        // Somebody else's id: say no without revealing anything about theirs.
        return {
          ...pushed,
          status: 'rejected',
          reasonCode: 'not_yours',
          reasonParams: {},
          reason: reasonText('sv', 'not_yours'),
          _deleted: false,
        };
      }
      const master = replicated(serverCollections.requests.toDoc(existing), existing.deleted);
      return canonical(master) === canonical({ _deleted: false, ...pushed }) ? null : master;
    }
    if (pushed._deleted) return null;

    const request: IncomingRequest = {
      id: pushed.id,
      kind: pushed.kind,
      pupilId: pushed.pupilId,
      payload: pushed.payload,
      createdAt: pushed.createdAt,
    };
    const decision = await decide(handlers.get(pushed.kind), { tx, user, now }, request);
    const rejection = decision.status === 'rejected' ? decision.rejection : null;
    await tx.query(
      `INSERT INTO requests (id, kind, pupil_id, author_id, payload, created_at, received_at, status, reason, reason_code,
                             reason_params)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        request.id,
        request.kind,
        request.pupilId,
        user.id,
        JSON.stringify(request.payload),
        request.createdAt,
        now,
        decision.status,
        rejection ? reasonText('sv', rejection.code, rejection.params) : '',
        rejection ? rejection.code : '',
        JSON.stringify(rejection?.params ?? {}),
      ],
    );
    if (decision.status === 'accepted') {
      await decision.apply();
      return null;
    }
    const [row] = await tx.query(`SELECT ${columns} FROM requests d WHERE d.id = $1`, [request.id]);
    return replicated(serverCollections.requests.toDoc(row as Row), false);
  });
}
