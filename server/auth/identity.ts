/**
 * Personnummer, kept only as a keyed hash: BankID tells us who signed in by
 * personnummer, and the guardian is found by HMAC-SHA256(key, personnummer)
 * in `users.personnummer_hash`. Without the key a leaked database says
 * nothing about who the guardians are (a plain hash of the ~10^8 possible
 * numbers is reversed in seconds). A personnummer is never stored, logged or
 * shown in full; `maskPersonnummer` is the only way it is ever printed.
 *
 * The key comes from `PERSONNUMMER_KEY`; with PGlite and no key configured,
 * one is made once and kept in the data folder (`personnummer.key`).
 *
 * @module
 */
import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sql } from '../db/database.js';

/** At least 256 bits of key. */
const KEY_BYTES = 32;
export const KEY_FILE = 'personnummer.key';

/** The 12 digits (YYYYMMDDNNNN) of a personnummer, or null when it is not a valid one. */
export function normalizePersonnummer(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '');
  if (!/^\d{12}$/.test(digits)) return null;
  const month = Number(digits.slice(4, 6));
  const day = Number(digits.slice(6, 8));
  // Samordningsnummer add 60 to the day.
  if (month < 1 || month > 12 || !((day >= 1 && day <= 31) || (day >= 61 && day <= 91))) return null;
  return luhnValid(digits.slice(2)) ? digits : null;
}

/** The check digit rule (Luhn) over the 10-digit form. */
function luhnValid(ten: string): boolean {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let d = Number(ten[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return sum % 10 === 0;
}

/** The form people may see: the birth date only, e.g. `19800101-****`. */
export function maskPersonnummer(personnummer: string): string {
  const digits = personnummer.replace(/\D/g, '');
  return `${digits.slice(0, 8)}-****`;
}

/** The keyed hash stored on the user (hex). Throws on a number that is not valid. */
export function personnummerHash(key: Uint8Array, personnummer: string): string {
  const normalized = normalizePersonnummer(personnummer);
  if (!normalized) throw new Error(`not a valid personnummer: ${maskPersonnummer(personnummer)}`);
  return createHmac('sha256', key).update(normalized).digest('hex');
}

/** Parses a configured key: 64 hex digits, or base64 of at least 32 bytes. */
export function parseKey(text: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-f]+$/i.test(t) && t.length % 2 === 0 ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (key.length < KEY_BYTES) {
    throw new Error(`PERSONNUMMER_KEY must hold at least ${KEY_BYTES} bytes (64 hex digits or base64)`);
  }
  return key;
}

/**
 * The key for personnummer hashes: `PERSONNUMMER_KEY` when set; otherwise, on
 * PGlite, the key kept in `dataDir` (made on first start). With PostgreSQL
 * the key must be configured: several servers must share it, and it must not
 * live next to one of them only.
 */
export function loadPersonnummerKey(options: { key?: string; dataDir: string; databaseUrl?: string }): {
  key: Buffer;
  source: 'environment' | 'file' | 'new file';
} {
  if (options.key) return { key: parseKey(options.key), source: 'environment' };
  if (options.databaseUrl) {
    throw new Error(
      'PERSONNUMMER_KEY is required with DATABASE_URL: the key of the personnummer hashes (64 hex digits, e.g. `openssl rand -hex 32`).',
    );
  }
  const path = join(options.dataDir, KEY_FILE);
  if (existsSync(path)) return { key: parseKey(readFileSync(path, 'utf8')), source: 'file' };
  mkdirSync(options.dataDir, { recursive: true });
  const key = randomBytes(KEY_BYTES);
  writeFileSync(path, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
  return { key, source: 'new file' };
}

/** Sets (or clears, with null) a user's personnummer, as its keyed hash. */
export async function setPersonnummer(
  tx: Sql,
  key: Uint8Array,
  userId: string,
  personnummer: string | null,
): Promise<void> {
  const hash = personnummer === null ? null : personnummerHash(key, personnummer);
  await tx.query('UPDATE users SET personnummer_hash = $2 WHERE id = $1', [userId, hash]);
}

/** The enabled account with this personnummer, if any. */
export async function findUserByPersonnummer(
  db: Sql,
  key: Uint8Array,
  personnummer: string,
): Promise<{ id: string; role: 'guardian' | 'pupil' | 'staff' | 'admin'; name: string } | null> {
  const normalized = normalizePersonnummer(personnummer);
  if (!normalized) return null;
  const [row] = await db.query<{ id: string; role: 'guardian' | 'pupil' | 'staff' | 'admin'; name: string }>(
    'SELECT id, role, name FROM users WHERE personnummer_hash = $1 AND NOT disabled',
    [personnummerHash(key, normalized)],
  );
  return row ?? null;
}
