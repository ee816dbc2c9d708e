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
  CollectionName,
  DocTypes,
  LessonDoc,
  PupilDoc,
  Replicated,
  RequestDoc,
} from '../../shared/collections.js';
import type { Row } from '../db/database.js';
import type { ScopeKind } from './scope.js';

export interface ServerCollection<N extends CollectionName = CollectionName> {
  name: N;
  table: string;
  /** The scope key of a row: kind, and the column (of alias `d`) holding its ref. */
  scope: { kind: ScopeKind; column: string };
  /** Select list over alias `d` and the joins. */
  columns: string;
  joins?: string;
  toDoc(row: Row): DocTypes[N];
  tombstone(id: string): DocTypes[N];
  /** Whether devices may push to it (requests only). */
  pushable: boolean;
}

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v ?? ''));
const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const EPOCH = '1970-01-01T00:00:00.000Z';

const pupils: ServerCollection<'pupils'> = {
  name: 'pupils',
  table: 'pupils',
  scope: { kind: 'pupil', column: 'id' },
  columns: `d.id, d.first_name, d.last_name, d.class_id, c.name AS class_name, s.name AS school_name, d.updated_at`,
  joins: 'JOIN classes c ON c.id = d.class_id JOIN schools s ON s.id = c.school_id',
  toDoc: (r): PupilDoc => ({
    id: str(r.id),
    name: `${str(r.first_name)} ${str(r.last_name)}`,
    firstName: str(r.first_name),
    classId: str(r.class_id),
    className: str(r.class_name),
    schoolName: str(r.school_name),
    updatedAt: iso(r.updated_at),
  }),
  tombstone: (id) => ({
    id,
    name: '',
    firstName: '',
    classId: '',
    className: '',
    schoolName: '',
    updatedAt: EPOCH,
  }),
  pushable: false,
};

const lessons: ServerCollection<'lessons'> = {
  name: 'lessons',
  table: 'lessons',
  scope: { kind: 'class', column: 'class_id' },
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
  scope: { kind: 'pupil', column: 'pupil_id' },
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
  scope: { kind: 'user', column: 'author_id' },
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

export const serverCollections: { [N in CollectionName]: ServerCollection<N> } = {
  pupils,
  lessons,
  absences,
  requests,
};

/** A document ready for the wire. */
export function replicated<T>(doc: T, deleted: boolean): Replicated<T> {
  return { ...doc, _deleted: deleted };
}
