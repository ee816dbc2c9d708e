import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../app.js';
import { engines, type TestDatabase, testDatabase } from '../../testing/db.js';
import { createTestSchool, type TestClock, testClock, weekdays } from '../../testing/school.js';
import { type GoogleSimulator, type GoogleTestAccount, startGoogleSimulator } from './simulator.js';

const ORIGIN = 'http://localhost';
const CALLBACK = `${ORIGIN}/api/auth/google/callback`;

const account = (over: Partial<GoogleTestAccount> & Pick<GoogleTestAccount, 'sub' | 'email'>): GoogleTestAccount => ({
  emailVerified: true,
  hd: 'test.se',
  name: over.email,
  ...over,
});

/** A browser that keeps cookies and does not follow redirects (the test follows them). */
function browser(app: App['app']) {
  const jar = new Map<string, string>();
  async function get(url: string) {
    const headers: Record<string, string> = {};
    if (jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await app.request(url, { headers });
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(/;\s*/);
      const [name = '', value = ''] = pair.split('=');
      if (!value || attrs.some((a) => /^max-age=0$/i.test(a))) jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  }
  return { jar, get };
}

describe.each(engines)('signing in with Google on %s', (engine) => {
  let db: TestDatabase;
  let app: App;
  let clock: TestClock;
  let sim: GoogleSimulator;
  let accounts: GoogleTestAccount[];

  beforeEach(async () => {
    db = await testDatabase(engine);
    await createTestSchool(db, weekdays('2026-03-09', 1));
    clock = testClock('2026-03-10T07:10:00Z');
    accounts = [
      account({ sub: 'g-ada', email: 'ada@test.se' }),
      account({ sub: 'g-new', email: 'new.pupil@test.se' }),
      account({ sub: 'g-unverified', email: 'ada@test.se', emailVerified: false }),
      account({ sub: 'g-outside', email: 'ada@other.example', hd: undefined }),
      account({ sub: 'g-nohd', email: 'ada@test.se', hd: undefined }),
      account({ sub: 'g-guardian', email: 'ga@test.se' }),
      account({ sub: 'g-second', email: 'ada@test.se' }),
    ];
    sim = await startGoogleSimulator({
      clientId: 'skolhubben-test',
      clientSecret: 'test-secret',
      accounts,
      now: () => clock.now().getTime(),
    });
    app = await createApp({
      db,
      now: clock.now,
      identity: {
        google: {
          issuer: sim.issuer,
          authorizationEndpoint: sim.authorizationEndpoint,
          tokenEndpoint: sim.tokenEndpoint,
          jwksUri: sim.jwksUri,
          clientId: 'skolhubben-test',
          clientSecret: 'test-secret',
          domain: 'test.se',
          description: 'simulator',
        },
      },
    });
  });
  afterEach(async () => {
    await app.close();
    await sim.close();
    await db.close();
  });

  /** Starts at our server: the redirect to the provider, with its query. */
  async function start(b: ReturnType<typeof browser>) {
    const res = await b.get(`${ORIGIN}/api/auth/google/start`);
    expect(res.status).toBe(302);
    return new URL(res.headers.get('location') as string);
  }

  /** The user picks `sub` (or cancels) on the provider's page: where the provider sends the browser. */
  async function choose(authorize: URL, sub: string | null) {
    const form = new URLSearchParams();
    for (const k of ['client_id', 'redirect_uri', 'state', 'code_challenge', 'nonce']) {
      form.set(k, authorize.searchParams.get(k) ?? '');
    }
    if (sub) form.set('sub', sub);
    else form.set('cancel', '1');
    const res = await fetch(sim.authorizationEndpoint, { method: 'POST', body: form, redirect: 'manual' });
    expect(res.status).toBe(303);
    return res.headers.get('location') as string;
  }

  /** The whole flow for `sub`; where our server sends the browser in the end. */
  async function signIn(b: ReturnType<typeof browser>, sub: string) {
    const back = await b.get(await choose(await start(b), sub));
    expect(back.status).toBe(302);
    return back.headers.get('location');
  }

  const linked = () => db.query<{ subject: string; user_id: string }>('SELECT subject, user_id FROM user_identities');

  it('sends the browser to the provider with PKCE (S256), state, nonce and the school’s domain', async () => {
    const b = browser(app.app);
    const url = await start(b);
    expect(url.origin + url.pathname).toBe(sim.authorizationEndpoint);
    const q = Object.fromEntries(url.searchParams);
    expect(q).toMatchObject({
      response_type: 'code',
      client_id: 'skolhubben-test',
      redirect_uri: CALLBACK,
      code_challenge_method: 'S256',
      scope: 'openid email profile',
      hd: 'test.se',
    });
    expect(q.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.state?.length).toBeGreaterThanOrEqual(20);
    expect(q.nonce?.length).toBeGreaterThanOrEqual(20);
    // The verifier stays with the server's cookie for this browser; the provider sees only its hash.
    const cookie = b.jar.get('google') as string;
    const [state, verifier] = cookie.split('.');
    expect(state).toBe(q.state);
    expect(url.toString()).not.toContain(verifier);
  });

  it('links a pupil on first use through a verified e-mail of the school’s domain, then knows them by subject', async () => {
    const b = browser(app.app);
    expect(await signIn(b, 'g-ada')).toBe('/?login=google');
    expect(b.jar.has('google')).toBe(false);
    const me = await b.get(`${ORIGIN}/api/me`);
    expect(me.status).toBe(200);
    expect((await me.json()).user).toEqual({ id: 'ua', role: 'pupil', name: 'Ada Ahl' });
    expect(await linked()).toEqual([{ subject: 'g-ada', user_id: 'ua' }]);

    // Later the address at Google changes: the subject still finds Ada.
    (accounts[0] as GoogleTestAccount).email = 'ada.ahl@test.se';
    const again = browser(app.app);
    expect(await signIn(again, 'g-ada')).toBe('/?login=google');
    expect((await (await again.get(`${ORIGIN}/api/me`)).json()).user.id).toBe('ua');
    // Each sign-in is a session of its own.
    expect(await db.query(`SELECT user_id FROM sessions`)).toHaveLength(2);
  });

  it('starts a shared-computer session when asked to at the start', async () => {
    const b = browser(app.app);
    const res = await b.get(`${ORIGIN}/api/auth/google/start?shared=1`);
    const back = await b.get(await choose(new URL(res.headers.get('location') as string), 'g-ada'));
    expect(back.headers.get('location')).toBe('/?login=google');
    expect(await db.query('SELECT user_id, shared FROM sessions')).toEqual([{ user_id: 'ua', shared: true }]);
  });

  it('lets in only existing pupils: nobody unknown, unverified, outside the domain, a guardian, or a second account', async () => {
    const outcomes: Record<string, string | null> = {};
    for (const sub of ['g-new', 'g-unverified', 'g-outside', 'g-nohd', 'g-guardian']) {
      outcomes[sub] = await signIn(browser(app.app), sub);
    }
    expect(await linked()).toEqual([]);
    await signIn(browser(app.app), 'g-ada');
    outcomes['g-second'] = await signIn(browser(app.app), 'g-second');
    for (const sub of ['g-new', 'g-unverified', 'g-outside', 'g-nohd', 'g-guardian', 'g-second']) {
      expect(outcomes[sub], sub).toBe('/?login=google&error=unknown_account');
    }
    expect(await linked()).toEqual([{ subject: 'g-ada', user_id: 'ua' }]);
    expect(await db.query(`SELECT user_id FROM sessions`)).toEqual([{ user_id: 'ua' }]);
  });

  it('refuses a callback whose state is not this browser’s, before trading the code', async () => {
    const b = browser(app.app);
    const back = new URL(await choose(await start(b), 'g-ada'));
    back.searchParams.set('state', 'forged-state-from-another-browser');
    const res = await b.get(back.toString());
    expect(res.headers.get('location')).toBe('/?login=google&error=failed');
    expect(b.jar.has('session')).toBe(false);
    expect(sim.refused).toEqual([]);

    // The right state in a browser that did not start the flow (no cookie): refused too.
    const other = browser(app.app);
    const stolen = await choose(await start(browser(app.app)), 'g-ada');
    expect((await other.get(stolen)).headers.get('location')).toBe('/?login=google&error=failed');
    expect(await db.query('SELECT * FROM sessions')).toEqual([]);
  });

  it('sends the code verifier the challenge was made from: another one is refused by the provider (PKCE)', async () => {
    const b = browser(app.app);
    const authorize = await start(b);
    const [state, , nonce, shared] = (b.jar.get('google') as string).split('.');
    b.jar.set('google', [state, 'x'.repeat(43), nonce, shared].join('.'));
    const res = await b.get(await choose(authorize, 'g-ada'));
    expect(res.headers.get('location')).toBe('/?login=google&error=failed');
    expect(sim.refused).toEqual(['PKCE verifier does not match']);
  });

  it('refuses an id_token whose nonce is not this browser’s', async () => {
    const b = browser(app.app);
    const authorize = await start(b);
    const [state, verifier, , shared] = (b.jar.get('google') as string).split('.');
    b.jar.set('google', [state, verifier, 'another-nonce-entirely', shared].join('.'));
    expect((await b.get(await choose(authorize, 'g-ada'))).headers.get('location')).toBe('/?login=google&error=failed');
    expect(await db.query('SELECT * FROM sessions')).toEqual([]);
  });

  it('says “cancelled” when the user cancels at the provider, and a disabled pupil does not get in', async () => {
    const b = browser(app.app);
    expect((await b.get(await choose(await start(b), null))).headers.get('location')).toBe(
      '/?login=google&error=cancelled',
    );
    await db.query(`UPDATE users SET disabled = true WHERE id = 'ua'`);
    expect(await signIn(browser(app.app), 'g-ada')).toBe('/?login=google&error=unknown_account');
  });

  it('lists Google among the sign-in methods', async () => {
    const res = await app.app.request(`${ORIGIN}/api/auth/methods`);
    expect(await res.json()).toEqual({ municipality: null, bankid: false, google: true });
  });
});
