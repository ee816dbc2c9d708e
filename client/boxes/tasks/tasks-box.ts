import { html, LitElement, nothing } from 'lit';
import type { TaskDoc } from '../../../shared/collections.js';
import { paths } from '../../app/router.js';
import { StoreController, selectedPupil } from '../../app/state.js';
import { define } from '../../common/define.js';
import { badges, base, box } from '../../common/styles.js';
import { QueryController } from '../../data/query-controller.js';
import { formatMoment, t } from '../../i18n/i18n.js';
import { itemStyles } from '../items.js';
import { assignmentOrder, isLate, lastReadReply, newReplies, ownDoc, tasksQuery } from './tasks.js';

/**
 * @summary The Uppgifter box: how many new replies from teachers, and the
 * assignments due next with their status.
 */
export class TasksBox extends LitElement {
  static override styles = [base, box, badges, itemStyles];

  private readonly _store = new StoreController(this);
  private readonly _docs = new QueryController<TaskDoc>(this, () => {
    const { db } = this._store.state;
    const pupil = selectedPupil();
    return db && pupil ? tasksQuery(db, [pupil]) : null;
  });

  override render() {
    const state = this._store.state;
    const pupil = selectedPupil();
    const pupilId = pupil?.id ?? '';
    const userId = state.me?.user.id ?? '';
    const docs = this._docs.docs;
    const items = assignmentOrder(docs);
    const now = new Date();
    const replies = items.reduce(
      (n, a) =>
        n + newReplies(ownDoc(docs, 'conversation', a.id, pupilId), lastReadReply(userId, pupilId, a.id)).length,
      0,
    );
    return html`<section aria-labelledby="tasks-heading">
      <div class="box-head">
        <h2 id="tasks-heading"><a href=${paths.tasks}>${t('tasks.title')}</a></h2>
        ${replies > 0 ? html`<span class="badge info">${t('tasks.newReplies', { count: replies })}</span>` : nothing}
      </div>
      ${
        !this._docs.ready
          ? html`<p class="muted">${t('box.loading')}</p>`
          : items.length === 0
            ? html`<p class="muted">${t('box.empty')}</p>`
            : html`<ul class="items">
              ${items.slice(0, 3).map((a) => {
                const c = ownDoc(docs, 'conversation', a.id, pupilId);
                const status = c?.status ?? '';
                const fresh = newReplies(c, lastReadReply(userId, pupilId, a.id)).length > 0;
                return html`<li>
                  <span class="item-head">
                    <a class="item-title" href=${`${paths.tasks}?uppgift=${encodeURIComponent(a.id)}`}>${a.title}</a>
                    ${fresh ? html`<span class="badge info">${t('tasks.newReply')}</span>` : nothing}
                    ${isLate(a, status, now) ? html`<span class="badge danger">${t('tasks.late')}</span>` : nothing}
                  </span>
                  <span class="meta">
                    ${a.subject ? `${a.subject} · ` : ''}${a.deadline ? t('tasks.deadline', { when: formatMoment(a.deadline) }) : t('tasks.noDeadline')}
                    · ${t(`tasks.status.${status}`)}
                  </span>
                </li>`;
              })}
            </ul>`
      }
      <p><a href=${paths.tasks}>${t('box.open', { name: t('tasks.title') })}</a></p>
    </section>`;
  }
}

define('sk-tasks-box', TasksBox);

declare global {
  interface HTMLElementTagNameMap {
    'sk-tasks-box': TasksBox;
  }
}
