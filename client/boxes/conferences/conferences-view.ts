import { css, html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ConferenceDoc } from '../../../shared/collections.js';
import { CONFERENCE_BOOK, CONFERENCE_CANCEL, type ConferenceBookPayload } from '../../../shared/conferences.js';
import { paths } from '../../app/router.js';
import { StoreController, selectedPupil } from '../../app/state.js';
import { define } from '../../common/define.js';
import { badges, base, buttons, view } from '../../common/styles.js';
import { createRequest } from '../../data/requests.js';
import { formatDate, t } from '../../i18n/i18n.js';
import { bookingState, ConferenceListController, conferenceStyles, rejection, whenText } from './conference-list.js';
import type { ShownBooking } from './conferences.js';

/**
 * @summary The Utvecklingssamtal view: the child's booked time (cancel it, or
 * pick another free time to change it) and the times the school opened for
 * the class, by day, free or taken. Every action is a request: it shows at
 * once as waiting, then booked, or turned down with the reason — and the
 * other free times are right there to choose from.
 */
export class ConferencesView extends LitElement {
  static override styles = [
    base,
    buttons,
    badges,
    view,
    conferenceStyles,
    css`
      section + section {
        margin-top: var(--sk-space-6);
      }
      .flash {
        padding: var(--sk-space-3) var(--sk-space-4);
        border-radius: var(--sk-radius-small);
        background: var(--sk-color-ok-bg);
        color: var(--sk-color-ok);
        margin-bottom: var(--sk-space-4);
      }
      .booking {
        margin-bottom: var(--sk-space-3);
      }
      .actions,
      .confirm {
        display: flex;
        flex-wrap: wrap;
        gap: var(--sk-space-2);
        align-items: center;
        margin-top: var(--sk-space-2);
      }
      ul.times {
        list-style: none;
        margin: 0 0 var(--sk-space-4);
        padding: 0;
        display: grid;
        gap: var(--sk-space-2);
      }
      .time {
        display: flex;
        flex-wrap: wrap;
        gap: var(--sk-space-2) var(--sk-space-4);
        align-items: center;
        justify-content: space-between;
        padding: var(--sk-space-2) var(--sk-space-3);
        border: 1px solid var(--sk-color-border);
        border-radius: var(--sk-radius-small);
        background: var(--sk-color-surface);
      }
      .time.taken {
        color: var(--sk-color-muted);
      }
      .time .what {
        display: grid;
      }
    `,
  ];

  /** The moment to judge deadlines by (ISO); set by tests, else the device clock. */
  @property() now?: string;

  /** What was just asked, for the confirmation line. */
  @state() private _saved: 'online' | 'offline' | null = null;
  /** The cancellation is being confirmed. */
  @state() private _confirming = false;

  private readonly _store = new StoreController(this);
  private readonly _list = new ConferenceListController(this);

  private async _ask(kind: string, payload: Record<string, string>) {
    const { db, sync } = this._store.state;
    const pupil = selectedPupil();
    if (!db || !pupil) return;
    this._confirming = false;
    await createRequest(db, { kind, pupilId: pupil.id, payload });
    this._saved = sync.reachable === false ? 'offline' : 'online';
  }

  private _book(slot: ConferenceDoc, booking: ShownBooking | null) {
    const payload: ConferenceBookPayload = { slotId: slot.slotId };
    // A change names the booking it replaces; after a cancellation that waits, it is a new booking.
    if (booking && !booking.cancelling) payload.replaces = booking.id;
    void this._ask(CONFERENCE_BOOK, payload as unknown as Record<string, string>);
  }

  private _bookingCard(booking: ShownBooking, online: boolean) {
    const { slot } = booking;
    return html`<div class="booking ${booking.state}">
      <strong>${whenText(slot)}</strong>
      ${slot.teacher ? html`<span>${t('conferences.with', { teacher: slot.teacher })}</span>` : nothing}
      ${slot.location ? html`<span>${t('conferences.where', { place: slot.location })}</span>` : nothing}
      <div class="state">${bookingState(booking, online)}</div>
      ${
        this._confirming
          ? html`<div class="confirm" role="group" aria-label=${t('conferences.cancel')}>
            <span>${t('conferences.cancelConfirm', { when: whenText(slot) })}</span>
            <button class="button primary" @click=${() => this._ask(CONFERENCE_CANCEL, { bookingId: booking.id })}>
              ${t('conferences.cancelYes')}
            </button>
            <button class="button" @click=${() => {
              this._confirming = false;
            }}>${t('conferences.cancelNo')}</button>
          </div>`
          : !booking.cancelling && (booking.changeable || booking.state === 'pending')
            ? html`<div class="actions">
              <button class="button" @click=${() => {
                this._confirming = true;
              }}>${t('conferences.cancel')}</button>
              <span>${t('conferences.changeHint')}</span>
            </div>`
            : booking.state === 'accepted' && !booking.cancelling
              ? html`<p>${t('conferences.tooLate', { date: formatDate(slot.bookUntil) })}</p>`
              : nothing
      }
    </div>`;
  }

  override render() {
    const { me, sync } = this._store.state;
    const pupil = selectedPupil();
    const online = sync.reachable !== false;
    const model = this._list.model(this.now ? new Date(this.now) : new Date());
    const guardian = me?.user.role === 'guardian';
    const booking = model?.booking ?? null;
    const canChange = !booking || booking.state === 'pending' || booking.changeable || booking.cancelling;
    const days = new Map<string, (ConferenceDoc & { bookable: boolean })[]>();
    for (const s of model?.times ?? []) days.set(s.date, [...(days.get(s.date) ?? []), s]);
    return html`
      <a class="back" href=${paths.start}>${t('app.back')}</a>
      <div class="view-head"><h1>${t('conferences.title')}</h1></div>
      ${
        !guardian
          ? html`<p>${t('conferences.onlyGuardians')}</p>`
          : !pupil || !model || !this._list.ready
            ? html`<p class="muted">${t('box.loading')}</p>`
            : html`
              ${model.lastDay ? html`<p>${t('conferences.lead', { name: pupil.firstName, date: formatDate(model.lastDay) })}</p>` : nothing}
              ${this._saved ? html`<p class="flash" role="status">${t(this._saved === 'online' ? 'conferences.savedOnline' : 'conferences.savedOffline')}</p>` : nothing}
              ${model.rejected ? rejection(model.rejected) : nothing}
              ${
                booking
                  ? html`<section aria-labelledby="booked-heading">
                    <h2 id="booked-heading">${t('conferences.booked')}</h2>
                    ${this._bookingCard(booking, online)}
                  </section>`
                  : nothing
              }
              <section aria-labelledby="times-heading">
                <h2 id="times-heading">${t('conferences.times')}</h2>
                ${
                  days.size === 0
                    ? html`<p class="muted">${t('conferences.noTimes')}</p>`
                    : [...days].map(
                        ([day, slots]) => html`<h3>${formatDate(day)}</h3>
                        <ul class="times">
                          ${slots.map((s) => this._time(s, booking, canChange))}
                        </ul>`,
                      )
                }
              </section>
            `
      }
    `;
  }

  private _time(slot: ConferenceDoc & { bookable: boolean }, booking: ShownBooking | null, canChange: boolean) {
    const mine = booking?.slot.slotId === slot.slotId;
    const when = whenText(slot, 'short');
    const changing = booking !== null && !booking.cancelling;
    return html`<li class="time ${mine ? 'mine' : slot.bookable ? 'free' : 'taken'}">
      <span class="what">
        <strong>${slot.start}–${slot.end}</strong>
        <span>${[slot.teacher, slot.location].filter(Boolean).join(' · ')}</span>
      </span>
      ${
        mine
          ? html`<span class="badge ok">${t('conferences.yours')}</span>`
          : !slot.bookable
            ? html`<span class="badge info">${t('conferences.taken')}</span>`
            : canChange
              ? html`<button
                  class="button ${changing ? '' : 'primary'}"
                  aria-label=${t(changing ? 'conferences.changeLabel' : 'conferences.bookLabel', { when })}
                  @click=${() => this._book(slot, booking)}
                >
                  ${changing ? t('conferences.changeTo') : t('conferences.bookTime')}
                </button>`
              : nothing
      }
    </li>`;
  }
}

define('sk-conferences-view', ConferencesView);

declare global {
  interface HTMLElementTagNameMap {
    'sk-conferences-view': ConferencesView;
  }
}
