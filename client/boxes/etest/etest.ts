/**
 * eTest on the device: which tests there are and where each stands for the
 * pupil, and the answers kept on the device while the pupil works — in a
 * local document of the `tasks` collection, written at every answer, so a
 * reload or a lost connection loses nothing and sign-out's wipe removes them.
 *
 * @module
 */
import type { RequestDoc, TaskAnswer, TaskDoc } from '../../../shared/collections.js';
import { ETEST_SUBMIT, type EtestPhase, etestPhase } from '../../../shared/tasks.js';
import type { SkolDatabase } from '../../data/db.js';

/** Where a test stands for the pupil. */
export type EtestState =
  | { kind: 'submitted'; receipt: TaskDoc }
  | { kind: 'pending'; request: RequestDoc }
  | { kind: 'rejected'; request: RequestDoc; phase: EtestPhase }
  | { kind: EtestPhase };

/** The pupil's hand-ins of `testId`, newest first. */
export function submitRequests(requests: readonly RequestDoc[], testId: string, pupilId: string): RequestDoc[] {
  return requests
    .filter(
      (r) => r.kind === ETEST_SUBMIT && r.pupilId === pupilId && (r.payload as { testId?: string }).testId === testId,
    )
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
}

export function etestState(
  test: TaskDoc,
  docs: readonly TaskDoc[],
  requests: readonly RequestDoc[],
  pupilId: string,
  now: Date,
): EtestState {
  const receipt = docs.find((d) => d.kind === 'submission' && d.taskId === test.id && d.pupilId === pupilId);
  if (receipt) return { kind: 'submitted', receipt };
  const [latest] = submitRequests(requests, test.id, pupilId);
  const phase = etestPhase(test, now);
  if (latest?.status === 'pending' || latest?.status === 'accepted') return { kind: 'pending', request: latest };
  if (latest?.status === 'rejected') return { kind: 'rejected', request: latest, phase };
  return { kind: phase };
}

/** Tests in order: open ones first (closing soonest), then those to come, then the closed (newest first). */
export function etestOrder(docs: readonly TaskDoc[], now: Date): TaskDoc[] {
  const rank = { open: 0, notOpen: 1, closed: 2 } as const;
  return docs
    .filter((d) => d.kind === 'etest')
    .sort((a, b) => {
      const ra = rank[etestPhase(a, now)];
      const rb = rank[etestPhase(b, now)];
      if (ra !== rb) return ra - rb;
      if (ra === 2) return a.closesAt < b.closesAt ? 1 : -1;
      return a.closesAt < b.closesAt ? -1 : a.closesAt > b.closesAt ? 1 : a.id < b.id ? -1 : 1;
    });
}

const draftId = (testId: string, pupilId: string) => `etest-answers|${pupilId}|${testId}`;

interface Draft {
  answers: TaskAnswer[];
}

/** The answers kept on the device for a test ([] when none). */
export async function loadDraft(db: SkolDatabase, testId: string, pupilId: string): Promise<TaskAnswer[]> {
  const doc = await db.tasks.getLocal<Draft>(draftId(testId, pupilId));
  return doc ? [...(doc.get('answers') as TaskAnswer[])] : [];
}

/** Keeps the answers on the device (one write per answer given). */
export async function saveDraft(
  db: SkolDatabase,
  testId: string,
  pupilId: string,
  answers: TaskAnswer[],
): Promise<void> {
  await db.tasks.upsertLocal<Draft>(draftId(testId, pupilId), { answers });
}

/** `answers` with question `questionId` answered `values` (an empty answer removes it). */
export function withAnswer(answers: readonly TaskAnswer[], questionId: string, values: string[]): TaskAnswer[] {
  const rest = answers.filter((a) => a.questionId !== questionId);
  return values.length === 0 || (values.length === 1 && values[0] === '') ? rest : [...rest, { questionId, values }];
}
