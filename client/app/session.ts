/**
 * Signing in and out on the device, and the start-up that works offline: the
 * last known user (`/api/me`) is kept in localStorage, so the app opens with
 * the user's data and no network; the server is asked again when it can be.
 *
 * Sign-out ends the server session and removes everything personal from the
 * device (`wipe.ts`): the user's database, the outbox, remembered details.
 *
 * On a shared computer (chosen at sign-in, `useSharedDevice`) nothing is kept
 * at all: the database lives in the tab's memory, no user is remembered, and
 * a reload asks for sign-in again.
 *
 * @module
 */
import type { PupilDoc } from '../../shared/collections.js';
import type { Device } from '../data/device.js';
import { type Me, store } from './state.js';

const ME_KEY = 'skolhubben:me';
const CONTACT_KEY = 'skolhubben:last-contact';
const LOGOUT_PENDING_KEY = 'skolhubben:logout-pending';
const pupilKey = (userId: string) => `skolhubben:pupil:${userId}`;

let device: Device | null = null;
let opening: Promise<void> | null = null;
/** False on a shared computer: nothing is written to the device's storage. */
let persist = true;

/**
 * Chooses, before a sign-in completes, whether it keeps nothing on the device
 * (a shared computer). Every sign-in flow calls it with the choice made on the
 * sign-in page.
 */
export function useSharedDevice(shared: boolean): void {
  persist = !shared;
}

/** Whether this sign-in keeps nothing on the device. */
export function isSharedDevice(): boolean {
  return !persist;
}

function read<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  if (!persist && value !== null) return;
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Private mode or full storage: the app still works for this visit.
  }
}

/** The user remembered on this device, if any. */
export function rememberedUser(): Me | null {
  return read<Me>(ME_KEY);
}

/** Chooses which child the menu shows; remembered per user. */
export function selectPupil(pupilId: string): void {
  const me = store.get().me;
  if (!me?.pupils.some((p) => p.id === pupilId)) return;
  write(pupilKey(me.user.id), pupilId);
  store.set({ pupilId });
}

function setMe(me: Me): void {
  write(ME_KEY, me);
  const saved = read<string>(pupilKey(me.user.id));
  const current = store.get().pupilId;
  const pupilId = [current, saved].find((id) => id && me.pupils.some((p) => p.id === id)) ?? me.pupils[0]?.id ?? null;
  store.set({ me, pupilId });
}

function noteContact(reachable: boolean): void {
  const sync = store.get().sync;
  if (reachable) {
    // Every pull answers; re-render and write at most twice a minute.
    const last = sync.lastContactAt ? Date.parse(sync.lastContactAt) : 0;
    if (sync.reachable === true && Date.now() - last < 30_000) return;
    const now = new Date().toISOString();
    write(CONTACT_KEY, now);
    store.set({ sync: { ...sync, reachable: true, lastContactAt: now } });
  } else if (sync.reachable !== false) {
    store.set({ sync: { ...sync, reachable: false } });
  }
}

function onPupils(pupils: PupilDoc[]): void {
  const me = store.get().me;
  if (!me) return;
  // Before the first pull the database is empty: keep what the sign-in said.
  if (pupils.length === 0 && me.pupils.length > 0 && !store.get().sync.lastContactAt) return;
  setMe({
    ...me,
    pupils: pupils.map((p) => ({
      id: p.id,
      name: p.name,
      firstName: p.firstName,
      classId: p.classId,
      className: p.className,
      schoolId: p.schoolId,
    })),
  });
}

/** Opens the signed-in user's device database and starts replication (once). */
export async function openUserData(me: Me): Promise<void> {
  if (device || opening) return opening ?? undefined;
  opening = (async () => {
    try {
      const { openDevice } = await import('../data/device.js');
      device = await openDevice({
        userId: me.user.id,
        memory: !persist,
        onUnauthorized: () => store.set({ sync: { ...store.get().sync, sessionEnded: true } }),
        onReachable: noteContact,
        onPupils,
      });
      store.set({ db: device.db, dbError: null });
    } catch (error) {
      store.set({ dbError: String((error as Error)?.message ?? error) });
    } finally {
      opening = null;
    }
  })();
  return opening;
}

/** Starts the app for the remembered user, if any; returns whether there was one. */
export function resume(): boolean {
  const me = rememberedUser();
  store.set({ sync: { ...store.get().sync, lastContactAt: read<string>(CONTACT_KEY) } });
  if (read<boolean>(LOGOUT_PENDING_KEY)) void finishPendingLogout();
  if (!me) return false;
  setMe(me);
  void openUserData(me);
  void refreshMe();
  return true;
}

/** Asks the server who is signed in; a 401 means the session ended (data stays until sign-in). */
export async function refreshMe(): Promise<void> {
  try {
    const res = await fetch('/api/me', { headers: { accept: 'application/json' }, credentials: 'same-origin' });
    noteContact(res.status < 500);
    if (res.status === 401) {
      store.set({ sync: { ...store.get().sync, sessionEnded: true } });
      return;
    }
    if (!res.ok) return;
    const me = (await res.json()) as Me;
    const previous = store.get().me;
    if (previous && previous.user.id !== me.user.id) {
      // Another account signed in on this device (another tab): start over as them.
      await closeUserData();
    }
    setMe(me);
    store.set({ sync: { ...store.get().sync, sessionEnded: false } });
    await openUserData(me);
  } catch {
    noteContact(false);
  }
}

export type SignInResult =
  | { ok: true }
  | { ok: false; error: 'credentials' | 'network' | 'server' | 'input' }
  | { ok: false; error: 'throttled'; retryAfter: number };

const retryAfter = (res: Response) => Number(res.headers.get('retry-after')) || 60;

/** Signs in with e-mail and password and opens the user's data. */
export async function signInWithPassword(
  email: string,
  password: string,
  shared = isSharedDevice(),
): Promise<SignInResult> {
  let res: Response;
  try {
    res = await fetch('/api/auth/password', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(shared ? { email, password, shared } : { email, password }),
    });
  } catch {
    return { ok: false, error: 'network' };
  }
  noteContact(res.status < 500);
  if (res.status === 401) return { ok: false, error: 'credentials' };
  if (res.status === 429) return { ok: false, error: 'throttled', retryAfter: retryAfter(res) };
  if (res.status === 400) return { ok: false, error: 'input' };
  if (!res.ok) return { ok: false, error: 'server' };
  useSharedDevice(shared);
  await completeSignIn((await res.json()) as Me);
  return { ok: true };
}

/**
 * Goes on from a sign-in the server accepted — password, BankID or Google —
 * with `me`, the body of /api/me: the user's data opens as after any sign-in.
 */
export async function completeSignIn(me: Me): Promise<void> {
  const previous = store.get().me;
  if (previous && previous.user.id !== me.user.id) await closeUserData();
  setMe(me);
  store.set({ sync: { ...store.get().sync, sessionEnded: false } });
  await openUserData(me);
}

/** After a sign-in that came back by redirect (Google): asks who is signed in, and goes on as `completeSignIn`. */
export async function signInWithSession(): Promise<SignInResult> {
  let res: Response;
  try {
    res = await fetch('/api/me', { headers: { accept: 'application/json' }, credentials: 'same-origin' });
  } catch {
    return { ok: false, error: 'network' };
  }
  noteContact(res.status < 500);
  if (res.status === 401) return { ok: false, error: 'credentials' };
  if (!res.ok) return { ok: false, error: 'server' };
  await completeSignIn((await res.json()) as Me);
  return { ok: true };
}

export type ActivationResult =
  | { ok: true; email: string }
  | { ok: false; error: 'code' | 'network' | 'server' | 'input' }
  | { ok: false; error: 'policy'; problem: 'too_short' | 'too_long' | 'common' | 'personal' }
  | { ok: false; error: 'throttled'; retryAfter: number };

/** Redeems an activation code with the password the person chose, and signs them in. */
export async function activateWithCode(
  code: string,
  password: string,
  shared = false,
  /** Called once the server took the code, before the app switches to the signed-in user. */
  onAccepted?: (email: string) => void,
): Promise<ActivationResult> {
  let res: Response;
  try {
    res = await fetch('/api/auth/activate', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(shared ? { code, password, shared } : { code, password }),
    });
  } catch {
    return { ok: false, error: 'network' };
  }
  noteContact(res.status < 500);
  if (res.status === 429) return { ok: false, error: 'throttled', retryAfter: retryAfter(res) };
  if (res.status === 400) {
    const body = (await res.json().catch(() => ({}))) as { error?: string; problem?: string };
    if (body.error === 'invalid_code') return { ok: false, error: 'code' };
    if (body.error === 'password_policy') return { ok: false, error: 'policy', problem: body.problem as 'too_short' };
    return { ok: false, error: 'input' };
  }
  if (!res.ok) return { ok: false, error: 'server' };
  const { email, ...me } = (await res.json()) as Me & { email: string };
  onAccepted?.(email);
  const previous = store.get().me;
  if (previous && previous.user.id !== me.user.id) await closeUserData();
  useSharedDevice(shared);
  setMe(me);
  store.set({ sync: { ...store.get().sync, sessionEnded: false } });
  await openUserData(me);
  return { ok: true, email };
}

async function closeUserData(): Promise<void> {
  const d = device;
  device = null;
  store.set({ db: null });
  await d?.close();
}

/** Requests made on the device that the server has not taken yet. */
export async function pendingRequestCount(): Promise<number> {
  const db = store.get().db;
  if (!db) return 0;
  return db.requests.count({ selector: { status: 'pending' } }).exec();
}

async function finishPendingLogout(): Promise<void> {
  try {
    const res = await fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin' });
    if (res.ok) write(LOGOUT_PENDING_KEY, null);
  } catch {
    // Still offline: try again at the next start.
  }
}

/**
 * Signs out: ends the server session (or remembers to, when offline) and
 * removes this user's data from the device.
 */
export async function signOut(): Promise<void> {
  write(LOGOUT_PENDING_KEY, true);
  await finishPendingLogout();
  const me = store.get().me;
  const d = device;
  device = null;
  store.set({ db: null });
  try {
    await d?.remove();
  } catch {
    // Another tab may hold the database open; it is removed when that tab signs out too.
  }
  write(ME_KEY, null);
  write(CONTACT_KEY, null);
  if (me) write(pupilKey(me.user.id), null);
  // Everything else personal: other databases, caches, stored entries (the app shell stays).
  await (await import('./wipe.js')).wipeDevice();
  persist = true;
  store.set({
    me: null,
    pupilId: null,
    sync: { reachable: store.get().sync.reachable, lastContactAt: null, sessionEnded: false },
  });
}
