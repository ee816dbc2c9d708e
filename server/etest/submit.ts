/**
 * `etest.submit`: a pupil hands in a test, once, while it is open. The
 * server's clock when the request arrives is the authority: answers that
 * reach the school after the end time are turned down with the reason, even
 * if they were written before (the device says so while it waits). An
 * accepted submission becomes the pupil's receipt, with the request's id.
 *
 * @module
 */

import type { EtestQuestion } from '../../shared/collections.js';
import {
  ETEST_SUBMIT,
  type EtestSubmitPayload,
  etestPhase,
  etestSubmitPayloadSchema,
  normalizeAnswers,
} from '../../shared/tasks.js';
import { dateInZone, timeInZone } from '../../shared/time.js';
import { type RequestHandler, rejected } from '../requests/handlers.js';
import { IN_PUPIL_SCOPE, ownPupil, pupilDocId } from '../tasks/common.js';

export const etestSubmitHandler: RequestHandler<EtestSubmitPayload> = {
  kind: ETEST_SUBMIT,
  payloadSchema: etestSubmitPayloadSchema,
  async decide({ tx, user, now }, request) {
    if (user.role !== 'pupil') return rejected('not_pupil');
    const pupil = await ownPupil(tx, user.id, request.pupilId);
    if (!pupil) return rejected('not_pupil');
    const [test] = await tx.query<{
      id: string;
      school_id: string;
      opens_at: Date | string;
      closes_at: Date | string;
      questions: EtestQuestion[];
    }>(
      `SELECT t.id, t.school_id, t.opens_at, t.closes_at, t.questions FROM tasks t
        WHERE t.id = $1 AND t.kind = 'etest' AND NOT t.deleted AND ${IN_PUPIL_SCOPE(2, 3, 4)}`,
      [request.payload.testId, pupil.id, pupil.classId, pupil.schoolId],
    );
    if (!test) return rejected('unknown_task');
    const opensAt = new Date(test.opens_at);
    const closesAt = new Date(test.closes_at);
    const phase = etestPhase({ opensAt: opensAt.toISOString(), closesAt: closesAt.toISOString() }, now);
    if (phase === 'notOpen')
      return rejected('etest_not_open', { date: dateInZone(opensAt), time: timeInZone(opensAt) });
    if (phase === 'closed') return rejected('etest_closed', { date: dateInZone(closesAt), time: timeInZone(closesAt) });
    const id = pupilDocId('submission', test.id, pupil.id);
    const [already] = await tx.query('SELECT 1 FROM tasks WHERE id = $1', [id]);
    if (already) return rejected('etest_already_submitted');
    const checked = normalizeAnswers(test.questions, request.payload.answers);
    if (!checked.ok) return { status: 'rejected', rejection: checked.rejection };
    return {
      status: 'accepted',
      async apply() {
        await tx.query(
          `INSERT INTO tasks (id, school_id, scope_kind, scope_ref, kind, task_id, pupil_id, answers, submitted_at,
                              request_id)
           VALUES ($1, $2, 'pupil', $3, 'submission', $4, $3, $5::jsonb, $6, $7)`,
          [id, test.school_id, pupil.id, test.id, JSON.stringify(checked.answers), now, request.id],
        );
      },
    };
  },
};
