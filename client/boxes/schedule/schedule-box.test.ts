import { expect, fixture, html } from '@open-wc/testing';
import type { SkolDatabase } from '../../data/db.js';
import {
  absence,
  anna,
  lesson,
  reset,
  schoolDay,
  signIn,
  testDatabase,
  textOf,
  until,
} from '../../testing/fixtures.js';
import './schedule-box.js';
import type { ScheduleBox } from './schedule-box.js';

describe('sk-schedule-box', () => {
  let db: SkolDatabase;
  beforeEach(async () => {
    db = await testDatabase();
  });
  afterEach(async () => {
    await reset(db);
  });

  it('is accessible and shows today’s lessons with changes named in words', async () => {
    await db.lessons.bulkInsert([
      ...schoolDay('2026-12-04'),
      lesson({
        id: 'c',
        date: '2026-12-04',
        start: '11:15',
        end: '12:00',
        subject: 'Slöjd',
        status: 'cancelled',
        note: 'Läraren är sjuk',
      }),
      lesson({
        id: 's',
        date: '2026-12-04',
        start: '14:00',
        end: '14:45',
        subject: 'Musik',
        status: 'substituted',
        substitute: 'Ulla Vikarie',
      }),
    ]);
    signIn(anna, db);
    const el = await fixture<ScheduleBox>(html`<sk-schedule-box today="2026-12-04"></sk-schedule-box>`);
    await until(() => textOf(el).includes('Svenska'));
    const text = textOf(el);
    expect(text).to.contain('Idag, fredag 4 december');
    expect(text).to.contain('08:15–09:00');
    expect(text).to.contain('Inställd');
    expect(text).to.contain('Läraren är sjuk');
    expect(text).to.contain('Vikarie: Ulla Vikarie');
    expect(text).to.contain('2 ändringar');
    await expect(el).to.be.accessible();
  });

  it('shows the next school day when today has no lessons', async () => {
    await db.lessons.bulkInsert(schoolDay('2026-12-07'));
    signIn(anna, db);
    const el = await fixture<ScheduleBox>(html`<sk-schedule-box today="2026-12-05"></sk-schedule-box>`);
    await until(() => textOf(el).includes('Svenska'));
    expect(textOf(el)).to.contain('Inga lektioner idag.');
    expect(textOf(el)).to.contain('Nästa skoldag: måndag 7 december');
  });

  it('shows only the selected child’s class, and follows a switch of child', async () => {
    await db.lessons.bulkInsert([
      ...schoolDay('2026-12-04'),
      lesson({ id: 'e1', classId: 'class-2a', date: '2026-12-04', start: '08:15', end: '09:00', subject: 'Bild' }),
    ]);
    signIn(anna, db, 'pupil-olle');
    const el = await fixture<ScheduleBox>(html`<sk-schedule-box today="2026-12-04"></sk-schedule-box>`);
    await until(() => textOf(el).includes('Svenska'));
    expect(textOf(el)).not.to.contain('Bild');
    signIn(anna, db, 'pupil-elsa');
    await until(() => textOf(el).includes('Bild'));
    expect(textOf(el)).not.to.contain('Svenska');
  });

  it('marks lessons the child is reported absent from', async () => {
    const day = schoolDay('2026-12-04');
    await db.lessons.bulkInsert(day);
    await db.absences.insert(
      absence({ id: 'a1', date: '2026-12-04', wholeDay: false, lessonIds: [day[0]?.id as string] }),
    );
    signIn(anna, db);
    const el = await fixture<ScheduleBox>(html`<sk-schedule-box today="2026-12-04"></sk-schedule-box>`);
    await until(() => textOf(el).includes('Frånvaro anmäld'));
  });

  it('says the school has not entered anything when there is no timetable', async () => {
    signIn(anna, db);
    const el = await fixture<ScheduleBox>(html`<sk-schedule-box today="2026-12-04"></sk-schedule-box>`);
    await until(() => textOf(el).includes('Skolan har inte lagt in någon information här än.'));
    await expect(el).to.be.accessible();
  });
});
