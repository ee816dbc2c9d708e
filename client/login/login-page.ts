import { css, html, LitElement, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { signInWithPassword } from '../app/session.js';
import { StoreController } from '../app/state.js';
import { define } from '../common/define.js';
import { emit } from '../common/events.js';
import { base, buttons } from '../common/styles.js';
import { type MessageKey, t } from '../i18n/i18n.js';

/**
 * @summary The sign-in page, worded like the FAQ: the municipality, "Andra
 * inloggningssätt", and e-mail and password. Errors are announced and the
 * field keeps what was typed.
 *
 * @event sk-signed-in - sign-in succeeded
 */
export class LoginPage extends LitElement {
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
      label {
        display: grid;
        gap: var(--sk-space-1);
        font-weight: 600;
      }
      input[type='email'],
      input[type='password'],
      input[type='text'] {
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
      }
      .error {
        padding: var(--sk-space-3);
        border-radius: var(--sk-radius-small);
        background: var(--sk-color-danger-bg);
        color: var(--sk-color-danger);
        margin: 0;
      }
      .hint {
        color: var(--sk-color-muted);
        margin: 0;
      }
      h2 {
        margin: 0;
      }
    `,
  ];

  @state() private _error: MessageKey | null = null;
  @state() private _busy = false;
  @state() private _showPassword = false;

  constructor() {
    super();
    // Re-render when the language changes (the page reads nothing else from the store).
    new StoreController(this);
  }

  private async _submit(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const email = String(data.get('email') ?? '').trim();
    const password = String(data.get('password') ?? '');
    if (!email || !password) {
      this._error = 'login.error.input';
      return;
    }
    this._busy = true;
    this._error = null;
    const result = await signInWithPassword(email, password);
    this._busy = false;
    if (result.ok) {
      emit(this, 'sk-signed-in');
      return;
    }
    this._error = `login.error.${result.error}`;
    await this.updateComplete;
    (this.renderRoot.querySelector('[name="password"]') as HTMLInputElement | null)?.select();
  }

  override render() {
    return html`
      <h1>${t('login.title')}</h1>
      <p>${t('login.intro', { municipality: t('login.municipality') })}</p>
      <form @submit=${this._submit} novalidate aria-labelledby="method">
        <h2 id="method">${t('login.otherMethods')}: ${t('login.passwordHeading')}</h2>
        <p class="hint">${t('login.passwordHint')}</p>
        ${
          this._error
            ? html`<p class="error" role="alert" id="login-error">${t(this._error)}</p>`
            : html`<div role="alert" class="visually-hidden"></div>`
        }
        <label>
          ${t('login.email')}
          <input
            name="email"
            type="email"
            autocomplete="username"
            inputmode="email"
            required
            aria-describedby=${this._error ? 'login-error' : nothing}
          />
        </label>
        <label>
          ${t('login.password')}
          <input
            name="password"
            type=${this._showPassword ? 'text' : 'password'}
            autocomplete="current-password"
            required
            aria-describedby=${this._error ? 'login-error' : nothing}
          />
        </label>
        <label class="check">
          <input type="checkbox" .checked=${this._showPassword} @change=${(e: Event) => (this._showPassword = (e.target as HTMLInputElement).checked)} />
          ${t('login.showPassword')}
        </label>
        <button class="button primary" type="submit" ?disabled=${this._busy}>
          ${this._busy ? t('login.busy') : t('login.submit')}
        </button>
        <p class="hint">${t('login.noBankId')}</p>
      </form>
    `;
  }
}

define('sk-login-page', LoginPage);

declare global {
  interface HTMLElementTagNameMap {
    'sk-login-page': LoginPage;
  }
}
