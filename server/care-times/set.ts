/**
 * Fritidsschema on the server: a guardian with custody sets a child's care
 * times for one day (arrival and departure, or no care), with a comment. The
 * rules are in `shared/care-times.ts`; this handler reads the facts they need
 * (enrolment, lock, the day's current times) inside the request's transaction
 * and writes the day. The day keeps the id of the request that first set it;
 * later changes update it, so devices see one document per child and day.
 *
 * @module
 */
import { CARE_SET, type CareSetPayload, careSetPayloadSchema, evaluateCareSet } from '../../shared/care-times.js';
import { isIsoDate } from '../../shared/time.js';
import { type RequestHandler, rejected } from '../requests/handlers.js';

export const careSetHandler: RequestHandler<CareSetPayload> = {
  kind: CARE_SET,
  payloadSchema: careSetPayloadSchema,
  async decide({ tx, user, now }, request) {
    if (user.role !== 'guardian') return rejected('care_not_guardian');
    // Checked before the date reaches SQL: PostgreSQL throws on "2026-02-30".
    if (!isIsoDate(request.payload.date)) return rejected('invalid_payload');
    const [pupil] = await tx.query<{ school_id: string }>(
      `SELECT c.school_id FROM pupils p
         JOIN classes c ON c.id = p.class_id
         JOIN custody g ON g.pupil_id = p.id AND g.guardian_id = $2 AND g.ended_at IS NULL
        WHERE p.id = $1 AND NOT p.deleted`,
      [request.pupilId, user.id],
    );
    if (!pupil) return rejected('care_no_custody');
    const rows = await tx.query<{
      id: string;
      kind: 'enrolment' | 'day' | 'lock';
      opens: string;
      closes: string;
      reason: string;
      request_id: string;
      set_by: string;
      set_by_id: string | null;
      deleted: boolean;
    }>(
      `SELECT id, kind, opens, closes, reason, request_id, set_by, set_by_id, deleted FROM care_times
        WHERE (kind = 'enrolment' AND scope_ref = $1 AND NOT deleted)
           OR (kind = 'day' AND scope_ref = $1 AND date = $3)
           OR (kind = 'lock' AND scope_kind = 'school' AND scope_ref = $2 AND date = $3 AND NOT deleted)
        FOR UPDATE`,
      [request.pupilId, pupil.school_id, request.payload.date],
    );
    const enrolment = rows.find((r) => r.kind === 'enrolment');
    const lock = rows.find((r) => r.kind === 'lock');
    const day = rows.find((r) => r.kind === 'day');
    const result = evaluateCareSet(request.payload, now, {
      hours: enrolment ? { opens: enrolment.opens, closes: enrolment.closes } : null,
      lock: lock ? lock.reason : null,
      current:
        day && !day.deleted ? { requestId: day.request_id, setById: day.set_by_id ?? '', setBy: day.set_by } : null,
      userId: user.id,
    });
    if (!result.ok) return { status: 'rejected', rejection: result.rejection };
    return {
      status: 'accepted',
      async apply() {
        const values = [result.arrival, result.departure, result.comment, user.name, user.id, request.id];
        if (day) {
          await tx.query(
            `UPDATE care_times SET arrival = $2, departure = $3, comment = $4, set_by = $5, set_by_id = $6,
                                   request_id = $7, author_id = $6, deleted = false
              WHERE id = $1`,
            [day.id, ...values],
          );
          return;
        }
        await tx.query(
          `INSERT INTO care_times (id, school_id, scope_kind, scope_ref, kind, date, arrival, departure, comment,
                                   set_by, set_by_id, request_id, author_id)
           VALUES ($6, $7, 'pupil', $8, 'day', $9, $1, $2, $3, $4, $5, $6, $5)`,
          [...values, pupil.school_id, request.pupilId, result.date],
        );
      },
    };
  },
};
