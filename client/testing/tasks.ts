/**
 * Test documents for Uppgifter and eTest, with defaults (Olle's class 5A).
 *
 * @module
 */
import type { TaskDoc } from '../../shared/collections.js';
import { olle } from './fixtures.js';

const EMPTY_RESULT: TaskDoc['result'] = { score: 0, maxScore: 0, comment: '', questions: [] };

export function taskDoc(over: Partial<TaskDoc> & Pick<TaskDoc, 'id'>): TaskDoc {
  return {
    scopeKind: 'class',
    scopeRef: olle.classId,
    kind: 'assignment',
    taskId: '',
    pupilId: '',
    title: 'Bokrecension',
    subject: 'Svenska',
    instructions: '',
    teacher: 'Karin Holm',
    date: '2026-12-01',
    deadline: '',
    opensAt: '',
    closesAt: '',
    questions: [],
    messages: [],
    status: '',
    answers: [],
    submittedAt: '',
    resultPublished: false,
    result: EMPTY_RESULT,
    attachments: [],
    updatedAt: '2026-12-01T08:00:00.000Z',
    ...over,
  };
}

/** Olle's conversation about `taskId`. */
export function conversationDoc(taskId: string, over: Partial<TaskDoc> = {}): TaskDoc {
  return taskDoc({
    id: `c-${taskId}`,
    kind: 'conversation',
    scopeKind: 'pupil',
    scopeRef: olle.id,
    taskId,
    pupilId: olle.id,
    title: '',
    subject: '',
    teacher: '',
    ...over,
  });
}

/** An eTest for 5A with one question of each type, open from `opensAt` to `closesAt`. */
export function etestDoc(over: Partial<TaskDoc> & Pick<TaskDoc, 'id' | 'opensAt' | 'closesAt'>): TaskDoc {
  return taskDoc({
    kind: 'etest',
    title: 'Bråk – diagnos',
    subject: 'Matematik',
    questions: [
      {
        id: 'q1',
        type: 'single',
        text: 'Vad är 1/2 + 1/4?',
        points: 1,
        options: [
          { id: 'a', text: '2/6' },
          { id: 'b', text: '3/4' },
        ],
      },
      {
        id: 'q2',
        type: 'multiple',
        text: 'Vilka är lika med 1/2?',
        points: 2,
        options: [
          { id: 'a', text: '2/4' },
          { id: 'b', text: '3/5' },
          { id: 'c', text: '5/10' },
        ],
      },
      { id: 'q3', type: 'short', text: 'Skriv 0,25 som bråk.', points: 1, options: [] },
      { id: 'q4', type: 'long', text: 'Vad visar nämnaren?', points: 2, options: [] },
    ],
    ...over,
  });
}
