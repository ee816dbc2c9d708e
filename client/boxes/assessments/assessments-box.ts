import { html, LitElement, nothing } from 'lit';
import type { AssessmentDoc } from '../../../shared/collections.js';
import { paths } from '../../app/router.js';
import { StoreController, selectedPupil } from '../../app/state.js';
import { define } from '../../common/define.js';
import { badges, base, box } from '../../common/styles.js';
import { QueryController } from '../../data/query-controller.js';
import { lastSeen } from '../../data/seen.js';
import { formatDate, t } from '../../i18n/i18n.js';
import { byDateDesc, itemStyles, newBadge, scopedQuery } from '../items.js';

/**
 * @summary The Bedömningar box: how many assessments are new since the last
 * visit, and the latest ones.
 */
export class AssessmentsBox extends LitElement {
  static override styles = [base, box, badges, itemStyles];

  private readonly _store = new StoreController(this);
  private readonly _items = new QueryController<AssessmentDoc>(this, () => {
    const { db } = this._store.state;
    const pupil = selectedPupil();
    return db && pupil ? scopedQuery(db, 'assessments', [pupil]) : null;
  });

  override render() {
    const state = this._store.state;
    const pupil = selectedPupil();
    const seen = lastSeen(state.me?.user.id ?? '', pupil?.id ?? '', 'assessments');
    const items = byDateDesc(this._items.docs);
    const fresh = items.filter((i) => i.updatedAt > seen).length;
    return html`<section aria-labelledby="assessments-heading">
      <div class="box-head">
        <h2 id="assessments-heading"><a href=${paths.assessments}>${t('assessments.title')}</a></h2>
        ${fresh > 0 ? html`<span class="badge info">${t('box.newCount', { count: fresh })}</span>` : nothing}
      </div>
      ${
        !this._items.ready
          ? html`<p class="muted">${t('box.loading')}</p>`
          : items.length === 0
            ? html`<p class="muted">${t('box.empty')}</p>`
            : html`<ul class="items">
              ${items.slice(0, 3).map(
                (a) => html`<li>
                  <span class="item-head">
                    <span class="item-title">${a.subject}: ${a.title}</span> ${newBadge(a.updatedAt > seen)}
                  </span>
                  <span class="meta">${formatDate(a.date, 'short')}</span>
                </li>`,
              )}
            </ul>`
      }
      <p><a href=${paths.assessments}>${t('box.open', { name: t('assessments.title') })}</a></p>
    </section>`;
  }
}

define('sk-assessments-box', AssessmentsBox);

declare global {
  interface HTMLElementTagNameMap {
    'sk-assessments-box': AssessmentsBox;
  }
}
