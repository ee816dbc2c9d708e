import type { svViews } from './sv-views.js';

/**
 * Swedish, the first language: every string a user reads. Keys are stable
 * names; `{name}` marks a parameter. English (`en.ts`) must have the same keys.
 */
export const sv = {
  'app.name': 'Skolhubben',
  'app.skip': 'Hoppa till innehållet',
  'app.menu': 'Meny',
  'app.signOut': 'Logga ut',
  'app.language': 'In English',
  'app.languageLabel': 'Byt språk till engelska',
  'app.notFound': 'Sidan finns inte. Här är startsidan.',
  'app.dbError': 'Appen kunde inte spara information på den här enheten ({error}). Prova att ladda om sidan.',

  'child.switchHint': 'Klass {className}. Tryck för att byta barn.',
  'child.none': 'Inga barn är kopplade till ditt konto. Kontakta skolan om det inte stämmer.',
  'child.list': 'Välj barn',

  'sync.online': 'Uppdaterad {time}',
  'sync.offline': 'Ingen anslutning – du ser det som senast sparades på enheten ({time}).',
  'sync.offlineNever': 'Ingen anslutning – informationen hämtas när enheten är ansluten igen.',
  'sync.waiting': 'Hämtar information…',
  'sync.sessionEnded':
    'Din inloggning har gått ut. Logga in igen för att hämta ny information och skicka det som väntar.',
  'sync.signInAgain': 'Logga in igen',
  'sync.pending': '{count} väntar på att skickas',

  'update.available': 'Det finns en ny version av Skolhubben.',
  'update.apply': 'Uppdatera nu',

  'signout.confirmTitle': 'Logga ut?',
  'signout.pending':
    'Du har {count} ärende som inte har skickats till skolan än. Om du loggar ut nu tas det bort från enheten och skickas inte.',
  'signout.confirm': 'Logga ut ändå',
  'signout.cancel': 'Avbryt',

  'activation.title': 'Aktivera ditt konto',

  'sessions.menu': 'Inloggningar',
  'sessions.title': 'Dina inloggningar',

  'login.title': 'Logga in',

  'start.title': 'Startsida',
  'start.greeting': 'Hej {name}!',
  'start.forChild': 'Det här gäller {name}, klass {className}.',

  'box.open': 'Öppna {name}',
  'box.empty': 'Skolan har inte lagt in någon information här än.',
  'box.loading': 'Hämtar…',

  'schedule.title': 'Schema',
  'schedule.todayIs': 'Idag, {date}',
  'schedule.nextDay': 'Nästa skoldag: {date}',
  'schedule.noLessonsToday': 'Inga lektioner idag.',
  'schedule.showAll': 'Visa hela schemat',
  'schedule.cancelled': 'Inställd',
  'schedule.substituted': 'Vikarie: {name}',
  'schedule.changes': '{count} ändringar',
  'schedule.oneChange': '1 ändring',
  'schedule.room': 'Sal {room}',
  'schedule.teacher': 'Lärare: {name}',
  'schedule.time': '{start}–{end}',
  'schedule.absent': 'Frånvaro anmäld',

  'absence.title': 'Frånvaro',
  'absence.report': 'Rapportera frånvaro',
  'absence.none': 'Ingen frånvaro är registrerad.',
  'absence.wholeDay': 'Heldag',
  'absence.partOfDay': '{from}–{to}',
  'absence.lessons': '{count} lektioner',
  'absence.oneLesson': '1 lektion',
  'absence.source.reported': 'Anmäld av {name}',
  'absence.source.reportedNoName': 'Anmäld av vårdnadshavare',
  'absence.source.registered': 'Registrerad av skolan',
  'absence.validity.reported': 'Anmäld',
  'absence.validity.valid': 'Giltig',
  'absence.validity.invalid': 'Ogiltig',
  'absence.comment': 'Kommentar: {text}',
  'absence.pending': 'Väntar på att skickas',
  'absence.pendingHint': 'Anmälan är sparad på enheten och skickas till skolan när du har anslutning.',
  'absence.sending': 'Skickas…',
  'absence.received': 'Mottagen av skolan {time}',
  'absence.rejected': 'Inte mottagen',
  'absence.rejectedHint': 'Skolan kunde inte ta emot anmälan: {reason}',
  'absence.pupilCannotReport': 'Frånvaro anmäls av vårdnadshavare.',

  'report.title': 'Rapportera frånvaro',

  'staff.title': 'Personal',
  'staffAbsence.title': 'Frånvaro idag',

  'end.pending': 'Avslutas {endAt} – väntar på att skickas',
  'end.sending': 'Avslutas {endAt} – skickas…',
  'end.rejected': 'Kunde inte avslutas {endAt}: {reason}',
  'end.accepted': 'Avslutad i förväg: tillbaka {endAt}',

  'receipt.title': 'Kvitto',
  'receipt.show': 'Kvitto',
  'receipt.showFor': 'Kvitto för {what}',
  'receipt.report': 'Frånvaroanmälan {date}',

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
  'reason.unknown_absence': 'Frånvaron finns inte längre hos skolan.',
  'reason.absence_registered': 'Frånvaro som skolan har registrerat kan bara skolan ändra. Kontakta skolan.',
  'reason.absence_not_today': 'Bara dagens frånvaro kan avslutas i förväg. Frånvaron gäller {date}.',
  'reason.end_not_after_start': 'Frånvaron börjar {from}, så den kan inte sluta {endAt}.',
  'reason.end_not_earlier': 'Frånvaron slutar redan {to}. Välj en tid före det.',
  'reason.end_in_past': 'Klockan var {now} när skolan fick meddelandet, så frånvaron kan inte sluta redan {endAt}.',
  'reason.care_not_guardian': 'Bara vårdnadshavare kan ändra fritidstider.',
  'reason.care_no_custody': 'Du kan inte längre ändra fritidstider för det här barnet.',
  'reason.not_enrolled': 'Barnet är inte inskrivet på fritids.',
  'reason.care_weekend': 'Fritids har stängt på helger ({date}).',
  'reason.care_too_late': 'Tiderna för {date} kan inte längre ändras i appen. Kontakta fritids direkt.',
  'reason.care_too_far': 'Tider kan läggas in högst åtta veckor framåt, till och med {last}.',
  'reason.care_locked': '{date} är låst av skolan: {reason}',
  'reason.care_changed_by_other':
    '{name} ändrade tiderna för {date} innan din ändring kom fram. Se de nya tiderna och ändra igen om det behövs.',
  'reason.care_times_missing': 'Ange både lämnings- och hämtningstid för {date}.',
  'reason.care_outside_hours': 'Fritids har öppet {opens}–{closes}. Tiderna för {date} ligger utanför.',

  'care.title': 'Fritidsschema',
  'careStaff.title': 'Fritidsschema – personal',
  'reason.not_pupil': 'Bara eleven själv kan skicka det här.',
  'reason.unknown_task': 'Uppgiften eller provet finns inte längre för eleven.',
  'reason.message_empty': 'Meddelandet är tomt.',
  'reason.message_too_long': 'Meddelandet får vara högst {max} tecken.',
  'reason.etest_not_open': 'Provet har inte öppnat än. Det öppnar {date} kl. {time}.',
  'reason.etest_closed':
    'Provet stängde {date} kl. {time}. Svaren kom fram till skolan efter sluttiden och kunde inte lämnas in.',
  'reason.etest_already_submitted': 'Provet är redan inlämnat. Det går bara att lämna in en gång.',
  'reason.invalid_answer': 'Ett eller flera svar passar inte till provets frågor.',
  'reason.conference_not_guardian': 'Bara vårdnadshavare kan boka utvecklingssamtal.',
  'reason.conference_no_custody': 'Du kan inte längre boka utvecklingssamtal för det här barnet.',
  'reason.slot_closed': 'Tiden går inte längre att boka: skolan har stängt den. Välj en annan tid.',
  'reason.slot_taken': 'Tiden {date} kl. {time} hann bokas av någon annan. Välj en annan tid.',
  'reason.already_booked': 'Barnet har redan en bokad tid {date} kl. {time}. Ändra den i stället för att boka en till.',
  'reason.booking_changed': 'Bokningen hade redan ändrats eller avbokats. Se den aktuella bokningen och försök igen.',
  'reason.not_booked': 'Det finns ingen sådan bokning att avboka längre.',
  'reason.booking_deadline_passed':
    'Tiden {date} kl. {time} kunde bokas, ändras och avbokas till och med {deadline}. Kontakta skolan.',

  'box.new': 'Ny',
  'box.newCount': '{count} nya',

  'assessments.title': 'Bedömningar',

  'calendar.title': 'Kalender',
  'calendar.kind.event': 'Händelse',
  'calendar.kind.trip': 'Utflykt',
  'calendar.kind.holiday': 'Lov',
  'calendar.kind.conferenceDay': 'Studiedag',
  'calendar.kind.personal': 'Eget',
  'calendar.nothingSoon': 'Inget i kalendern de närmaste två veckorna.',
  'conferences.title': 'Utvecklingssamtal',
  'conferences.calendarTitle': 'Utvecklingssamtal med {teacher}',
  'conferences.calendarTitleNoTeacher': 'Utvecklingssamtal',
  'calendar.kind.conference': 'Utvecklingssamtal',
  'staffConferences.title': 'Utvecklingssamtal – tider',

  'contacts.title': 'Kontaktlista',
  'contacts.summary': '{staff} i personalen · {pupils} i klasslistan',

  'plannings.title': 'Planeringar',
  'plannings.period': '{from} – {to}',

  'information.title': 'Information',
  'information.kind.news': 'Nyhet',
  'information.kind.file': 'Fil',
  'information.kind.link': 'Länk',
  'information.unread': '{count} olästa',

  'documentation.title': 'Dokumentation',
  'documentation.type.iup': 'IUP',
  'documentation.type.note': 'Anteckningar',
  'documentation.type.actionProgramme': 'Åtgärdsprogram',

  'tasks.title': 'Uppgifter',
  'tasks.deadline': 'Lämnas senast {when}',
  'tasks.noDeadline': 'Inget slutdatum',
  'tasks.late': 'Sent',
  'tasks.status.': 'Ej påbörjad',
  'tasks.status.started': 'Påbörjad',
  'tasks.status.submitted': 'Inlämnad',
  'tasks.status.completed': 'Klar',
  'tasks.status.needsWork': 'Behöver kompletteras',
  'tasks.newReplies': '{count} nya svar',
  'tasks.newReply': 'Nytt svar',
  'tasks.pending': 'Väntar på att skickas',

  'etest.title': 'eTest',
  'etest.opens': 'Öppnar {when}',
  'etest.closes': 'Stänger {when}',
  'etest.closed': 'Stängt {when}',
  'etest.phase.open': 'Öppet',
  'etest.phase.closed': 'Stängt',
  'etest.submit': 'Lämna in',
  'etest.rejected': 'Inlämningen togs inte emot',
  'etest.none': 'Inga prov just nu.',

  'staffTasks.title': 'Uppgifter – personal',
} as const;

/** A message of the first paint (`sv.ts`) or of a view loaded after it (`sv-views.ts`). */
export type MessageKey = keyof typeof sv | keyof typeof svViews;
