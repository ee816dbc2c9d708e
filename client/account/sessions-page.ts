import { css, html, LitElement, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { StoreController } from '../app/state.js';
import { define } from '../common/define.js';
import { base, buttons, view } from '../common/styles.js';
import { formatMoment, type MessageKey, t } from '../i18n/i18n.js';
import { endOtherSessions, endSession, loadSessions, type SessionInfo } from './sessions.js';

/**
 * @summary "Inloggningar": where the user is signed in — this device first,
 * then the others with their browser, when they signed in and were last
 * used — and a button to sign out each, or all others at once. Needs a
 * connection; says so when there is none.
 */
export class SessionsPage extends LitElement {
  static override styles = [
    base,
    buttons,
    view,
    css`
      ul {
        list-style: none;
        margin: 0 0 var(--sk-space-4);
        padding: 0;
        display: grid;
        gap: var(--sk-space-3);
      }
      li {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: var(--sk-space-2) var(--sk-space-4);
        background: var(--sk-color-surface);
        border: 1px solid var(--sk-color-border);
        border-radius: var(--sk-radius);
        padding: var(--sk-space-3) var(--sk-space-4);
      }
      .device {
        font-weight: 600;
        margin: 0;
      }
      .meta {
        margin: 0;
        color: var(--sk-color-muted);
      }
      .tag {
        display: inline-block;
        margin-inline-start: var(--sk-space-2);
        padding: 0 var(--sk-space-2);
        border-radius: var(--sk-radius-small);
        background: var(--sk-color-brand-tint);
        font-weight: 400;
      }
      .notice {
        padding: var(--sk-space-3);
        border-radius: var(--sk-radius-small);
        background: var(--sk-color-danger-bg);
        color: var(--sk-color-danger);
      }
    `,
  ];

  private readonly _store = new StoreController(this);
  @state() private _sessions: SessionInfo[] | null = null;
  @state() private _error: MessageKey | null = null;
  @state() private _status: MessageKey | null = null;
  @state() private _busy = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this._load();
  }

  private async _load() {
    this._error = null;
    const result = await loadSessions();
    if (result.ok) this._sessions = result.value;
    else this._error = result.error === 'offline' ? 'sessions.offline' : 'sessions.error';
  }

  private async _end(session: SessionInfo) {
    this._busy = true;
    const result = await endSession(session.id);
    this._busy = false;
    if (!result.ok) {
      this._error = result.error === 'offline' ? 'sessions.offline' : 'sessions.error';
      return;
    }
    this._status = 'sessions.ended';
    await this._load();
  }

  private async _endOthers() {
    this._busy = true;
    const result = await endOtherSessions();
    this._busy = false;
    if (!result.ok) {
      this._error = result.error === 'offline' ? 'sessions.offline' : 'sessions.error';
      return;
    }
    this._status = 'sessions.endedOthers';
    await this._load();
  }

  private _item(s: SessionInfo) {
    const device = s.device || t('sessions.unknownDevice');
    const since = formatMoment(s.createdAt);
    return html`<li class=${s.current ? 'current' : ''}>
      <div>
        <p class="device">
          ${device}${s.current ? html`<span class="tag">${t('sessions.current')}</span>` : nothing}
          ${s.shared ? html`<span class="tag">${t('sessions.shared')}</span>` : nothing}
        </p>
        <p class="meta">${t('sessions.signedIn', { time: since })} · ${t('sessions.lastUsed', { time: formatMoment(s.lastUsedAt) })}</p>
      </div>
      ${
        s.current
          ? nothing
          : html`<button
            class="button"
            ?disabled=${this._busy}
            aria-label=${t('sessions.endLabel', { device, time: since })}
            @click=${() => this._end(s)}
          >
            ${t('sessions.end')}
          </button>`
      }
    </li>`;
  }

  override render() {
    void this._store.state.lang;
    const others = this._sessions?.filter((s) => !s.current) ?? [];
    return html`
      <a class="back" href="/">${t('app.back')}</a>
      <div class="view-head"><h1>${t('sessions.title')}</h1></div>
      <p>${t('sessions.intro')}</p>
      <p class="muted">${t('sessions.timeouts')}</p>
      <div role="status">${this._status ? html`<p>${t(this._status)}</p>` : nothing}</div>
      ${
        this._error
          ? html`<p class="notice" role="alert">${t(this._error)}</p>
            <button class="button" @click=${this._load}>${t('sessions.retry')}</button>`
          : nothing
      }
      ${
        this._sessions === null
          ? this._error
            ? nothing
            : html`<p>${t('sessions.loading')}</p>`
          : html`<ul aria-label=${t('sessions.title')}>
            ${[...this._sessions].sort((a, b) => Number(b.current) - Number(a.current)).map((s) => this._item(s))}
          </ul>
          ${
            others.length > 0
              ? html`<button class="button" ?disabled=${this._busy} @click=${this._endOthers}>${t('sessions.endOthers')}</button>`
              : html`<p>${t('sessions.onlyHere')}</p>`
          }`
      }
    `;
  }
}

define('sk-sessions-page', SessionsPage);

declare global {
  interface HTMLElementTagNameMap {
    'sk-sessions-page': SessionsPage;
  }
}
