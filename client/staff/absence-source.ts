/**
 * Where the staff view gets today's absence reports: the staff API, asked
 * after a cursor, and its event stream, which says when to ask again. The
 * view takes this as a property so that tests can hand it another.
 *
 * @module
 */
import type { StaffAbsenceReport, StaffAbsenceReportPage } from '../../shared/absence.js';
import type { IsoDate } from '../../shared/time.js';

export type { StaffAbsenceReport, StaffAbsenceReportPage };

export interface AbsenceReportSource {
  /** The reports of `date` new or changed after `after`; throws when the server cannot be reached. */
  fetchPage(date: IsoDate, after: string): Promise<StaffAbsenceReportPage>;
  /**
   * Calls `onHint` whenever reports may have arrived (at once when connected,
   * then at each change) and `onConnection` when the stream opens or breaks.
   * Returns the function that stops listening.
   */
  listen(onHint: () => void, onConnection: (open: boolean) => void): () => void;
}

/** A failed answer of the staff API, with its status (401: signed out). */
export class SourceError extends Error {
  constructor(readonly status: number) {
    super(`status ${status}`);
  }
}

/** The real thing: fetch and EventSource, with the session cookie. */
export const httpSource: AbsenceReportSource = {
  async fetchPage(date, after) {
    const res = await fetch(
      `/api/staff/absence-reports?date=${encodeURIComponent(date)}&after=${encodeURIComponent(after)}`,
      {
        credentials: 'same-origin',
        headers: { accept: 'application/json' },
      },
    );
    if (!res.ok) throw new SourceError(res.status);
    return (await res.json()) as StaffAbsenceReportPage;
  },
  listen(onHint, onConnection) {
    // EventSource reconnects by itself after a break; the first event after each (re)connect is a hint.
    const source = new EventSource('/api/staff/absence-reports/stream');
    source.onopen = () => onConnection(true);
    source.onmessage = () => onHint();
    source.onerror = () => onConnection(false);
    return () => source.close();
  },
};
