import { css, html, LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import type { CareTimeDoc, RequestDoc } from '../../../shared/collections.js';
import { addDays, dateInZone, isoWeekday } from '../../../shared/time.js';
import { paths } from '../../app/router.js';
import { StoreController, selectedPupil } from '../../app/state.js';
import { define } from '../../common/define.js';
import { badges, base, box } from '../../common/styles.js';
import { QueryController } from '../../data/query-controller.js';
import { formatDate, t } from '../../i18n/i18n.js';
import { careDayStyles, lockLine, stateLine, timesText } from './care-day.js';
import { type CareDay, careDay, careDocs, careRequests } from './care-times.js';

/** Weekdays the box shows, from today. */
const SHOWN = 5;

/**
 * @summary The Fritidsschema box on the start page (guardians of a child in
 * fritids): the coming school days' care times, locked days with the reason,
 * and changes that wait or were not saved.
 */
export class CareBox extends LitElement {
  static override styles = [
    base,
    box,
    badges,
    careDayStyles,
    css`
      ul {
        list-style: none;
        margin: 0 0 var(--sk-space-3);
        padding: 0;
        display: grid;
        gap: var(--sk-space-2);
      }
      li {
        display: grid;
        gap: var(--sk-space-1);
      }
      .when {
        display: flex;
        flex-wrap: wrap;
        gap: 0 var(--sk-space-2);
      }
    `,
  ];

  /** The moment the box judges "today" by; set by tests, else the device clock. */
  @property({ attribute: false }) now?: Date;

  private readonly _store = new StoreController(this);
  private readonly _docs = new QueryController<CareTimeDoc>(this, () => {
    const { db } = this._store.state;
    return db ? careDocs(db) : null;
  });
  private readonly _requests = new QueryController<RequestDoc>(this, () => {
    const { db } = this._store.state;
    return db ? careRequests(db) : null;
  });

  private _days(): CareDay[] {
    const pupil = selectedPupil();
    if (!pupil) return [];
    const now = this.now ?? new Date();
    const out: CareDay[] = [];
    for (let day = dateInZone(now); out.length < SHOWN; day = addDays(day, 1)) {
      if (isoWeekday(day) <= 5) out.push(careDay(this._docs.docs, this._requests.docs, pupil, day, now));
    }
    return out;
  }

  override render() {
    const online = this._store.state.sync.reachable !== false;
    const days = this._days();
    return html`<section aria-labelledby="care-heading">
      <div class="box-head">
        <h2 id="care-heading"><a href=${paths.careTimes}>${t('care.title')}</a></h2>
      </div>
      ${
        !this._docs.ready || !this._requests.ready
          ? html`<p class="muted">${t('box.loading')}</p>`
          : html`<ul>
            ${days.map(
              (d) => html`<li>
                <div class="when"><strong>${formatDate(d.date)}</strong> <span>${timesText(d)}</span></div>
                ${lockLine(d)}
                <div class="state">${stateLine(d, online)}</div>
              </li>`,
            )}
          </ul>`
      }
      <a href=${paths.careTimes}>${t('box.open', { name: t('care.title') })}</a>
    </section>`;
  }
}

define('sk-care-box', CareBox);

declare global {
  interface HTMLElementTagNameMap {
    'sk-care-box': CareBox;
  }
}
