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

/** @summary The Dokumentation box: the school's latest documentation about the child. */
export class DocumentationBox extends LitElement {
  static override styles = [base, box, badges, itemStyles];

  private readonly _store = new StoreController(this);
  private readonly _items = new QueryController<PublicationDoc>(this, () => {
    const { db } = this._store.state;
    const pupil = selectedPupil();
    return db && pupil ? scopedQuery(db, 'publications', [pupil], { kind: 'documentation' }) : null;
  });

  override render() {
    const pupil = selectedPupil();
    const seen = lastSeen(this._store.state.me?.user.id ?? '', pupil?.id ?? '', 'documentation');
    const items = byDateDesc(this._items.docs);
    const fresh = items.filter((i) => i.updatedAt > seen).length;
    return html`<section aria-labelledby="documentation-heading">
      <div class="box-head">
        <h2 id="documentation-heading"><a href=${paths.documentation}>${t('documentation.title')}</a></h2>
        ${fresh > 0 ? html`<span class="badge info">${t('box.newCount', { count: fresh })}</span>` : nothing}
      </div>
      ${
        !this._items.ready
          ? html`<p class="muted">${t('box.loading')}</p>`
          : items.length === 0
            ? html`<p class="muted">${t('box.empty')}</p>`
            : html`<ul class="items">
              ${items.slice(0, 3).map(
                (d) => html`<li>
                  <span class="item-head"><span class="item-title">${d.title}</span> ${newBadge(d.updatedAt > seen)}</span>
                  <span class="meta">${t(`documentation.type.${d.docType as 'iup'}`)} · ${formatDate(d.date, 'short')}</span>
                </li>`,
              )}
            </ul>`
      }
      <p><a href=${paths.documentation}>${t('box.open', { name: t('documentation.title') })}</a></p>
    </section>`;
  }
}

define('sk-documentation-box', DocumentationBox);

declare global {
  interface HTMLElementTagNameMap {
    'sk-documentation-box': DocumentationBox;
  }
}
