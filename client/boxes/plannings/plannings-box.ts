import { html, LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import type { PublicationDoc } from '../../../shared/collections.js';
import { dateInZone, type IsoDate } from '../../../shared/time.js';
import { paths } from '../../app/router.js';
import { StoreController, selectedPupil } from '../../app/state.js';
import { define } from '../../common/define.js';
import { badges, base, box } from '../../common/styles.js';
import { QueryController } from '../../data/query-controller.js';
import { formatDate, t } from '../../i18n/i18n.js';
import { itemStyles, scopedQuery } from '../items.js';

/** Plannings going on `today` first, then the latest. */
export function planningOrder(items: readonly PublicationDoc[], today: IsoDate): PublicationDoc[] {
  const now = (p: PublicationDoc) => (p.periodFrom || p.date) <= today && (p.periodTo || '9999') >= today;
  return [...items].sort(
    (a, b) => Number(now(b)) - Number(now(a)) || (b.periodFrom || b.date).localeCompare(a.periodFrom || a.date),
  );
}

/** @summary The Planeringar box: the plannings going on now. */
export class PlanningsBox extends LitElement {
  static override styles = [base, box, badges, itemStyles];

  /** "Today" in the school's zone; set by tests, else the device clock. */
  @property() today?: IsoDate;

  private readonly _store = new StoreController(this);
  private readonly _items = new QueryController<PublicationDoc>(this, () => {
    const { db } = this._store.state;
    const pupil = selectedPupil();
    return db && pupil ? scopedQuery(db, 'publications', [pupil], { kind: 'planning' }) : null;
  });

  override render() {
    const items = planningOrder(this._items.docs, this.today ?? dateInZone(new Date()));
    return html`<section aria-labelledby="plannings-heading">
      <div class="box-head">
        <h2 id="plannings-heading"><a href=${paths.plannings}>${t('plannings.title')}</a></h2>
      </div>
      ${
        !this._items.ready
          ? html`<p class="muted">${t('box.loading')}</p>`
          : items.length === 0
            ? html`<p class="muted">${t('box.empty')}</p>`
            : html`<ul class="items">
              ${items.slice(0, 3).map(
                (p) => html`<li>
                  <span class="item-head"><span class="item-title">${p.subject ? `${p.subject}: ` : ''}${p.title}</span></span>
                  ${
                    p.periodFrom && p.periodTo
                      ? html`<span class="meta">${t('plannings.period', { from: formatDate(p.periodFrom, 'short'), to: formatDate(p.periodTo, 'short') })}</span>`
                      : ''
                  }
                </li>`,
              )}
            </ul>`
      }
      <p><a href=${paths.plannings}>${t('box.open', { name: t('plannings.title') })}</a></p>
    </section>`;
  }
}

define('sk-plannings-box', PlanningsBox);

declare global {
  interface HTMLElementTagNameMap {
    'sk-plannings-box': PlanningsBox;
  }
}
