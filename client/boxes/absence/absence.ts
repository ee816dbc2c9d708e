/**
 * Frånvaro on the device: the child's absences joined with the user's own
 * absence reports, so that a report shows at once — waiting to be sent,
 * received by the school, or not accepted with the reason — and shows once:
 * an accepted report and the absence it became share one id.
 *
 * @module
 */
import {
  ABSENCE_END,
  ABSENCE_REPORT,
  type AbsenceEndPayload,
  type AbsenceReportPayload,
} from '../../../shared/absence.js';
import type { AbsenceDoc, RequestDoc } from '../../../shared/collections.js';
import type { IsoDate } from '../../../shared/time.js';
import type { SkolDatabase } from '../../data/db.js';
import type { QuerySpec } from '../../data/query-controller.js';

export type AbsenceState = 'registered' | 'pending' | 'accepted' | 'rejected';

/** One line of the Frånvaro list. */
/** A request to end an absence early, as the item shows it. */
export interface AbsenceEnding {
  requestId: string;
  endAt: string;
  state: 'pending' | 'accepted' | 'rejected';
  reasonCode?: string;
  reasonParams?: Record<string, string>;
  reason?: string;
}

export interface AbsenceItem {
  id: string;
  pupilId: string;
  /** The report behind the line (the user's own), for its receipt; '' when there is none on the device. */
  requestId: string;
  /** Whether the line is the school's record (an absence), not only the user's request. */
  recorded: boolean;
  date: IsoDate;
  wholeDay: boolean;
  from: string;
  to: string;
  lessonCount: number;
  state: AbsenceState;
  validity: AbsenceDoc['validity'];
  comment: string;
  reportedBy: string;
  /** When the school received the report (accepted/rejected). */
  receivedAt?: string;
  reasonCode?: string;
  reasonParams?: Record<string, string>;
  reason?: string;
  /** The latest request to end it early, when the user sent one. */
  ending?: AbsenceEnding;
}

export function absencesOfPupil(db: SkolDatabase, pupilId: string): QuerySpec {
  return {
    key: `${db.name}|absences|${pupilId}`,
    query: db.absences.find({ selector: { pupilId }, sort: [{ pupilId: 'asc' }, { date: 'desc' }] }),
  };
}

/** The user's absence reports, for every child (the list picks the child's). */
export function absenceReports(db: SkolDatabase): QuerySpec {
  return {
    key: `${db.name}|requests|${ABSENCE_REPORT}`,
    query: db.requests.find({ selector: { kind: ABSENCE_REPORT } }),
  };
}

/** The user's requests to end an absence early. */
export function absenceEnds(db: SkolDatabase): QuerySpec {
  return {
    key: `${db.name}|requests|${ABSENCE_END}`,
    query: db.requests.find({ selector: { kind: ABSENCE_END } }),
  };
}

/** The user's absence reports and ends, for every child: their receipts. */
export function absenceReceipts(db: SkolDatabase): QuerySpec {
  return {
    key: `${db.name}|requests|absence-receipts`,
    query: db.requests.find({ selector: { kind: { $in: [ABSENCE_REPORT, ABSENCE_END] } } }),
  };
}

/** The latest end of each absence, by absence id. */
function latestEnds(ends: readonly RequestDoc[]): Map<string, AbsenceEnding> {
  const out = new Map<string, AbsenceEnding & { createdAt: string }>();
  for (const r of ends) {
    const p = r.payload as unknown as AbsenceEndPayload;
    const seen = out.get(p.absenceId);
    if (seen && seen.createdAt > r.createdAt) continue;
    out.set(p.absenceId, {
      requestId: r.id,
      endAt: p.endAt,
      state: r.status,
      reasonCode: r.reasonCode,
      reasonParams: r.reasonParams as Record<string, string> | undefined,
      reason: r.reason,
      createdAt: r.createdAt,
    });
  }
  return out;
}

/** The child's list: absences, plus reports that have not become one (yet, or ever). Newest day first. */
export function absenceItems(
  absences: readonly AbsenceDoc[],
  reports: readonly RequestDoc[],
  pupilId: string,
  ends: readonly RequestDoc[] = [],
): AbsenceItem[] {
  const requests = new Map(reports.map((r) => [r.id, r]));
  const endings = latestEnds(ends);
  const items: AbsenceItem[] = [];
  const shown = new Set<string>();
  for (const a of absences) {
    if (a.pupilId !== pupilId) continue;
    const request = requests.get(a.requestId || a.id);
    shown.add(a.id);
    if (a.requestId) shown.add(a.requestId);
    items.push({
      id: a.id,
      pupilId: a.pupilId,
      requestId: request ? request.id : '',
      recorded: true,
      date: a.date,
      wholeDay: a.wholeDay,
      from: a.from,
      to: a.to,
      lessonCount: a.lessonIds.length,
      state: a.source === 'reported' ? 'accepted' : 'registered',
      validity: a.validity,
      comment: a.comment,
      reportedBy: a.reportedBy,
      receivedAt: request?.receivedAt,
      ending: endings.get(a.id),
    });
  }
  for (const r of reports) {
    if (r.pupilId !== pupilId || shown.has(r.id)) continue;
    const p = r.payload as unknown as AbsenceReportPayload;
    items.push({
      id: r.id,
      pupilId: r.pupilId,
      requestId: r.id,
      recorded: false,
      date: p.date,
      wholeDay: p.wholeDay,
      from: p.from ?? '',
      to: p.to ?? '',
      lessonCount: p.lessonIds?.length ?? 0,
      state: r.status,
      validity: 'reported',
      comment: p.comment ?? '',
      reportedBy: '',
      receivedAt: r.receivedAt,
      reasonCode: r.reasonCode,
      reasonParams: r.reasonParams as Record<string, string> | undefined,
      reason: r.reason,
    });
  }
  return items.sort((a, b) => (a.date !== b.date ? (a.date < b.date ? 1 : -1) : a.from < b.from ? -1 : 1));
}

/** Reports the school turned down for children the user no longer sees (custody ended): never silently dropped. */
export function orphanedRejections(reports: readonly RequestDoc[], pupilIds: readonly string[]): RequestDoc[] {
  const known = new Set(pupilIds);
  return reports.filter((r) => r.status === 'rejected' && !known.has(r.pupilId));
}
