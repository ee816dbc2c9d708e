/**
 * Uppgifter and eTest on the device: the child's assignments and tests with
 * the pupil's own documents (conversations, submission receipts), joined with
 * the user's own requests, so that what the pupil writes or hands in shows at
 * once — waiting to be sent, sent, or not accepted with the reason — and
 * shows once: an accepted message carries its request's id.
 *
 * @module
 */
import type { MangoQuerySelector } from 'rxdb/plugins/core';
import type { RequestDoc, TaskDoc, TaskMessage } from '../../../shared/collections.js';
import { ETEST_SUBMIT, TASK_MESSAGE } from '../../../shared/tasks.js';
import type { PupilSummary } from '../../app/state.js';
import type { SkolDatabase } from '../../data/db.js';
import type { QuerySpec } from '../../data/query-controller.js';
import { pupilsKey, scopeSelector } from '../../data/scope.js';
import { lastSeen, markSeen } from '../../data/seen.js';

/** Every document of the collection for `pupils`: the published items and their own. */
export function tasksQuery(db: SkolDatabase, pupils: readonly PupilSummary[]): QuerySpec | null {
  if (pupils.length === 0) return null;
  return {
    key: `${db.name}|tasks|${pupilsKey(pupils)}`,
    query: db.tasks.find({ selector: scopeSelector(pupils) as MangoQuerySelector<TaskDoc> }),
  };
}

/** The user's own Uppgifter and eTest requests. */
export function taskRequests(db: SkolDatabase): QuerySpec {
  return {
    key: `${db.name}|requests|tasks`,
    query: db.requests.find({ selector: { kind: { $in: [TASK_MESSAGE, ETEST_SUBMIT] } } }),
  };
}

export type MessageState = 'sent' | 'pending' | 'rejected';

/** One line of a conversation, as shown. */
export interface ConversationLine extends TaskMessage {
  state: MessageState;
  reasonCode?: string;
  reasonParams?: Record<string, string>;
  reason?: string;
}

/** The conversation about `taskId`: the school's messages, then what the pupil wrote that has not arrived in it. */
export function conversationLines(
  conversation: TaskDoc | undefined,
  requests: readonly RequestDoc[],
  taskId: string,
  pupilId: string,
): ConversationLine[] {
  const lines: ConversationLine[] = (conversation?.messages ?? []).map((m) => ({ ...m, state: 'sent' }));
  const shown = new Set(lines.map((l) => l.id));
  const own = requests
    .filter(
      (r) =>
        r.kind === TASK_MESSAGE &&
        r.pupilId === pupilId &&
        (r.payload as { taskId?: string }).taskId === taskId &&
        // Accepted but not yet pulled into the conversation: still shown, as sent.
        !shown.has(r.id),
    )
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
  for (const r of own) {
    lines.push({
      id: r.id,
      fromStaff: false,
      author: '',
      text: String((r.payload as { text?: unknown }).text ?? ''),
      at: r.createdAt,
      state: r.status === 'rejected' ? 'rejected' : r.status === 'pending' ? 'pending' : 'sent',
      reasonCode: r.reasonCode,
      reasonParams: r.reasonParams as Record<string, string> | undefined,
      reason: r.reason,
    });
  }
  return lines;
}

/** Per user, child and assignment: the newest reply from the school that was read (a server time). */
const seenBox = (taskId: string) => `tasks:${taskId}`;

export function lastReadReply(userId: string, pupilId: string, taskId: string): string {
  return lastSeen(userId, pupilId, seenBox(taskId));
}

/** Replies from the school newer than the last one read. */
export function newReplies(conversation: TaskDoc | undefined, read: string): TaskMessage[] {
  return (conversation?.messages ?? []).filter((m) => m.fromStaff && m.at > read);
}

/** Marks the school's replies in the conversation as read. */
export function markRepliesRead(userId: string, pupilId: string, conversation: TaskDoc | undefined): void {
  const newest = (conversation?.messages ?? []).filter((m) => m.fromStaff).reduce((a, m) => (m.at > a ? m.at : a), '');
  markSeen(userId, pupilId, seenBox(conversation?.taskId ?? ''), newest);
}

/** The pupil's own document about a task (conversation or receipt). */
export function ownDoc(docs: readonly TaskDoc[], kind: 'conversation' | 'submission', taskId: string, pupilId: string) {
  return docs.find((d) => d.kind === kind && d.taskId === taskId && d.pupilId === pupilId);
}

/** Assignments in order: due soonest first, those without a deadline last, then the newest. */
export function assignmentOrder(docs: readonly TaskDoc[]): TaskDoc[] {
  return docs
    .filter((d) => d.kind === 'assignment')
    .sort((a, b) => {
      if (a.deadline !== b.deadline) return !a.deadline ? 1 : !b.deadline ? -1 : a.deadline < b.deadline ? -1 : 1;
      return a.date !== b.date ? (a.date < b.date ? 1 : -1) : a.id < b.id ? -1 : 1;
    });
}

/** Whether the deadline has passed without the assignment being handed in or done. */
export function isLate(task: TaskDoc, status: string, now: Date): boolean {
  return (
    Boolean(task.deadline) &&
    Date.parse(task.deadline) < now.getTime() &&
    status !== 'submitted' &&
    status !== 'completed'
  );
}
