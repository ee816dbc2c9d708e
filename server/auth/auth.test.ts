import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type App, type AppOptions, createApp } from '../app.js';
import { disableUser } from '../school/people.js';
import { CONTENT_SECURITY_POLICY } from '../security.js';
import { engines, type TestDatabase, testDatabase } from '../testing/db.js';
import {
  clientWithCookie,
  createTestSchool,
  PASSWORD,
  signIn,
  type TestClock,
  testClock,
  weekdays,
} from '../testing/school.js';
import { SESSION_DAYS, TIMEOUTS } from './sessions.js';

const DAY = 86_400_000;
const START = new Date('2026-03-10T07:30:00Z');
const HTTPS = 'https://skolhubben.example.se';

describe.each(engines)('sign-in and sessions on %s', (engine) => {
  let db: TestDatabase;
  let app: App;
  let clock: TestClock;
  beforeEach(async () => {
    db = await testDatabase(engine);
    await createTestSchool(db, weekdays('2026-03-09', 1));
    clock = testClock(START);
  });
  afterEach(async () => {
    await app.close();
    await db.close();
  });

  async function start(options: Partial<AppOptions> = {}) {
    app = await createApp({ db, now: clock.now, ...options });
    return app.app;
  }

  function postSignIn(email: unknown, password: unknown, origin = 'http://localhost') {
    return app.app.request(`${origin}/api/auth/password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ email, password }),
    });
  }

  const me = (cookie: string) => app.app.request('http://localhost/api/me', { headers: { cookie } });
  const sessionRows = () =>
    db.query<{ id: string; user_id: string; expires_at: Date }>('SELECT id, user_id, expires_at FROM sessions');
  const tokenOf = (setCookie: string | null) => /^session=([^;]+)/.exec(setCookie ?? '')?.[1] as string;

  it('signs in with e-mail and password, whatever the e-mail’s case, and answers with the body of /api/me', async () => {
    await start();
    const res = await postSignIn('  GA@Test.SE ', PASSWORD);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({
      user: { id: 'ga', role: 'guardian', name: 'Gun Ahl' },
      pupils: [{ id: 'ada', name: 'Ada Ahl', firstName: 'Ada', classId: '4a', className: '4A', schoolId: 's' }],
    });
    const cookie = `session=${tokenOf(res.headers.get('set-cookie'))}`;
    const again = await me(cookie);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(body);
  });

  it('answers 401 JSON, with the same words, for a wrong password and for an unknown account', async () => {
    await start();
    const wrong = await postSignIn('ga@test.se', 'not the password');
    const unknown = await postSignIn('nobody@test.se', PASSWORD);
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.headers.get('set-cookie')).toBeNull();
    }
    const [a, b] = [await wrong.json(), await unknown.json()];
    expect(a).toEqual({ error: 'invalid_credentials', message: expect.any(String) });
    expect(b).toEqual(a);
    expect(await sessionRows()).toEqual([]);
  });

  it('answers 400 JSON to a sign-in body of the wrong shape', async () => {
    await start();
    for (const [email, password] of [
      [42, PASSWORD],
      ['ga@test.se', undefined],
      ['x'.repeat(400), PASSWORD],
    ]) {
      const res = await postSignIn(email, password);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: 'invalid_body', message: expect.any(String) });
    }
  });

  it('answers GET /api/me with the user and the children they may see, and 401 JSON when signed out', async () => {
    const api = await start();
    expect(await (await signIn(api, 'gb@test.se')).json('/api/me')).toEqual({
      user: { id: 'gb', role: 'guardian', name: 'Bea Berg' },
      pupils: [{ id: 'bo', name: 'Bo Berg', firstName: 'Bo', classId: '4b', className: '4B', schoolId: 's' }],
    });
    expect(await (await signIn(api, 'ada@test.se')).json('/api/me')).toEqual({
      user: { id: 'ua', role: 'pupil', name: 'Ada Ahl' },
      pupils: [{ id: 'ada', name: 'Ada Ahl', firstName: 'Ada', classId: '4a', className: '4A', schoolId: 's' }],
    });
    const signedOut = await api.request('http://localhost/api/me');
    expect(signedOut.status).toBe(401);
    expect(await signedOut.json()).toEqual({ error: 'unauthenticated', message: expect.any(String) });
  });

  it('stores only the SHA-256 of the session token', async () => {
    await start();
    const res = await postSignIn('ga@test.se', PASSWORD);
    const token = tokenOf(res.headers.get('set-cookie'));
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    const rows = await db.query<Record<string, unknown>>('SELECT * FROM sessions');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.id).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('sets an HttpOnly, SameSite=Lax cookie for the whole site that ends with the session', async () => {
    await start();
    const res = await postSignIn('ga@test.se', PASSWORD);
    const cookie = res.headers.get('set-cookie') ?? '';
    const attributes = cookie.split(/;\s*/).slice(1);
    expect(attributes).toContain('HttpOnly');
    expect(attributes).toContain('SameSite=Lax');
    expect(attributes).toContain('Path=/');
    expect(attributes).not.toContain('Secure');
    expect(attributes).toContain(`Expires=${new Date(START.getTime() + SESSION_DAYS * DAY).toUTCString()}`);
  });

  it('over HTTPS uses a Secure __Host- cookie and sends HSTS', async () => {
    await start({ publicOrigin: HTTPS });
    const res = await postSignIn('ga@test.se', PASSWORD, HTTPS);
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^__Host-session=[a-z2-7]{32};/);
    const attributes = cookie.split(/;\s*/).slice(1);
    expect(attributes).toEqual(expect.arrayContaining(['Secure', 'HttpOnly', 'SameSite=Lax', 'Path=/']));
    expect(attributes.some((a) => a.startsWith('Domain'))).toBe(false);
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    const sent = cookie.split(';')[0] as string;
    const again = await app.app.request(`${HTTPS}/api/me`, { headers: { cookie: sent } });
    expect(again.status).toBe(200);
    const out = await app.app.request(`${HTTPS}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie: sent, origin: HTTPS },
    });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().at(-1)).toMatch(/^__Host-session=;.*Max-Age=0/);
    expect((await app.app.request(`${HTTPS}/api/me`, { headers: { cookie: sent } })).status).toBe(401);
  });

  it('logs out with 204: the session is gone on the server and the old cookie no longer works', async () => {
    const api = await start();
    const ga = await signIn(api, 'ga@test.se');
    const other = await signIn(api, 'ga@test.se'); // another device of the same user
    const res = await ga.post('/api/auth/logout');
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    expect(res.headers.getSetCookie().at(-1)).toMatch(/^session=;.*Max-Age=0/);
    expect((await ga.get('/api/me')).status).toBe(401);
    expect((await ga.get('/api/sync/lessons/pull')).status).toBe(401);
    // Only that session ended.
    expect(await sessionRows()).toHaveLength(1);
    expect((await other.get('/api/me')).status).toBe(200);
  });

  it('ends the previous session when the same browser signs in again', async () => {
    const api = await start();
    const first = await signIn(api, 'ga@test.se');
    const res = await api.request('http://localhost/api/auth/password', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://localhost', cookie: first.cookie },
      body: JSON.stringify({ email: 'gb@test.se', password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    expect((await first.get('/api/me')).status).toBe(401);
    expect(await sessionRows()).toEqual([expect.objectContaining({ user_id: 'gb' })]);
  });

  it('rejects and removes an expired session', async () => {
    const api = await start();
    const ga = await signIn(api, 'ga@test.se');
    clock.advance(SESSION_DAYS * DAY - 1000);
    expect((await ga.get('/api/me')).status).toBe(200);
    // That use was in the second half, so it extended the session; let that run out too.
    clock.advance(SESSION_DAYS * DAY);
    const res = await ga.get('/api/me');
    expect(res.status).toBe(401);
    expect(await sessionRows()).toEqual([]);
  });

  it('moves the idle deadline forward while the session is used, at most once a day', async () => {
    const api = await start();
    const ga = await signIn(api, 'ga@test.se');
    const original = START.getTime() + TIMEOUTS.personal.idle;

    clock.advance(DAY - 60_000); // less than a thirtieth of the idle time: nothing is written
    expect((await ga.get('/api/me')).status).toBe(200);
    expect((await sessionRows())[0]?.expires_at.getTime()).toBe(original);

    clock.advance(2 * DAY);
    const used = clock.now().getTime();
    const res = await ga.get('/api/me');
    expect(res.status).toBe(200);
    const extended = used + TIMEOUTS.personal.idle;
    expect((await sessionRows())[0]?.expires_at.getTime()).toBe(extended);
    expect(res.headers.get('set-cookie')).toContain(`Expires=${new Date(extended).toUTCString()}`);

    clock.set(new Date(original + DAY)); // past the first idle deadline: still signed in
    expect((await ga.get('/api/me')).status).toBe(200);
  });

  it('ends a session left unused for the idle time-out', async () => {
    const api = await start();
    const ga = await signIn(api, 'ga@test.se');
    clock.advance(TIMEOUTS.personal.idle - 1000);
    expect((await ga.get('/api/me')).status).toBe(200); // used: the deadline moved
    clock.advance(TIMEOUTS.personal.idle - 1000);
    expect((await ga.get('/api/me')).status).toBe(200);
    clock.advance(TIMEOUTS.personal.idle);
    expect((await ga.get('/api/me')).status).toBe(401);
    expect(await sessionRows()).toEqual([]);
  });

  it('ends a session at the absolute time-out however much it is used, the cookie ending with it', async () => {
    const api = await start();
    const ga = await signIn(api, 'ga@test.se');
    const absolute = START.getTime() + TIMEOUTS.personal.absolute;
    let lastCookie = '';
    while (clock.now().getTime() < absolute - 2 * DAY) {
      clock.advance(2 * DAY);
      const res = await ga.get('/api/me');
      expect(res.status).toBe(200);
      lastCookie = res.headers.get('set-cookie') ?? lastCookie;
    }
    expect((await sessionRows())[0]?.expires_at.getTime()).toBeLessThanOrEqual(absolute);
    expect(lastCookie).toContain(`Expires=${new Date(absolute).toUTCString()}`);
    clock.set(new Date(absolute));
    expect((await ga.get('/api/me')).status).toBe(401);
  });

  it('gives a shared-computer session short time-outs and a cookie that ends with the browser', async () => {
    const api = await start();
    const res = await api.request('http://localhost/api/auth/password', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://localhost' },
      body: JSON.stringify({ email: 'ga@test.se', password: PASSWORD, shared: true }),
    });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).not.toMatch(/Expires|Max-Age/i);
    const ga = clientWithCookie(api, setCookie.split(';')[0] as string);
    const idle = TIMEOUTS.shared.idle;
    clock.advance(idle - 60_000);
    expect((await ga.get('/api/me')).status).toBe(200);
    expect((await ga.get('/api/me')).headers.get('set-cookie')).toBeNull();
    clock.advance(idle - 60_000);
    expect((await ga.get('/api/me')).status).toBe(200);
    clock.advance(idle + 1);
    expect((await ga.get('/api/me')).status).toBe(401);
  });

  it('ends the sessions of a disabled account and refuses its sign-in', async () => {
    const api = await start();
    const ga = await signIn(api, 'ga@test.se');
    const gb = await signIn(api, 'gb@test.se');
    await db.transaction((tx) => disableUser(tx, 'ga'));
    expect((await ga.get('/api/me')).status).toBe(401);
    expect((await postSignIn('ga@test.se', PASSWORD)).status).toBe(401);
    // An account disabled by hand, sessions left behind, is refused all the same.
    await db.query(`UPDATE users SET disabled = true WHERE id = 'gb'`);
    expect((await gb.get('/api/me')).status).toBe(401);
    expect(await sessionRows()).toEqual([]);
  });

  it('ignores a cookie that is not a session token', async () => {
    const api = await start();
    for (const cookie of ['session=nonsense', `session=${'a'.repeat(500)}`, 'other=1']) {
      expect((await clientWithCookie(api, cookie).get('/api/me')).status).toBe(401);
    }
  });

  it('refuses a cross-origin request that changes something with 403, and leaves the session alone', async () => {
    const api = await start();
    const ga = await signIn(api, 'ga@test.se');
    const crossSignIn = await api.request('http://localhost/api/auth/password', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ email: 'ga@test.se', password: PASSWORD }),
    });
    expect(crossSignIn.status).toBe(403);
    expect(await crossSignIn.json()).toEqual({ error: 'cross_origin', message: expect.any(String) });
    const before = (await sessionRows()).length;

    const crossLogout = await ga.send('/api/auth/logout', {
      method: 'POST',
      headers: { origin: 'https://evil.example' },
    });
    expect(crossLogout.status).toBe(403);
    const siteOnly = await ga.send('/api/sync/requests/push', {
      method: 'POST',
      headers: { origin: '', 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' },
      body: '[]',
    });
    expect(siteOnly.status).toBe(403);
    expect((await ga.get('/api/me')).status).toBe(200);
    expect((await sessionRows()).length).toBe(before);
    // Reading is not refused: GET carries no change.
    const read = await ga.send('/api/me', { headers: { origin: 'https://evil.example' } });
    expect(read.status).toBe(200);
  });

  it('sends the security headers on every response', async () => {
    const api = await start();
    const ga = await signIn(api, 'ga@test.se');
    const responses = [
      await api.request('http://localhost/api/health'),
      await ga.get('/api/me'),
      await api.request('http://localhost/api/me'),
      await api.request('http://localhost/api/nothing-here'),
      await api.request('http://localhost/some/page'),
    ];
    for (const res of responses) {
      const h = res.headers;
      expect(h.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(h.get('content-security-policy')).toContain("script-src 'self'");
      expect(h.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(h.get('x-content-type-options')).toBe('nosniff');
      expect(h.get('referrer-policy')).toBe('no-referrer');
      expect(h.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(h.get('cross-origin-resource-policy')).toBe('same-origin');
      expect(h.get('permissions-policy')).toContain('camera=()');
      expect(h.get('strict-transport-security')).toBeNull(); // plain HTTP here
    }
    for (const res of responses.slice(0, 4)) expect(res.headers.get('cache-control')).toBe('no-store');
  });
});
