/**
 * "New since last visit": per user and child, the newest `updatedAt` the user
 * has seen in each box's detail view, remembered on the device. Server times
 * are compared with server times, so a device clock that is wrong cannot
 * hide anything or mark everything new.
 *
 * @module
 */

const PREFIX = 'skolhubben:seen:';
const key = (userId: string, pupilId: string, box: string) => `${PREFIX}${userId}:${pupilId}:${box}`;

/** The newest `updatedAt` seen in `box` for the child; '' when never opened. */
export function lastSeen(userId: string, pupilId: string, box: string): string {
  try {
    return localStorage.getItem(key(userId, pupilId, box)) ?? '';
  } catch {
    return '';
  }
}

/** Remembers that the items up to `updatedAt` have been seen (never moves back). */
export function markSeen(userId: string, pupilId: string, box: string, updatedAt: string): void {
  if (!updatedAt || updatedAt <= lastSeen(userId, pupilId, box)) return;
  try {
    localStorage.setItem(key(userId, pupilId, box), updatedAt);
  } catch {
    // Not remembered; the items stay marked new.
  }
}

/** Whether an item is new for the child since the last visit. */
export function isNew(item: { updatedAt: string }, seen: string): boolean {
  return item.updatedAt > seen;
}
