/**
 * What a guardian reads while signing in with BankID: every state of an order
 * (RP API v6: `status`, `hintCode`, or the `errorCode` of a refused call) maps
 * to one of BankID's recommended user messages (RFA1–RFA23). Codes BankID adds
 * later, or that we do not know, get a safe general message: RFA21 while the
 * order is pending, RFA22 when it failed.
 *
 * The mapping depends on the flow: the animated QR code for BankID on another
 * device, or the autostart link for BankID on this device.
 *
 * @module
 */
import type { MessageKey } from './i18n/index.js';

export type BankIdFlow = 'qr' | 'device';
export const BANKID_FLOWS: readonly BankIdFlow[] = ['qr', 'device'];

/** What the browser learns of an order: never the orderRef, the tokens or the secret. */
export interface BankIdState {
  status: 'pending' | 'complete' | 'failed';
  /** The user message to show (an i18n key, `bankid.*`). */
  message: MessageKey;
  /** Pending, QR flow: the QR code of this second, as an SVG data URL. */
  qr?: string;
  /** Pending, device flow: the link that starts the BankID app on this device. */
  launchUrl?: string;
  /** Milliseconds until the next poll is worth making (the next QR code). */
  nextPollMs?: number;
}

const PENDING_QR: Record<string, MessageKey> = {
  outstandingTransaction: 'bankid.rfa1',
  noClient: 'bankid.rfa1',
  started: 'bankid.rfa14',
  userMrtd: 'bankid.rfa23',
  userSign: 'bankid.rfa9',
};

const PENDING_DEVICE: Record<string, MessageKey> = {
  outstandingTransaction: 'bankid.rfa13',
  noClient: 'bankid.rfa1',
  started: 'bankid.rfa15',
  userMrtd: 'bankid.rfa23',
  userSign: 'bankid.rfa9',
};

const FAILED: Record<string, MessageKey> = {
  expiredTransaction: 'bankid.rfa8',
  certificateErr: 'bankid.rfa16',
  userCancel: 'bankid.rfa6',
  cancelled: 'bankid.rfa3',
};

const ERRORS: Record<string, MessageKey> = {
  alreadyInProgress: 'bankid.rfa4',
  requestTimeout: 'bankid.rfa5',
  maintenance: 'bankid.rfa5',
  internalError: 'bankid.rfa5',
};

/** The message for a pending order's hint code. */
export function pendingMessage(flow: BankIdFlow, hintCode: string | undefined): MessageKey {
  const table = flow === 'qr' ? PENDING_QR : PENDING_DEVICE;
  if (!hintCode) return flow === 'qr' ? 'bankid.rfa1' : 'bankid.rfa13';
  return Object.hasOwn(table, hintCode) ? (table[hintCode] as MessageKey) : 'bankid.rfa21';
}

/** The message for a failed order's hint code. */
export function failedMessage(flow: BankIdFlow, hintCode: string | undefined): MessageKey {
  if (hintCode === 'startFailed') return flow === 'qr' ? 'bankid.rfa17qr' : 'bankid.rfa17device';
  return hintCode && Object.hasOwn(FAILED, hintCode) ? (FAILED[hintCode] as MessageKey) : 'bankid.rfa22';
}

/** The message for a call BankID refused with `errorCode`. */
export function errorMessage(errorCode: string | undefined): MessageKey {
  return errorCode && Object.hasOwn(ERRORS, errorCode) ? (ERRORS[errorCode] as MessageKey) : 'bankid.rfa22';
}
