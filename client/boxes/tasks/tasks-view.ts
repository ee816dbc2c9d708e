import { css, html, LitElement, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { RequestDoc, TaskDoc } from '../../../shared/collections.js';
import { checkMessage, MESSAGE_MAX, TASK_MESSAGE } from '../../../shared/tasks.js';
import { paths } from '../../app/router.js';
import { StoreController, selectedPupil } from '../../app/state.js';
import { define } from '../../common/define.js';
import '../../common/file-list.js';
import '../../common/rich-text.js';
import { badges, base, buttons, view } from '../../common/styles.js';
import { QueryController } from '../../data/query-controller.js';
import { createRequest } from '../../data/requests.js';
import { formatMoment, reasonText, t } from '../../i18n/i18n.js';
import { itemStyles } from '../items.js';
import {
  assignmentOrder,
  conversationLines,
  isLate,
  lastReadReply,
  markRepliesRead,
  newReplies,
  ownDoc,
  taskRequests,
  tasksQuery,
} from './tasks.js';

/**
 * @summary The Uppgifter view: the child's assignments (due soonest first)
 * with deadline and status; one assignment (`?uppgift=<id>`) with its
 * instructions, files and the conversation with the teacher, where the pupil
 * writes — offline too: a message shows at once as waiting, then as sent or
 * with the reason it was not taken. Guardians read the conversation.
 */
export class TasksView extends LitElement {
  static override styles = [
    base,
    buttons,
    badges,
    view,
    itemStyles,
    css`
      ol.conversation {
        list-style: none;
        padding: 0;
        margin: 0 0 var(--sk-space-4);
        display: grid;
        gap: var(--sk-space-2);
      }
      ol.conversation li {
        padding: var(--sk-space-2) var(--sk-space-3);
        border-radius: var(--sk-radius-small);
        border: 1px solid var(--sk-color-border);
        background: var(--sk-color-surface);
        max-width: 40rem;
      }
      ol.conversation li.staff {
        border-inline-start: 4px solid var(--sk-color-brand);
      }
      ol.conversation li.pupil {
        margin-inline-start: auto;
      }
      .message-text {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        margin: var(--sk-space-1) 0 0;
      }
      .reason {
        color: var(--sk-color-danger);
        margin: var(--sk-space-1) 0 0;
      }
      label {
        display: block;
        font-weight: 600;
        margin-bottom: var(--sk-space-1);
      }
      textarea {
        width: 100%;
        min-height: 6rem;
        font: inherit;
        padding: var(--sk-space-2);
        border: 1px solid var(--sk-color-border-strong, var(--sk-color-muted));
        border-radius: var(--sk-radius-small);
        box-sizing: border-box;
      }
      .error {
        color: var(--sk-color-danger);
      }
    `,
  ];

  @state() private _draft = '';
  /** What had been read of each conversation when this view opened: replies after it stay marked new for this visit. */
  private readonly _readAtOpen = new Map<string, string>();
  @state() private _error = '';

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

  private get _taskId(): string | null {
    return this._store.state.route.query.get('uppgift');
  }

  override updated(): void {
    const id = this._taskId;
    const pupil = selectedPupil();
    const userId = this._store.state.me?.user.id;
    if (!id || !pupil || !userId) return;
    // What is shown now is read; the mark stays for this visit (it was computed from the state before).
    const c = ownDoc(this._docs.docs, 'conversation', id, pupil.id);
    if (c && newReplies(c, lastReadReply(userId, pupil.id, id)).length > 0) {
      queueMicrotask(() => markRepliesRead(userId, pupil.id, c));
    }
  }

  override render() {
    const id = this._taskId;
    const st = this._store.state;
    const loading = !this._docs.ready && st.db;
    if (id) {
      const task = this._docs.docs.find((d) => d.kind === 'assignment' && d.id === id);
      return html`<a class="back" href=${paths.tasks}>${t('tasks.back')}</a>
        ${loading ? html`<p class="muted">${t('box.loading')}</p>` : task ? this._detail(task) : html`<p>${t('tasks.notFound')}</p>`}`;
    }
    const items = assignmentOrder(this._docs.docs);
    return html`<a class="back" href=${paths.start}>${t('app.back')}</a>
      <div class="view-head"><h1>${t('tasks.title')}</h1></div>
      ${
        loading
          ? html`<p class="muted">${t('box.loading')}</p>`
          : items.length === 0
            ? html`<p class="muted">${t('box.empty')}</p>`
            : html`<ul class="items">${items.map((a) => this._row(a))}</ul>`
      }`;
  }

  private _row(a: TaskDoc) {
    const pupilId = selectedPupil()?.id ?? '';
    const c = ownDoc(this._docs.docs, 'conversation', a.id, pupilId);
    const status = c?.status ?? '';
    const fresh = newReplies(c, lastReadReply(this._store.state.me?.user.id ?? '', pupilId, a.id)).length;
    return html`<li>
      <span class="item-head">
        <a class="item-title" href=${`${paths.tasks}?uppgift=${encodeURIComponent(a.id)}`}>${a.title}</a>
        ${fresh > 0 ? html`<span class="badge info">${t('tasks.newReplies', { count: fresh })}</span>` : nothing}
        ${isLate(a, status, new Date()) ? html`<span class="badge danger">${t('tasks.late')}</span>` : nothing}
      </span>
      <span class="meta">
        ${a.subject ? `${a.subject} · ` : ''}${a.deadline ? t('tasks.deadline', { when: formatMoment(a.deadline) }) : t('tasks.noDeadline')}
        · ${t(`tasks.status.${status}`)}
      </span>
    </li>`;
  }

  private _detail(task: TaskDoc) {
    const st = this._store.state;
    const pupil = selectedPupil();
    const pupilId = pupil?.id ?? '';
    const conversation = ownDoc(this._docs.docs, 'conversation', task.id, pupilId);
    const status = conversation?.status ?? '';
    const key = `${st.me?.user.id ?? ''}|${pupilId}|${task.id}`;
    if (!this._readAtOpen.has(key)) this._readAtOpen.set(key, lastReadReply(st.me?.user.id ?? '', pupilId, task.id));
    const read = this._readAtOpen.get(key) as string;
    const lines = conversationLines(conversation, this._requests.docs, task.id, pupilId);
    const isPupil = st.me?.user.role === 'pupil';
    return html`<article>
        <div class="item-head">
          <h1>${task.title}</h1>
          <span class="badge ${status === 'completed' ? 'ok' : status === 'needsWork' ? 'warn' : 'info'}">${t(`tasks.status.${status}`)}</span>
          ${isLate(task, status, new Date()) ? html`<span class="badge danger">${t('tasks.late')}</span>` : nothing}
        </div>
        <p class="meta">
          ${task.subject ? `${task.subject} · ` : ''}${task.teacher ? `${task.teacher} · ` : ''}${
            task.deadline ? t('tasks.deadline', { when: formatMoment(task.deadline) }) : t('tasks.noDeadline')
          }
        </p>
        ${task.instructions ? html`<h2>${t('tasks.instructions')}</h2><sk-rich-text .html=${task.instructions}></sk-rich-text>` : nothing}
        ${task.attachments.length > 0 ? html`<h2>${t('files.heading')}</h2><sk-file-list .files=${task.attachments}></sk-file-list>` : nothing}
      </article>
      <section aria-labelledby="conversation-heading">
        <h2 id="conversation-heading">${t('tasks.conversation')}</h2>
        ${
          lines.length === 0
            ? html`<p class="muted">${t('tasks.noMessages')}</p>`
            : html`<ol class="conversation" aria-live="polite">
              ${lines.map(
                (m) => html`<li class=${m.fromStaff ? 'staff' : 'pupil'} data-state=${m.state}>
                  <span class="item-head">
                    <strong>${m.fromStaff ? m.author : isPupil ? t('tasks.from.me') : m.author || pupil?.name}</strong>
                    <span class="meta">${formatMoment(m.at)}</span>
                    ${m.fromStaff && m.at > read ? html`<span class="badge info">${t('tasks.newReply')}</span>` : nothing}
                    ${
                      m.state === 'pending'
                        ? html`<span class="badge warn">${t('tasks.pending')}</span>`
                        : m.state === 'rejected'
                          ? html`<span class="badge danger">${t('tasks.rejected')}</span>`
                          : m.fromStaff
                            ? nothing
                            : html`<span class="badge ok">${t('tasks.sent')}</span>`
                    }
                  </span>
                  <p class="message-text">${m.text}</p>
                  ${
                    m.state === 'rejected'
                      ? html`<p class="reason">${m.reasonCode ? reasonText(m.reasonCode, m.reasonParams) : m.reason}</p>`
                      : nothing
                  }
                </li>`,
              )}
            </ol>`
        }
        ${
          isPupil
            ? html`<form @submit=${(e: Event) => this._send(e, task.id)} novalidate>
              <label for="message">${t('tasks.write')}</label>
              <textarea
                id="message"
                .value=${this._draft}
                @input=${(e: Event) => {
                  this._draft = (e.target as HTMLTextAreaElement).value;
                  this._error = '';
                }}
                aria-invalid=${this._error ? 'true' : 'false'}
                aria-describedby=${this._error ? 'message-error' : nothing}
              ></textarea>
              ${this._error ? html`<p id="message-error" class="error" role="alert">${this._error}</p>` : nothing}
              <p><button class="button primary" type="submit">${t('tasks.send')}</button></p>
            </form>`
            : html`<p class="muted">${t('tasks.readOnly')}</p>`
        }
      </section>`;
  }

  private async _send(e: Event, taskId: string) {
    e.preventDefault();
    const { db } = this._store.state;
    const pupil = selectedPupil();
    if (!db || !pupil) return;
    const checked = checkMessage(this._draft);
    if (!checked.ok) {
      this._error =
        checked.rejection.code === 'message_too_long'
          ? t('tasks.messageTooLong', { max: MESSAGE_MAX })
          : reasonText(checked.rejection.code);
      return;
    }
    await createRequest(db, { kind: TASK_MESSAGE, pupilId: pupil.id, payload: { taskId, text: checked.text } });
    this._draft = '';
  }
}

define('sk-tasks-view', TasksView);

declare global {
  interface HTMLElementTagNameMap {
    'sk-tasks-view': TasksView;
  }
}
