/**
 * The signed-in user's sessions, from the server (`/api/sessions`): not
 * replicated, since they only mean something online.
 *
 * @module
 */

export interface SessionInfo {
  id: string;
  createdAt: string;
  lastUsedAt: string;
  expiresAt: string;
  shared: boolean;
  device: string;
  current: boolean;
}

export type Loaded<T> = { ok: true; value: T } | { ok: false; error: 'offline' | 'signedOut' | 'server' };

async function call(method: string, path: string): Promise<Response | 'offline'> {
  try {
    return await fetch(path, { method, credentials: 'same-origin', headers: { accept: 'application/json' } });
  } catch {
    return 'offline';
  }
}

function failure(res: Response | 'offline'): Loaded<never> {
  if (res === 'offline') return { ok: false, error: 'offline' };
  return { ok: false, error: res.status === 401 ? 'signedOut' : 'server' };
}

/** Where the user is signed in, newest first. */
export async function loadSessions(): Promise<Loaded<SessionInfo[]>> {
  const res = await call('GET', '/api/sessions');
  if (res === 'offline' || !res.ok) return failure(res);
  return { ok: true, value: ((await res.json()) as { sessions: SessionInfo[] }).sessions };
}

/** Ends one session (`id` from the list). */
export async function endSession(id: string): Promise<Loaded<true>> {
  const res = await call('DELETE', `/api/sessions/${encodeURIComponent(id)}`);
  if (res === 'offline' || (!res.ok && res.status !== 404)) return failure(res);
  return { ok: true, value: true };
}

/** Ends every session but this one. */
export async function endOtherSessions(): Promise<Loaded<true>> {
  const res = await call('DELETE', '/api/sessions');
  if (res === 'offline' || !res.ok) return failure(res);
  return { ok: true, value: true };
}
