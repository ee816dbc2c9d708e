/**
 * Several children in one view: a detail view shows the selected child, or —
 * for a guardian of more than one — all of them at once ("Alla barn", in the
 * address as `?barn=alla`), every item labelled with the children it belongs
 * to and never another.
 *
 * @module
 */
import { css, html, nothing } from 'lit';
import type { ScopedDoc } from '../../shared/collections.js';
import { setQuery } from '../app/router.js';
import { type AppState, type PupilSummary, selectedPupil } from '../app/state.js';
import { childrenOf } from '../data/scope.js';
import { t } from '../i18n/i18n.js';

/** The children a view shows now, and whether it is the combined view. */
export function viewChildren(state: AppState): { pupils: PupilSummary[]; combined: boolean } {
  const all = state.me?.pupils ?? [];
  const combined = all.length > 1 && state.route.query.get('barn') === 'alla';
  if (combined) return { pupils: all, combined };
  const one = selectedPupil(state);
  return { pupils: one ? [one] : [], combined: false };
}

/** The choice between the selected child and all children (only for more than one child). */
export function childChoice(state: AppState) {
  const all = state.me?.pupils ?? [];
  if (all.length < 2) return nothing;
  const { combined } = viewChildren(state);
  const one = selectedPupil(state);
  return html`<div class="child-choice" role="group" aria-label=${t('children.choice')}>
    <button aria-pressed=${combined ? 'false' : 'true'} @click=${() => setQuery({ barn: null })}>
      ${one?.firstName ?? ''}
    </button>
    <button aria-pressed=${combined ? 'true' : 'false'} @click=${() => setQuery({ barn: 'alla' })}>
      ${t('children.all')}
    </button>
  </div>`;
}

/** The names of the children an item belongs to, shown in the combined view. */
export function childLabel(
  doc: Pick<ScopedDoc, 'scopeKind' | 'scopeRef'>,
  pupils: readonly PupilSummary[],
  combined: boolean,
) {
  if (!combined) return nothing;
  const names = childrenOf(doc, pupils).map((p) => p.firstName);
  return html`<span class="child-label">${t('children.for', { names: names.join(', ') })}</span>`;
}

export const childStyles = css`
  .child-choice {
    display: inline-flex;
    border: 2px solid var(--sk-color-brand);
    border-radius: var(--sk-radius-small);
    overflow: hidden;
    margin-bottom: var(--sk-space-4);
  }
  .child-choice button {
    min-height: 2.75rem;
    padding: 0 var(--sk-space-4);
    border: none;
    background: var(--sk-color-surface);
    color: var(--sk-color-brand-strong);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  .child-choice button[aria-pressed='true'] {
    background: var(--sk-color-brand);
    color: var(--sk-color-on-brand);
  }
  .child-label {
    display: inline-block;
    font-size: 0.9rem;
    font-weight: 600;
    color: var(--sk-color-brand-strong);
    background: var(--sk-color-brand-tint);
    border-radius: var(--sk-radius-small);
    padding: 0 var(--sk-space-2);
  }
`;
