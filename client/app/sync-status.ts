import { css, html, LitElement } from 'lit';
import type { RequestDoc } from '../../shared/collections.js';
import { define } from '../common/define.js';
import { emit } from '../common/events.js';
import { base, buttons } from '../common/styles.js';
import { QueryController } from '../data/query-controller.js';
import { formatMoment, t } from '../i18n/i18n.js';
import { StoreController } from './state.js';

/**
 * @summary Tells the family whether what they see is fresh: when the server
 * last answered, that the device is offline and showing saved information,
 * how many requests wait to be sent, and when the sign-in has expired.
 *
 * @event sk-sign-in-again - the user asked to sign in again after the session expired
 */
export class SyncStatus extends LitElement {
  static override styles = [
    base,
    buttons,
    css`
      :host {
        display: block;
      }
      p {
        margin: 0;
        padding: var(--sk-space-2) var(--sk-space-4);
        font-size: 0.95rem;
      }
      .offline {
        background: var(--sk-color-warn-bg);
        color: var(--sk-color-warn);
        border-bottom: 1px solid var(--sk-color-warn);
      }
      .ended {
        background: var(--sk-color-danger-bg);
        color: var(--sk-color-danger);
        display: flex;
        flex-wrap: wrap;
        gap: var(--sk-space-2);
        align-items: center;
      }
      .ok {
        color: var(--sk-color-muted);
      }
    `,
  ];

  private readonly _store = new StoreController(this);
  private readonly _pending = new QueryController<RequestDoc>(this, () => {
    const db = this._store.state.db;
    return db ? { key: db.name, query: db.requests.find({ selector: { status: 'pending' } }) } : null;
  });

  override render() {
    const { sync } = this._store.state;
    const pending = this._pending.docs.length;
    const pendingText = pending > 0 ? ` ${t('sync.pending', { count: pending })}.` : '';
    if (sync.sessionEnded) {
      return html`<p class="ended" role="status">
        <span>${t('sync.sessionEnded')}${pendingText}</span>
        <button class="button" @click=${() => emit(this, 'sk-sign-in-again')}>${t('sync.signInAgain')}</button>
      </p>`;
    }
    if (sync.reachable === false) {
      return html`<p class="offline" role="status">
        ${sync.lastContactAt ? t('sync.offline', { time: formatMoment(sync.lastContactAt) }) : t('sync.offlineNever')}${pendingText}
      </p>`;
    }
    return html`<p class="ok" role="status">
      ${sync.lastContactAt ? t('sync.online', { time: formatMoment(sync.lastContactAt) }) : t('sync.waiting')}${pendingText}
    </p>`;
  }
}

define('sk-sync-status', SyncStatus);

declare global {
  interface HTMLElementTagNameMap {
    'sk-sync-status': SyncStatus;
  }
  interface GlobalEventHandlersEventMap {
    'sk-sign-in-again': CustomEvent<undefined>;
  }
}
