import { html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { PublicationDoc } from '../../../shared/collections.js';
import { dateInZone, type IsoDate } from '../../../shared/time.js';
import { paths } from '../../app/router.js';
import { StoreController } from '../../app/state.js';
import { childChoice, childLabel, childStyles, viewChildren } from '../../common/children.js';
import { define } from '../../common/define.js';
import '../../common/file-list.js';
import '../../common/rich-text.js';
import { badges, base, buttons, view } from '../../common/styles.js';
import { QueryController } from '../../data/query-controller.js';
import { formatDate, t } from '../../i18n/i18n.js';
import { itemStyles, scopedQuery } from '../items.js';
import { planningOrder } from './plannings-box.js';

/**
 * @summary The Planeringar view: every planning the pupil has access to —
 * subject, period, goals, content, files and links.
 */
export class PlanningsView extends LitElement {
  static override styles = [base, buttons, badges, view, itemStyles, childStyles];

  /** "Today" in the school's zone; set by tests, else the device clock. */
  @property() today?: IsoDate;

  private readonly _store = new StoreController(this);
  private readonly _items = new QueryController<PublicationDoc>(this, () => {
    const { db } = this._store.state;
    return db ? scopedQuery(db, 'publications', viewChildren(this._store.state).pupils, { kind: 'planning' }) : null;
  });

  override render() {
    const st = this._store.state;
    const { pupils, combined } = viewChildren(st);
    const today = this.today ?? dateInZone(new Date());
    const items = planningOrder(this._items.docs, today);
    return html`
      <a class="back" href=${paths.start}>${t('app.back')}</a>
      <div class="view-head"><h1>${t('plannings.title')}</h1></div>
      ${childChoice(st)}
      <sk-saved-files></sk-saved-files>
      ${
        !this._items.ready && st.db
          ? html`<p class="muted">${t('box.loading')}</p>`
          : items.length === 0
            ? html`<p class="muted">${t('box.empty')}</p>`
            : items.map(
                (p) => html`<article class="planning">
                  <div class="item-head">
                    <h2>${p.title}</h2>
                    ${p.periodFrom <= today && (p.periodTo || '9999') >= today && p.periodFrom ? html`<span class="badge ok">${t('plannings.now')}</span>` : nothing}
                    ${childLabel(p, pupils, combined)}
                  </div>
                  <p class="meta">
                    ${p.subject}${
                      p.periodFrom && p.periodTo
                        ? ` · ${t('plannings.period', { from: formatDate(p.periodFrom, 'short'), to: formatDate(p.periodTo, 'short') })}`
                        : ''
                    }${p.author ? ` · ${p.author}` : ''}
                  </p>
                  ${
                    p.goals.length > 0
                      ? html`<h3>${t('plannings.goals')}</h3>
                        <ul>${p.goals.map((g) => html`<li>${g}</li>`)}</ul>`
                      : nothing
                  }
                  ${p.body ? html`<h3>${t('plannings.content')}</h3><sk-rich-text .html=${p.body}></sk-rich-text>` : nothing}
                  ${p.attachments.length > 0 ? html`<h3>${t('files.heading')}</h3><sk-file-list .files=${p.attachments}></sk-file-list>` : nothing}
                  ${
                    p.links.length > 0
                      ? html`<h3>${t('plannings.links')}</h3>
                        <ul>${p.links.map((l) => html`<li><a href=${l.url} target="_blank" rel="noopener noreferrer">${l.title}</a></li>`)}</ul>`
                      : nothing
                  }
                </article>`,
              )
      }
    `;
  }
}

define('sk-plannings-view', PlanningsView);

declare global {
  interface HTMLElementTagNameMap {
    'sk-plannings-view': PlanningsView;
  }
}
