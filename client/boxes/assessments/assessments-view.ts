import { css, html, LitElement, nothing } from 'lit';
import type { AssessmentDoc, AssessmentSymbol } from '../../../shared/collections.js';
import { paths } from '../../app/router.js';
import { StoreController } from '../../app/state.js';
import { childChoice, childLabel, childStyles, viewChildren } from '../../common/children.js';
import { define } from '../../common/define.js';
import { badges, base, buttons, view } from '../../common/styles.js';
import { QueryController } from '../../data/query-controller.js';
import { childrenOf } from '../../data/scope.js';
import { formatDate, t } from '../../i18n/i18n.js';
import { byDateDesc, itemStyles, newBadge, SeenController, scopedQuery } from '../items.js';

const SYMBOL_CLASS: Record<AssessmentSymbol | '', string> = { notMet: 'danger', partlyMet: 'warn', met: 'ok', '': '' };

/** The words of a symbol; no symbol means not yet dealt with in teaching. */
export function symbolText(symbol: AssessmentSymbol | ''): string {
  return symbol ? t(`assessments.symbol.${symbol}`) : t('assessments.symbol.none');
}

/**
 * @summary The Bedömningar view: every published assessment by subject, each
 * knowledge requirement with its symbol in words (or that it has not yet
 * been dealt with), new ones marked. For all children at once on request.
 */
export class AssessmentsView extends LitElement {
  static override styles = [
    base,
    buttons,
    badges,
    view,
    itemStyles,
    childStyles,
    css`
      ol.requirements {
        margin: var(--sk-space-2) 0 0;
        padding-inline-start: var(--sk-space-6);
        display: grid;
        gap: var(--sk-space-2);
      }
      .symbol {
        display: block;
        font-weight: 600;
        font-size: 0.95rem;
      }
      .symbol.none {
        color: var(--sk-color-muted);
        font-weight: 400;
        font-style: italic;
      }
      section.subject + section.subject {
        margin-top: var(--sk-space-6);
      }
    `,
  ];

  private readonly _store = new StoreController(this);
  private readonly _seen = new SeenController(this, 'assessments');
  private readonly _items = new QueryController<AssessmentDoc>(this, () => {
    const { db } = this._store.state;
    const { pupils } = viewChildren(this._store.state);
    return db ? scopedQuery(db, 'assessments', pupils) : null;
  });

  protected override updated(): void {
    if (this._items.ready)
      this._seen.remember(this._store.state, viewChildren(this._store.state).pupils, this._items.docs);
  }

  override render() {
    const state = this._store.state;
    const { pupils, combined } = viewChildren(state);
    const items = byDateDesc(this._items.docs);
    const subjects = [...new Set(items.map((a) => a.subject))].sort((a, b) => a.localeCompare(b, 'sv'));
    const isNewFor = (a: AssessmentDoc) =>
      childrenOf(a, pupils).some((p) => a.updatedAt > this._seen.seenBefore(state, p.id));
    return html`
      <a class="back" href=${paths.start}>${t('app.back')}</a>
      <div class="view-head">
        <h1>${t('assessments.title')}${pupils.length === 1 ? html`<span class="visually-hidden">, ${pupils[0]?.name}</span>` : nothing}</h1>
      </div>
      ${childChoice(state)}
      ${
        !this._items.ready && state.db
          ? html`<p class="muted">${t('box.loading')}</p>`
          : items.length === 0
            ? html`<p class="muted">${t('box.empty')}</p>`
            : subjects.map(
                (subject) => html`<section class="subject" aria-label=${subject}>
                  <h2>${subject}</h2>
                  ${items
                    .filter((a) => a.subject === subject)
                    .map(
                      (a) => html`<article class="assessment">
                        <div class="item-head">
                          <h3>${a.title}</h3>
                          ${newBadge(isNewFor(a))} ${childLabel(a, pupils, combined)}
                        </div>
                        <p class="meta">${t('assessments.meta', { date: formatDate(a.date), teacher: a.teacher })}</p>
                        <h4 class="visually-hidden">${t('assessments.requirements')}</h4>
                        <ol class="requirements">
                          ${a.requirements.map(
                            (r) => html`<li>
                              ${r.text}
                              <span class="symbol ${r.symbol ? SYMBOL_CLASS[r.symbol] : 'none'}">
                                ${r.symbol ? html`<span class="badge ${SYMBOL_CLASS[r.symbol]}">${symbolText(r.symbol)}</span>` : symbolText('')}
                              </span>
                            </li>`,
                          )}
                        </ol>
                        ${a.comment ? html`<p>${t('assessments.comment', { text: a.comment })}</p>` : nothing}
                      </article>`,
                    )}
                </section>`,
              )
      }
    `;
  }
}

define('sk-assessments-view', AssessmentsView);

declare global {
  interface HTMLElementTagNameMap {
    'sk-assessments-view': AssessmentsView;
  }
}
