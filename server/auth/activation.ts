/**
 * Activation codes: how a person without BankID (a guardian, or a pupil
 * getting their first password) comes to have a password that only they
 * know. An administrator issues a code (API or command line) and hands it
 * over; the person enters it on "Jag har en aktiveringskod", chooses their
 * own password, and is signed in. The administrator never sees or sets it.
 *
 * A code is 12 characters from an alphabet without look-alikes (60 bits),
 * shown as `ABCD-EFGH-JKLM`; it is valid for `ACTIVATION_HOURS`, once, and
 * only its SHA-256 is stored (a code is random enough that a slow hash adds
 * nothing). Issuing a new code for a person voids their unused ones.
 * Redeeming one ends every other session of the account.
 *
 * @module
 */
import { createHash, randomInt } from 'node:crypto';
import type { Database, Sql } from '../db/database.js';
import { hashPassword, type ScryptParams } from './password.js';
import { type PasswordProblem, passwordProblem } from './password-policy.js';
import type { SessionUser } from './sessions.js';

export const ACTIVATION_HOURS = 72;
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const LENGTH = 12;

/** The roles an administrator may issue a code for through the API (the command line may issue any). */
export const ACTIVATABLE_ROLES: readonly SessionUser['role'][] = ['guardian', 'pupil'];

/** A new code, grouped in fours. */
export function generateActivationCode(): string {
  const chars = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return chars.match(/.{4}/g)?.join('-') as string;
}

/** The form a code is compared in: upper case, without spaces and dashes. */
export function normalizeCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]+/g, '');
}

const hashCode = (code: string) => createHash('sha256').update(normalizeCode(code)).digest('hex');

export interface AccountRow {
  id: string;
  role: SessionUser['role'];
  name: string;
  email: string | null;
  disabled: boolean;
}

/** The account named by `ref`: its id, or its e-mail address in any case. */
export async function findAccount(db: Sql, ref: string): Promise<AccountRow | null> {
  const [row] = await db.query<AccountRow>(
    'SELECT id, role, name, email, disabled FROM users WHERE id = $1 OR email = lower(trim($1)) ORDER BY id = $1 DESC LIMIT 1',
    [ref],
  );
  return row ?? null;
}

export type IssueError = 'unknown_user' | 'disabled' | 'no_email' | 'role';

/** Issues a code for `account` (voiding its unused ones); the code itself is returned once and never stored. */
export async function issueActivationCode(
  db: Database,
  account: AccountRow,
  issuedBy: string | null,
  now: Date,
  options: { roles?: readonly SessionUser['role'][] } = {},
): Promise<{ code: string; expiresAt: Date } | { error: IssueError }> {
  if (account.disabled) return { error: 'disabled' };
  if (!account.email) return { error: 'no_email' };
  if (!(options.roles ?? ACTIVATABLE_ROLES).includes(account.role)) return { error: 'role' };
  const code = generateActivationCode();
  const expiresAt = new Date(now.getTime() + ACTIVATION_HOURS * 3_600_000);
  await db.transaction(async (tx) => {
    await tx.query('DELETE FROM activation_codes WHERE user_id = $1 AND used_at IS NULL', [account.id]);
    await tx.query(
      'INSERT INTO activation_codes (code_hash, user_id, issued_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
      [hashCode(code), account.id, issuedBy, now, expiresAt],
    );
  });
  return { code, expiresAt };
}

export type RedeemResult =
  | { ok: true; user: SessionUser; email: string }
  | { ok: false; error: 'invalid_code' }
  | { ok: false; error: 'password_policy'; problem: PasswordProblem };

/**
 * Redeems `code` with the password the person chose. A weak password is
 * refused before the code is used, so the person can try another.
 */
export async function redeemActivationCode(
  db: Database,
  code: string,
  password: string,
  now: Date,
  scrypt?: ScryptParams,
): Promise<RedeemResult> {
  const hash = hashCode(code);
  const [found] = await db.query<AccountRow>(
    `SELECT u.id, u.role, u.name, u.email, u.disabled
       FROM activation_codes a JOIN users u ON u.id = a.user_id
      WHERE a.code_hash = $1 AND a.used_at IS NULL AND a.expires_at > $2 AND NOT u.disabled`,
    [hash, now],
  );
  if (!found?.email) return { ok: false, error: 'invalid_code' };
  const problem = passwordProblem(password, [found.email, found.name, ...found.name.split(/\s+/)]);
  if (problem) return { ok: false, error: 'password_policy', problem };
  const passwordHash = await hashPassword(password, scrypt);
  const claimed = await db.transaction(async (tx) => {
    // Claim the code in the same statement that checks it: two redemptions at once, one wins.
    const rows = await tx.query(
      `UPDATE activation_codes SET used_at = $2
        WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING 1`,
      [hash, now],
    );
    if (rows.length === 0) return false;
    await tx.query('UPDATE users SET password_hash = $2 WHERE id = $1', [found.id, passwordHash]);
    await tx.query('DELETE FROM sessions WHERE user_id = $1', [found.id]);
    await tx.query('DELETE FROM activation_codes WHERE user_id = $1 AND used_at IS NULL', [found.id]);
    return true;
  });
  if (!claimed) return { ok: false, error: 'invalid_code' };
  return { ok: true, user: { id: found.id, role: found.role, name: found.name }, email: found.email };
}
