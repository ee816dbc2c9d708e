/**
 * Which children are in fritids: all the start page needs to decide whether
 * the Fritidsschema box is shown (kept apart from the rest of the box, which
 * loads only for a family with a child in fritids).
 *
 * @module
 */
import type { CareTimeDoc } from '../../../shared/collections.js';
import type { SkolDatabase } from '../../data/db.js';
import type { QuerySpec } from '../../data/query-controller.js';

/** The enrolments only: which children the Fritidsschema box is for. */
export function careEnrolments(db: SkolDatabase): QuerySpec {
  return { key: `${db.name}|careTimes|enrolment`, query: db.careTimes.find({ selector: { kind: 'enrolment' } }) };
}

/** A pupil's enrolment, if the pupil is in fritids. */
export function enrolmentOf(docs: readonly CareTimeDoc[], pupilId: string): CareTimeDoc | undefined {
  return docs.find((d) => d.kind === 'enrolment' && d.scopeKind === 'pupil' && d.scopeRef === pupilId);
}
