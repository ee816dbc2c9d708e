import { html, LitElement, nothing } from 'lit';
import type { RequestDoc, TaskDoc } from '../../../shared/collections.js';
import { paths } from '../../app/router.js';
import { StoreController, selectedPupil } from '../../app/state.js';
import { define } from '../../common/define.js';
import { badges, base, box } from '../../common/styles.js';
import { QueryController } from '../../data/query-controller.js';
import { formatMoment, t } from '../../i18n/i18n.js';
import { itemStyles } from '../items.js';
import { taskRequests, tasksQuery } from '../tasks/tasks.js';
import { etestOrder, etestState } from './etest.js';

/** @summary The eTest box (pupils): open tests first, with when they close, and what is handed in. */
export class EtestBox extends LitElement {
  static override styles = [base, box, badges, itemStyles];

  private readonly _store = new StoreController(this);
  private readonly _docs = new QueryController<TaskDoc>(this, () => {
    const { db } = this._store.state;
    const pupil = selectedPupil();
    return db && pupil ? tasksQuery(db, [pupil]) : null;
  });
  private readonly _requests = new QueryController<RequestDoc>(this, () => {
    const { db } = this._store.state;
    return db ? taskRequests(db) : null;
  });

  override render() {
    const now = new Date();
    const pupilId = selectedPupil()?.id ?? '';
    const tests = etestOrder(this._docs.docs, now);
    return html`<section aria-labelledby="etest-heading">
      <div class="box-head">
        <h2 id="etest-heading"><a href=${paths.etest}>${t('etest.title')}</a></h2>
      </div>
      ${
        !this._docs.ready
          ? html`<p class="muted">${t('box.loading')}</p>`
          : tests.length === 0
            ? html`<p class="muted">${t('etest.none')}</p>`
            : html`<ul class="items">
              ${tests.slice(0, 3).map((e) => {
                const s = etestState(e, this._docs.docs, this._requests.docs, pupilId, now);
                return html`<li>
                  <span class="item-head">
                    <a class="item-title" href=${`${paths.etest}?prov=${encodeURIComponent(e.id)}`}>${e.title}</a>
                    ${this._badge(s.kind)}
                  </span>
                  <span class="meta">${
                    s.kind === 'notOpen'
                      ? t('etest.opens', { when: formatMoment(e.opensAt) })
                      : s.kind === 'closed'
                        ? t('etest.closed', { when: formatMoment(e.closesAt) })
                        : t('etest.closes', { when: formatMoment(e.closesAt) })
                  }</span>
                </li>`;
              })}
            </ul>`
      }
      <p><a href=${paths.etest}>${t('box.open', { name: t('etest.title') })}</a></p>
    </section>`;
  }

  private _badge(kind: string) {
    switch (kind) {
      case 'open':
        return html`<span class="badge ok">${t('etest.phase.open')}</span>`;
      case 'submitted':
        return html`<span class="badge info">${t('tasks.status.submitted')}</span>`;
      case 'pending':
        return html`<span class="badge warn">${t('tasks.pending')}</span>`;
      case 'rejected':
        return html`<span class="badge danger">${t('etest.rejected')}</span>`;
      case 'closed':
        return html`<span class="badge">${t('etest.phase.closed')}</span>`;
      default:
        return nothing;
    }
  }
}

define('sk-etest-box', EtestBox);

declare global {
  interface HTMLElementTagNameMap {
    'sk-etest-box': EtestBox;
  }
}
