/**
 * eTest, the school's side: publishing a test (its questions, and an answer
 * key that stays on the server), reading the submissions, and publishing a
 * pupil's result — the score, the teacher's comment and, only then, the
 * correct answers.
 *
 * Choice questions and short answers are marked from the answer key (a short
 * answer is right when it equals an accepted answer, ignoring case and
 * spaces at the ends); long answers get the points the teacher gives. The
 * teacher may override any question's points when publishing the result.
 * A test's questions cannot change once somebody has handed it in.
 *
 * @module
 */
import type { EtestQuestion, EtestResult, TaskAnswer } from '../../shared/collections.js';
import { QUESTION_TYPES } from '../../shared/tasks.js';
import type { IsoDate } from '../../shared/time.js';
import type { Schema } from '../../shared/validate.js';
import type { Publisher } from '../boxes/publish.js';
import { sanitizeHtml } from '../boxes/sanitize.js';
import type { Sql } from '../db/database.js';
import { BadRequest } from '../http.js';
import {
  checkBody,
  checkId,
  instantSchema,
  parseInstant,
  scopeInput,
  storedTask,
  taskOfKind,
  upsertTask,
} from '../tasks/assignments.js';
import { pupilDocId, pupilsOfScope } from '../tasks/common.js';

const line = (max: number, min = 0): Schema => ({ type: 'string', minLength: min, maxLength: max });
const shortId: Schema = { type: 'string', minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9._-]+$' };

export const etestInputSchema: Schema = {
  type: 'object',
  description:
    'An eTest: open from opensAt to closesAt (a pupil hands in once, before the end), with single-choice, ' +
    'multiple-choice, short-text and long-text questions. `correct` (option ids) and `accepted` (short ' +
    'answers) form the answer key: it never reaches a device until a result is published.',
  properties: {
    scope: scopeInput(),
    title: line(200, 1),
    subject: line(100),
    instructions: { type: 'string', maxLength: 20_000, description: 'Rich text (HTML), cleaned like news.' },
    teacher: line(100),
    opensAt: instantSchema,
    closesAt: instantSchema,
    questions: {
      type: 'array',
      maxItems: 100,
      items: {
        type: 'object',
        properties: {
          id: shortId,
          type: { type: 'string', enum: QUESTION_TYPES },
          text: line(5000, 1),
          points: { type: 'integer', minimum: 0, maximum: 100 },
          options: {
            type: 'array',
            maxItems: 20,
            items: { type: 'object', properties: { id: shortId, text: line(1000, 1) }, required: ['id', 'text'] },
          },
          correct: {
            type: 'array',
            maxItems: 20,
            items: shortId,
            description: 'Choice questions: the right option ids.',
          },
          accepted: {
            type: 'array',
            maxItems: 20,
            items: line(200, 1),
            description: 'Short answers: the accepted answers.',
          },
        },
        required: ['id', 'type', 'text'],
      },
    },
  },
  required: ['scope', 'title', 'opensAt', 'closesAt', 'questions'],
};

export const resultInputSchema: Schema = {
  type: 'object',
  description:
    "Publishes one pupil's result. Points are marked from the answer key; `points` overrides a question's " +
    '(long answers have 0 unless given). Publishing again replaces the result.',
  properties: {
    comment: line(5000),
    points: {
      type: 'array',
      maxItems: 100,
      items: {
        type: 'object',
        properties: { questionId: shortId, points: { type: 'number', minimum: 0, maximum: 100 } },
        required: ['questionId', 'points'],
      },
    },
  },
};

interface QuestionInput {
  id: string;
  type: EtestQuestion['type'];
  text: string;
  points?: number;
  options?: { id: string; text: string }[];
  correct?: string[];
  accepted?: string[];
}

type AnswerKey = Record<string, string[]>;

/** JSON with object keys sorted: jsonb keeps its own key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

function questionsOf(input: QuestionInput[]): { questions: EtestQuestion[]; key: AnswerKey } {
  const ids = new Set<string>();
  const questions: EtestQuestion[] = [];
  const key: AnswerKey = {};
  for (const q of input) {
    if (ids.has(q.id)) throw new BadRequest('invalid_body', `Question id "${q.id}" appears twice.`);
    ids.add(q.id);
    const choice = q.type === 'single' || q.type === 'multiple';
    const options = q.options ?? [];
    if (choice) {
      if (options.length < 2) throw new BadRequest('invalid_body', `Question "${q.id}" needs at least two options.`);
      const optionIds = new Set(options.map((o) => o.id));
      if (optionIds.size !== options.length)
        throw new BadRequest('invalid_body', `Question "${q.id}" repeats an option id.`);
      const correct = q.correct ?? [];
      if (correct.some((c) => !optionIds.has(c))) {
        throw new BadRequest('invalid_body', `Question "${q.id}": correct names an option it does not have.`);
      }
      if (q.type === 'single' && correct.length > 1) {
        throw new BadRequest('invalid_body', `Question "${q.id}" is single choice: at most one correct option.`);
      }
      key[q.id] = options.map((o) => o.id).filter((id) => correct.includes(id));
    } else {
      if (options.length > 0 || q.correct) {
        throw new BadRequest('invalid_body', `Question "${q.id}" is a text question: no options or correct.`);
      }
      key[q.id] = q.type === 'short' ? (q.accepted ?? []).map((a) => a.trim()) : [];
    }
    if (!choice || q.type !== 'short') {
      if (q.accepted && q.type !== 'short') {
        throw new BadRequest('invalid_body', `Question "${q.id}": only short answers have accepted answers.`);
      }
    }
    questions.push({ id: q.id, type: q.type, text: q.text, points: q.points ?? 1, options: choice ? options : [] });
  }
  return { questions, key };
}

/** Publishes (creates, updates, publishes again) eTest `id`. */
export async function publishEtest(tx: Sql, publisher: Publisher, id: string, input: unknown, today: IsoDate) {
  checkId(id);
  checkBody(etestInputSchema, input);
  const e = input as {
    scope: { kind: 'school' | 'class' | 'pupil'; id: string };
    title: string;
    subject?: string;
    instructions?: string;
    teacher?: string;
    opensAt: string;
    closesAt: string;
    questions: QuestionInput[];
  };
  const opensAt = parseInstant(e.opensAt, 'opensAt');
  const closesAt = parseInstant(e.closesAt, 'closesAt');
  if (closesAt <= opensAt) throw new BadRequest('invalid_body', 'closesAt must be after opensAt.');
  if (e.questions.length === 0) throw new BadRequest('invalid_body', 'A test needs at least one question.');
  const { questions, key } = questionsOf(e.questions);
  const [before] = await tx.query<{ questions: unknown; answer_key: unknown }>(
    "SELECT questions, answer_key FROM tasks WHERE id = $1 AND kind = 'etest'",
    [id],
  );
  if (before) {
    const [handedIn] = await tx.query("SELECT 1 FROM tasks WHERE task_id = $1 AND kind = 'submission' LIMIT 1", [id]);
    const same =
      canonical(before.questions) === canonical(questions) && canonical(before.answer_key) === canonical(key);
    if (handedIn && !same) {
      throw new BadRequest('has_submissions', 'The test has been handed in: its questions can no longer change.', 409);
    }
  }
  const { created } = await upsertTask(tx, publisher, 'etest', id, e.scope, {
    title: e.title,
    subject: e.subject ?? '',
    instructions: sanitizeHtml(e.instructions ?? ''),
    teacher: e.teacher ?? '',
    date: today,
    opens_at: opensAt,
    closes_at: closesAt,
    questions: JSON.stringify(questions),
    answer_key: JSON.stringify(key),
  });
  return { created, item: await etestForStaff(tx, publisher, id) };
}

/** The test with its answer key, for staff of its school. */
export async function etestForStaff(tx: Sql, publisher: Publisher, id: string) {
  await taskOfKind(tx, publisher, 'etest', id);
  const [row] = await tx.query<{ answer_key: AnswerKey }>('SELECT answer_key FROM tasks WHERE id = $1', [id]);
  return { ...(await storedTask(tx, id)), answerKey: row?.answer_key ?? {} };
}

/** Every pupil the test is for, with their submission (answers, when, result) or null. */
export async function submissionsOf(tx: Sql, publisher: Publisher, id: string) {
  const task = await taskOfKind(tx, publisher, 'etest', id);
  const pupils = await pupilsOfScope(tx, task.scope_kind, task.scope_ref);
  const rows = await tx.query<{ pupil_id: string; id: string }>(
    "SELECT pupil_id, id FROM tasks WHERE task_id = $1 AND kind = 'submission' AND NOT deleted",
    [id],
  );
  const byPupil = new Map(rows.map((r) => [r.pupil_id, r.id]));
  const out = [];
  for (const p of pupils) {
    const docId = byPupil.get(p.id);
    const doc = docId ? await storedTask(tx, docId) : null;
    out.push({
      pupilId: p.id,
      pupilName: p.name,
      className: p.class_name,
      submission: doc
        ? {
            submittedAt: doc.submittedAt,
            answers: doc.answers,
            resultPublished: doc.resultPublished,
            result: doc.resultPublished ? doc.result : null,
          }
        : null,
    });
  }
  return out;
}

/** Marks `answers` from the key, with the teacher's points where given. */
export function markAnswers(
  questions: readonly EtestQuestion[],
  key: AnswerKey,
  answers: readonly TaskAnswer[],
  given: ReadonlyMap<string, number>,
  comment: string,
): EtestResult {
  const byQuestion = new Map(answers.map((a) => [a.questionId, a.values]));
  const marked = questions.map((q) => {
    const values = byQuestion.get(q.id) ?? [];
    const correct = key[q.id] ?? [];
    let points = 0;
    if (q.type === 'single' || q.type === 'multiple') {
      const right = correct.length > 0 && values.length === correct.length && values.every((v) => correct.includes(v));
      points = right ? q.points : 0;
    } else if (q.type === 'short') {
      const answer = (values[0] ?? '').trim().toLocaleLowerCase('sv');
      points = answer && correct.some((c) => c.toLocaleLowerCase('sv') === answer) ? q.points : 0;
    }
    const override = given.get(q.id);
    if (override !== undefined) points = Math.min(override, q.points);
    return { questionId: q.id, points, maxPoints: q.points, correct };
  });
  return {
    score: marked.reduce((s, q) => s + q.points, 0),
    maxScore: marked.reduce((s, q) => s + q.maxPoints, 0),
    comment,
    questions: marked,
  };
}

/** Publishes pupil `pupilId`'s result of test `id`: 409 unless they handed it in. */
export async function publishResult(tx: Sql, publisher: Publisher, id: string, pupilId: string, input: unknown) {
  checkBody(resultInputSchema, input);
  const body = input as { comment?: string; points?: { questionId: string; points: number }[] };
  await taskOfKind(tx, publisher, 'etest', id);
  const [test] = await tx.query<{ questions: EtestQuestion[]; answer_key: AnswerKey }>(
    'SELECT questions, answer_key FROM tasks WHERE id = $1',
    [id],
  );
  const docId = pupilDocId('submission', id, pupilId);
  const [sub] = await tx.query<{ answers: TaskAnswer[] }>(
    "SELECT answers FROM tasks WHERE id = $1 AND kind = 'submission' AND NOT deleted",
    [docId],
  );
  if (!test || !sub) throw new BadRequest('not_submitted', `Pupil "${pupilId}" has not handed in "${id}".`, 409);
  const known = new Set(test.questions.map((q) => q.id));
  const given = new Map<string, number>();
  for (const p of body.points ?? []) {
    if (!known.has(p.questionId)) throw new BadRequest('invalid_body', `The test has no question "${p.questionId}".`);
    given.set(p.questionId, p.points);
  }
  const result = markAnswers(test.questions, test.answer_key, sub.answers, given, body.comment ?? '');
  await tx.query('UPDATE tasks SET result = $2::jsonb WHERE id = $1', [docId, JSON.stringify(result)]);
  return storedTask(tx, docId);
}
