import { css, html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { paths } from '../../app/router.js';
import { StoreController } from '../../app/state.js';
import { define } from '../../common/define.js';
import { badges, base, box, buttons } from '../../common/styles.js';
import { formatDate, t } from '../../i18n/i18n.js';
import { bookingState, ConferenceListController, conferenceStyles, rejection, whenText } from './conference-list.js';

/**
 * @summary The Utvecklingssamtal box on the start page (guardians, while the
 * school has times open for the child): the booked time and its state, or
 * how many times are free and until when, and why a booking was turned down.
 */
export class ConferencesBox extends LitElement {
  static override styles = [
    base,
    box,
    buttons,
    badges,
    conferenceStyles,
    css`
      .actions {
        margin-top: var(--sk-space-3);
        display: flex;
        flex-wrap: wrap;
        gap: var(--sk-space-3);
        align-items: center;
      }
    `,
  ];

  /** The moment to judge deadlines by (ISO); set by tests, else the device clock. */
  @property() now?: string;

  private readonly _store = new StoreController(this);
  private readonly _list = new ConferenceListController(this);

  override render() {
    const model = this._list.model(this.now ? new Date(this.now) : new Date());
    const online = this._store.state.sync.reachable !== false;
    const free = model?.times.filter((s) => s.bookable).length ?? 0;
    const booking = model?.booking;
    return html`<section aria-labelledby="conferences-heading">
      <div class="box-head">
        <h2 id="conferences-heading"><a href=${paths.conferences}>${t('conferences.title')}</a></h2>
      </div>
      ${
        !this._list.ready || !model
          ? html`<p class="muted">${t('box.loading')}</p>`
          : html`
            ${model.rejected && !booking ? rejection(model.rejected) : nothing}
            ${
              booking
                ? html`<div class="booking ${booking.state}">
                  <strong>${t('conferences.booked')}</strong>
                  <span>${whenText(booking.slot)}</span>
                  <div class="state">${bookingState(booking, online)}</div>
                </div>`
                : html`<p>
                  ${
                    free === 0
                      ? t('conferences.noneFree')
                      : t(free === 1 ? 'conferences.oneFree' : 'conferences.freeCount', {
                          count: free,
                          date: formatDate(model.lastDay ?? '', 'long'),
                        })
                  }
                </p>`
            }
          `
      }
      <div class="actions">
        ${
          model && !booking && free > 0
            ? html`<a class="button primary" href=${paths.conferences}>${t('conferences.book')}</a>`
            : nothing
        }
        <a href=${paths.conferences}>${t('box.open', { name: t('conferences.title') })}</a>
      </div>
    </section>`;
  }
}

define('sk-conferences-box', ConferencesBox);

declare global {
  interface HTMLElementTagNameMap {
    'sk-conferences-box': ConferencesBox;
  }
}
