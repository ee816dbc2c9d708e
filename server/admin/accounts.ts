/**
 * What an administrator does to accounts, shared by the admin API and the
 * command line: end a person's sessions, disable and enable an account.
 *
 * @module
 */
import { invalidateUserSessions } from '../auth/sessions.js';
import type { Database } from '../db/database.js';
import { disableUser } from '../school/people.js';
import { refreshScope } from '../sync/scope.js';

/** Ends every session of `userId`; returns how many there were. */
export function endSessions(db: Database, userId: string): Promise<number> {
  return invalidateUserSessions(db, userId);
}

/** Disables the account: its sessions end, its sign-in is refused, its scope empties. */
export async function disableAccount(db: Database, userId: string): Promise<void> {
  await db.transaction((tx) => disableUser(tx, userId));
}

/** Enables a disabled account again (it signs in with its old password, or a new activation code). */
export async function enableAccount(db: Database, userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('UPDATE users SET disabled = false WHERE id = $1', [userId]);
    await refreshScope(tx, userId);
  });
}
