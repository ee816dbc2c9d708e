import { css, html, LitElement, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { BankIdFlow } from '../../shared/bankid.js';
import { completeSignIn } from '../app/session.js';
import { StoreController } from '../app/state.js';
import { define } from '../common/define.js';
import { emit } from '../common/events.js';
import { base, buttons } from '../common/styles.js';
import { type MessageKey, t } from '../i18n/i18n.js';
import { type BankIdResult, cancelBankId, pollBankId, startBankId } from './sign-in-api.js';

type Phase = 'idle' | 'starting' | 'pending' | 'done' | 'failed';

/** The real app's links open the app (or its install page) in place; others (the simulator) in a new tab. */
const opensInPlace = (url: string) => url.startsWith('bankid:') || url.startsWith('https://app.bankid.com/');

/**
 * @summary Signing in with BankID: "Mobilt BankID på annan enhet" shows the
 * animated QR code (a new image each second, drawn by the server), "BankID på
 * den här enheten" gives the link that starts the app. BankID's message for
 * each state is announced politely (role=status); the order is cancelled when
 * the user presses Avbryt or leaves the page.
 *
 * @event sk-signed-in - the server accepted the sign-in and the user's data is opening
 */
export class BankIdSignIn extends LitElement {
  static override styles = [
    base,
    buttons,
    css`
      :host {
        display: block;
      }
      .choices,
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: var(--sk-space-2);
      }
      .choices .button {
        flex: 1 1 14rem;
      }
      .qr {
        display: block;
        width: min(15rem, 100%);
        height: auto;
        aspect-ratio: 1;
        margin: var(--sk-space-3) 0;
        border: 1px solid var(--sk-color-border);
        background: #fff;
      }
      .message {
        margin: var(--sk-space-3) 0;
      }
      .message:empty {
        margin: 0;
      }
      .message.failed {
        padding: var(--sk-space-3);
        border-radius: var(--sk-radius-small);
        background: var(--sk-color-danger-bg);
        color: var(--sk-color-danger);
      }
      .hint {
        color: var(--sk-color-muted);
      }
    `,
  ];

  @state() private _phase: Phase = 'idle';
  @state() private _flow: BankIdFlow = 'qr';
  @state() private _qr: string | undefined;
  @state() private _launchUrl: string | undefined;
  @state() private _message: MessageKey | null = null;
  private _timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped at every start and cancel, so an answer to an older order is ignored. */
  private _generation = 0;

  constructor() {
    super();
    new StoreController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('pagehide', this._onPageHide);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('pagehide', this._onPageHide);
    if (this._phase === 'pending' || this._phase === 'starting') this._stop(true);
  }

  /** Leaving the page (closing it, or going elsewhere) cancels the order at BankID. */
  private _onPageHide = () => {
    if (this._phase === 'pending' || this._phase === 'starting') this._stop(true);
  };

  private async _start(flow: BankIdFlow) {
    this._clearTimer();
    const generation = ++this._generation;
    this._flow = flow;
    this._phase = 'starting';
    this._qr = undefined;
    this._launchUrl = undefined;
    this._message = 'bankid.starting';
    this._apply(generation, await startBankId(flow));
  }

  private async _poll(generation: number) {
    this._timer = undefined;
    if (generation !== this._generation) return;
    this._apply(generation, await pollBankId());
  }

  private _apply(generation: number, result: BankIdResult) {
    if (generation !== this._generation) return;
    if (result.status === 'pending') {
      this._phase = 'pending';
      this._message = result.message;
      if (result.qr) this._qr = result.qr;
      if (result.launchUrl) this._launchUrl = result.launchUrl;
      this._schedule(generation, result.nextPollMs ?? 1000);
    } else if (result.status === 'complete' && 'me' in result && result.me) {
      this._phase = 'done';
      this._message = null;
      void completeSignIn(result.me).then(() => emit(this, 'sk-signed-in'));
    } else if (result.status === 'error' && this._phase === 'pending' && result.message === 'bankid.network') {
      // The connection dropped while waiting: say so, and keep asking.
      this._message = result.message;
      this._schedule(generation, 2000);
    } else {
      this._phase = 'failed';
      this._message = result.message;
      this._qr = undefined;
      this._launchUrl = undefined;
    }
  }

  private _schedule(generation: number, ms: number) {
    this._clearTimer();
    this._timer = setTimeout(() => void this._poll(generation), Math.min(Math.max(ms, 200), 2000));
  }

  private _clearTimer() {
    if (this._timer !== undefined) clearTimeout(this._timer);
    this._timer = undefined;
  }

  /** Stops following the order and cancels it at BankID. */
  private _stop(leaving = false) {
    this._generation++;
    this._clearTimer();
    void cancelBankId(leaving);
    this._phase = 'idle';
    this._qr = undefined;
    this._launchUrl = undefined;
  }

  private async _cancel() {
    this._stop();
    this._message = 'bankid.rfa6';
    await this.updateComplete;
    (this.renderRoot.querySelector('.choices .button') as HTMLElement | null)?.focus();
  }

  private async _retry() {
    this._phase = 'idle';
    this._message = null;
    await this.updateComplete;
    (this.renderRoot.querySelector('.choices .button') as HTMLElement | null)?.focus();
  }

  private _choices() {
    const busy = this._phase === 'starting';
    return html`<div class="choices">
      <button class="button primary" type="button" ?disabled=${busy} @click=${() => this._start('qr')}>
        ${t('bankid.otherDevice')}
      </button>
      <button class="button" type="button" ?disabled=${busy} @click=${() => this._start('device')}>
        ${t('bankid.thisDevice')}
      </button>
    </div>`;
  }

  private _pending() {
    if (this._flow === 'qr') {
      return html`<p class="hint">${t('bankid.qrHelp')}</p>
        ${this._qr ? html`<img class="qr" src=${this._qr} alt=${t('bankid.qrAlt')} width="240" height="240" />` : nothing}`;
    }
    if (!this._launchUrl) return nothing;
    return html`<p>
      <a
        class="button primary launch"
        href=${this._launchUrl}
        target=${opensInPlace(this._launchUrl) ? nothing : '_blank'}
        rel="noopener"
        >${t('bankid.launch')}</a
      >
    </p>`;
  }

  override render() {
    const phase = this._phase;
    return html`
      ${phase === 'idle' || phase === 'starting' ? this._choices() : nothing}
      ${phase === 'pending' ? this._pending() : nothing}
      <p class="message ${phase === 'failed' ? 'failed' : ''}" role="status" aria-live="polite">
        ${this._message ? t(this._message) : nothing}
      </p>
      ${
        phase === 'pending'
          ? html`<div class="actions">
              <button class="button" type="button" @click=${this._cancel}>${t('bankid.cancel')}</button>
            </div>`
          : nothing
      }
      ${
        phase === 'failed'
          ? html`<div class="actions">
              <button class="button primary" type="button" @click=${this._retry}>${t('bankid.retry')}</button>
            </div>`
          : nothing
      }
    `;
  }
}

define('sk-bankid-sign-in', BankIdSignIn);

declare global {
  interface HTMLElementTagNameMap {
    'sk-bankid-sign-in': BankIdSignIn;
  }
}
