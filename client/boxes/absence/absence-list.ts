/**
 * The child's absence list for a component: the selected child's absences and
 * the user's reports, kept live from the device database and joined into one
 * list (see `absenceItems`).
 *
 * @module
 */
import type { ReactiveControllerHost } from 'lit';
import type { AbsenceDoc, RequestDoc } from '../../../shared/collections.js';
import { selectedPupil, store } from '../../app/state.js';
import { QueryController } from '../../data/query-controller.js';
import { type AbsenceItem, absenceEnds, absenceItems, absenceReports, absencesOfPupil } from './absence.js';

export class AbsenceListController {
  private readonly _absences: QueryController<AbsenceDoc>;
  private readonly _reports: QueryController<RequestDoc>;
  private readonly _ends: QueryController<RequestDoc>;

  constructor(host: ReactiveControllerHost) {
    this._absences = new QueryController<AbsenceDoc>(host, () => {
      const { db } = store.get();
      const pupil = selectedPupil();
      return db && pupil ? absencesOfPupil(db, pupil.id) : null;
    });
    this._reports = new QueryController<RequestDoc>(host, () => {
      const { db } = store.get();
      return db ? absenceReports(db) : null;
    });
    this._ends = new QueryController<RequestDoc>(host, () => {
      const { db } = store.get();
      return db ? absenceEnds(db) : null;
    });
  }

  /** Whether the first results for the selected child have arrived. */
  get ready(): boolean {
    return this._absences.ready && this._reports.ready && this._ends.ready;
  }

  /** The selected child's list, newest day first. */
  get items(): AbsenceItem[] {
    const pupil = selectedPupil();
    return pupil ? absenceItems(this._absences.docs, this._reports.docs, pupil.id, this._ends.docs) : [];
  }
}
