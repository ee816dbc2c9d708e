/**
 * Requests: every change a user makes is a new document in the `requests`
 * collection (insert-only), decided by the server. This module names the kinds
 * and the reasons a request can be turned down with.
 *
 * @module
 */

/** Why the school could not take a request; the text is in the message catalogs. */
export type ReasonCode =
  | 'not_guardian'
  | 'no_custody'
  | 'date_not_reportable'
  | 'no_lessons'
  | 'unknown_lessons'
  | 'outside_schedule'
  | 'invalid_time_range'
  | 'invalid_payload'
  | 'comment_too_long'
  | 'unknown_kind'
  | 'not_yours'
  | 'unknown_absence'
  | 'absence_registered'
  | 'absence_not_today'
  | 'end_not_after_start'
  | 'end_not_earlier'
  | 'end_in_past'
  // Fritidsschema (shared/care-times.ts)
  | 'care_not_guardian'
  | 'care_no_custody'
  | 'not_enrolled'
  | 'care_weekend'
  | 'care_too_late'
  | 'care_too_far'
  | 'care_locked'
  | 'care_changed_by_other'
  | 'care_times_missing'
  | 'care_outside_hours'
  // Uppgifter and eTest (shared/tasks.ts)
  | 'not_pupil'
  | 'unknown_task'
  | 'message_empty'
  | 'message_too_long'
  | 'etest_not_open'
  | 'etest_closed'
  | 'etest_already_submitted'
  | 'invalid_answer'
  // Utvecklingssamtal (shared/conferences.ts)
  | 'conference_not_guardian'
  | 'conference_no_custody'
  | 'slot_closed'
  | 'slot_taken'
  | 'already_booked'
  | 'booking_changed'
  | 'not_booked'
  | 'booking_deadline_passed';

export interface Rejection {
  code: ReasonCode;
  params: Record<string, string>;
}

/** A new request as the device makes it: pending until the server decides. */
export interface NewRequest<P = Record<string, unknown>> {
  id: string;
  kind: string;
  pupilId: string;
  payload: P;
  createdAt: string;
  status: 'pending';
}
