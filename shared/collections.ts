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
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id,
    name: text,
    firstName: text,
    classId: id,
    className: text,
    schoolName: text,
    updatedAt: text,
  },
  required: ['id', 'name', 'firstName', 'classId', 'className', 'schoolName', 'updatedAt'],
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

export type PupilDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof pupilSchema>;
export type LessonDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof lessonSchema>;
export type AbsenceDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof absenceSchema>;
export type RequestDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof requestSchema>;
export type LessonStatus = LessonDoc['status'];
export type RequestStatus = RequestDoc['status'];

/** The replicated collections, by name. The device opens exactly these. */
export const collectionSchemas = {
  pupils: pupilSchema,
  lessons: lessonSchema,
  absences: absenceSchema,
  requests: requestSchema,
} as const satisfies Record<string, RxJsonSchema<any>>;

export type CollectionName = keyof typeof collectionSchemas;
export const collectionNames = Object.keys(collectionSchemas) as CollectionName[];

export interface DocTypes {
  pupils: PupilDoc;
  lessons: LessonDoc;
  absences: AbsenceDoc;
  requests: RequestDoc;
}

/** A document as it crosses the sync API. */
export type Replicated<T> = T & { _deleted: boolean };

export function isCollectionName(name: string): name is CollectionName {
  return Object.hasOwn(collectionSchemas, name);
}
