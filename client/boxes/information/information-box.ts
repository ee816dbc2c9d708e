import { html, LitElement, nothing } from 'lit';
import type { PublicationDoc } from '../../../shared/collections.js';
import { paths } from '../../app/router.js';
import { StoreController, selectedPupil } from '../../app/state.js';
import { define } from '../../common/define.js';
import { badges, base, box } from '../../common/styles.js';
import { QueryController } from '../../data/query-controller.js';
import { lastSeen } from '../../data/seen.js';
import { formatDate, t } from '../../i18n/i18n.js';
import { byDateDesc, itemStyles, newBadge, scopedQuery } from '../items.js';

export const INFORMATION_KINDS = ['news', 'file', 'link'];

/** @summary The Information box: unread news, files and links, newest first. */
export class InformationBox extends LitElement {
  static override styles = [base, box, badges, itemStyles];

  private readonly _store = new StoreController(this);
  private readonly _items = new QueryController<PublicationDoc>(this, () => {
    const { db } = this._store.state;
    const pupil = selectedPupil();
    return db && pupil ? scopedQuery(db, 'publications', [pupil], { kind: { $in: INFORMATION_KINDS } }) : null;
  });

  override render() {
    const pupil = selectedPupil();
    const seen = lastSeen(this._store.state.me?.user.id ?? '', pupil?.id ?? '', 'information');
    const items = byDateDesc(this._items.docs);
    const unread = items.filter((i) => i.updatedAt > seen).length;
    return html`<section aria-labelledby="information-heading">
      <div class="box-head">
        <h2 id="information-heading"><a href=${paths.information}>${t('information.title')}</a></h2>
        ${unread > 0 ? html`<span class="badge info">${t('information.unread', { count: unread })}</span>` : nothing}
      </div>
      ${
        !this._items.ready
          ? html`<p class="muted">${t('box.loading')}</p>`
          : items.length === 0
            ? html`<p class="muted">${t('box.empty')}</p>`
            : html`<ul class="items">
              ${items.slice(0, 3).map(
                (p) => html`<li>
                  <span class="item-head"><span class="item-title">${p.title}</span> ${newBadge(p.updatedAt > seen)}</span>
                  <span class="meta">${t(`information.kind.${p.kind as 'news'}`)} · ${formatDate(p.date, 'short')}</span>
                </li>`,
              )}
            </ul>`
      }
      <p><a href=${paths.information}>${t('box.open', { name: t('information.title') })}</a></p>
    </section>`;
  }
}

define('sk-information-box', InformationBox);

declare global {
  interface HTMLElementTagNameMap {
    'sk-information-box': InformationBox;
  }
}
