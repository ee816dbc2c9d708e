/**
 * What the boxes for published items share: reading a collection for some
 * children, remembering what was seen, and the look of an item list.
 *
 * @module
 */
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { CollectionName, DocTypes } from '../../shared/collections.js';
import type { AppState, PupilSummary } from '../app/state.js';
import type { SkolDatabase } from '../data/db.js';
import type { QuerySpec } from '../data/query-controller.js';
import { pupilsKey, scopeSelector } from '../data/scope.js';
import { isNew, lastSeen, markSeen } from '../data/seen.js';
import { t } from '../i18n/i18n.js';

type ScopedName = 'assessments' | 'events' | 'publications' | 'contacts';

/** The items of `collection` that belong to `pupils` (and match `extra`). Sorted by the caller. */
export function scopedQuery<N extends ScopedName & CollectionName>(
  db: SkolDatabase,
  collection: N,
  pupils: readonly PupilSummary[],
  extra: Record<string, unknown> = {},
): QuerySpec | null {
  if (pupils.length === 0) return null;
  return {
    key: `${db.name}|${collection}|${pupilsKey(pupils)}|${JSON.stringify(extra)}`,
    query: (db.collections[collection] as any).find({ selector: scopeSelector(pupils, extra) }),
  };
}

export type Item<N extends ScopedName> = DocTypes[N];

/**
 * "New since last visit" for a detail view: what the user had seen when the
 * view opened stays the mark for this visit, and what is shown now is
 * remembered as seen for the next one.
 */
export class SeenController implements ReactiveController {
  private before = new Map<string, string>();
  constructor(
    host: ReactiveControllerHost,
    private readonly box: string,
  ) {
    host.addController(this);
  }
  hostConnected(): void {
    this.before.clear();
  }
  /** What the user had seen of `pupilId`'s items when the view opened. */
  seenBefore(state: AppState, pupilId: string): string {
    const userId = state.me?.user.id ?? '';
    const key = `${userId}|${pupilId}`;
    if (!this.before.has(key)) this.before.set(key, lastSeen(userId, pupilId, this.box));
    return this.before.get(key) as string;
  }
  /** Marks every item shown as seen, for each child it belongs to. */
  remember(state: AppState, pupils: readonly PupilSummary[], items: readonly { updatedAt: string }[]): void {
    const userId = state.me?.user.id;
    if (!userId || items.length === 0) return;
    const newest = items.reduce((m, i) => (i.updatedAt > m ? i.updatedAt : m), '');
    for (const p of pupils) {
      this.seenBefore(state, p.id);
      markSeen(userId, p.id, this.box, newest);
    }
  }
}

/** How many of `items` are new for the selected child since the last visit to `box`. */
export function newCount(state: AppState, pupilId: string, box: string, items: readonly { updatedAt: string }[]) {
  const seen = lastSeen(state.me?.user.id ?? '', pupilId, box);
  return items.filter((i) => isNew(i, seen)).length;
}

export const newBadge = (shown: boolean) => (shown ? html`<span class="badge info">${t('box.new')}</span>` : nothing);

/** Newest first by `date`, then by id, for a stable order. */
export function byDateDesc<T extends { date: string; id: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.date !== b.date ? (a.date < b.date ? 1 : -1) : a.id < b.id ? -1 : 1));
}

export const itemStyles = css`
  ul.items {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--sk-space-2);
  }
  ul.items > li {
    padding: var(--sk-space-2) var(--sk-space-3);
    border-inline-start: 4px solid var(--sk-color-brand);
    background: var(--sk-color-surface);
    border-radius: var(--sk-radius-small);
  }
  .item-head {
    display: flex;
    flex-wrap: wrap;
    gap: var(--sk-space-1) var(--sk-space-2);
    align-items: baseline;
  }
  .item-title {
    font-weight: 600;
  }
  .meta {
    color: var(--sk-color-muted);
    font-size: 0.95rem;
  }
  article {
    background: var(--sk-color-surface);
    border: 1px solid var(--sk-color-border);
    border-radius: var(--sk-radius);
    padding: var(--sk-space-4);
    margin-bottom: var(--sk-space-4);
  }
  article h2,
  article h3 {
    margin-bottom: var(--sk-space-1);
  }
`;
