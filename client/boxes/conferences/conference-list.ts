/**
 * What the Utvecklingssamtal box and view both show: the time in words, the
 * state of a booking, and why a request was turned down.
 *
 * @module
 */
import { css, html, nothing } from 'lit';
import type { ConferenceDoc, RequestDoc } from '../../../shared/collections.js';
import { formatDate, reasonText, t } from '../../i18n/i18n.js';
import type { ShownBooking } from './conferences.js';

export { ConferenceListController } from './conferences.js';

/** "tisdag 8 december kl. 15:00–15:20". */
export function whenText(slot: Pick<ConferenceDoc, 'date' | 'start' | 'end'>, style: 'long' | 'short' = 'long') {
  return t('conferences.when', { date: formatDate(slot.date, style), start: slot.start, end: slot.end });
}

/** The state of the booking in words: booked, waiting (to be sent, or sending), a cancellation waiting. */
export function bookingState(booking: ShownBooking, online: boolean) {
  const cancelling = booking.cancelling
    ? html`<span class="badge warn">${t('conferences.cancelPending')}</span>`
    : nothing;
  if (booking.state === 'pending') {
    return html`<span class="badge warn">${online ? t('conferences.sending') : t('conferences.pending')}</span>
      ${online ? nothing : html`<span>${t('conferences.pendingHint')}</span>`} ${cancelling}`;
  }
  return html`<span class="badge ok">${t('conferences.confirmed')}</span>
    ${booking.bookedBy ? html`<span>${t('conferences.bookedBy', { name: booking.bookedBy })}</span>` : nothing}
    ${cancelling}`;
}

/** Why the latest request was turned down, in the user's language. */
export function rejection(request: RequestDoc) {
  const reason = request.reasonCode
    ? reasonText(request.reasonCode, request.reasonParams as Record<string, string> | undefined)
    : (request.reason ?? '');
  return html`<div class="rejected" role="status">
    <strong>${t('conferences.rejected')}:</strong> ${reason} ${t('conferences.chooseAnother')}
  </div>`;
}

export const conferenceStyles = css`
  .booking {
    display: grid;
    gap: var(--sk-space-1);
    padding: var(--sk-space-2) var(--sk-space-3);
    border-inline-start: 4px solid var(--sk-color-ok);
    background: var(--sk-color-surface);
    border-radius: var(--sk-radius-small);
  }
  .booking.pending {
    border-inline-start-color: var(--sk-color-warn);
    background: var(--sk-color-warn-bg);
  }
  .state {
    display: flex;
    flex-wrap: wrap;
    gap: var(--sk-space-1) var(--sk-space-2);
    align-items: baseline;
  }
  .rejected {
    padding: var(--sk-space-2) var(--sk-space-3);
    border-inline-start: 4px solid var(--sk-color-danger);
    background: var(--sk-color-danger-bg);
    color: var(--sk-color-danger);
    border-radius: var(--sk-radius-small);
    margin-bottom: var(--sk-space-3);
  }
`;
