/**
 * The sign-in page's calls to the server, besides the password (which is in
 * `app/session.ts`): which methods this server offers and the municipality's
 * name (remembered, so the installed app shows them offline), and a BankID
 * order's start, poll and cancel. Components call these; they never fetch.
 *
 * @module
 */
import type { BankIdFlow, BankIdState } from '../../shared/bankid.js';
import type { MessageKey } from '../../shared/i18n/index.js';
import { isSharedDevice } from '../app/session.js';
import type { Me } from '../app/state.js';

export interface LoginMethods {
  municipality: string | null;
  bankid: boolean;
  google: boolean;
}

const METHODS_KEY = 'skolhubben:login-methods';

/** What the server said last time, if anything. */
export function rememberedLoginMethods(): LoginMethods | null {
  try {
    const raw = localStorage.getItem(METHODS_KEY);
    return raw ? (JSON.parse(raw) as LoginMethods) : null;
  } catch {
    return null;
  }
}

/** Asks the server which sign-in methods it offers; the remembered answer when it cannot. */
export async function loginMethods(): Promise<LoginMethods | null> {
  try {
    const res = await fetch('/api/auth/methods', {
      headers: { accept: 'application/json' },
      credentials: 'same-origin',
    });
    if (!res.ok) return rememberedLoginMethods();
    const methods = (await res.json()) as LoginMethods;
    try {
      localStorage.setItem(METHODS_KEY, JSON.stringify(methods));
    } catch {
      // Not remembered; still shown.
    }
    return methods;
  } catch {
    return rememberedLoginMethods();
  }
}

/** A BankID order as the page follows it: the server's state, or why there is none. */
export type BankIdResult =
  | (BankIdState & { me?: Me })
  | { status: 'error'; message: Extract<MessageKey, 'bankid.network' | 'bankid.unavailable' | 'bankid.tooMany'> };

async function bankIdCall(path: string, body?: unknown): Promise<BankIdResult> {
  let res: Response;
  try {
    res = await fetch(`/api/auth/bankid/${path}`, {
      method: 'POST',
      headers:
        body === undefined
          ? { accept: 'application/json' }
          : { 'content-type': 'application/json', accept: 'application/json' },
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { status: 'error', message: 'bankid.network' };
  }
  if (res.status === 429) return { status: 'error', message: 'bankid.tooMany' };
  if (!res.ok) return { status: 'error', message: 'bankid.unavailable' };
  try {
    return (await res.json()) as BankIdResult;
  } catch {
    return { status: 'error', message: 'bankid.unavailable' };
  }
}

/**
 * Starts an order: the QR code for another device, or the autostart link for
 * this one; on a shared computer the session it ends in is a short one.
 */
export function startBankId(flow: BankIdFlow): Promise<BankIdResult> {
  return bankIdCall('start', isSharedDevice() ? { flow, shared: true } : { flow });
}

/** Where "Logga in med Google" goes: the server's start, saying whether this is a shared computer. */
export function googleStartUrl(): string {
  return isSharedDevice() ? '/api/auth/google/start?shared=1' : '/api/auth/google/start';
}

/** The order's state now (a new QR code each second); `me` when it is complete. */
export function pollBankId(): Promise<BankIdResult> {
  return bankIdCall('poll');
}

/** Cancels the order; `leaving`: the page is going away, so the request must outlive it (a beacon). */
export async function cancelBankId(leaving = false): Promise<void> {
  try {
    if (leaving && navigator.sendBeacon?.('/api/auth/bankid/cancel')) return;
    await fetch('/api/auth/bankid/cancel', { method: 'POST', credentials: 'same-origin', keepalive: leaving });
  } catch {
    // The server cancels an order nobody asks about within seconds anyway.
  }
}
