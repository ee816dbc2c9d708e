import { html, LitElement, nothing } from 'lit';
import type { PublicationDoc } from '../../../shared/collections.js';
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
import { INFORMATION_KINDS } from './information-box.js';

/**
 * @summary The Information view: the news, files and links the school has
 * published, newest first. News keeps its formatting and never runs
 * anything; files open, or are saved for offline reading.
 */
export class InformationView extends LitElement {
  static override styles = [base, buttons, badges, view, itemStyles, childStyles];

  private readonly _store = new StoreController(this);
  private readonly _seen = new SeenController(this, 'information');
  private readonly _items = new QueryController<PublicationDoc>(this, () => {
    const { db } = this._store.state;
    const { pupils } = viewChildren(this._store.state);
    return db ? scopedQuery(db, 'publications', pupils, { kind: { $in: INFORMATION_KINDS } }) : null;
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
      <div class="view-head"><h1>${t('information.title')}</h1></div>
      ${childChoice(st)}
      <sk-saved-files></sk-saved-files>
      ${
        !this._items.ready && st.db
          ? html`<p class="muted">${t('box.loading')}</p>`
          : items.length === 0
            ? html`<p class="muted">${t('box.empty')}</p>`
            : items.map(
                (p) => html`<article class="publication ${p.kind}">
                  <div class="item-head">
                    <h2>${p.title}</h2>
                    <span class="badge info">${t(`information.kind.${p.kind as 'news'}`)}</span>
                    ${newBadge(childrenOf(p, pupils).some((c) => p.updatedAt > this._seen.seenBefore(st, c.id)))}
                    ${childLabel(p, pupils, combined)}
                  </div>
                  <p class="meta">${p.author ? t('information.by', { date: formatDate(p.date), author: p.author }) : formatDate(p.date)}</p>
                  ${p.body ? html`<sk-rich-text .html=${p.body}></sk-rich-text>` : nothing}
                  ${
                    p.kind === 'link' && p.url
                      ? html`<p><a href=${p.url} target="_blank" rel="noopener noreferrer">${t('information.openLink', { title: p.title })}</a></p>`
                      : nothing
                  }
                  <sk-file-list .files=${p.attachments}></sk-file-list>
                </article>`,
              )
      }
    `;
  }
}

define('sk-information-view', InformationView);

declare global {
  interface HTMLElementTagNameMap {
    'sk-information-view': InformationView;
  }
}
