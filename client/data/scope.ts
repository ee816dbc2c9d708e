/**
 * Which child an item belongs to. Items replicate once per user, scoped to a
 * school, a class or a pupil; the device shows an item for a child whose
 * school, class or id it names, so a guardian of several children sees each
 * child's own and the shared ones, and in the combined view every item is
 * labelled with exactly the children it belongs to.
 *
 * @module
 */
import type { ScopedDoc } from '../../shared/collections.js';
import type { PupilSummary } from '../app/state.js';

/** The children (of `pupils`) an item belongs to, in the order given. */
export function childrenOf(doc: Pick<ScopedDoc, 'scopeKind' | 'scopeRef'>, pupils: readonly PupilSummary[]) {
  return pupils.filter((p) =>
    doc.scopeKind === 'pupil'
      ? p.id === doc.scopeRef
      : doc.scopeKind === 'class'
        ? p.classId === doc.scopeRef
        : p.schoolId === doc.scopeRef,
  );
}

/** An RxDB selector for the items of `pupils` (in addition to `extra`). */
export function scopeSelector(pupils: readonly PupilSummary[], extra: Record<string, unknown> = {}) {
  const ids = (f: (p: PupilSummary) => string | undefined) => [
    ...new Set(pupils.map(f).filter((v): v is string => Boolean(v))),
  ];
  return {
    ...extra,
    $or: [
      { scopeKind: 'pupil', scopeRef: { $in: ids((p) => p.id) } },
      { scopeKind: 'class', scopeRef: { $in: ids((p) => p.classId) } },
      { scopeKind: 'school', scopeRef: { $in: ids((p) => p.schoolId) } },
    ],
  };
}

/** A stable key for a set of children, for query keys. */
export function pupilsKey(pupils: readonly PupilSummary[]): string {
  return pupils.map((p) => `${p.id}/${p.classId}/${p.schoolId ?? ''}`).join(',');
}
