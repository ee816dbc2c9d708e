import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type App, createApp } from '../app.js';
import { engines, type TestDatabase, testDatabase } from '../testing/db.js';
import { createTestSchool, PASSWORD, signIn, weekdays } from '../testing/school.js';
import { runAdmin } from './cli.js';

describe.each(engines)('the admin command line on %s', (engine) => {
  let db: TestDatabase;
  let app: App;
  let out: string[];
  const run = (...args: string[]) => runAdmin(db, args, (line) => out.push(line));
  beforeEach(async () => {
    db = await testDatabase(engine);
    await createTestSchool(db, weekdays('2026-03-09', 1));
    app = await createApp({ db });
    out = [];
  });
  afterEach(async () => {
    await app.close();
    await db.close();
  });

  it('prints an activation code the person redeems with their own password', async () => {
    expect(await run('activation-code', 'GB@test.se')).toBe(0);
    const code = /: ([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})$/.exec(out[0] ?? '')?.[1] as string;
    expect(code).toBeDefined();
    const res = await app.app.request('http://localhost/api/auth/activate', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://localhost' },
      body: JSON.stringify({ code, password: 'bea väljer själv' }),
    });
    expect(res.status).toBe(200);
  });

  it('ends sessions, disables and enables, and creates an administrator', async () => {
    const ga = await signIn(app.app, 'ga@test.se');
    expect(await run('end-sessions', 'ga')).toBe(0);
    expect(out.at(-1)).toBe('Ended 1 session(s) of Gun Ahl.');
    expect((await ga.get('/api/me')).status).toBe(401);
    expect(await run('disable', 'ga@test.se')).toBe(0);
    await expect(signIn(app.app, 'ga@test.se')).rejects.toThrow('401');
    expect(await run('enable', 'ga@test.se')).toBe(0);
    expect((await (await signIn(app.app, 'ga@test.se', PASSWORD)).get('/api/me')).status).toBe(200);
    expect(await run('create-admin', 'rektor@test.se', 'Rut', 'Rektor')).toBe(0);
    expect(out.at(-2)).toMatch(/^Activation code for Rut Rektor <rektor@test.se>: /);
    expect(await run('disable', 'nobody')).toBe(1);
    expect(await run('frobnicate')).toBe(2);
  });
});
