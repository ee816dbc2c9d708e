/**
 * How each replicated collection is read from SQL: its table, the scope key
 * that decides who sees a row, the columns, and the mapping to the shared
 * document type. A tombstone carries the id and placeholders only: a device
 * that lost access must not learn what changed after it did.
 *
 * @module
 */
import type {
  AbsenceDoc,
  AssessmentDoc,
  CareTimeDoc,
  CollectionName,
  ConferenceDoc,
  ContactDoc,
  DocTypes,
  EventDoc,
  ItemScopeKind,
  LessonDoc,
  PublicationDoc,
  PupilDoc,
  Replicated,
  RequestDoc,
  TaskDoc,
} from '../../shared/collections.js';
import type { Row } from '../db/database.js';
import type { ScopeKind } from './scope.js';

/**
 * The scope key of a row, as two SQL expressions over alias `d`: its kind and
 * its ref. A collection whose rows all have one kind names it as a literal
 * (`fixedScope`); one whose rows belong to a school, a class or a pupil
 * reads both from columns (`columnScope`).
 */
export interface ScopeSql {
  kind: string;
  ref: string;
}

/** Every row has scope kind `kind`, its ref in `column`. */
export const fixedScope = (kind: ScopeKind, column: string): ScopeSql => ({ kind: `'${kind}'`, ref: `d.${column}` });
/** Each row names its scope in `scope_kind` and `scope_ref`. */
export const columnScope = (): ScopeSql => ({ kind: 'd.scope_kind', ref: 'd.scope_ref' });

export interface ServerCollection<N extends CollectionName = CollectionName> {
  name: N;
  table: string;
  /** The scope key of a row. */
  scope: ScopeSql;
  /** Select list over alias `d` and the joins. */
  columns: string;
  joins?: string;
  toDoc(row: Row): DocTypes[N];
  tombstone(id: string): DocTypes[N];
  /** Whether devices may push to it (requests only). */
  pushable: boolean;
  /**
   * Rows of the user's scope that are still not theirs, as an SQL condition
   * over alias `d` with the user's id as `$1` (e.g. by role); none by default.
   */
  rowFilter?: string;
}

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v ?? ''));
const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const EPOCH = '1970-01-01T00:00:00.000Z';

const pupils: ServerCollection<'pupils'> = {
  name: 'pupils',
  table: 'pupils',
  scope: fixedScope('pupil', 'id'),
  columns: `d.id, d.first_name, d.last_name, d.class_id, c.name AS class_name, c.school_id, s.name AS school_name,
            d.updated_at`,
  joins: 'JOIN classes c ON c.id = d.class_id JOIN schools s ON s.id = c.school_id',
  toDoc: (r): PupilDoc => ({
    id: str(r.id),
    name: `${str(r.first_name)} ${str(r.last_name)}`,
    firstName: str(r.first_name),
    classId: str(r.class_id),
    className: str(r.class_name),
    schoolId: str(r.school_id),
    schoolName: str(r.school_name),
    updatedAt: iso(r.updated_at),
  }),
  tombstone: (id) => ({
    id,
    name: '',
    firstName: '',
    classId: '',
    className: '',
    schoolId: '',
    schoolName: '',
    updatedAt: EPOCH,
  }),
  pushable: false,
};

const lessons: ServerCollection<'lessons'> = {
  name: 'lessons',
  table: 'lessons',
  scope: fixedScope('class', 'class_id'),
  columns: `d.id, d.class_id, d.date, d.start_time, d.end_time, d.subject, d.room, d.teacher, d.status,
            d.substitute, d.note, d.updated_at`,
  toDoc: (r): LessonDoc => ({
    id: str(r.id),
    classId: str(r.class_id),
    date: str(r.date),
    start: str(r.start_time),
    end: str(r.end_time),
    subject: str(r.subject),
    room: str(r.room),
    teacher: str(r.teacher),
    status: str(r.status) as LessonDoc['status'],
    substitute: str(r.substitute),
    note: str(r.note),
    updatedAt: iso(r.updated_at),
  }),
  tombstone: (id) => ({
    id,
    classId: '',
    date: '',
    start: '',
    end: '',
    subject: '',
    room: '',
    teacher: '',
    status: 'normal',
    substitute: '',
    note: '',
    updatedAt: EPOCH,
  }),
  pushable: false,
};

const absences: ServerCollection<'absences'> = {
  name: 'absences',
  table: 'absences',
  scope: fixedScope('pupil', 'pupil_id'),
  columns: `d.id, d.pupil_id, d.date, d.whole_day, d.from_time, d.to_time, d.lesson_ids, d.source, d.validity,
            d.comment, d.reported_by, d.request_id, d.updated_at`,
  toDoc: (r): AbsenceDoc => ({
    id: str(r.id),
    pupilId: str(r.pupil_id),
    date: str(r.date),
    wholeDay: Boolean(r.whole_day),
    from: str(r.from_time),
    to: str(r.to_time),
    lessonIds: Array.isArray(r.lesson_ids) ? r.lesson_ids.map(String) : [],
    source: str(r.source) as AbsenceDoc['source'],
    validity: str(r.validity) as AbsenceDoc['validity'],
    comment: str(r.comment),
    reportedBy: str(r.reported_by),
    requestId: str(r.request_id),
    updatedAt: iso(r.updated_at),
  }),
  tombstone: (id) => ({
    id,
    pupilId: '',
    date: '',
    wholeDay: false,
    from: '',
    to: '',
    lessonIds: [],
    source: 'registered',
    validity: 'valid',
    comment: '',
    reportedBy: '',
    requestId: '',
    updatedAt: EPOCH,
  }),
  pushable: false,
};

const requests: ServerCollection<'requests'> = {
  name: 'requests',
  table: 'requests',
  scope: fixedScope('user', 'author_id'),
  columns: `d.id, d.kind, d.pupil_id, d.payload, d.created_at, d.status, d.reason, d.reason_code,
            d.reason_params, d.received_at, d.updated_at`,
  toDoc: (r): RequestDoc => ({
    id: str(r.id),
    kind: str(r.kind),
    pupilId: str(r.pupil_id),
    payload: (r.payload ?? {}) as RequestDoc['payload'],
    createdAt: str(r.created_at),
    status: str(r.status) as RequestDoc['status'],
    reason: str(r.reason),
    reasonCode: str(r.reason_code),
    reasonParams: (r.reason_params ?? {}) as RequestDoc['reasonParams'],
    receivedAt: iso(r.received_at),
    updatedAt: iso(r.updated_at),
  }),
  tombstone: (id) => ({
    id,
    kind: '',
    pupilId: '',
    payload: {},
    createdAt: EPOCH,
    status: 'rejected',
  }),
  pushable: true,
};

const scoped = (r: Row) => ({
  scopeKind: str(r.scope_kind) as ItemScopeKind,
  scopeRef: str(r.scope_ref),
});
const SCOPED_COLUMNS = 'd.id, d.scope_kind, d.scope_ref, d.updated_at';
const list = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);

const assessments: ServerCollection<'assessments'> = {
  name: 'assessments',
  table: 'assessments',
  scope: columnScope(),
  columns: `${SCOPED_COLUMNS}, d.subject, d.title, d.date, d.teacher, d.comment, d.requirements`,
  toDoc: (r): AssessmentDoc => ({
    id: str(r.id),
    ...scoped(r),
    subject: str(r.subject),
    title: str(r.title),
    date: str(r.date),
    teacher: str(r.teacher),
    comment: str(r.comment),
    requirements: list<{ text: string; symbol?: string | null }>(r.requirements).map((q) => ({
      text: str(q.text),
      symbol: (q.symbol ?? '') as AssessmentDoc['requirements'][number]['symbol'],
    })),
    updatedAt: iso(r.updated_at),
  }),
  tombstone: (id) => ({
    id,
    scopeKind: 'pupil',
    scopeRef: '',
    subject: '',
    title: '',
    date: '',
    teacher: '',
    comment: '',
    requirements: [],
    updatedAt: EPOCH,
  }),
  pushable: false,
};

const events: ServerCollection<'events'> = {
  name: 'events',
  table: 'events',
  scope: columnScope(),
  columns: `${SCOPED_COLUMNS}, d.kind, d.title, d.date, d.end_date, d.start_time, d.end_time, d.location, d.description`,
  toDoc: (r): EventDoc => ({
    id: str(r.id),
    ...scoped(r),
    kind: str(r.kind) as EventDoc['kind'],
    title: str(r.title),
    date: str(r.date),
    endDate: str(r.end_date),
    start: str(r.start_time),
    end: str(r.end_time),
    location: str(r.location),
    description: str(r.description),
    updatedAt: iso(r.updated_at),
  }),
  tombstone: (id) => ({
    id,
    scopeKind: 'school',
    scopeRef: '',
    kind: 'event',
    title: '',
    date: '',
    endDate: '',
    start: '',
    end: '',
    location: '',
    description: '',
    updatedAt: EPOCH,
  }),
  pushable: false,
};

const publications: ServerCollection<'publications'> = {
  name: 'publications',
  table: 'publications',
  scope: columnScope(),
  columns: `${SCOPED_COLUMNS}, d.kind, d.doc_type, d.title, d.body, d.url, d.subject, d.period_from, d.period_to,
            d.goals, d.author, d.date, d.attachments, d.links`,
  toDoc: (r): PublicationDoc => ({
    id: str(r.id),
    ...scoped(r),
    kind: str(r.kind) as PublicationDoc['kind'],
    docType: str(r.doc_type) as PublicationDoc['docType'],
    title: str(r.title),
    body: str(r.body),
    url: str(r.url),
    subject: str(r.subject),
    periodFrom: str(r.period_from),
    periodTo: str(r.period_to),
    goals: list<unknown>(r.goals).map(str),
    author: str(r.author),
    date: str(r.date),
    attachments: list<PublicationDoc['attachments'][number]>(r.attachments).map((a) => ({
      id: str(a.id),
      name: str(a.name),
      type: str(a.type),
      size: Number(a.size) || 0,
    })),
    links: list<{ title: unknown; url: unknown }>(r.links).map((l) => ({ title: str(l.title), url: str(l.url) })),
    updatedAt: iso(r.updated_at),
  }),
  tombstone: (id) => ({
    id,
    scopeKind: 'school',
    scopeRef: '',
    kind: 'news',
    docType: '',
    title: '',
    body: '',
    url: '',
    subject: '',
    periodFrom: '',
    periodTo: '',
    goals: [],
    author: '',
    date: '',
    attachments: [],
    links: [],
    updatedAt: EPOCH,
  }),
  pushable: false,
};

const contacts: ServerCollection<'contacts'> = {
  name: 'contacts',
  table: 'contacts',
  scope: columnScope(),
  columns: `${SCOPED_COLUMNS}, d.kind, d.name, d.sort_name, d.role, d.email, d.phone, d.guardians`,
  toDoc: (r): ContactDoc => ({
    id: str(r.id),
    ...scoped(r),
    kind: str(r.kind) as ContactDoc['kind'],
    name: str(r.name),
    sortName: str(r.sort_name).slice(0, 120),
    role: str(r.role),
    email: str(r.email),
    phone: str(r.phone),
    guardians: list<{ name: unknown; email: unknown; phone: unknown }>(r.guardians).map((g) => ({
      name: str(g.name),
      email: str(g.email),
      phone: str(g.phone),
    })),
    updatedAt: iso(r.updated_at),
  }),
  tombstone: (id) => ({
    id,
    scopeKind: 'school',
    scopeRef: '',
    kind: 'staff',
    name: '',
    sortName: '',
    role: '',
    email: '',
    phone: '',
    guardians: [],
    updatedAt: EPOCH,
  }),
  pushable: false,
};

const careTimes: ServerCollection<'careTimes'> = {
  name: 'careTimes',
  table: 'care_times',
  scope: columnScope(),
  columns: `${SCOPED_COLUMNS}, d.kind, d.date, d.arrival, d.departure, d.comment, d.reason, d.opens, d.closes,
            d.set_by, d.request_id`,
  toDoc: (r): CareTimeDoc => ({
    id: str(r.id),
    ...scoped(r),
    kind: str(r.kind) as CareTimeDoc['kind'],
    date: str(r.date),
    arrival: str(r.arrival),
    departure: str(r.departure),
    comment: str(r.comment),
    reason: str(r.reason),
    opens: str(r.opens),
    closes: str(r.closes),
    setBy: str(r.set_by),
    requestId: str(r.request_id),
    updatedAt: iso(r.updated_at),
  }),
  tombstone: (id) => ({
    id,
    scopeKind: 'pupil',
    scopeRef: '',
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
    updatedAt: EPOCH,
  }),
  pushable: false,
};

const EMPTY_RESULT: TaskDoc['result'] = { score: 0, maxScore: 0, comment: '', questions: [] };
const isoOrEmpty = (v: unknown) => (v === null || v === undefined ? '' : iso(v));

/**
 * Uppgifter and eTest. The answer key is never selected: it stays on the
 * server; a result carries the correct answers once the teacher publishes it.
 */
const tasks: ServerCollection<'tasks'> = {
  name: 'tasks',
  table: 'tasks',
  scope: columnScope(),
  columns: `${SCOPED_COLUMNS}, d.kind, d.task_id, d.pupil_id, d.title, d.subject, d.instructions, d.teacher,
            to_char(d.date, 'YYYY-MM-DD') AS date, d.deadline, d.opens_at, d.closes_at, d.questions, d.messages,
            d.status, d.answers, d.submitted_at, d.result, d.attachments`,
  toDoc: (r): TaskDoc => {
    const result = r.result as TaskDoc['result'] | null | undefined;
    return {
      id: str(r.id),
      ...scoped(r),
      kind: str(r.kind) as TaskDoc['kind'],
      taskId: str(r.task_id),
      pupilId: str(r.pupil_id),
      title: str(r.title),
      subject: str(r.subject),
      instructions: str(r.instructions),
      teacher: str(r.teacher),
      date: str(r.date),
      deadline: isoOrEmpty(r.deadline),
      opensAt: isoOrEmpty(r.opens_at),
      closesAt: isoOrEmpty(r.closes_at),
      questions: list<TaskDoc['questions'][number]>(r.questions),
      messages: list<TaskDoc['messages'][number]>(r.messages),
      status: str(r.status) as TaskDoc['status'],
      answers: list<TaskDoc['answers'][number]>(r.answers),
      submittedAt: isoOrEmpty(r.submitted_at),
      resultPublished: Boolean(result),
      result: result ?? EMPTY_RESULT,
      attachments: list<TaskDoc['attachments'][number]>(r.attachments),
      updatedAt: iso(r.updated_at),
    };
  },
  tombstone: (id) => ({
    id,
    scopeKind: 'school',
    scopeRef: '',
    kind: 'assignment',
    taskId: '',
    pupilId: '',
    title: '',
    subject: '',
    instructions: '',
    teacher: '',
    date: '',
    deadline: '',
    opensAt: '',
    closesAt: '',
    questions: [],
    messages: [],
    status: '',
    answers: [],
    submittedAt: '',
    resultPublished: false,
    result: EMPTY_RESULT,
    attachments: [],
    updatedAt: EPOCH,
  }),
  pushable: false,
  // eTest is for the pupil only ("denna box syns enbart för eleven"): guardians never receive
  // tests or hand-ins, though they share the pupil's scope.
  rowFilter: `d.kind NOT IN ('etest', 'submission') OR EXISTS (SELECT 1 FROM users u WHERE u.id = $1 AND u.role = 'pupil')`,
};

const conferences: ServerCollection<'conferences'> = {
  name: 'conferences',
  table: 'conferences',
  scope: columnScope(),
  // Only what the row's scope may see: a slot never carries who booked it.
  columns: `${SCOPED_COLUMNS}, d.kind, d.slot_id, d.date, d.start_time, d.end_time, d.location, d.teacher,
            d.book_until, d.taken, d.booked_by`,
  toDoc: (r): ConferenceDoc => ({
    id: str(r.id),
    ...scoped(r),
    kind: str(r.kind) as ConferenceDoc['kind'],
    slotId: str(r.slot_id),
    date: str(r.date),
    start: str(r.start_time),
    end: str(r.end_time),
    location: str(r.location),
    teacher: str(r.teacher),
    bookUntil: str(r.book_until),
    taken: Boolean(r.taken),
    bookedBy: str(r.booked_by),
    updatedAt: iso(r.updated_at),
  }),
  tombstone: (id) => ({
    id,
    scopeKind: 'class',
    scopeRef: '',
    kind: 'slot',
    slotId: '',
    date: '',
    start: '',
    end: '',
    location: '',
    teacher: '',
    bookUntil: '',
    taken: false,
    bookedBy: '',
    updatedAt: EPOCH,
  }),
  pushable: false,
};

export const serverCollections: { [N in CollectionName]: ServerCollection<N> } = {
  pupils,
  lessons,
  absences,
  requests,
  assessments,
  events,
  publications,
  contacts,
  careTimes,
  tasks,
  conferences,
};

/** A document ready for the wire. */
export function replicated<T>(doc: T, deleted: boolean): Replicated<T> {
  return { ...doc, _deleted: deleted };
}
