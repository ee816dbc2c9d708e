/**
 * Uppgifter (assignments) and eTest: the request kinds, their payloads and
 * the rules both sides run — the server as the authority when a request
 * arrives, the device so that a pupil sees a problem before sending.
 *
 * Everything lives in the `tasks` collection, told apart by `kind`:
 * `assignment` and `etest` (published for a class, a school or one pupil),
 * and per pupil `conversation` (the talk about an assignment, and the
 * pupil's status) and `submission` (the receipt of a submitted eTest, and its
 * result once the teacher publishes it). Per-pupil documents have the scope
 * of that pupil, so pupils never see each other's.
 *
 * @module
 */
import type { EtestQuestion, TaskAnswer } from './collections.js';
import type { Rejection } from './requests.js';
import type { Schema } from './validate.js';

export const TASK_MESSAGE = 'task.message';
export const ETEST_SUBMIT = 'etest.submit';

export const MESSAGE_MAX = 2000;
export const SHORT_ANSWER_MAX = 200;
export const LONG_ANSWER_MAX = 10_000;

export const QUESTION_TYPES = ['single', 'multiple', 'short', 'long'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** What the teacher can mark an assignment as, for one pupil ('' = nothing yet). */
export const TASK_STATUSES = ['', 'started', 'submitted', 'completed', 'needsWork'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export interface TaskMessagePayload {
  taskId: string;
  text: string;
}

export const taskMessagePayloadSchema: Schema = {
  type: 'object',
  properties: {
    taskId: { type: 'string', minLength: 1, maxLength: 64 },
    text: { type: 'string', maxLength: 20_000 },
  },
  required: ['taskId', 'text'],
};

export interface EtestSubmitPayload {
  testId: string;
  answers: TaskAnswer[];
}

export const etestSubmitPayloadSchema: Schema = {
  type: 'object',
  properties: {
    testId: { type: 'string', minLength: 1, maxLength: 64 },
    answers: {
      type: 'array',
      maxItems: 200,
      items: {
        type: 'object',
        properties: {
          questionId: { type: 'string', minLength: 1, maxLength: 64 },
          values: { type: 'array', maxItems: 50, items: { type: 'string', maxLength: 20_000 } },
        },
        required: ['questionId', 'values'],
      },
    },
  },
  required: ['testId', 'answers'],
};

/** The message text as stored, or why it cannot be sent. */
export function checkMessage(text: string): { ok: true; text: string } | { ok: false; rejection: Rejection } {
  const trimmed = text.trim();
  if (trimmed.length === 0) return { ok: false, rejection: { code: 'message_empty', params: {} } };
  if ([...trimmed].length > MESSAGE_MAX) {
    return { ok: false, rejection: { code: 'message_too_long', params: { max: String(MESSAGE_MAX) } } };
  }
  return { ok: true, text: trimmed };
}

export type EtestPhase = 'notOpen' | 'open' | 'closed';

/** Whether a test takes answers at `now`: from its start time up to and including its end time. */
export function etestPhase(test: { opensAt: string; closesAt: string }, now: Date): EtestPhase {
  const t = now.getTime();
  if (t < Date.parse(test.opensAt)) return 'notOpen';
  if (t > Date.parse(test.closesAt)) return 'closed';
  return 'open';
}

/**
 * The answers as stored: one entry per answered question, in the test's
 * order, text trimmed, unanswered questions left out. Rejects an answer to an
 * unknown question, an option the question does not have, more than one
 * option to a single-choice question, or text over its length.
 */
export function normalizeAnswers(
  questions: readonly EtestQuestion[],
  answers: readonly TaskAnswer[],
): { ok: true; answers: TaskAnswer[] } | { ok: false; rejection: Rejection } {
  const bad = { ok: false as const, rejection: { code: 'invalid_answer' as const, params: {} } };
  const given = new Map<string, string[]>();
  for (const a of answers) {
    if (given.has(a.questionId)) return bad;
    given.set(a.questionId, a.values);
  }
  const known = new Set(questions.map((q) => q.id));
  for (const id of given.keys()) if (!known.has(id)) return bad;
  const out: TaskAnswer[] = [];
  for (const q of questions) {
    const values = given.get(q.id);
    if (!values) continue;
    if (q.type === 'single' || q.type === 'multiple') {
      const options = new Set(q.options.map((o) => o.id));
      const chosen = [...new Set(values)];
      if (chosen.some((v) => !options.has(v))) return bad;
      if (q.type === 'single' && chosen.length > 1) return bad;
      if (chosen.length > 0)
        out.push({ questionId: q.id, values: q.options.map((o) => o.id).filter((id) => chosen.includes(id)) });
    } else {
      if (values.length > 1) return bad;
      const text = (values[0] ?? '').trim();
      if ([...text].length > (q.type === 'short' ? SHORT_ANSWER_MAX : LONG_ANSWER_MAX)) return bad;
      if (text) out.push({ questionId: q.id, values: [text] });
    }
  }
  return { ok: true, answers: out };
}
