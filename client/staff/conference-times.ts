/**
 * The school's side of Utvecklingssamtal, from the staff API: the classes a
 * teacher opens times for, a class's times with their bookings, opening and
 * closing times. Not replicated: staff work online.
 *
 * @module
 */

export interface StaffClass {
  id: string;
  name: string;
  schoolId: string;
  schoolName: string;
}

export interface StaffTime {
  id: string;
  date: string;
  start: string;
  end: string;
  location: string;
  teacher: string;
  bookUntil: string;
  taken: boolean;
  booking: { pupilName: string; bookedBy: string; bookedAt: string } | null;
}

export interface NewTime {
  classId: string;
  date: string;
  start: string;
  end: string;
  location?: string;
  teacher?: string;
  bookUntil?: string;
}

/** A result, or why there is none: no connection, signed out, refused (with the server's message), or a server error. */
export type Answer<T> =
  | { ok: true; value: T }
  | { ok: false; error: 'offline' | 'signedOut' | 'server' }
  | { ok: false; error: 'refused'; status: number; code: string; message: string };

async function call<T>(method: string, path: string, body?: unknown): Promise<Answer<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, error: 'offline' };
  }
  if (res.status === 401) return { ok: false, error: 'signedOut' };
  if (res.status >= 500) return { ok: false, error: 'server' };
  if (!res.ok) {
    const problem = (await res.json().catch(() => ({}))) as { error?: string; message?: string };
    return {
      ok: false,
      error: 'refused',
      status: res.status,
      code: problem.error ?? '',
      message: problem.message ?? '',
    };
  }
  return { ok: true, value: (res.status === 204 ? null : await res.json()) as T };
}

export async function loadClasses(): Promise<Answer<StaffClass[]>> {
  const answer = await call<{ classes: StaffClass[] }>('GET', '/api/staff/classes');
  return answer.ok ? { ok: true, value: answer.value.classes } : answer;
}

export async function loadTimes(classId: string): Promise<Answer<StaffTime[]>> {
  const answer = await call<{ slots: StaffTime[] }>(
    'GET',
    `/api/staff/conferences?classId=${encodeURIComponent(classId)}`,
  );
  return answer.ok ? { ok: true, value: answer.value.slots } : answer;
}

export function openTime(id: string, time: NewTime): Promise<Answer<StaffTime>> {
  return call<StaffTime>('PUT', `/api/staff/conferences/${encodeURIComponent(id)}`, time);
}

export function closeTime(id: string, cancelBooking: boolean): Promise<Answer<null>> {
  return call<null>(
    'DELETE',
    `/api/staff/conferences/${encodeURIComponent(id)}${cancelBooking ? '?cancelBooking=true' : ''}`,
  );
}
