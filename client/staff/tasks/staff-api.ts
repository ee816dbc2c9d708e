/**
 * The staff view's calls to the staff API (`/api/staff/tasks…`): staff read
 * nothing through sync, so this view asks the server directly and works
 * online only.
 *
 * @module
 */
import type { TaskDoc, TaskMessage } from '../../../shared/collections.js';
import type { TaskStatus } from '../../../shared/tasks.js';

export interface StaffConversation {
  pupilId: string;
  pupilName: string;
  className: string;
  status: TaskStatus;
  messages: TaskMessage[];
  awaitingReply: boolean;
}

export type StaffAssignment = TaskDoc & { published: boolean; conversations: StaffConversation[] };

export type Result<T> = { ok: true; value: T } | { ok: false; message: string };

async function call<T>(method: string, path: string, body?: unknown): Promise<Result<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, message: 'offline' };
  }
  if (!res.ok) {
    const error = (await res.json().catch(() => null)) as { message?: string } | null;
    return { ok: false, message: error?.message ?? String(res.status) };
  }
  return { ok: true, value: (await res.json()) as T };
}

/** The assignments the signed-in teacher published, with every pupil's conversation. */
export const loadAssignments = () => call<StaffAssignment[]>('GET', '/api/staff/tasks');

/** Replies to a pupil in the conversation about an assignment. */
export const reply = (taskId: string, pupilId: string, text: string) =>
  call<TaskDoc>('POST', `/api/staff/tasks/${encodeURIComponent(taskId)}/conversations/${encodeURIComponent(pupilId)}`, {
    text,
  });
