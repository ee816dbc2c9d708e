/**
 * The staff page's calls to the staff API (`/api/staff/care/…`): staff read
 * nobody's pupils through sync, so their view of Fritidsschema is online.
 *
 * @module
 */
import type { IsoDate } from '../../../shared/time.js';

export interface CareOverview {
  schoolId: string;
  from: IsoDate;
  to: IsoDate;
  locks: { date: IsoDate; reason: string }[];
  pupils: {
    id: string;
    name: string;
    className: string;
    opens: string;
    closes: string;
    days: { date: IsoDate; noCare: boolean; arrival: string; departure: string; comment: string; setBy: string }[];
  }[];
}

export type Answer<T> = { ok: true; value: T } | { ok: false; offline: boolean; message: string };

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
    return { ok: false, offline: true, message: '' };
  }
  if (!res.ok) {
    const error = (await res.json().catch(() => ({}))) as { message?: string };
    return { ok: false, offline: false, message: error.message ?? String(res.status) };
  }
  return { ok: true, value: (res.status === 204 ? null : await res.json()) as T };
}

export const loadCareTimes = (from: IsoDate, to: IsoDate) =>
  call<CareOverview>('GET', `/api/staff/care/times?from=${from}&to=${to}`);

export const lockCareDay = (date: IsoDate, reason: string) =>
  call<unknown>('PUT', `/api/staff/care/locks/${encodeURIComponent(date)}`, { reason });

export const unlockCareDay = (date: IsoDate) =>
  call<null>('DELETE', `/api/staff/care/locks/${encodeURIComponent(date)}`);
