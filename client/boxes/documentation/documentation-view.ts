import { html, LitElement, nothing } from 'lit';
import { DOC_TYPES, type PublicationDoc } from '../../../shared/collections.js';
import { paths } from '../../app/router.js';
import { StoreController } from '../../app/state.js';
import { childChoice, childLabel, childStyles, viewChildren } from '../../common/children.js';
import { define } from '../../common/define.js';
import '../../common/file-list.js';
import '../../common/rich-text.js';
import { badges, base, buttons, view } from '../../common/styles.js';
import { QueryController } from '../../data/query-controller.js';
import { childrenOf } from '../../data/scope.js';
import { formatDate, t } from '../../i18n/i18n.js';
import { byDateDesc, itemStyles, newBadge, SeenController, scopedQuery } from '../items.js';

/**
 * @summary The Dokumentation view: the school's documentation about the
 * child — IUP, Anteckningar, Åtgärdsprogram — each with date, author and its
 * content or file.
 */
export class DocumentationView extends LitElement {
  static override styles = [base, buttons, badges, view, itemStyles, childStyles];

  private readonly _store = new StoreController(this);
  private readonly _seen = new SeenController(this, 'documentation');
  private readonly _items = new QueryController<PublicationDoc>(this, () => {
    const { db } = this._store.state;
    return db
      ? scopedQuery(db, 'publications', viewChildren(this._store.state).pupils, { kind: 'documentation' })
      : null;
  });

  protected override updated(): void {
    if (this._items.ready)
      this._seen.remember(this._store.state, viewChildren(this._store.state).pupils, this._items.docs);
  }

  override render() {
    const st = this._store.state;
    const { pupils, combined } = viewChildren(st);
    const items = byDateDesc(this._items.docs);
    return html`
      <a class="back" href=${paths.start}>${t('app.back')}</a>
      <div class="view-head"><h1>${t('documentation.title')}</h1></div>
      ${childChoice(st)}
      <sk-saved-files></sk-saved-files>
      ${
        !this._items.ready && st.db
          ? html`<p class="muted">${t('box.loading')}</p>`
          : items.length === 0
            ? html`<p class="muted">${t('box.empty')}</p>`
            : DOC_TYPES.map((type) => {
                const ofType = items.filter((d) => d.docType === type);
                if (ofType.length === 0) return nothing;
                return html`<section aria-labelledby="type-${type}">
                  <h2 id="type-${type}">${t(`documentation.type.${type}`)}</h2>
                  ${ofType.map(
                    (d) => html`<article class="document">
                      <div class="item-head">
                        <h3>${d.title}</h3>
                        ${newBadge(childrenOf(d, pupils).some((c) => d.updatedAt > this._seen.seenBefore(st, c.id)))}
                        ${childLabel(d, pupils, combined)}
                      </div>
                      <p class="meta">${t('documentation.meta', { date: formatDate(d.date), author: d.author })}</p>
                      ${d.body ? html`<sk-rich-text .html=${d.body}></sk-rich-text>` : nothing}
                      <sk-file-list .files=${d.attachments}></sk-file-list>
                    </article>`,
                  )}
                </section>`;
              })
      }
    `;
  }
}

define('sk-documentation-view', DocumentationView);

declare global {
  interface HTMLElementTagNameMap {
    'sk-documentation-view': DocumentationView;
  }
}
