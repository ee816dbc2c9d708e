/**
 * How one day of the Fritidsschema reads, in the box and in the view: the
 * times (or no care, or none set), a locked day with a lock and the reason,
 * and the state of the latest change in words.
 *
 * @module
 */
import { css, html, nothing, svg } from 'lit';
import { formatMoment, reasonText, t } from '../../i18n/i18n.js';
import type { CareDay } from './care-times.js';

const lockIcon = html`<svg class="lock-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
  ${svg`<path fill="currentColor" d="M4 7V5a4 4 0 1 1 8 0v2h1a1 1 0 0 1 1 1v7a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1h1Zm2 0h4V5a2 2 0 1 0-4 0v2Z"/>`}
</svg>`;

/** The times of a day in words. */
export function timesText(day: CareDay): string {
  if (!day.times) return t('care.noTimes');
  if (day.times.noCare) return t('care.noCare');
  return t('care.times', { arrival: day.times.arrival, departure: day.times.departure });
}

/** The lock line of a locked day. */
export function lockLine(day: CareDay) {
  return day.lock === null ? nothing : html`<p class="lock">${lockIcon} ${t('care.locked', { reason: day.lock })}</p>`;
}

/** The state of the day's latest change (nothing for a day without changes of the user's). */
export function stateLine(day: CareDay, online: boolean, updatedAt?: string) {
  switch (day.state) {
    case 'pending':
      return html`<span class="badge warn">${online ? t('care.sending') : t('care.pending')}</span>`;
    case 'accepted':
      return html`<span class="badge ok">${t('care.saved')}</span>`;
    case 'rejected':
      return html`<span class="badge danger">${t('care.rejected')}</span>
        <span>${t('care.rejectedHint', {
          reason: day.rejection ? reasonText(day.rejection.code, day.rejection.params) : '',
        })}</span>`;
    case 'saved':
      return day.saved?.setBy
        ? html`<span class="muted">${t('care.setBy', { name: day.saved.setBy })}${
            updatedAt ? html` · ${formatMoment(updatedAt)}` : nothing
          }</span>`
        : nothing;
    default:
      return nothing;
  }
}

export const careDayStyles = css`
  .lock {
    display: flex;
    gap: var(--sk-space-2);
    align-items: center;
    margin: 0;
    font-weight: 600;
  }
  .lock-icon {
    flex: none;
  }
  .state {
    display: flex;
    flex-wrap: wrap;
    gap: var(--sk-space-1) var(--sk-space-2);
    align-items: baseline;
  }
`;
