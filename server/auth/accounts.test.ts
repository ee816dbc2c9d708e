import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type App, createApp } from '../app.js';
import { hashPassword } from '../auth/password.js';
import { createUser } from '../school/people.js';
import { engines, type TestDatabase, testDatabase } from '../testing/db.js';
import {
  type ApiClient,
  clientWithCookie,
  createTestSchool,
  PASSWORD,
  signIn,
  TEST_SCRYPT,
  type TestClock,
  testClock,
  weekdays,
} from '../testing/school.js';
import { ACTIVATION_HOURS, generateActivationCode, normalizeCode } from './activation.js';
import { commonPasswords, MAX_PASSWORD_LENGTH, passwordProblem } from './password-policy.js';
import { addressKey, delayAfter, THROTTLE } from './throttle.js';

const START = new Date('2026-03-10T07:30:00Z');
const ORIGIN = 'http://localhost';

describe('the password policy', () => {
  it('asks for 8 characters, counted as people see them, and takes long passphrases and any character', () => {
    expect(passwordProblem('kort123')).toBe('too_short');
    expect(passwordProblem('blåbär🫐x')).toBeNull(); // 8 code points, not 8 bytes
    expect(passwordProblem('lingonsylt')).toBeNull(); // no composition rules
    expect(passwordProblem('   mellanslag   ')).toBeNull(); // spaces count, nothing is trimmed
    expect(passwordProblem('en lång lösenfras med många ord i, inklusive kommatecken'.repeat(4))).toBeNull();
    expect(passwordProblem('x'.repeat(MAX_PASSWORD_LENGTH))).toBeNull();
    expect(passwordProblem('x'.repeat(MAX_PASSWORD_LENGTH + 1))).toBe('too_long');
  });

  it('refuses the shipped common breached passwords, in any case and with digits or signs added', () => {
    expect(commonPasswords().size).toBe(10_000);
    for (const p of ['password', 'PASSWORD', '12345678', 'iloveyou', 'Sunshine', 'password2026!', 'qwertyuiop']) {
      expect(passwordProblem(p), p).toBe('common');
    }
    for (const p of commonPasswords()) expect([...p].length).toBeGreaterThanOrEqual(8);
  });

  it('refuses the person’s own e-mail, name and the service’s name', () => {
    const me = ['anna.lindqvist@example.se', 'Anna Lindqvist'];
    expect(passwordProblem('anna.lindqvist@example.se', me)).toBe('personal');
    expect(passwordProblem('annalindqvist', me)).toBe('personal');
    expect(passwordProblem('Anna Lindqvist 1980', me)).toBe('personal');
    expect(passwordProblem('skolhubben123')).toBe('personal');
    expect(passwordProblem('anna tycker om lingon', me)).toBeNull();
  });
});

describe('the throttle’s arithmetic', () => {
  it('grows the delay from 1 s after the free failures, doubling, up to the cap', () => {
    const rule = THROTTLE.pair;
    expect(delayAfter(rule.free - 1, rule)).toBe(0);
    expect(delayAfter(rule.free, rule)).toBe(1000);
    expect(delayAfter(rule.free + 3, rule)).toBe(8000);
    expect(delayAfter(rule.free + 100, rule)).toBe(rule.maxMs);
    expect(THROTTLE.account.maxMs).toBeLessThanOrEqual(60_000);
  });

  it('keys an IPv6 client by its /64 and an IPv4-mapped one as IPv4', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(addressKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(addressKey('192.0.2.7')).toBe('192.0.2.7');
  });

  it('makes activation codes of 12 characters without look-alikes, compared without case or dashes', () => {
    const codes = new Set(Array.from({ length: 200 }, generateActivationCode));
    expect(codes.size).toBe(200);
    for (const code of codes) expect(code).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    expect(normalizeCode(' abcd-efgh jkmn ')).toBe('ABCDEFGHJKMN');
  });
});

describe.each(engines)('accounts on %s', (engine) => {
  let db: TestDatabase;
  let app: App;
  let clock: TestClock;
  let admin: ApiClient;
  beforeEach(async () => {
    db = await testDatabase(engine);
    await createTestSchool(db, weekdays('2026-03-09', 1));
    const hash = await hashPassword(PASSWORD, TEST_SCRYPT);
    await db.transaction(async (tx) => {
      await createUser(tx, {
        id: 'admin',
        role: 'admin',
        name: 'Åsa Admin',
        email: 'admin@test.se',
        passwordHash: hash,
      });
      await createUser(tx, {
        id: 'staff',
        role: 'staff',
        name: 'Sten Staff',
        email: 'staff@test.se',
        passwordHash: hash,
      });
      await createUser(tx, { id: 'gnew', role: 'guardian', name: 'Nils Ny', email: 'nils@test.se' });
      await createUser(tx, { id: 'nomail', role: 'guardian', name: 'Utan Post' });
    });
    clock = testClock(START);
    app = await createApp({ db, now: clock.now, trustProxy: true, passwordHashing: TEST_SCRYPT });
    admin = await signIn(app.app, 'admin@test.se');
  });
  afterEach(async () => {
    await app.close();
    await db.close();
  });

  function post(path: string, body: unknown, headers: Record<string, string> = {}) {
    return app.app.request(`${ORIGIN}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN, ...headers },
      body: JSON.stringify(body),
    });
  }
  const signInFrom = (address: string, email: string, password: string) =>
    post('/api/auth/password', { email, password }, { 'x-forwarded-for': `203.0.113.9, ${address}` });
  const cookieOf = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0] as string;

  describe('brute force', () => {
    it('delays one address after 5 failures, growing, without counting tries made while blocked', async () => {
      for (let i = 0; i < THROTTLE.pair.free; i++) {
        expect((await signInFrom('198.51.100.1', 'ga@test.se', `wrong ${i}`)).status).toBe(401);
      }
      // The 5th failure set a 1-second delay: even the right password waits.
      const blocked = await signInFrom('198.51.100.1', 'ga@test.se', PASSWORD);
      expect(blocked.status).toBe(429);
      expect(blocked.headers.get('retry-after')).toBe('1');
      expect(await blocked.json()).toEqual({ error: 'too_many_attempts', message: expect.any(String), retryAfter: 1 });
      for (let i = 0; i < 10; i++) await signInFrom('198.51.100.1', 'ga@test.se', 'hammering');
      clock.advance(1000);
      expect((await signInFrom('198.51.100.1', 'ga@test.se', 'wrong again')).status).toBe(401);
      const next = await signInFrom('198.51.100.1', 'ga@test.se', PASSWORD);
      expect(next.status).toBe(429);
      expect(next.headers.get('retry-after')).toBe('2'); // hammering did not count
      clock.advance(2000);
      expect((await signInFrom('198.51.100.1', 'ga@test.se', PASSWORD)).status).toBe(200);
      // Success cleared the account's counters.
      expect((await signInFrom('198.51.100.1', 'ga@test.se', 'one slip')).status).toBe(401);
      expect((await signInFrom('198.51.100.1', 'ga@test.se', PASSWORD)).status).toBe(200);
    });

    it('lets the real user in from elsewhere, and an attacker keeps them waiting at most a minute', async () => {
      for (let i = 0; i < 40; i++) {
        await signInFrom('198.51.100.1', 'ga@test.se', `guess ${i}`);
        clock.advance(THROTTLE.pair.maxMs); // the attacker waits out every delay
      }
      const home = await signInFrom('192.0.2.50', 'ga@test.se', PASSWORD);
      if (home.status === 429) {
        expect(Number(home.headers.get('retry-after'))).toBeLessThanOrEqual(60);
        clock.advance(60_000);
        expect((await signInFrom('192.0.2.50', 'ga@test.se', PASSWORD)).status).toBe(200);
      } else {
        expect(home.status).toBe(200);
      }
    });

    // Unknown accounts cost a full scrypt each (timing must not tell them apart): one engine is enough.
    it.runIf(engine === 'pglite')(
      'counts the same for an unknown account, and limits failures per address',
      async () => {
        const limit = THROTTLE.address.password.limit;
        for (let i = 0; i < limit; i++) {
          const res = await signInFrom('198.51.100.7', `nobody${i}@test.se`, 'whatever');
          expect(res.status).toBe(401);
        }
        // The address is over its limit for this window, whatever account it tries.
        expect((await signInFrom('198.51.100.7', 'gb@test.se', PASSWORD)).status).toBe(429);
        expect((await signInFrom('198.51.100.8', 'gb@test.se', PASSWORD)).status).toBe(200);
        clock.advance(THROTTLE.address.password.windowMs);
        expect((await signInFrom('198.51.100.7', 'gb@test.se', PASSWORD)).status).toBe(200);
      },
    );
  });

  describe('activation codes', () => {
    async function issue(user: string) {
      const res = await admin.post('/api/admin/activation-codes', { user });
      expect(res.status).toBe(201);
      return (await res.json()) as { code: string; expiresAt: string; user: { id: string; email: string } };
    }
    const activate = (code: string, password: string, headers: Record<string, string> = {}) =>
      post('/api/auth/activate', { code, password }, headers);

    it('lets a guardian choose their own password and signs them in; the school never sees it', async () => {
      const issued = await issue('NILS@test.se');
      expect(issued.user).toEqual({ id: 'gnew', name: 'Nils Ny', email: 'nils@test.se', role: 'guardian' });
      expect(issued.expiresAt).toBe(new Date(START.getTime() + ACTIVATION_HOURS * 3_600_000).toISOString());
      const stored = await db.query<Record<string, unknown>>('SELECT * FROM activation_codes');
      expect(stored).toHaveLength(1);
      expect(JSON.stringify(stored)).not.toContain(issued.code);
      expect(stored[0]?.code_hash).toBe(createHash('sha256').update(normalizeCode(issued.code)).digest('hex'));

      const res = await activate(issued.code.toLowerCase(), 'mitt eget lösenord');
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        user: { id: 'gnew', role: 'guardian', name: 'Nils Ny' },
        pupils: [],
        email: 'nils@test.se',
      });
      expect((await clientWithCookie(app.app, cookieOf(res)).get('/api/me')).status).toBe(200);
      expect((await post('/api/auth/password', { email: 'nils@test.se', password: 'mitt eget lösenord' })).status).toBe(
        200,
      );
      // Once only.
      expect((await activate(issued.code, 'ett annat lösenord')).status).toBe(400);
    });

    it('refuses a weak password without using up the code', async () => {
      const { code } = await issue('gnew');
      for (const [password, problem] of [
        ['kort', 'too_short'],
        ['iloveyou', 'common'],
        ['nils@test.se', 'personal'],
      ]) {
        const res = await activate(code, password as string);
        expect(res.status).toBe(400);
        expect(await res.json()).toEqual({ error: 'password_policy', problem, message: expect.any(String) });
      }
      expect((await activate(code, 'nu ett bra lösenord')).status).toBe(200);
    });

    it('refuses an expired code, and a code voided by a newer one', async () => {
      const first = await issue('gnew');
      const second = await issue('gnew');
      expect((await activate(first.code, 'ett bra lösenord')).status).toBe(400);
      clock.advance(ACTIVATION_HOURS * 3_600_000);
      const res = await activate(second.code, 'ett bra lösenord');
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: 'invalid_code', message: expect.any(String) });
    });

    it('ends the account’s other sessions when a code is redeemed (a password reset)', async () => {
      const ga = await signIn(app.app, 'ga@test.se');
      const { code } = await issue('ga@test.se');
      expect((await activate(code, 'gun väljer nytt')).status).toBe(200);
      expect((await ga.get('/api/me')).status).toBe(401);
      expect((await post('/api/auth/password', { email: 'ga@test.se', password: PASSWORD })).status).toBe(401);
    });

    it('issues codes for guardians and pupils only, with an e-mail, on enabled accounts', async () => {
      expect((await issue('ada@test.se')).user.id).toBe('ua');
      for (const [user, status, error] of [
        ['staff', 403, 'role'],
        ['admin@test.se', 403, 'role'],
        ['nomail', 409, 'no_email'],
        ['nobody@test.se', 404, 'unknown_user'],
      ] as const) {
        const res = await admin.post('/api/admin/activation-codes', { user });
        expect(res.status, user).toBe(status);
        expect((await res.json()).error).toBe(error);
      }
      await admin.post('/api/admin/users/gb/disable');
      expect((await admin.post('/api/admin/activation-codes', { user: 'gb' })).status).toBe(409);
    });

    it('limits wrong codes per address', async () => {
      const { code } = await issue('gnew');
      const from = { 'x-forwarded-for': '198.51.100.20' };
      for (let i = 0; i < THROTTLE.address.activation.limit; i++) {
        expect((await activate('AAAA-BBBB-CCCC', 'ett bra lösenord', from)).status).toBe(400);
      }
      expect((await activate(code, 'ett bra lösenord', from)).status).toBe(429);
      expect((await activate(code, 'ett bra lösenord', { 'x-forwarded-for': '198.51.100.21' })).status).toBe(200);
    });
  });

  describe('sessions', () => {
    it('lists the user’s own sessions with the current one marked, and ends any of them', async () => {
      const phone = await post(
        '/api/auth/password',
        { email: 'ga@test.se', password: PASSWORD },
        { 'user-agent': 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/130.0 Mobile Safari/537.36' },
      );
      const phoneClient = clientWithCookie(app.app, cookieOf(phone));
      clock.advance(60_000);
      const laptop = await signIn(app.app, 'ga@test.se');
      await signIn(app.app, 'gb@test.se');
      const { sessions } = await laptop.json('/api/sessions');
      expect(sessions).toHaveLength(2);
      expect(sessions[0]).toEqual({
        id: expect.any(String),
        createdAt: new Date(START.getTime() + 60_000).toISOString(),
        lastUsedAt: new Date(START.getTime() + 60_000).toISOString(),
        expiresAt: expect.any(String),
        shared: false,
        device: '',
        current: true,
      });
      expect(sessions[1]).toMatchObject({ device: 'Chrome, Android', current: false });
      // No hash leaks into the list.
      const hashes = (await db.query<{ id: string }>('SELECT id FROM sessions')).map((r) => r.id);
      for (const h of hashes) expect(JSON.stringify(sessions)).not.toContain(h);

      const end = await laptop.send(`/api/sessions/${sessions[1].id}`, { method: 'DELETE' });
      expect(end.status).toBe(204);
      expect((await phoneClient.get('/api/me')).status).toBe(401);
      expect((await laptop.get('/api/me')).status).toBe(200);
      expect((await laptop.send(`/api/sessions/${sessions[1].id}`, { method: 'DELETE' })).status).toBe(404);
    });

    it('ends every other session at once, and cannot end another user’s', async () => {
      const a1 = await signIn(app.app, 'ga@test.se');
      const a2 = await signIn(app.app, 'ga@test.se');
      const a3 = await signIn(app.app, 'ga@test.se');
      const gb = await signIn(app.app, 'gb@test.se');
      const gbId = (await gb.json('/api/sessions')).sessions[0].id;
      expect((await a1.send(`/api/sessions/${gbId}`, { method: 'DELETE' })).status).toBe(404);
      expect((await gb.get('/api/me')).status).toBe(200);
      const res = await a1.send('/api/sessions', { method: 'DELETE' });
      expect(await res.json()).toEqual({ ended: 2 });
      expect((await a2.get('/api/me')).status).toBe(401);
      expect((await a3.get('/api/me')).status).toBe(401);
      expect((await a1.get('/api/me')).status).toBe(200);
    });

    it('lets an administrator end a user’s sessions, and disable and enable the account', async () => {
      const ga = await signIn(app.app, 'ga@test.se');
      await signIn(app.app, 'ga@test.se');
      expect(await (await admin.send('/api/admin/users/ga@test.se/sessions', { method: 'DELETE' })).json()).toEqual({
        ended: 2,
      });
      expect((await ga.get('/api/me')).status).toBe(401);
      const again = await signIn(app.app, 'ga@test.se');
      expect((await admin.post('/api/admin/users/ga/disable')).status).toBe(204);
      expect((await again.get('/api/me')).status).toBe(401);
      expect((await post('/api/auth/password', { email: 'ga@test.se', password: PASSWORD })).status).toBe(401);
      expect((await admin.post('/api/admin/users/ga/enable')).status).toBe(204);
      const back = await signIn(app.app, 'ga@test.se');
      expect((await back.json('/api/me')).pupils).toHaveLength(1);
      expect((await admin.post('/api/admin/users/admin/disable')).status).toBe(409);
      expect((await admin.post('/api/admin/users/nobody/disable')).status).toBe(404);
    });
  });

  describe('the walls', () => {
    it('tells the browser to clear the cache and cookies at sign-out, never storage (the app shell stays)', async () => {
      const ga = await signIn(app.app, 'ga@test.se');
      const res = await ga.post('/api/auth/logout');
      expect(res.status).toBe(204);
      expect(res.headers.get('clear-site-data')).toBe('"cache", "cookies"');
      const quiet = await createApp({ db, now: clock.now, clearSiteCookies: false, passwordHashing: TEST_SCRYPT });
      const gb = await signIn(quiet.app, 'gb@test.se');
      expect((await gb.post('/api/auth/logout')).headers.get('clear-site-data')).toBe('"cache"');
      await quiet.close();
    });

    it('refuses a request that changes something with a body that is not JSON', async () => {
      const ga = await signIn(app.app, 'ga@test.se');
      for (const [type, body] of [
        ['text/plain', '{"email":"ga@test.se"}'],
        ['application/x-www-form-urlencoded', 'email=ga%40test.se&password=x'],
        ['multipart/form-data; boundary=x', '--x--'],
      ]) {
        const res = await ga.send('/api/auth/password', {
          method: 'POST',
          headers: { 'content-type': type as string },
          body,
        });
        expect(res.status, type).toBe(415);
        expect(
          (await ga.send('/api/sessions', { method: 'DELETE', headers: { 'content-type': type as string }, body }))
            .status,
        ).toBe(415);
      }
      expect((await ga.get('/api/me')).status).toBe(200);
      expect((await ga.send('/api/auth/logout', { method: 'POST' })).status).toBe(204); // no body, no type needed
    });

    it('sends X-Frame-Options and a Permissions-Policy that turns off what the app does not use', async () => {
      const res = await app.app.request(`${ORIGIN}/api/health`);
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb', 'browsing-topics']) {
        expect(res.headers.get('permissions-policy')).toContain(`${feature}=()`);
      }
    });
  });
});
