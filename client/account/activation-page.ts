import { css, html, LitElement, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { activateWithCode } from '../app/session.js';
import { StoreController } from '../app/state.js';
import { define } from '../common/define.js';
import { emit } from '../common/events.js';
import { base, buttons } from '../common/styles.js';
import { type MessageKey, t } from '../i18n/i18n.js';

/** The e-mail of the account activated in this tab: the page shows it once signed in (a new instance). */
let activatedEmail: string | null = null;

/** Forgets the confirmation (leaving the page, or between tests). */
export function forgetActivation(): void {
  activatedEmail = null;
}

/**
 * @summary "Jag har en aktiveringskod": a person the school gave a one-time
 * code enters it and chooses their own password (the policy is the
 * server's: at least 8 characters, no common password), and is signed in.
 * Pasting is allowed, nothing is trimmed; errors are announced and the
 * fields keep what was typed.
 *
 * @event sk-signed-in - the code was redeemed and the person is signed in
 */
export class ActivationPage extends LitElement {
  static override styles = [
    base,
    buttons,
    css`
      :host {
        display: block;
        max-width: 28rem;
        margin: 0 auto;
      }
      form {
        display: grid;
        gap: var(--sk-space-4);
        background: var(--sk-color-surface);
        border: 1px solid var(--sk-color-border);
        border-radius: var(--sk-radius);
        padding: var(--sk-space-6);
      }
      .field {
        display: grid;
        gap: var(--sk-space-1);
      }
      label {
        font-weight: 600;
      }
      input[type='text'],
      input[type='password'] {
        font: inherit;
        min-height: 2.75rem;
        padding: var(--sk-space-2) var(--sk-space-3);
        border: 1px solid var(--sk-color-muted);
        border-radius: var(--sk-radius-small);
      }
      .check {
        display: flex;
        gap: var(--sk-space-2);
        align-items: center;
        font-weight: 400;
        min-height: 2.75rem;
      }
      .check input {
        width: 1.25rem;
        height: 1.25rem;
        flex: none;
      }
      .hint {
        color: var(--sk-color-muted);
        font-weight: 400;
        margin: 0;
      }
      .error {
        padding: var(--sk-space-3);
        border-radius: var(--sk-radius-small);
        background: var(--sk-color-danger-bg);
        color: var(--sk-color-danger);
        margin: 0;
      }
      .done {
        padding: var(--sk-space-4);
        border-radius: var(--sk-radius);
        background: var(--sk-color-brand-tint);
      }
    `,
  ];

  @state() private _error: string | null = null;
  @state() private _busy = false;
  @state() private _showPassword = false;
  @state() private _done: string | null = activatedEmail;

  constructor() {
    super();
    new StoreController(this);
  }

  private async _submit(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const code = String(data.get('code') ?? '');
    const password = String(data.get('password') ?? '');
    const repeat = String(data.get('repeat') ?? '');
    const shared = data.get('shared') === 'on';
    if (!code.trim() || !password) return this._fail(t('activation.error.input'));
    if (password !== repeat) return this._fail(t('activation.error.mismatch'), 'repeat');
    this._busy = true;
    this._error = null;
    // The signed-in app shows this page anew: it must know the code was taken before it does.
    const result = await activateWithCode(code, password, shared, (email) => {
      activatedEmail = email;
    });
    this._busy = false;
    if (result.ok) {
      activatedEmail = result.email;
      this._done = result.email;
      emit(this, 'sk-signed-in');
      return;
    }
    if (result.error === 'throttled') return this._fail(t('account.throttled', { seconds: result.retryAfter }));
    if (result.error === 'policy') return this._fail(t(`activation.error.${result.problem}` as MessageKey), 'password');
    return this._fail(
      t(`activation.error.${result.error}` as MessageKey),
      result.error === 'code' ? 'code' : undefined,
    );
  }

  private async _fail(message: string, field?: 'code' | 'password' | 'repeat') {
    this._error = message;
    await this.updateComplete;
    if (field) (this.renderRoot.querySelector(`[name="${field}"]`) as HTMLInputElement | null)?.focus();
  }

  private _finish() {
    forgetActivation();
    this._done = null;
  }

  override render() {
    if (this._done) {
      return html`<h1>${t('activation.title')}</h1>
        <p class="done" role="status">${t('activation.done', { email: this._done })}</p>
        <p><a href="/" @click=${this._finish}>${t('activation.toStart')}</a></p>`;
    }
    const described = this._error ? 'activation-error' : nothing;
    return html`
      <h1>${t('activation.title')}</h1>
      <p>${t('activation.intro')}</p>
      <form @submit=${this._submit} novalidate aria-labelledby="activation-heading">
        <h2 id="activation-heading" class="visually-hidden">${t('activation.title')}</h2>
        ${
          this._error
            ? html`<p class="error" role="alert" id="activation-error">${this._error}</p>`
            : html`<div role="alert" class="visually-hidden"></div>`
        }
        <div class="field">
          <label for="code">${t('activation.code')}</label>
          <p class="hint" id="code-hint">${t('activation.codeHint')}</p>
          <input
            id="code"
            name="code"
            type="text"
            autocomplete="one-time-code"
            autocapitalize="characters"
            spellcheck="false"
            required
            aria-describedby=${this._error ? 'code-hint activation-error' : 'code-hint'}
          />
        </div>
        <div class="field">
          <label for="password">${t('activation.password')}</label>
          <p class="hint" id="password-hint">${t('activation.passwordHint')}</p>
          <input
            id="password"
            name="password"
            type=${this._showPassword ? 'text' : 'password'}
            autocomplete="new-password"
            minlength="8"
            required
            aria-describedby=${this._error ? 'password-hint activation-error' : 'password-hint'}
          />
        </div>
        <div class="field">
          <label for="repeat">${t('activation.repeat')}</label>
          <input
            id="repeat"
            name="repeat"
            type=${this._showPassword ? 'text' : 'password'}
            autocomplete="new-password"
            required
            aria-describedby=${described}
          />
        </div>
        <label class="check">
          <input
            type="checkbox"
            .checked=${this._showPassword}
            @change=${(e: Event) => (this._showPassword = (e.target as HTMLInputElement).checked)}
          />
          ${t('login.showPassword')}
        </label>
        <label class="check">
          <input type="checkbox" name="shared" aria-describedby="shared-hint" />
          ${t('account.sharedComputer')}
        </label>
        <p class="hint" id="shared-hint">${t('account.sharedHint')}</p>
        <button class="button primary" type="submit" ?disabled=${this._busy}>
          ${this._busy ? t('activation.busy') : t('activation.submit')}
        </button>
        <p><a href="/">${t('activation.back')}</a></p>
      </form>
    `;
  }
}

define('sk-activation-page', ActivationPage);

declare global {
  interface HTMLElementTagNameMap {
    'sk-activation-page': ActivationPage;
  }
}
