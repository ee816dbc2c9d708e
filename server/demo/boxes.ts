/**
 * What the demo school has published for the boxes — assessments, calendar,
 * news, files, links, plannings, documentation, staff contacts — made through
 * the same functions the staff API uses, with dates relative to "today".
 *
 * @module
 */
import { addDays, type IsoDate, mondayOf } from '../../shared/time.js';
import { refreshClassList, setPupilPrivacy, setUserContact } from '../boxes/class-list.js';
import { storeFile } from '../boxes/files.js';
import { type Publisher, publish } from '../boxes/publish.js';
import type { Sql } from '../db/database.js';

/** A one-page PDF saying `text` (ASCII), small enough to read in a test. */
export function tinyPdf(text: string): Uint8Array {
  const stream = `BT /F1 18 Tf 72 720 Td (${text.replace(/[()\\]/g, '')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) pdf += `${String(o).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(pdf);
}

const text = (s: string) => new TextEncoder().encode(s);

export interface DemoBoxesInput {
  schoolId: string;
  today: IsoDate;
  staff: Publisher;
  /** Class id → the mentor's name. */
  mentors: Record<string, string>;
  /** A pupil (not of the named families) to give protected identity, and their guardians. */
  protectedPupil?: { pupilId: string; guardianIds: string[] };
  classIds: string[];
}

/** Publishes the demo's box contents; returns how many items of each kind. */
export async function publishDemoBoxes(tx: Sql, d: DemoBoxesInput) {
  const counts = { assessments: 0, events: 0, publications: 0, contacts: 0, files: 0 };
  const put = async (kind: keyof typeof counts & string, id: string, input: unknown) => {
    if (kind === 'files') throw new Error('use storeFile');
    await publish(tx, d.staff, kind as 'assessments', id, input, d.today);
    counts[kind]++;
  };
  const file = async (
    id: string,
    name: string,
    type: string,
    scope: { kind: 'school' | 'class' | 'pupil'; id: string },
    content: Uint8Array,
  ) => {
    counts.files++;
    return (await storeFile(tx, d.staff, { id, name, type, scope, content })).id;
  };
  const monday = mondayOf(d.today);
  const day = (n: number) => addDays(monday, n);
  const school = { kind: 'school' as const, id: d.schoolId };
  const klass = (id: string) => ({ kind: 'class' as const, id });
  const pupil = (id: string) => ({ kind: 'pupil' as const, id });

  // --- Bedömningar: some requirements not yet dealt with (no symbol) -----------------------
  const assessments: [string, string, string, string, [string, string | null][]][] = [
    [
      'pupil-olle',
      'Matematik',
      'Bråk och decimaltal',
      'Karin Holm',
      [
        ['Eleven kan lösa enkla problem i elevnära situationer genom att välja och använda strategier.', 'met'],
        ['Eleven beskriver och jämför tals egenskaper och hur bråk och decimaltal hänger ihop.', 'partlyMet'],
        ['Eleven kan föra och följa matematiska resonemang om val av metoder.', null],
      ],
    ],
    [
      'pupil-olle',
      'Svenska',
      'Läsförståelse',
      'Mats Ek',
      [
        ['Eleven kan läsa skönlitteratur och sakprosatexter med flyt.', 'met'],
        ['Eleven kan skriva olika slags texter med begripligt innehåll.', 'notMet'],
        ['Eleven kan söka, välja ut och sammanställa information från källor.', null],
      ],
    ],
    [
      'pupil-olle',
      'Engelska',
      'Muntlig framställning',
      'Sofia Bäck',
      [
        ['Eleven kan förstå det huvudsakliga innehållet i tydligt talad engelska.', 'partlyMet'],
        ['Eleven kan formulera sig enkelt och begripligt i tal.', null],
      ],
    ],
    [
      'pupil-elsa',
      'Svenska',
      'Att läsa och skriva',
      'Lena Dahl',
      [
        ['Eleven kan läsa bekanta och elevnära texter med flyt.', 'met'],
        ['Eleven kan skriva enkla texter med läslig handstil.', null],
      ],
    ],
    [
      'pupil-wilma',
      'Biologi',
      'Ekologi',
      'Eva Sjöberg',
      [
        ['Eleven kan samtala om frågor som rör hälsa, naturbruk och ekologisk hållbarhet.', 'met'],
        ['Eleven kan genomföra systematiska undersökningar i biologi.', 'partlyMet'],
        ['Eleven har kunskaper om biologiska sammanhang.', 'met'],
      ],
    ],
    [
      'pupil-yusuf',
      'Matematik',
      'Taluppfattning',
      'Per Strand',
      [
        ['Eleven kan lösa enkla problem i elevnära situationer.', 'partlyMet'],
        ['Eleven har grundläggande kunskaper om naturliga tal.', null],
      ],
    ],
  ];
  for (const [i, [pupilId, subject, title, teacher, reqs]] of assessments.entries()) {
    await put('assessments', `demo-assessment-${i + 1}`, {
      pupilId,
      subject,
      title,
      teacher,
      date: addDays(d.today, -3 * (i + 1)),
      comment: i === 0 ? 'Bra arbete med bråk – fortsätt öva på att förklara hur du tänker.' : '',
      requirements: reqs.map(([t, symbol]) => ({ text: t, symbol })),
    });
  }

  // --- Kalender: this week and next ------------------------------------------------------
  await put('events', 'demo-event-trip-5a', {
    scope: klass('class-5a'),
    kind: 'trip',
    title: 'Utflykt till Naturum',
    date: day(3),
    start: '08:30',
    end: '14:00',
    location: 'Naturum Lingonberg',
    description: 'Ta med matsäck, vattenflaska och kläder efter väder.',
  });
  await put('events', 'demo-event-parents-2a', {
    scope: klass('class-2a'),
    kind: 'event',
    title: 'Föräldramöte 2A',
    date: day(1),
    start: '18:00',
    end: '19:00',
    location: 'Klassrum B201',
  });
  await put('events', 'demo-event-sports', {
    scope: school,
    kind: 'event',
    title: 'Friluftsdag för hela skolan',
    date: day(2),
    start: '09:00',
    end: '13:00',
    location: 'Idrottsplatsen',
  });
  await put('events', 'demo-event-study', {
    scope: school,
    kind: 'conferenceDay',
    title: 'Studiedag – eleverna är lediga',
    date: day(7),
  });
  await put('events', 'demo-event-holiday', {
    scope: school,
    kind: 'holiday',
    title: 'Lov',
    date: day(10),
    endDate: day(11),
    description: 'Skolan är stängd. Fritids har öppet för anmälda barn.',
  });
  await put('events', 'demo-event-olle-dentist', {
    scope: pupil('pupil-olle'),
    kind: 'personal',
    title: 'Elevrådsmöte',
    date: day(4),
    start: '12:10',
    end: '12:40',
    location: 'Biblioteket',
  });

  // --- Information: news, a file, a link --------------------------------------------------
  await put('publications', 'demo-news-welcome', {
    scope: school,
    kind: 'news',
    title: 'Välkommen till en ny termin!',
    author: 'Helena Nord, rektor',
    date: addDays(d.today, -1),
    body:
      '<p>Hej alla elever och vårdnadshavare!</p><p>Vi ser fram emot en <strong>rolig och lärorik</strong> termin. ' +
      'Några saker att komma ihåg:</p><ul><li>Skolan börjar <em>08:15</em> varje dag.</li>' +
      '<li>Anmäl frånvaro i appen före 08:00.</li><li>Ta med gympakläder på tisdagar.</li></ul>' +
      '<p>Läs mer på <a href="https://lingonberg.example.se/skolan">skolans webbplats</a>.</p>',
  });
  await put('publications', 'demo-news-5a', {
    scope: klass('class-5a'),
    kind: 'news',
    title: 'Veckobrev 5A',
    author: 'Karin Holm, mentor 5A',
    date: d.today,
    body: '<h3>Den här veckan</h3><p>Vi arbetar med bråk i matematiken och läser <em>Ronja Rövardotter</em>.</p>',
  });
  const calendarFile = await file(
    'demo-file-terms',
    'Läsårstider.pdf',
    'application/pdf',
    school,
    tinyPdf('Lasarstider for Lingonbergsskolan'),
  );
  await put('publications', 'demo-file-terms', {
    scope: school,
    kind: 'file',
    title: 'Läsårstider',
    date: addDays(d.today, -10),
    attachments: [calendarFile],
  });
  await put('publications', 'demo-link-menu', {
    scope: school,
    kind: 'link',
    title: 'Veckans matsedel',
    url: 'https://lingonberg.example.se/matsedel',
    date: addDays(d.today, -5),
  });

  // --- Planeringar ------------------------------------------------------------------------
  const exercises = await file(
    'demo-file-fractions',
    'Bråk – övningar.txt',
    'text/plain',
    klass('class-5a'),
    text('1. Skriv 1/2 som decimaltal.\n2. Vilket är störst: 3/4 eller 0,7?\n'),
  );
  await put('publications', 'demo-planning-5a-ma', {
    scope: klass('class-5a'),
    kind: 'planning',
    title: 'Bråk och decimaltal',
    subject: 'Matematik',
    periodFrom: addDays(monday, -14),
    periodTo: addDays(monday, 18),
    goals: [
      'Förstå hur bråk och decimaltal hänger ihop',
      'Kunna jämföra och storleksordna bråk',
      'Lösa problem med bråk i vardagen',
    ],
    body: '<p>Vi arbetar med <strong>bråk</strong> i tre steg: begrepp, jämförelser och problemlösning.</p><ul><li>Genomgångar</li><li>Laborativt arbete</li><li>Diagnos i slutet</li></ul>',
    author: 'Karin Holm',
    attachments: [exercises],
    links: [{ title: 'Övningar på nätet', url: 'https://lingonberg.example.se/matte/brak' }],
  });
  await put('publications', 'demo-planning-2a-sv', {
    scope: klass('class-2a'),
    kind: 'planning',
    title: 'Sagor och berättelser',
    subject: 'Svenska',
    periodFrom: addDays(monday, -7),
    periodTo: addDays(monday, 25),
    goals: ['Läsa och lyssna på sagor', 'Skriva en egen berättelse med början, mitt och slut'],
    body: '<p>Vi läser sagor tillsammans och skriver egna.</p>',
    author: 'Lena Dahl',
  });
  await put('publications', 'demo-planning-8a-bi', {
    scope: klass('class-8a'),
    kind: 'planning',
    title: 'Ekologi',
    subject: 'Biologi',
    periodFrom: addDays(monday, -21),
    periodTo: addDays(monday, 11),
    goals: ['Beskriva näringskedjor och kretslopp', 'Genomföra en fältundersökning'],
    body: '<p>Fältstudie vid Lingonsjön vecka två.</p>',
    author: 'Eva Sjöberg',
  });

  // --- Dokumentation: per demo child -------------------------------------------------------
  const docs: [string, string, 'iup' | 'note' | 'actionProgramme', string, string][] = [
    [
      'pupil-olle',
      'demo-doc-olle-iup',
      'iup',
      'IUP höstterminen',
      '<p>Olle har utvecklat sin läsförståelse. <strong>Mål:</strong> skriva längre texter med tydlig struktur.</p>',
    ],
    [
      'pupil-olle',
      'demo-doc-olle-note',
      'note',
      'Anteckning från utvecklingssamtal',
      '<p>Vi kom överens om läxläsning tre dagar i veckan.</p>',
    ],
    ['pupil-elsa', 'demo-doc-elsa-iup', 'iup', 'IUP', '<p>Elsa läser med flyt och visar stor nyfikenhet.</p>'],
    ['pupil-wilma', 'demo-doc-wilma-iup', 'iup', 'IUP', '<p>Wilma når målen i de flesta ämnen.</p>'],
    [
      'pupil-wilma',
      'demo-doc-wilma-ap',
      'actionProgramme',
      'Åtgärdsprogram i matematik',
      '<p>Extra stöd två lektioner i veckan med speciallärare.</p><ul><li>Uppföljning efter sex veckor</li></ul>',
    ],
    ['pupil-yusuf', 'demo-doc-yusuf-note', 'note', 'Anteckning', '<p>Yusuf har kommit in bra i klassen.</p>'],
  ];
  for (const [i, [pupilId, id, docType, title, body]] of docs.entries()) {
    const attachments =
      docType === 'actionProgramme'
        ? [await file(`${id}-pdf`, 'Åtgärdsprogram.pdf', 'application/pdf', pupil(pupilId), tinyPdf('Atgardsprogram'))]
        : [];
    await put('publications', id, {
      scope: pupil(pupilId),
      kind: 'documentation',
      docType,
      title,
      body,
      author: 'Karin Holm',
      date: addDays(d.today, -7 * (i + 1)),
      attachments,
    });
  }

  // --- Kontaktlista: staff -----------------------------------------------------------------
  await put('contacts', 'demo-staff-principal', {
    scope: school,
    name: 'Helena Nord',
    role: 'Rektor',
    email: 'helena.nord@lingonberg.example.se',
    phone: '0123-456 01',
  });
  await put('contacts', 'demo-staff-nurse', {
    scope: school,
    name: 'Björn Alm',
    role: 'Skolsköterska',
    email: 'bjorn.alm@lingonberg.example.se',
    phone: '0123-456 02',
  });
  await put('contacts', 'demo-staff-office', {
    scope: school,
    name: 'Camilla Ros',
    role: 'Skoladministratör',
    email: 'camilla.ros@lingonberg.example.se',
    phone: '0123-456 00',
  });
  for (const [classId, name] of Object.entries(d.mentors)) {
    const email = `${name.toLowerCase().replace(/ /g, '.').replace(/å|ä/g, 'a').replace(/ö/g, 'o')}@lingonberg.example.se`;
    await put('contacts', `demo-mentor-${classId}`, {
      scope: klass(classId),
      name,
      role: `Mentor ${classId.replace('class-', '').toUpperCase()}`,
      email,
    });
  }

  // --- Contact details and protected identity in the register -----------------------------
  const phones: Record<string, string> = {
    'guardian-anna': '070-123 45 67',
    'guardian-erik': '070-234 56 78',
    'guardian-fatima': '073-345 67 89',
  };
  for (const [userId, phone] of Object.entries(phones)) await setUserContact(tx, userId, { phone });
  if (d.protectedPupil) {
    await setPupilPrivacy(tx, d.protectedPupil.pupilId, { protectedIdentity: true });
    for (const g of d.protectedPupil.guardianIds) await setUserContact(tx, g, { protectedIdentity: true });
  }
  for (const c of d.classIds) await refreshClassList(tx, c);
  return counts;
}
