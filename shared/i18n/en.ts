import type { MessageKey } from './sv.js';

/** English, the second language. Same keys as Swedish (`sv.ts`). */
export const en: Record<MessageKey, string> = {
  'app.name': 'Skolhubben',
  'app.loading': 'Loading…',

  'reason.not_guardian': 'Only guardians can report absence.',
  'reason.no_custody': 'You can no longer report absence for this child.',
  'reason.date_not_reportable':
    'Absence can only be reported for today or tomorrow. The report was for {date} but reached the school {today}.',
  'reason.no_lessons': 'The pupil has no lessons on {date}.',
  'reason.unknown_lessons': 'One or more of the chosen lessons are not in the pupil’s schedule on {date}.',
  'reason.outside_schedule': 'The time {from}–{to} is outside the pupil’s schedule on {date}.',
  'reason.invalid_time_range': 'The end time ({to}) must be after the start time ({from}).',
  'reason.invalid_payload': 'The report was incomplete and could not be received.',
  'reason.comment_too_long': 'The comment may be at most {max} characters.',
  'reason.unknown_kind': 'The school does not recognise this kind of request.',
  'reason.not_yours': 'The request could not be received.',
};
