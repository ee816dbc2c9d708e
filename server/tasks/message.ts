/**
 * `task.message`: a pupil writes to the teacher in the conversation about one
 * of their assignments. Only the pupil themself writes (guardians read); the
 * message carries the request's id, so it is added once however often the
 * request arrives.
 *
 * @module
 */
import { checkMessage, TASK_MESSAGE, type TaskMessagePayload, taskMessagePayloadSchema } from '../../shared/tasks.js';
import { type RequestHandler, rejected } from '../requests/handlers.js';
import { appendToConversation } from './assignments.js';
import { IN_PUPIL_SCOPE, ownPupil } from './common.js';

export const taskMessageHandler: RequestHandler<TaskMessagePayload> = {
  kind: TASK_MESSAGE,
  payloadSchema: taskMessagePayloadSchema,
  async decide({ tx, user, now }, request) {
    if (user.role !== 'pupil') return rejected('not_pupil');
    const pupil = await ownPupil(tx, user.id, request.pupilId);
    if (!pupil) return rejected('not_pupil');
    const [task] = await tx.query<{ id: string; school_id: string }>(
      `SELECT t.id, t.school_id FROM tasks t
        WHERE t.id = $1 AND t.kind = 'assignment' AND NOT t.deleted AND ${IN_PUPIL_SCOPE(2, 3, 4)}`,
      [request.payload.taskId, pupil.id, pupil.classId, pupil.schoolId],
    );
    if (!task) return rejected('unknown_task');
    const checked = checkMessage(request.payload.text);
    if (!checked.ok) return { status: 'rejected', rejection: checked.rejection };
    return {
      status: 'accepted',
      async apply() {
        await appendToConversation(tx, task, pupil.id, {
          id: request.id,
          fromStaff: false,
          author: user.name,
          text: checked.text,
          at: now.toISOString(),
        });
      },
    };
  },
};
