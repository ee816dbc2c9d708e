/**
 * What component tests share: a device database in memory, filled with
 * documents, and a signed-in user in the store. Each test gets its own
 * database and removes it afterwards.
 *
 * @module
 */
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type {
  AbsenceDoc,
  AssessmentDoc,
  CareTimeDoc,
  ConferenceDoc,
  ContactDoc,
  EventDoc,
  LessonDoc,
  PublicationDoc,
  PupilDoc,
  RequestDoc,
} from '../../shared/collections.js';
import { en } from '../../shared/i18n/en.js';
import { addCatalog } from '../../shared/i18n/index.js';
import { svViews } from '../../shared/i18n/sv-views.js';
import { type Me, store } from '../app/state.js';
import { openDatabase, type SkolDatabase } from '../data/db.js';

// Tests switch to English through the store directly: its messages must be here.
addCatalog('en', en);
// The views' Swedish, which the app fetches right after the first paint.
addCatalog('sv', svViews);

let counter = 0;

/**
 * The design tokens (public/app.css) on the test page, as on the app's page, so
 * that axe judges colour contrast with the app's real colours.
 */
async function loadTokens(): Promise<void> {
  if (document.querySelector('link[data-sk-tokens]')) return;
  const link = Object.assign(document.createElement('link'), { rel: 'stylesheet', href: '/public/app.css' });
  link.dataset.skTokens = '';
  const loaded = new Promise((resolve, reject) => {
    link.onload = resolve;
    link.onerror = () => reject(new Error('public/app.css did not load'));
  });
  document.head.append(link);
  await loaded;
}
await loadTokens();

/** The test page's own address: components that navigate change it, and `reset()` puts it back. */
const testPageAddress = location.href;

/** A fresh in-memory database with every collection. */
export async function testDatabase(): Promise<SkolDatabase> {
  counter++;
  return openDatabase({ name: `test${Date.now()}x${counter}`, storage: getRxStorageMemory() });
}

export const olle: PupilDoc = {
  id: 'pupil-olle',
  name: 'Olle Lindqvist',
  firstName: 'Olle',
  classId: 'class-5a',
  className: '5A',
  schoolId: 'school-lingonberg',
  schoolName: 'Lingonbergsskolan',
  updatedAt: '2026-12-01T08:00:00.000Z',
};
export const elsa: PupilDoc = {
  ...olle,
  id: 'pupil-elsa',
  name: 'Elsa Lindqvist',
  firstName: 'Elsa',
  classId: 'class-2a',
  className: '2A',
};

export const anna: Me = {
  user: { id: 'guardian-anna', role: 'guardian', name: 'Anna Lindqvist' },
  pupils: [elsa, olle].map(({ id, name, firstName, classId, className, schoolId }) => ({
    id,
    name,
    firstName,
    classId,
    className,
    schoolId,
  })),
};
export const olleHimself: Me = {
  user: { id: 'user-olle', role: 'pupil', name: 'Olle Lindqvist' },
  pupils: [anna.pupils[1] as Me['pupils'][number]],
};

/** A lesson with sensible defaults. */
export function lesson(over: Partial<LessonDoc> & Pick<LessonDoc, 'id' | 'date' | 'start' | 'end'>): LessonDoc {
  return {
    classId: 'class-5a',
    subject: 'Matematik',
    room: 'A101',
    teacher: 'Karin Holm',
    status: 'normal',
    substitute: '',
    note: '',
    updatedAt: '2026-12-01T08:00:00.000Z',
    ...over,
  };
}

/** A day of four lessons for a class: 08:15, 09:15, 10:20 and 13:00. */
export function schoolDay(date: string, classId = 'class-5a'): LessonDoc[] {
  return [
    ['08:15', '09:00', 'Svenska'],
    ['09:15', '10:00', 'Matematik'],
    ['10:20', '11:05', 'Engelska'],
    ['13:00', '13:45', 'Idrott och hälsa'],
  ].map(([start, end, subject], i) =>
    lesson({
      id: `${classId}-${date}-${i + 1}`,
      classId,
      date,
      start: start as string,
      end: end as string,
      subject: subject as string,
    }),
  );
}

export function absence(over: Partial<AbsenceDoc> & Pick<AbsenceDoc, 'id' | 'date'>): AbsenceDoc {
  return {
    pupilId: olle.id,
    wholeDay: true,
    from: '08:15',
    to: '13:45',
    lessonIds: [],
    source: 'registered',
    validity: 'valid',
    comment: '',
    reportedBy: '',
    requestId: '',
    updatedAt: '2026-12-01T08:00:00.000Z',
    ...over,
  };
}

export function request(over: Partial<RequestDoc> & Pick<RequestDoc, 'id' | 'payload'>): RequestDoc {
  return {
    kind: 'absence.report',
    pupilId: olle.id,
    createdAt: '2026-12-04T06:10:00.000Z',
    status: 'pending',
    ...over,
  };
}

const UPDATED = '2026-12-01T08:00:00.000Z';

/** An assessment of Olle, with defaults. */
export function assessment(over: Partial<AssessmentDoc> & Pick<AssessmentDoc, 'id'>): AssessmentDoc {
  return {
    scopeKind: 'pupil',
    scopeRef: olle.id,
    subject: 'Matematik',
    title: 'Bråk',
    date: '2026-12-01',
    teacher: 'Karin Holm',
    comment: '',
    requirements: [],
    updatedAt: UPDATED,
    ...over,
  };
}

/** A calendar event for the whole school, with defaults. */
export function event(over: Partial<EventDoc> & Pick<EventDoc, 'id' | 'date'>): EventDoc {
  return {
    scopeKind: 'school',
    scopeRef: olle.schoolId,
    kind: 'event',
    title: 'Friluftsdag',
    endDate: over.date,
    start: '',
    end: '',
    location: '',
    description: '',
    updatedAt: UPDATED,
    ...over,
  };
}

/** A development-talk time open for 5A (a slot unless told), with defaults. */
export function conference(over: Partial<ConferenceDoc> & Pick<ConferenceDoc, 'id' | 'date' | 'start'>): ConferenceDoc {
  const [h, m] = over.start.split(':').map(Number) as [number, number];
  const end = `${String(h + Math.floor((m + 20) / 60)).padStart(2, '0')}:${String((m + 20) % 60).padStart(2, '0')}`;
  const bookUntil = new Date(Date.parse(`${over.date}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return {
    scopeKind: 'class',
    scopeRef: olle.classId,
    kind: 'slot',
    slotId: over.id,
    end,
    location: 'Klassrum 5A',
    teacher: 'Karin Holm',
    bookUntil,
    taken: false,
    bookedBy: '',
    updatedAt: UPDATED,
    ...over,
  };
}

/** A publication for the whole school (news unless told), with defaults. */
export function publication(over: Partial<PublicationDoc> & Pick<PublicationDoc, 'id'>): PublicationDoc {
  return {
    scopeKind: 'school',
    scopeRef: olle.schoolId,
    kind: 'news',
    docType: '',
    title: 'Nyhet',
    body: '',
    url: '',
    subject: '',
    periodFrom: '',
    periodTo: '',
    goals: [],
    author: '',
    date: '2026-12-01',
    attachments: [],
    links: [],
    updatedAt: UPDATED,
    ...over,
  };
}

/** A contact (staff of the school unless told), with defaults. */
export function contact(over: Partial<ContactDoc> & Pick<ContactDoc, 'id' | 'name'>): ContactDoc {
  return {
    scopeKind: 'school',
    scopeRef: olle.schoolId,
    kind: 'staff',
    sortName: over.name.toLowerCase(),
    role: '',
    email: '',
    phone: '',
    guardians: [],
    updatedAt: UPDATED,
    ...over,
  };
}

/** A Fritidsschema document (Olle's day unless told), with defaults. */
export function careTime(over: Partial<CareTimeDoc> & Pick<CareTimeDoc, 'id'>): CareTimeDoc {
  return {
    scopeKind: 'pupil',
    scopeRef: olle.id,
    kind: 'day',
    date: '',
    arrival: '',
    departure: '',
    comment: '',
    reason: '',
    opens: '',
    closes: '',
    setBy: '',
    requestId: '',
    updatedAt: UPDATED,
    ...over,
  };
}

/** Signs `me` in (in the store), with `db` as the device database and a selected child. */
export function signIn(me: Me, db: SkolDatabase | null, pupilId = me.pupils[me.pupils.length - 1]?.id ?? null) {
  store.set({
    me,
    db,
    pupilId,
    lang: 'sv',
    flash: null,
    sync: { reachable: true, lastContactAt: null, sessionEnded: false },
  });
}

/** Signs out in the store, puts back the language, the sync status and the address, and removes the database. */
export async function reset(db?: SkolDatabase) {
  if (location.href !== testPageAddress) history.replaceState(null, '', testPageAddress);
  store.set({
    me: null,
    db: null,
    pupilId: null,
    flash: null,
    lang: 'sv',
    sync: { reachable: true, lastContactAt: null, sessionEnded: false },
    route: { path: location.pathname, query: new URLSearchParams(location.search) },
  });
  for (const key of Object.keys(localStorage)) if (key.startsWith('skolhubben:')) localStorage.removeItem(key);
  await db?.remove();
}

/**
 * Waits until `check` returns true (checked every animation frame, or every
 * 20 ms where the browser pauses frames: a test page that is not in front
 * when files run side by side), or fails after `ms`.
 */
export async function until(check: () => boolean, ms = 5000, what = 'condition'): Promise<void> {
  const end = performance.now() + ms;
  while (!check()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 20);
      requestAnimationFrame(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

/** The visible text of an element's shadow root, whitespace collapsed. */
export function textOf(el: Element): string {
  return (el.shadowRoot?.textContent ?? el.textContent ?? '').replace(/\s+/g, ' ').trim();
}
