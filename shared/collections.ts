/**
 * One definition per replicated document kind, shared by the server (which
 * builds these documents from SQL rows) and the device (which stores them in
 * RxDB). The JSON schemas are RxDB schemas; the TypeScript types are derived
 * from them, never written twice.
 *
 * Every document also travels with `_deleted` (boolean) over the sync API.
 *
 * @module
 */
import type { ExtractDocumentTypeFromTypedRxJsonSchema, RxJsonSchema } from 'rxdb';

const id = { type: 'string', maxLength: 64 } as const;
const date = { type: 'string', maxLength: 10 } as const;
const time = { type: 'string', maxLength: 5 } as const;
const text = { type: 'string' } as const;

export const pupilSchema = {
  title: 'pupils',
  description: 'A child the signed-in user may see: the guardian’s children, or the pupil themself.',
  // 1: schoolId, so the device can tell which school's items belong to which child.
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id,
    name: text,
    firstName: text,
    classId: id,
    className: text,
    schoolId: id,
    schoolName: text,
    updatedAt: text,
  },
  required: ['id', 'name', 'firstName', 'classId', 'className', 'schoolId', 'schoolName', 'updatedAt'],
} as const;

export const lessonSchema = {
  title: 'lessons',
  description: 'One lesson of a class’s timetable; times are school-zone wall-clock times.',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id,
    classId: id,
    date,
    start: time,
    end: time,
    subject: text,
    room: text,
    teacher: text,
    status: { type: 'string', enum: ['normal', 'cancelled', 'substituted'], maxLength: 12 },
    substitute: text,
    note: text,
    updatedAt: text,
  },
  required: [
    'id',
    'classId',
    'date',
    'start',
    'end',
    'subject',
    'room',
    'teacher',
    'status',
    'substitute',
    'note',
    'updatedAt',
  ],
  indexes: [['classId', 'date', 'start']],
} as const;

export const absenceSchema = {
  title: 'absences',
  description: 'Absence: reported by a guardian or registered by the school.',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id,
    pupilId: id,
    date,
    wholeDay: { type: 'boolean' },
    from: time,
    to: time,
    lessonIds: { type: 'array', items: { type: 'string' } },
    source: { type: 'string', enum: ['reported', 'registered'], maxLength: 10 },
    /** reported = announced by a guardian; valid/invalid = the school's judgement. */
    validity: { type: 'string', enum: ['reported', 'valid', 'invalid'], maxLength: 8 },
    comment: text,
    reportedBy: text,
    requestId: text,
    updatedAt: text,
  },
  required: [
    'id',
    'pupilId',
    'date',
    'wholeDay',
    'from',
    'to',
    'lessonIds',
    'source',
    'validity',
    'comment',
    'reportedBy',
    'requestId',
    'updatedAt',
  ],
  indexes: [['pupilId', 'date']],
} as const;

export const requestSchema = {
  title: 'requests',
  description:
    'A change a user asks the school to make. Insert-only: made on the device with status pending, ' +
    'set to accepted or rejected (with a reason) by the server.',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 36 },
    kind: { type: 'string', maxLength: 40 },
    pupilId: id,
    payload: { type: 'object' },
    createdAt: { type: 'string', maxLength: 30 },
    status: { type: 'string', enum: ['pending', 'accepted', 'rejected'], maxLength: 8 },
    reason: text,
    reasonCode: text,
    reasonParams: { type: 'object' },
    receivedAt: text,
    updatedAt: text,
  },
  required: ['id', 'kind', 'pupilId', 'payload', 'createdAt', 'status'],
  indexes: ['status', ['pupilId', 'createdAt']],
} as const;

/**
 * Where a published item belongs: the whole school, one class, or one pupil.
 * The device shows an item for a child whose school, class or id it names.
 */
export const SCOPE_KINDS = ['school', 'class', 'pupil'] as const;
export type ItemScopeKind = (typeof SCOPE_KINDS)[number];
const scopeKind = { type: 'string', enum: SCOPE_KINDS, maxLength: 6 } as const;

/** A file attached to a publication, downloaded from `/api/files/{id}`. */
const attachments = {
  type: 'array',
  items: {
    type: 'object',
    properties: { id, name: text, type: text, size: { type: 'integer' } },
    required: ['id', 'name', 'type', 'size'],
  },
} as const;

/** The three symbols of an assessment against a knowledge requirement; '' = not yet dealt with. */
export const ASSESSMENT_SYMBOLS = ['notMet', 'partlyMet', 'met'] as const;
export type AssessmentSymbol = (typeof ASSESSMENT_SYMBOLS)[number];

export const assessmentSchema = {
  title: 'assessments',
  description: 'A published assessment of one pupil in a subject, against its knowledge requirements.',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id,
    scopeKind,
    scopeRef: id,
    subject: text,
    title: text,
    date,
    teacher: text,
    comment: text,
    requirements: {
      type: 'array',
      items: {
        type: 'object',
        properties: { text, symbol: { type: 'string', enum: ['', ...ASSESSMENT_SYMBOLS] } },
        required: ['text', 'symbol'],
      },
    },
    updatedAt: text,
  },
  required: [
    'id',
    'scopeKind',
    'scopeRef',
    'subject',
    'title',
    'date',
    'teacher',
    'comment',
    'requirements',
    'updatedAt',
  ],
  indexes: [['scopeRef', 'date']],
} as const;

export const EVENT_KINDS = ['event', 'trip', 'holiday', 'conferenceDay', 'personal'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const eventSchema = {
  title: 'events',
  description: 'Something in the calendar: a school event, trip, holiday, conference day or a pupil’s own event.',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id,
    scopeKind,
    scopeRef: id,
    kind: { type: 'string', enum: EVENT_KINDS, maxLength: 13 },
    title: text,
    date,
    /** The last day (inclusive); equal to `date` for a one-day event. */
    endDate: date,
    /** Wall-clock times in the school's zone; both '' for all day. */
    start: text,
    end: text,
    location: text,
    description: text,
    updatedAt: text,
  },
  required: [
    'id',
    'scopeKind',
    'scopeRef',
    'kind',
    'title',
    'date',
    'endDate',
    'start',
    'end',
    'location',
    'description',
    'updatedAt',
  ],
  indexes: ['date'],
} as const;

export const PUBLICATION_KINDS = ['news', 'file', 'link', 'planning', 'documentation'] as const;
export type PublicationKind = (typeof PUBLICATION_KINDS)[number];
export const DOC_TYPES = ['iup', 'note', 'actionProgramme'] as const;
export type DocType = (typeof DOC_TYPES)[number];

export const publicationSchema = {
  title: 'publications',
  description:
    'What the school publishes: news, files and links (Information), plannings (Planeringar) and ' +
    'documentation about a pupil (Dokumentation: IUP, notes, action programmes), told apart by kind.',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id,
    scopeKind,
    scopeRef: id,
    kind: { type: 'string', enum: PUBLICATION_KINDS, maxLength: 13 },
    /** Documentation only: iup, note or actionProgramme; '' otherwise. */
    docType: { type: 'string', enum: ['', ...DOC_TYPES] },
    title: text,
    /** Rich text, sanitized on the server (an allowlist) and rebuilt on the device. */
    body: text,
    /** A link's address (http, https or mailto). */
    url: text,
    subject: text,
    periodFrom: text,
    periodTo: text,
    goals: { type: 'array', items: text },
    author: text,
    date,
    attachments,
    links: {
      type: 'array',
      items: { type: 'object', properties: { title: text, url: text }, required: ['title', 'url'] },
    },
    updatedAt: text,
  },
  required: [
    'id',
    'scopeKind',
    'scopeRef',
    'kind',
    'docType',
    'title',
    'body',
    'url',
    'subject',
    'periodFrom',
    'periodTo',
    'goals',
    'author',
    'date',
    'attachments',
    'links',
    'updatedAt',
  ],
  indexes: [['kind', 'date']],
} as const;

export const contactSchema = {
  title: 'contacts',
  description:
    'The contact list: staff (published by the school) and class-list entries (a pupil and the ' +
    'guardians the school shows), built by the server from the register.',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id,
    scopeKind,
    scopeRef: id,
    kind: { type: 'string', enum: ['staff', 'pupil'], maxLength: 5 },
    name: text,
    sortName: { type: 'string', maxLength: 120 },
    /** Staff: what they do ("Mentor 5A", "Rektor"); a pupil: the class. */
    role: text,
    email: text,
    phone: text,
    guardians: {
      type: 'array',
      items: {
        type: 'object',
        properties: { name: text, email: text, phone: text },
        required: ['name', 'email', 'phone'],
      },
    },
    updatedAt: text,
  },
  required: [
    'id',
    'scopeKind',
    'scopeRef',
    'kind',
    'name',
    'sortName',
    'role',
    'email',
    'phone',
    'guardians',
    'updatedAt',
  ],
  indexes: [['kind', 'sortName']],
} as const;

/** What a Fritidsschema document is: an enrolment, one day's times, or a day the school locked. */
export const CARE_KINDS = ['enrolment', 'day', 'lock'] as const;
export type CareKind = (typeof CARE_KINDS)[number];

export const careTimeSchema = {
  title: 'careTimes',
  description:
    'Fritidsschema: a pupil’s enrolment in after-school care (with the opening hours), the pupil’s care ' +
    'times for one day (arrival and departure, both empty for no care), or a day the school locked.',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id,
    /** Enrolments and days belong to a pupil; locks to a school. */
    scopeKind,
    scopeRef: id,
    kind: { type: 'string', enum: CARE_KINDS, maxLength: 9 },
    /** The day (days and locks); '' for an enrolment. */
    date,
    arrival: text,
    departure: text,
    comment: text,
    /** A lock: why the day is locked. */
    reason: text,
    /** An enrolment: the fritids' opening hours. */
    opens: text,
    closes: text,
    /** A day: who set the times, and the request that did. */
    setBy: text,
    requestId: text,
    updatedAt: text,
  },
  required: [
    'id',
    'scopeKind',
    'scopeRef',
    'kind',
    'date',
    'arrival',
    'departure',
    'comment',
    'reason',
    'opens',
    'closes',
    'setBy',
    'requestId',
    'updatedAt',
  ],
  indexes: [['kind', 'date']],
} as const;

export const TASK_KINDS = ['assignment', 'etest', 'conversation', 'submission'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

const answers = {
  type: 'array',
  items: {
    type: 'object',
    properties: { questionId: text, values: { type: 'array', items: text } },
    required: ['questionId', 'values'],
  },
} as const;

export const taskSchema = {
  title: 'tasks',
  description:
    'Uppgifter and eTest: assignments and tests the teacher publishes (for a school, a class or a pupil), ' +
    'and per pupil the conversation about an assignment (with the pupil’s status) and the receipt of a ' +
    'submitted test (with its result once published), told apart by kind. A test’s correct answers reach ' +
    'the device only inside a published result.',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id,
    scopeKind,
    scopeRef: id,
    kind: { type: 'string', enum: TASK_KINDS, maxLength: 12 },
    /** Conversation and submission: the assignment or test they belong to; '' otherwise. */
    taskId: text,
    /** Conversation and submission: the pupil; '' otherwise. */
    pupilId: text,
    title: text,
    subject: text,
    /** Rich text, sanitized on the server. */
    instructions: text,
    teacher: text,
    /** The day it was published (school zone). */
    date,
    /** Assignment: when it is due (ISO instant); '' for none. */
    deadline: text,
    /** eTest: open from `opensAt` to `closesAt` (ISO instants). */
    opensAt: text,
    closesAt: text,
    questions: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: text,
          type: { type: 'string', enum: ['single', 'multiple', 'short', 'long'] },
          text,
          points: { type: 'integer' },
          options: {
            type: 'array',
            items: { type: 'object', properties: { id: text, text }, required: ['id', 'text'] },
          },
        },
        required: ['id', 'type', 'text', 'points', 'options'],
      },
    },
    messages: {
      type: 'array',
      items: {
        type: 'object',
        properties: { id: text, fromStaff: { type: 'boolean' }, author: text, text, at: text },
        required: ['id', 'fromStaff', 'author', 'text', 'at'],
      },
    },
    /** Conversation: what the teacher marked the assignment as for this pupil. */
    status: { type: 'string', enum: ['', 'started', 'submitted', 'completed', 'needsWork'] },
    /** Submission: the answers as received. */
    answers,
    submittedAt: text,
    resultPublished: { type: 'boolean' },
    result: {
      type: 'object',
      properties: {
        score: { type: 'number' },
        maxScore: { type: 'number' },
        comment: text,
        questions: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              questionId: text,
              points: { type: 'number' },
              maxPoints: { type: 'number' },
              correct: { type: 'array', items: text },
            },
            required: ['questionId', 'points', 'maxPoints', 'correct'],
          },
        },
      },
      required: ['score', 'maxScore', 'comment', 'questions'],
    },
    attachments,
    updatedAt: text,
  },
  required: [
    'id',
    'scopeKind',
    'scopeRef',
    'kind',
    'taskId',
    'pupilId',
    'title',
    'subject',
    'instructions',
    'teacher',
    'date',
    'deadline',
    'opensAt',
    'closesAt',
    'questions',
    'messages',
    'status',
    'answers',
    'submittedAt',
    'resultPublished',
    'result',
    'attachments',
    'updatedAt',
  ],
  indexes: [['kind', 'date']],
} as const;

export const conferenceSchema = {
  title: 'conferences',
  description:
    'Utvecklingssamtal: a time the school opened for a class (kind slot, class scope: only free or taken, ' +
    'never by whom) or a child’s booking of one (kind booking, pupil scope: only the child’s family sees it).',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id,
    scopeKind,
    scopeRef: id,
    kind: { type: 'string', enum: ['slot', 'booking'], maxLength: 7 },
    /** A slot's own id; a booking's slot. */
    slotId: id,
    date,
    start: time,
    end: time,
    location: text,
    teacher: text,
    /** The last day (inclusive, school time zone) to book, change or cancel. */
    bookUntil: date,
    /** Slots: whether some family has booked it. Always false on a booking. */
    taken: { type: 'boolean' },
    /** Bookings: the guardian who booked. */
    bookedBy: text,
    updatedAt: text,
  },
  required: [
    'id',
    'scopeKind',
    'scopeRef',
    'kind',
    'slotId',
    'date',
    'start',
    'end',
    'location',
    'teacher',
    'bookUntil',
    'taken',
    'bookedBy',
    'updatedAt',
  ],
  indexes: [['kind', 'date', 'start']],
} as const;

export type PupilDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof pupilSchema>;
export type LessonDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof lessonSchema>;
export type AbsenceDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof absenceSchema>;
export type RequestDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof requestSchema>;
export type AssessmentDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof assessmentSchema>;
export type EventDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof eventSchema>;
export type PublicationDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof publicationSchema>;
export type ContactDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof contactSchema>;
export type CareTimeDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof careTimeSchema>;
export type TaskDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof taskSchema>;
export type ConferenceDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof conferenceSchema>;
export type EtestQuestion = TaskDoc['questions'][number];
export type TaskAnswer = TaskDoc['answers'][number];
export type TaskMessage = TaskDoc['messages'][number];
export type EtestResult = TaskDoc['result'];
/** The documents that belong to a school, a class or a pupil. */
export type ScopedDoc = AssessmentDoc | EventDoc | PublicationDoc | ContactDoc | CareTimeDoc | TaskDoc | ConferenceDoc;
export type LessonStatus = LessonDoc['status'];
export type RequestStatus = RequestDoc['status'];

/** The replicated collections, by name. The device opens exactly these. */
export const collectionSchemas = {
  pupils: pupilSchema,
  lessons: lessonSchema,
  absences: absenceSchema,
  requests: requestSchema,
  assessments: assessmentSchema,
  events: eventSchema,
  publications: publicationSchema,
  contacts: contactSchema,
  careTimes: careTimeSchema,
  tasks: taskSchema,
  conferences: conferenceSchema,
} as const satisfies Record<string, RxJsonSchema<any>>;

export type CollectionName = keyof typeof collectionSchemas;
export const collectionNames = Object.keys(collectionSchemas) as CollectionName[];

export interface DocTypes {
  pupils: PupilDoc;
  lessons: LessonDoc;
  absences: AbsenceDoc;
  requests: RequestDoc;
  assessments: AssessmentDoc;
  events: EventDoc;
  publications: PublicationDoc;
  contacts: ContactDoc;
  careTimes: CareTimeDoc;
  tasks: TaskDoc;
  conferences: ConferenceDoc;
}

/** A document as it crosses the sync API. */
export type Replicated<T> = T & { _deleted: boolean };

export function isCollectionName(name: string): name is CollectionName {
  return Object.hasOwn(collectionSchemas, name);
}
