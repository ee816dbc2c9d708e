import { css, html, LitElement } from 'lit';
import { state } from 'lit/decorators.js';
import { define } from '../common/define.js';
import { base } from '../common/styles.js';
import { t } from '../i18n/i18n.js';
import { selectPupil } from './session.js';
import { StoreController, selectedPupil } from './state.js';

/**
 * @summary The selected child's name at the top of the menu; with several
 * children, pressing it lists the others to switch to ("Längst upp i menyn
 * står namnet på ditt barn. Klicka där, så kan du växla till ditt andra barn").
 *
 * @csspart button - the button with the current child's name
 * @csspart list - the list of children
 */
export class ChildSwitcher extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: block;
        position: relative;
      }
      .current {
        display: inline-flex;
        align-items: center;
        gap: var(--sk-space-2);
        min-height: 2.75rem;
        padding: var(--sk-space-1) var(--sk-space-3);
        border: 2px solid var(--sk-color-on-brand);
        border-radius: var(--sk-radius-small);
        background: transparent;
        color: var(--sk-color-on-brand);
        font: inherit;
        font-weight: 700;
        text-align: start;
      }
      button.current {
        cursor: pointer;
      }
      button.current:hover {
        background: var(--sk-color-brand-strong);
      }
      .class {
        font-weight: 400;
        margin-inline-start: var(--sk-space-1);
      }
      .current:focus-visible {
        outline-color: var(--sk-color-on-brand);
      }
      ul {
        position: absolute;
        z-index: 10;
        inset-inline-start: 0;
        top: calc(100% + var(--sk-space-1));
        min-width: 100%;
        margin: 0;
        padding: var(--sk-space-1);
        list-style: none;
        background: var(--sk-color-surface);
        border: 1px solid var(--sk-color-border);
        border-radius: var(--sk-radius-small);
        box-shadow: 0 4px 16px rgb(0 0 0 / 0.18);
      }
      ul button {
        display: block;
        width: 100%;
        min-height: 2.75rem;
        padding: var(--sk-space-2) var(--sk-space-3);
        border: none;
        border-radius: var(--sk-radius-small);
        background: none;
        color: var(--sk-color-text);
        font: inherit;
        text-align: start;
        cursor: pointer;
        white-space: nowrap;
      }
      ul button:hover {
        background: var(--sk-color-brand-tint);
      }
      ul button[aria-current='true'] {
        font-weight: 700;
      }
    `,
  ];

  private readonly _store = new StoreController(this);
  @state() private _open = false;

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('click', this._onDocumentClick);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('click', this._onDocumentClick);
  }

  private _onDocumentClick = (event: Event) => {
    if (this._open && !event.composedPath().includes(this)) this._open = false;
  };

  private _toggle() {
    this._open = !this._open;
    if (this._open) {
      void this.updateComplete.then(() => {
        (this.renderRoot.querySelector('ul button[aria-current="true"]') as HTMLElement | null)?.focus();
      });
    }
  }

  private _choose(id: string) {
    selectPupil(id);
    this._open = false;
    void this.updateComplete.then(() => (this.renderRoot.querySelector('.current') as HTMLElement | null)?.focus());
  }

  private _onKeydown(event: KeyboardEvent) {
    if (event.key === 'Escape' && this._open) {
      this._open = false;
      (this.renderRoot.querySelector('.current') as HTMLElement | null)?.focus();
      return;
    }
    if (!this._open || (event.key !== 'ArrowDown' && event.key !== 'ArrowUp')) return;
    const items = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('ul button')];
    const at = items.indexOf(this.shadowRoot?.activeElement as HTMLButtonElement);
    const next = event.key === 'ArrowDown' ? (at + 1) % items.length : (at - 1 + items.length) % items.length;
    items[next]?.focus();
    event.preventDefault();
  }

  override render() {
    const { me } = this._store.state;
    const current = selectedPupil();
    if (!me || !current) return html``;
    const pupils = me.pupils;
    if (pupils.length < 2) {
      return html`<span class="current" part="button">
        <span>${current.name} <span class="class">${current.className}</span></span>
      </span>`;
    }
    return html`<div @keydown=${this._onKeydown}>
      <button
        class="current"
        part="button"
        aria-expanded=${this._open ? 'true' : 'false'}
        aria-controls="children"
        aria-describedby="switch-hint"
        @click=${this._toggle}
      >
        <span>${current.name} <span class="class">${current.className}</span></span><span aria-hidden="true">▾</span>
      </button>
      <span id="switch-hint" hidden>${t('child.switchHint', { className: current.className })}</span>
      <ul id="children" part="list" aria-label=${t('child.list')} ?hidden=${!this._open}>
        ${pupils.map(
          (p) => html`<li>
            <button aria-current=${p.id === current.id ? 'true' : 'false'} @click=${() => this._choose(p.id)}>
              ${p.name}, ${p.className}
            </button>
          </li>`,
        )}
      </ul>
    </div>`;
  }
}

define('sk-child-switcher', ChildSwitcher);

declare global {
  interface HTMLElementTagNameMap {
    'sk-child-switcher': ChildSwitcher;
  }
}
