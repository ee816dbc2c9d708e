import { css, html, LitElement } from 'lit';
import { isSharedDevice, useSharedDevice } from '../app/session.js';
import { StoreController } from '../app/state.js';
import { define } from '../common/define.js';
import { base } from '../common/styles.js';
import { t } from '../i18n/i18n.js';

/**
 * @summary The "shared computer" choice on the sign-in page, with what it
 * means: nothing is kept on the device (the data lives in the tab's memory),
 * no offline start, a short time-out. Applies to every way of signing in on
 * the page (`useSharedDevice`).
 */
export class SharedDeviceChoice extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: block;
        margin: 0 0 var(--sk-space-4);
      }
      label {
        display: flex;
        gap: var(--sk-space-2);
        align-items: center;
        font-weight: 600;
        min-height: 2.75rem;
      }
      input {
        width: 1.25rem;
        height: 1.25rem;
        flex: none;
      }
      p {
        color: var(--sk-color-muted);
        margin: 0;
      }
    `,
  ];

  constructor() {
    super();
    new StoreController(this);
  }

  override render() {
    return html`<label>
        <input
          type="checkbox"
          name="shared"
          .checked=${isSharedDevice()}
          aria-describedby="shared-hint"
          @change=${(e: Event) => useSharedDevice((e.target as HTMLInputElement).checked)}
        />
        ${t('account.sharedComputer')}
      </label>
      <p id="shared-hint">${t('account.sharedHint')}</p>`;
  }
}

define('sk-shared-device-choice', SharedDeviceChoice);

declare global {
  interface HTMLElementTagNameMap {
    'sk-shared-device-choice': SharedDeviceChoice;
  }
}
