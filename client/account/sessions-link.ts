import { css, html, LitElement } from 'lit';
import { paths } from '../app/router.js';
import { StoreController } from '../app/state.js';
import { define } from '../common/define.js';
import { base } from '../common/styles.js';
import { t } from '../i18n/i18n.js';

/**
 * @summary The menu's link to "Inloggningar" (where the user is signed in),
 * drawn like the menu's buttons.
 */
export class SessionsLink extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: inline-flex;
      }
      a {
        display: inline-flex;
        align-items: center;
        min-height: 2.75rem;
        padding: var(--sk-space-1) var(--sk-space-3);
        border: 1px solid var(--sk-color-on-brand);
        border-radius: var(--sk-radius-small);
        color: var(--sk-color-on-brand);
        text-decoration: none;
      }
      a:hover {
        background: var(--sk-color-brand-strong);
      }
      a:focus-visible {
        outline-color: var(--sk-color-on-brand);
      }
    `,
  ];

  constructor() {
    super();
    new StoreController(this);
  }

  override render() {
    return html`<a href=${paths.sessions}>${t('sessions.menu')}</a>`;
  }
}

define('sk-sessions-link', SessionsLink);

declare global {
  interface HTMLElementTagNameMap {
    'sk-sessions-link': SessionsLink;
  }
}
