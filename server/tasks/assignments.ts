/**
 * Uppgifter, the school's side: publishing an assignment for a school, a
 * class or one pupil, reading back the ones a teacher published with each
 * pupil's conversation, and replying in a conversation (optionally marking
 * the pupil's status). The staff API and the demo school both go through
 * these functions.
 *
 * Any staff member of the school may reply in a conversation (a colleague
 * covering for the teacher); the staff view lists a teacher's own.
 *
 * @module
 */
import { SCOPE_KINDS, type TaskDoc, type TaskMessage } from '../../shared/collections.js';
import { checkMessage, TASK_STATUSES, type TaskStatus } from '../../shared/tasks.js';
import type { IsoDate } from '../../shared/time.js';
import { type Schema, validate } from '../../shared/validate.js';
import { assertMayPublish, attachmentsOf, ITEM_ID_PATTERN, type Publisher, schoolOfScope } from '../boxes/publish.js';
import { sanitizeHtml } from '../boxes/sanitize.js';
import type { Row, Sql } from '../db/database.js';
import { BadRequest } from '../http.js';
import { serverCollections } from '../sync/collections.js';
import { pupilDocId, pupilsOfScope } from './common.js';

const line = (max: number, min = 0): Schema => ({ type: 'string', minLength: min, maxLength: max });
const instant: Schema = {
  type: 'string',
  maxLength: 40,
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})$',
  description: 'A moment with its offset, e.g. 2026-12-04T16:00:00+01:00 (ISO 8601).',
};
export const scopeInput = (kinds: readonly string[] = SCOPE_KINDS): Schema => ({
  type: 'object',
  description: 'Who it is for: a whole school, one class, or one pupil (by id). It cannot change later.',
  properties: { kind: { type: 'string', enum: kinds }, id: line(64, 1) },
  required: ['kind', 'id'],
});
export const instantSchema = instant;

export const assignmentInputSchema: Schema = {
  type: 'object',
  description: 'An assignment (uppgift): instructions, an optional deadline and files.',
  properties: {
    scope: scopeInput(),
    title: line(200, 1),
    subject: line(100),
    instructions: {
      type: 'string',
      maxLength: 100_000,
      description: 'Rich text (HTML), cleaned to the same safe subset as news.',
    },
    teacher: line(100),
    deadline: instant,
    attachments: {
      type: 'array',
      maxItems: 20,
      items: line(64, 1),
      description: 'Ids of files uploaded with POST /api/staff/files for the same scope.',
    },
  },
  required: ['scope', 'title'],
};

export const replyInputSchema: Schema = {
  type: 'object',
  description: 'A reply in a pupil’s conversation about an assignment, and/or the pupil’s status.',
  properties: {
    text: line(20_000),
    status: {
      type: 'string',
      enum: TASK_STATUSES,
      description: "started, submitted, completed, needsWork, or '' (not started).",
    },
  },
};

export function checkBody(schema: Schema, body: unknown): void {
  const problems = validate(schema, body);
  if (problems.length > 0) throw new BadRequest('invalid_body', problems.slice(0, 5).join('; '));
}

export function checkId(id: string): void {
  if (!new RegExp(ITEM_ID_PATTERN).test(id)) throw new BadRequest('invalid_id', `"${id}" is not a valid id.`);
}

export function parseInstant(value: string, field: string): Date {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new BadRequest('invalid_body', `${field} is not a valid moment.`);
  return d;
}

const tasksCollection = serverCollections.tasks;

/** A task row as devices get it, with whether it is published. */
export async function storedTask(tx: Sql, id: string): Promise<(TaskDoc & { published: boolean }) | null> {
  const [row] = await tx.query<Row & { deleted: boolean }>(
    `SELECT ${tasksCollection.columns}, d.deleted FROM tasks d WHERE d.id = $1`,
    [id],
  );
  return row ? { ...tasksCollection.toDoc(row), published: !row.deleted } : null;
}

/** A published assignment or test of `kind`, with its school; 404 otherwise. */
export async function taskOfKind(tx: Sql, publisher: Publisher, kind: 'assignment' | 'etest', id: string) {
  const [row] = await tx.query<{ school_id: string; scope_kind: string; scope_ref: string; deleted: boolean }>(
    'SELECT school_id, scope_kind, scope_ref, deleted FROM tasks WHERE id = $1 AND kind = $2',
    [id, kind],
  );
  if (!row) throw new BadRequest('not_found', `There is no ${kind} "${id}".`, 404);
  await assertMayPublish(tx, publisher, row.school_id);
  return row;
}

/** Insert or update a published assignment or test; 409 when `id` is another kind or scope. */
export async function upsertTask(
  tx: Sql,
  publisher: Publisher,
  kind: 'assignment' | 'etest',
  id: string,
  scope: { kind: string; id: string },
  columns: Record<string, unknown>,
): Promise<{ created: boolean; schoolId: string }> {
  const schoolId = await schoolOfScope(tx, scope as { kind: 'school' | 'class' | 'pupil'; id: string });
  await assertMayPublish(tx, publisher, schoolId);
  const [existing] = await tx.query<{ kind: string; scope_kind: string; scope_ref: string }>(
    'SELECT kind, scope_kind, scope_ref FROM tasks WHERE id = $1',
    [id],
  );
  if (existing && existing.kind !== kind) {
    throw new BadRequest('not_editable', `"${id}" is not ${kind === 'etest' ? 'an eTest' : 'an assignment'}.`, 409);
  }
  if (existing && (existing.scope_kind !== scope.kind || existing.scope_ref !== scope.id)) {
    throw new BadRequest(
      'scope_fixed',
      `"${id}" was published for ${existing.scope_kind} "${existing.scope_ref}"; unpublish it and publish a new one instead.`,
      409,
    );
  }
  const names = Object.keys(columns);
  const all = ['id', 'school_id', 'scope_kind', 'scope_ref', 'kind', 'author_id', 'deleted', ...names];
  await tx.query(
    `INSERT INTO tasks (${all.join(', ')}) VALUES (${all.map((_, i) => `$${i + 1}`).join(', ')})
     ON CONFLICT (id) DO UPDATE SET ${['author_id', 'deleted', ...names].map((n) => `${n} = EXCLUDED.${n}`).join(', ')}`,
    [id, schoolId, scope.kind, scope.id, kind, publisher.id, false, ...Object.values(columns)],
  );
  // Published again: the pupils' conversations and submissions come back with it.
  await tx.query('UPDATE tasks SET deleted = false WHERE task_id = $1 AND deleted', [id]);
  return { created: !existing, schoolId };
}

/** Publishes (creates, updates, publishes again) assignment `id`. */
export async function publishAssignment(tx: Sql, publisher: Publisher, id: string, input: unknown, today: IsoDate) {
  checkId(id);
  checkBody(assignmentInputSchema, input);
  const a = input as {
    scope: { kind: 'school' | 'class' | 'pupil'; id: string };
    title: string;
    subject?: string;
    instructions?: string;
    teacher?: string;
    deadline?: string;
    attachments?: string[];
  };
  const deadline = a.deadline === undefined ? null : parseInstant(a.deadline, 'deadline');
  const attachments = await attachmentsOf(tx, a.scope, a.attachments ?? []);
  const { created } = await upsertTask(tx, publisher, 'assignment', id, a.scope, {
    title: a.title,
    subject: a.subject ?? '',
    instructions: sanitizeHtml(a.instructions ?? ''),
    teacher: a.teacher ?? '',
    date: today,
    deadline,
    attachments: JSON.stringify(attachments),
  });
  return { created, item: await storedTask(tx, id) };
}

/** Unpublishes assignment or test `id` and every pupil's document about it: devices receive tombstones. */
export async function unpublishTask(tx: Sql, publisher: Publisher, kind: 'assignment' | 'etest', id: string) {
  await taskOfKind(tx, publisher, kind, id);
  await tx.query('UPDATE tasks SET deleted = true WHERE (id = $1 OR task_id = $1) AND NOT deleted', [id]);
}

/** Appends `message` to the pupil's conversation about `taskId` (creating it), optionally setting the status. */
export async function appendToConversation(
  tx: Sql,
  task: { id: string; school_id: string },
  pupilId: string,
  message: TaskMessage | null,
  status?: TaskStatus,
): Promise<void> {
  const id = pupilDocId('conversation', task.id, pupilId);
  await tx.query(
    `INSERT INTO tasks (id, school_id, scope_kind, scope_ref, kind, task_id, pupil_id, messages, status)
     VALUES ($1, $2, 'pupil', $3, 'conversation', $4, $3, $5::jsonb, $6)
     ON CONFLICT (id) DO UPDATE SET messages = tasks.messages || EXCLUDED.messages,
                                    status = CASE WHEN $7 THEN EXCLUDED.status ELSE tasks.status END`,
    [
      id,
      task.school_id,
      pupilId,
      task.id,
      JSON.stringify(message ? [message] : []),
      status ?? '',
      status !== undefined,
    ],
  );
}

/** A staff reply (and/or status) in pupil `pupilId`'s conversation about assignment `taskId`. */
export async function replyInConversation(
  tx: Sql,
  publisher: Publisher & { name: string },
  taskId: string,
  pupilId: string,
  input: unknown,
  now: Date,
  messageId: string,
) {
  checkBody(replyInputSchema, input);
  const body = input as { text?: string; status?: TaskStatus };
  const task = await taskOfKind(tx, publisher, 'assignment', taskId);
  if (task.deleted) throw new BadRequest('not_found', `The assignment "${taskId}" is unpublished.`, 404);
  const pupils = await pupilsOfScope(tx, task.scope_kind, task.scope_ref);
  if (!pupils.some((p) => p.id === pupilId)) {
    throw new BadRequest('not_found', `The assignment "${taskId}" is not for pupil "${pupilId}".`, 404);
  }
  let message: TaskMessage | null = null;
  if (body.text !== undefined) {
    const checked = checkMessage(body.text);
    if (!checked.ok) throw new BadRequest('invalid_body', 'text must be 1 to 2000 characters (after trimming).');
    message = { id: messageId, fromStaff: true, author: publisher.name, text: checked.text, at: now.toISOString() };
  }
  if (!message && body.status === undefined) throw new BadRequest('invalid_body', 'Give text, status or both.');
  await appendToConversation(tx, { id: taskId, school_id: task.school_id }, pupilId, message, body.status);
  return storedTask(tx, pupilDocId('conversation', taskId, pupilId));
}

/** One pupil's part of an assignment, as the staff view shows it. */
export interface ConversationSummary {
  pupilId: string;
  pupilName: string;
  className: string;
  status: TaskStatus;
  messages: TaskMessage[];
  /** The pupil wrote last: the teacher has not answered yet. */
  awaitingReply: boolean;
}

/** The pupils of an assignment with their conversations (empty ones too). */
export async function conversationsOf(tx: Sql, task: { id: string; scope_kind: string; scope_ref: string }) {
  const pupils = await pupilsOfScope(tx, task.scope_kind, task.scope_ref);
  const rows = await tx.query<{ pupil_id: string; messages: TaskMessage[]; status: TaskStatus }>(
    'SELECT pupil_id, messages, status FROM tasks WHERE task_id = $1 AND kind = $2 AND NOT deleted',
    [task.id, 'conversation'],
  );
  const byPupil = new Map(rows.map((r) => [r.pupil_id, r]));
  return pupils.map((p): ConversationSummary => {
    const c = byPupil.get(p.id);
    const messages = Array.isArray(c?.messages) ? c.messages : [];
    return {
      pupilId: p.id,
      pupilName: p.name,
      className: p.class_name,
      status: c?.status ?? '',
      messages,
      awaitingReply: messages.length > 0 && !messages[messages.length - 1]?.fromStaff,
    };
  });
}

/** The assignment `id` with every pupil's conversation, for staff of its school. */
export async function assignmentForStaff(tx: Sql, publisher: Publisher, id: string) {
  const task = await taskOfKind(tx, publisher, 'assignment', id);
  return { ...(await storedTask(tx, id)), conversations: await conversationsOf(tx, { id, ...task }) };
}

/** The published assignments `publisher` published (an admin: every school's), newest first, with conversations. */
export async function assignmentsOf(tx: Sql, publisher: Publisher) {
  const rows = await tx.query<{ id: string; scope_kind: string; scope_ref: string }>(
    `SELECT id, scope_kind, scope_ref FROM tasks
      WHERE kind = 'assignment' AND NOT deleted AND ($2 OR author_id = $1)
      ORDER BY date DESC, id`,
    [publisher.id, publisher.role === 'admin'],
  );
  const out = [];
  for (const r of rows) {
    out.push({ ...(await storedTask(tx, r.id)), conversations: await conversationsOf(tx, r) });
  }
  return out;
}
