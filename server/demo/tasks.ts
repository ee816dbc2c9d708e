/**
 * The demo school's Uppgifter and eTest, published by the demo teacher
 * through the same functions as the staff API, with dates relative to
 * "today": two assignments for 5A (one with a conversation between Olle and
 * his teacher, one overdue) and an eTest that is open all week.
 *
 * @module
 */
import { addDays, type IsoDate, instantInZone } from '../../shared/time.js';
import type { Publisher } from '../boxes/publish.js';
import type { Sql } from '../db/database.js';
import { publishEtest } from '../etest/etests.js';
import { appendToConversation, publishAssignment } from '../tasks/assignments.js';

export interface DemoTasksInput {
  today: IsoDate;
  staff: Publisher & { name: string };
  classId: string;
  /** The pupil whose conversation the demo shows, and their name. */
  pupil: { id: string; name: string };
  schoolId: string;
}

export async function publishDemoTasks(tx: Sql, d: DemoTasksInput) {
  const scope = { kind: 'class', id: d.classId };
  const at = (days: number, time: string) => instantInZone(addDays(d.today, days), time).toISOString();
  await publishAssignment(
    tx,
    d.staff,
    'demo-task-bokrecension',
    {
      scope,
      title: 'Bokrecension',
      subject: 'Svenska',
      teacher: d.staff.name,
      instructions:
        '<p>Läs en bok du själv väljer och skriv en recension på ungefär en sida.</p>' +
        '<ul><li>Vad handlar boken om?</li><li>Vad tyckte du, och varför?</li><li>Vem skulle du rekommendera den till?</li></ul>',
      deadline: at(7, '16:00'),
    },
    addDays(d.today, -3),
  );
  await publishAssignment(
    tx,
    d.staff,
    'demo-task-vattnets-kretslopp',
    {
      scope,
      title: 'Vattnets kretslopp',
      subject: 'NO',
      teacher: d.staff.name,
      instructions: '<p>Rita en bild av vattnets kretslopp och förklara varje steg med en mening.</p>',
      deadline: at(-1, '16:00'),
    },
    addDays(d.today, -10),
  );
  const task = { id: 'demo-task-bokrecension', school_id: d.schoolId };
  await appendToConversation(tx, task, d.pupil.id, {
    id: 'demo-message-1',
    fromStaff: false,
    author: d.pupil.name,
    text: 'Får boken vara en serieroman?',
    at: at(-1, '18:12'),
  });
  await appendToConversation(
    tx,
    task,
    d.pupil.id,
    {
      id: 'demo-message-2',
      fromStaff: true,
      author: d.staff.name,
      text: 'Ja, det går bra! Skriv också något om hur bilderna berättar.',
      at: at(0, '07:45'),
    },
    'started',
  );
  await publishEtest(
    tx,
    d.staff,
    'demo-etest-brak',
    {
      scope,
      title: 'Bråk – diagnos',
      subject: 'Matematik',
      teacher: d.staff.name,
      instructions: '<p>Svara på frågorna. Du kan lämna in en gång.</p>',
      opensAt: at(-1, '08:00'),
      closesAt: at(6, '16:00'),
      questions: [
        {
          id: 'q1',
          type: 'single',
          text: 'Vad är 1/2 + 1/4?',
          options: [
            { id: 'a', text: '2/6' },
            { id: 'b', text: '3/4' },
            { id: 'c', text: '1/8' },
          ],
          correct: ['b'],
        },
        {
          id: 'q2',
          type: 'multiple',
          text: 'Vilka bråk är lika med 1/2?',
          points: 2,
          options: [
            { id: 'a', text: '2/4' },
            { id: 'b', text: '3/5' },
            { id: 'c', text: '5/10' },
          ],
          correct: ['a', 'c'],
        },
        { id: 'q3', type: 'short', text: 'Skriv 0,25 som ett bråk i enklaste form.', accepted: ['1/4'] },
        { id: 'q4', type: 'long', text: 'Förklara med egna ord vad nämnaren i ett bråk visar.', points: 2 },
      ],
    },
    d.today,
  );
  return { assignments: 2, etests: 1 };
}
