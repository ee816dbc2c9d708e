import { css, html, LitElement, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { MESSAGE_MAX } from '../../../shared/tasks.js';
import { StoreController } from '../../app/state.js';
import { itemStyles } from '../../boxes/items.js';
import { define } from '../../common/define.js';
import { badges, base, buttons, view } from '../../common/styles.js';
import { formatMoment, t } from '../../i18n/i18n.js';
import { loadAssignments, reply, type StaffAssignment } from './staff-api.js';

/**
 * @summary Uppgifter for staff (`/personal/uppgifter`): the assignments the
 * teacher published, each pupil's conversation (those waiting for a reply
 * marked), and a reply form. Online only: staff read no pupil data on the
 * device.
 */
export class StaffTasks extends LitElement {
  static override styles = [
    base,
    buttons,
    badges,
    view,
    itemStyles,
    css`
      .pupils {
        list-style: none;
        padding: 0;
        margin: 0 0 var(--sk-space-3);
        display: flex;
        flex-wrap: wrap;
        gap: var(--sk-space-2);
      }
      .pupils button {
        font: inherit;
        min-height: 2.75rem;
        padding: var(--sk-space-1) var(--sk-space-3);
        border: 1px solid var(--sk-color-border);
        border-radius: var(--sk-radius-small);
        background: var(--sk-color-surface);
        color: var(--sk-color-text, inherit);
        cursor: pointer;
      }
      .pupils button[aria-pressed='true'] {
        border: 2px solid var(--sk-color-brand);
        font-weight: 600;
      }
      ol.conversation {
        list-style: none;
        padding: 0;
        display: grid;
        gap: var(--sk-space-2);
      }
      ol.conversation li {
        padding: var(--sk-space-2) var(--sk-space-3);
        border: 1px solid var(--sk-color-border);
        border-radius: var(--sk-radius-small);
      }
      ol.conversation li.staff {
        border-inline-start: 4px solid var(--sk-color-brand);
      }
      .message-text {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        margin: var(--sk-space-1) 0 0;
      }
      label {
        display: block;
        font-weight: 600;
        margin-bottom: var(--sk-space-1);
      }
      textarea {
        width: 100%;
        min-height: 5rem;
        font: inherit;
        padding: var(--sk-space-2);
        border: 1px solid var(--sk-color-muted);
        border-radius: var(--sk-radius-small);
        box-sizing: border-box;
      }
      .error {
        color: var(--sk-color-danger);
      }
    `,
  ];

  @state() private _assignments: StaffAssignment[] | null = null;
  @state() private _loadFailed = false;
  @state() private _selected: { taskId: string; pupilId: string } | null = null;
  @state() private _draft = '';
  @state() private _notice: { ok: boolean; text: string } | null = null;
  @state() private _sending = false;

  private readonly _store = new StoreController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    const role = this._store.state.me?.user.role;
    if (role === 'staff' || role === 'admin') void this._load();
  }

  private async _load() {
    const result = await loadAssignments();
    this._loadFailed = !result.ok;
    if (result.ok) this._assignments = result.value;
  }

  override render() {
    const role = this._store.state.me?.user.role;
    if (role !== 'staff' && role !== 'admin') return html`<p>${t('staffTasks.staffOnly')}</p>`;
    return html`<div class="view-head"><h1>${t('staffTasks.title')}</h1></div>
      <p class="muted">${t('staffTasks.lead')}</p>
      ${
        this._loadFailed
          ? html`<p role="alert" class="error">${t('staffTasks.loadFailed')}</p>
            <button class="button" @click=${() => this._load()}>${t('staffTasks.retry')}</button>`
          : this._assignments === null
            ? html`<p class="muted">${t('box.loading')}</p>`
            : this._assignments.length === 0
              ? html`<p>${t('staffTasks.none')}</p>`
              : this._assignments.map((a) => this._assignment(a))
      }`;
  }

  private _assignment(a: StaffAssignment) {
    const selected = this._selected?.taskId === a.id ? this._selected.pupilId : null;
    const conversation = a.conversations.find((c) => c.pupilId === selected);
    const headingId = `task-${a.id}`;
    return html`<article aria-labelledby=${headingId}>
      <h2 id=${headingId}>${a.title}</h2>
      <p class="meta">
        ${a.subject ? `${a.subject} · ` : ''}${a.deadline ? t('tasks.deadline', { when: formatMoment(a.deadline) }) : t('tasks.noDeadline')}
      </p>
      <h3>${t('staffTasks.pupils')}</h3>
      <ul class="pupils">
        ${[...a.conversations]
          .sort((x, y) => Number(y.awaitingReply) - Number(x.awaitingReply) || y.messages.length - x.messages.length)
          .map(
            (c) => html`<li>
              <button
                aria-pressed=${selected === c.pupilId ? 'true' : 'false'}
                @click=${() => {
                  this._selected = { taskId: a.id, pupilId: c.pupilId };
                  this._draft = '';
                  this._notice = null;
                }}
              >
                ${c.pupilName} (${c.className})${c.messages.length > 0 ? ` · ${c.messages.length}` : ''}
                ${c.awaitingReply ? html`<span class="badge warn">${t('staffTasks.unanswered')}</span>` : nothing}
              </button>
            </li>`,
          )}
      </ul>
      ${conversation ? this._conversation(a, conversation) : html`<p class="muted">${t('staffTasks.choosePupil')}</p>`}
    </article>`;
  }

  private _conversation(a: StaffAssignment, c: StaffAssignment['conversations'][number]) {
    return html`<section aria-label=${t('tasks.conversation')}>
      <p><strong>${c.pupilName}</strong> · ${t(`tasks.status.${c.status}`)}</p>
      ${
        c.messages.length === 0
          ? html`<p class="muted">${t('tasks.noMessages')}</p>`
          : html`<ol class="conversation">
            ${c.messages.map(
              (m) => html`<li class=${m.fromStaff ? 'staff' : 'pupil'}>
                <strong>${m.author}</strong> <span class="meta">${formatMoment(m.at)}</span>
                <p class="message-text">${m.text}</p>
              </li>`,
            )}
          </ol>`
      }
      <form @submit=${(e: Event) => this._reply(e, a.id, c.pupilId)} novalidate>
        <label for="reply">${t('staffTasks.replyLabel', { name: c.pupilName })}</label>
        <textarea
          id="reply"
          maxlength=${MESSAGE_MAX}
          .value=${this._draft}
          @input=${(e: Event) => {
            this._draft = (e.target as HTMLTextAreaElement).value;
          }}
        ></textarea>
        ${
          this._notice
            ? html`<p role=${this._notice.ok ? 'status' : 'alert'} class=${this._notice.ok ? '' : 'error'}>${this._notice.text}</p>`
            : nothing
        }
        <p><button class="button primary" type="submit" ?disabled=${this._sending}>${t('staffTasks.send')}</button></p>
      </form>
    </section>`;
  }

  private async _reply(e: Event, taskId: string, pupilId: string) {
    e.preventDefault();
    const text = this._draft.trim();
    if (!text) {
      this._notice = { ok: false, text: t('reason.message_empty') };
      return;
    }
    this._sending = true;
    const result = await reply(taskId, pupilId, text);
    this._sending = false;
    if (!result.ok) {
      this._notice = { ok: false, text: t('staffTasks.failed', { message: result.message }) };
      return;
    }
    this._draft = '';
    this._notice = { ok: true, text: t('staffTasks.sent') };
    await this._load();
  }
}

define('sk-staff-tasks', StaffTasks);

declare global {
  interface HTMLElementTagNameMap {
    'sk-staff-tasks': StaffTasks;
  }
}
