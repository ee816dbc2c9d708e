import { css, html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { RequestDoc } from '../../../shared/collections.js';
import { dateInZone, type IsoDate } from '../../../shared/time.js';
import { paths } from '../../app/router.js';
import { StoreController, selectedPupil, store } from '../../app/state.js';
import { define } from '../../common/define.js';
import { badges, base, buttons, view } from '../../common/styles.js';
import { QueryController } from '../../data/query-controller.js';
import { t } from '../../i18n/i18n.js';
import { absenceReceipts } from './absence.js';
import { absenceItem, absenceStyles } from './absence-item.js';
import { AbsenceListController } from './absence-list.js';
import { receiptLine } from './absence-receipt.js';
import './absence-end.js';

/** How many of the user's latest reports the view lists with their receipts. */
const RECEIPTS_SHOWN = 10;

/**
 * @summary The Frånvaro view: all of the child's absence, registered and
 * reported, today and later first, then earlier; each report's state in
 * words. Guardians start a new report from here.
 */
export class AbsenceView extends LitElement {
  static override styles = [
    base,
    buttons,
    badges,
    view,
    absenceStyles,
    css`
      .flash {
        padding: var(--sk-space-3) var(--sk-space-4);
        border-radius: var(--sk-radius-small);
        background: var(--sk-color-ok-bg);
        color: var(--sk-color-ok);
        margin-bottom: var(--sk-space-4);
      }
      section + section {
        margin-top: var(--sk-space-6);
      }
    `,
  ];

  /** "Today" in the school's zone; set by tests, else the device clock. */
  @property() today?: IsoDate;
  /** The moment ending an absence early is judged at; set by tests, else the device clock. */
  @property({ attribute: false }) now?: Date;

  private readonly _store = new StoreController(this);
  private readonly _list = new AbsenceListController(this);
  private readonly _receipts = new QueryController<RequestDoc>(this, () => {
    const { db } = this._store.state;
    return db ? absenceReceipts(db) : null;
  });

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (store.get().flash) store.set({ flash: null });
  }

  override render() {
    const { me, sync, flash } = this._store.state;
    const pupil = selectedPupil();
    const today = this.today ?? dateInZone(new Date());
    const items = this._list.items;
    const upcoming = items.filter((i) => i.date >= today || i.state === 'pending').reverse();
    const past = items.filter((i) => !upcoming.includes(i));
    const online = sync.reachable !== false;
    const guardian = me?.user.role === 'guardian';
    const options = { online, endableOn: guardian ? today : undefined, receipts: true, now: this.now };
    const receipts = [...this._receipts.docs]
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))
      .slice(0, RECEIPTS_SHOWN);
    return html`
      <a class="back" href=${paths.start}>${t('app.back')}</a>
      <div class="view-head">
        <h1>${t('absence.title')}${pupil ? html`<span class="visually-hidden">, ${pupil.name}</span>` : nothing}</h1>
        ${
          me?.user.role === 'guardian' && pupil
            ? html`<a class="button primary" href=${paths.reportAbsence}>${t('absence.report')}</a>`
            : nothing
        }
      </div>
      ${flash ? html`<p class="flash" role="status">${t(flash)}</p>` : nothing}
      ${
        !this._list.ready && this._store.state.db
          ? html`<p class="muted">${t('box.loading')}</p>`
          : items.length === 0
            ? html`<p class="muted">${t('absence.none')}</p>`
            : html`
              ${
                upcoming.length > 0
                  ? html`<section aria-labelledby="upcoming">
                    <h2 id="upcoming">${t('absence.upcoming')}</h2>
                    <ul class="absences">${upcoming.map((i) => absenceItem(i, options))}</ul>
                  </section>`
                  : nothing
              }
              ${
                past.length > 0
                  ? html`<section aria-labelledby="past">
                    <h2 id="past">${t('absence.past')}</h2>
                    <ul class="absences">${past.map((i) => absenceItem(i, options))}</ul>
                  </section>`
                  : nothing
              }
            `
      }
      ${
        receipts.length > 0
          ? html`<section aria-labelledby="receipts">
            <h2 id="receipts">${t('receipt.list')}</h2>
            <ul class="absences">${receipts.map((r) => receiptLine(r, me?.pupils ?? [], online))}</ul>
          </section>`
          : nothing
      }
    `;
  }
}

define('sk-absence-view', AbsenceView);

declare global {
  interface HTMLElementTagNameMap {
    'sk-absence-view': AbsenceView;
  }
}
