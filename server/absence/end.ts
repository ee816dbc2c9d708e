/**
 * Ending an absence early on the server: the child felt better and is back
 * at school from a given time today. Any guardian with custody may end a
 * report of the family's (whoever of them sent it); what the school
 * registered stays the school's to change. The absence keeps its id and
 * shrinks to the lessons that begin before the new end; the request is the
 * record of who ended it and when.
 *
 * @module
 */
import {
  ABSENCE_END,
  type AbsenceEndPayload,
  absenceEndPayloadSchema,
  evaluateAbsenceEnd,
} from '../../shared/absence.js';
import type { LessonDoc } from '../../shared/collections.js';
import { type RequestHandler, rejected } from '../requests/handlers.js';

export const absenceEndHandler: RequestHandler<AbsenceEndPayload> = {
  kind: ABSENCE_END,
  payloadSchema: absenceEndPayloadSchema,
  async decide({ tx, user, now }, request) {
    if (user.role !== 'guardian') return rejected('not_guardian');
    const [pupil] = await tx.query<{ class_id: string }>(
      `SELECT p.class_id FROM pupils p
         JOIN custody c ON c.pupil_id = p.id AND c.guardian_id = $2 AND c.ended_at IS NULL
        WHERE p.id = $1 AND NOT p.deleted`,
      [request.pupilId, user.id],
    );
    if (!pupil) return rejected('no_custody');
    // Locked: two ends of one absence decide one after the other, each against what the other left.
    const [absence] = await tx.query<{
      date: string;
      from_time: string;
      to_time: string;
      lesson_ids: string[];
      source: 'reported' | 'registered';
    }>(
      `SELECT date, from_time, to_time, lesson_ids, source FROM absences
        WHERE id = $1 AND pupil_id = $2 AND NOT deleted FOR UPDATE`,
      [request.payload.absenceId, request.pupilId],
    );
    if (!absence) return rejected('unknown_absence');
    const lessons = await tx.query<Pick<LessonDoc, 'id' | 'date' | 'start' | 'end' | 'status'>>(
      `SELECT id, date, start_time AS start, end_time AS end, status
         FROM lessons WHERE class_id = $1 AND date = $2 AND NOT deleted`,
      [pupil.class_id, absence.date],
    );
    const result = evaluateAbsenceEnd(
      {
        date: absence.date,
        from: absence.from_time,
        to: absence.to_time,
        lessonIds: absence.lesson_ids,
        source: absence.source,
      },
      request.payload,
      now,
      lessons,
    );
    if (!result.ok) return { status: 'rejected', rejection: result.rejection };
    return {
      status: 'accepted',
      async apply() {
        await tx.query(
          `UPDATE absences SET whole_day = false, to_time = $2, lesson_ids = $3, ended_by_request = $4
            WHERE id = $1`,
          [request.payload.absenceId, result.to, result.lessonIds, request.id],
        );
      },
    };
  },
};
