import { afterEach, describe, expect, it } from 'vitest';
import type { TaskDoc } from '../../shared/collections.js';
import { etestPhase } from '../../shared/tasks.js';
import { instantInZone } from '../../shared/time.js';
import { type App, createApp } from '../app.js';
import { engines, type TestDatabase, testDatabase } from '../testing/db.js';
import { pullPages, signIn, TEST_SCRYPT } from '../testing/school.js';
import { createDemoSchool, DEMO_ACCOUNTS } from './school.js';

const TODAY = '2026-03-10';
const account = (role: string) => DEMO_ACCOUNTS.find((a) => a.role === role) as (typeof DEMO_ACCOUNTS)[number];

describe.each(engines)('the demo school’s Uppgifter and eTest on %s', (engine) => {
  const open: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const thing of open.splice(0).reverse()) await thing.close();
  });

  it('gives the demo pupil assignments with a conversation and an open eTest, published by the demo teacher', async () => {
    const db: TestDatabase = await testDatabase(engine);
    open.push(db);
    await createDemoSchool(db, { today: TODAY, scrypt: TEST_SCRYPT });
    const app: App = await createApp({ db });
    open.push(app);
    const pupil = account('pupil');
    const olle = await signIn(app.app, pupil.email, pupil.password);
    const docs = (await pullPages(olle, 'tasks')).documents as (TaskDoc & { _deleted: boolean })[];
    expect(
      docs
        .filter((d) => d.kind === 'assignment')
        .map((d) => d.title)
        .sort(),
    ).toEqual(['Bokrecension', 'Vattnets kretslopp']);
    const conversation = docs.find((d) => d.kind === 'conversation');
    expect(conversation?.messages.map((m) => m.fromStaff)).toEqual([false, true]);
    const test = docs.find((d) => d.kind === 'etest') as TaskDoc;
    expect(etestPhase(test, instantInZone(TODAY, '12:00'))).toBe('open');
    const staff = account('staff');
    const karin = await signIn(app.app, staff.email, staff.password);
    const published = await karin.json('/api/staff/tasks');
    expect(published.map((a: { id: string }) => a.id).sort()).toEqual([
      'demo-task-bokrecension',
      'demo-task-vattnets-kretslopp',
    ]);
  });
});
