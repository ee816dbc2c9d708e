/**
 * Swedish, the first language: every string a user reads. Keys are stable
 * names; `{name}` marks a parameter. English (`en.ts`) must have the same keys.
 */
export const sv = {
  'app.name': 'Skolhubben',
  'app.loading': 'Laddar…',

  'reason.not_guardian': 'Bara vårdnadshavare kan rapportera frånvaro.',
  'reason.no_custody': 'Du kan inte längre rapportera frånvaro för det här barnet.',
  'reason.date_not_reportable':
    'Frånvaro kan bara rapporteras för idag eller i morgon. Anmälan gällde {date} men kom fram till skolan {today}.',
  'reason.no_lessons': 'Eleven har inga lektioner {date}.',
  'reason.unknown_lessons': 'En eller flera av de valda lektionerna finns inte i elevens schema {date}.',
  'reason.outside_schedule': 'Tiden {from}–{to} ligger utanför elevens schema {date}.',
  'reason.invalid_time_range': 'Sluttiden ({to}) måste vara efter starttiden ({from}).',
  'reason.invalid_payload': 'Anmälan var ofullständig och kunde inte tas emot.',
  'reason.comment_too_long': 'Kommentaren får vara högst {max} tecken.',
  'reason.unknown_kind': 'Skolan känner inte igen den här sortens ärende.',
  'reason.not_yours': 'Ärendet kunde inte tas emot.',
} as const;

export type MessageKey = keyof typeof sv;
