/**
 * "Rapportera frånvaro" on the server: a guardian with custody reports a
 * child's absence for today or tomorrow, the whole day or part of it against
 * the child's schedule. An accepted report becomes an absence with the
 * request's id, so it is recorded once however often it arrives.
 *
 * @module
 */
import {
  ABSENCE_REPORT,
  type AbsenceReportPayload,
  absenceReportPayloadSchema,
  evaluateAbsenceReport,
} from '../../shared/absence.js';
import type { LessonDoc } from '../../shared/collections.js';
import { isIsoDate } from '../../shared/time.js';
import { type RequestHandler, rejected } from '../requests/handlers.js';

export const absenceReportHandler: RequestHandler<AbsenceReportPayload> = {
  kind: ABSENCE_REPORT,
  payloadSchema: absenceReportPayloadSchema,
  async decide({ tx, user, now }, request) {
    if (user.role !== 'guardian') return rejected('not_guardian');
    // Checked before the date reaches SQL: PostgreSQL throws on "2026-02-30" and reads "tomorrow".
    if (!isIsoDate(request.payload.date)) return rejected('invalid_payload');
    const [pupil] = await tx.query<{ class_id: string }>(
      `SELECT p.class_id FROM pupils p
         JOIN custody c ON c.pupil_id = p.id AND c.guardian_id = $2 AND c.ended_at IS NULL
        WHERE p.id = $1 AND NOT p.deleted`,
      [request.pupilId, user.id],
    );
    if (!pupil) return rejected('no_custody');
    const lessons = await tx.query<Pick<LessonDoc, 'id' | 'date' | 'start' | 'end' | 'status'>>(
      `SELECT id, date, start_time AS start, end_time AS end, status
         FROM lessons WHERE class_id = $1 AND date = $2 AND NOT deleted`,
      [pupil.class_id, request.payload.date],
    );
    const result = evaluateAbsenceReport(request.payload, now, lessons);
    if (!result.ok) return { status: 'rejected', rejection: result.rejection };
    return {
      status: 'accepted',
      async apply() {
        await tx.query(
          `INSERT INTO absences (id, pupil_id, date, whole_day, from_time, to_time, lesson_ids, source, validity,
                                 comment, reported_by, request_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 'reported', 'reported', $8, $9, $1)`,
          [
            request.id,
            request.pupilId,
            result.date,
            result.wholeDay,
            result.from,
            result.to,
            result.lessonIds,
            result.comment,
            user.name,
          ],
        );
      },
    };
  },
};
