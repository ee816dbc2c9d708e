import { css, html, LitElement, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import '../account/shared-device-choice.js';
import { navigate } from '../app/router.js';
import { signInWithPassword, signInWithSession } from '../app/session.js';
import { StoreController, store } from '../app/state.js';
import { define } from '../common/define.js';
import { emit } from '../common/events.js';
import { base, buttons } from '../common/styles.js';
import { type MessageKey, t } from '../i18n/i18n.js';
import './bankid-sign-in.js';
import { googleStartUrl, type LoginMethods, loginMethods, rememberedLoginMethods } from './sign-in-api.js';

const GOOGLE_ERRORS: Record<string, MessageKey> = {
  cancelled: 'google.error.cancelled',
  unknown_account: 'google.error.unknown_account',
  failed: 'google.error.failed',
};

/**
 * @summary The sign-in page, worded like the FAQ: the municipality (from the
 * server's configuration), "Andra inloggningssätt", BankID for guardians, and
 * e-mail and password or Google for pupils. Errors are announced and the
 * field keeps what was typed. Coming back from Google (`?login=google`), it
 * finishes the sign-in or says why it did not work.
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
      }
      h4 {
        margin: 0;
        font-size: 1rem;
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
      section {
        display: grid;
        gap: var(--sk-space-3);
        background: var(--sk-color-surface);
        border: 1px solid var(--sk-color-border);
        border-radius: var(--sk-radius);
        padding: var(--sk-space-6);
        margin-top: var(--sk-space-4);
      }
      section h3,
      section p {
        margin: 0;
      }
      .or {
        text-align: center;
        color: var(--sk-color-muted);
        margin: 0;
      }
      .google {
        width: 100%;
      }
    `,
  ];

  @state() private _error: MessageKey | null = null;
  @state() private _busy = false;
  @state() private _showPassword = false;
  @state() private _methods: LoginMethods | null = rememberedLoginMethods();
  @state() private _googleError: MessageKey | null = null;

  constructor() {
    super();
    // Re-render when the language changes.
    new StoreController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void loginMethods().then((methods) => {
      if (methods) this._methods = methods;
    });
    const query = store.get().route.query;
    if (query.get('login') === 'google') void this._backFromGoogle(query.get('error'));
  }

  /** The shared-computer choice can change after the link was drawn: the link follows it when used. */
  private _toGoogle(event: MouseEvent) {
    (event.currentTarget as HTMLAnchorElement).href = googleStartUrl();
  }

  /** Back from Google: the server has started a session, or says why not. */
  private async _backFromGoogle(error: string | null) {
    navigate('/', { replace: true });
    if (error) {
      this._googleError = GOOGLE_ERRORS[error] ?? 'google.error.failed';
      return;
    }
    const result = await signInWithSession();
    if (result.ok) emit(this, 'sk-signed-in');
    else this._googleError = result.error === 'network' ? 'login.error.network' : 'google.error.failed';
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
    const methods = this._methods;
    const municipality = methods?.municipality;
    return html`
      <h1>${t('login.title')}</h1>
      <p>${municipality ? t('login.intro', { municipality }) : t('login.introPlain')}</p>
      <sk-shared-device-choice></sk-shared-device-choice>
      <h2>${t('login.otherMethods')}</h2>
      ${
        methods?.bankid === false
          ? nothing
          : html`<section aria-labelledby="guardians">
              <h3 id="guardians">${t('login.guardians')}</h3>
              <p>${t('login.guardiansHint')}</p>
              <sk-bankid-sign-in></sk-bankid-sign-in>
              <p class="hint">${t('login.noBankId')}</p>
              <p class="hint"><a href="/aktivera">${t('activation.link')}</a></p>
            </section>`
      }
      <section aria-labelledby="pupils">
        <h3 id="pupils">${t('login.pupils')}</h3>
        <p>${t('login.pupilsHint')}</p>
        <form @submit=${this._submit} novalidate aria-labelledby="method">
          <h4 id="method">${t('login.passwordHeading')}</h4>
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
        </form>
        ${
          methods?.google === false
            ? nothing
            : html`<p class="or">${t('login.or')}</p>
              ${this._googleError ? html`<p class="error" role="alert">${t(this._googleError)}</p>` : nothing}
              <a class="button google" href="/api/auth/google/start" @click=${this._toGoogle}>${t('google.signIn')}</a>`
        }
      </section>
    `;
  }
}

define('sk-login-page', LoginPage);

declare global {
  interface HTMLElementTagNameMap {
    'sk-login-page': LoginPage;
  }
}
