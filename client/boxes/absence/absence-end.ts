import { css, html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ABSENCE_END, type AbsenceEndPayload, evaluateAbsenceEnd } from '../../../shared/absence.js';
import { StoreController } from '../../app/state.js';
import { define } from '../../common/define.js';
import { base, buttons } from '../../common/styles.js';
import { createRequest } from '../../data/requests.js';
import { reasonText, t } from '../../i18n/i18n.js';
import type { AbsenceItem } from './absence.js';

/**
 * @summary "Avsluta i förväg" on a reported absence of today: the child is
 * back at school from a time the guardian gives. The school's rules are
 * checked first; the request is saved on the device at once and the line
 * shows it waiting, then ended or why not.
 */
export class AbsenceEnd extends LitElement {
  static override styles = [
    base,
    buttons,
    css`
      :host {
        display: block;
      }
      form {
        display: flex;
        flex-wrap: wrap;
        gap: var(--sk-space-2) var(--sk-space-3);
        align-items: end;
      }
      fieldset {
        border: none;
        margin: 0;
        padding: 0;
      }
      legend {
        font-weight: 700;
        padding: 0;
      }
      label {
        display: grid;
        gap: var(--sk-space-1);
      }
      input[type='time'] {
        font: inherit;
        min-height: 2.75rem;
        padding: var(--sk-space-2);
        border: 1px solid var(--sk-color-muted);
        border-radius: var(--sk-radius-small);
      }
      .errors {
        flex-basis: 100%;
        color: var(--sk-color-danger);
        background: var(--sk-color-danger-bg);
        padding: var(--sk-space-2) var(--sk-space-3);
        border-radius: var(--sk-radius-small);
        margin: 0;
      }
    `,
  ];

  @property({ attribute: false }) item?: AbsenceItem;
  /** The moment the rules are judged at; set by tests, else the device clock. */
  @property({ attribute: false }) now?: Date;

  @state() private _open = false;
  @state() private _endAt = '';
  @state() private _error = '';
  @state() private _busy = false;

  private readonly _store = new StoreController(this);

  private async _toggle(open: boolean) {
    this._open = open;
    this._error = '';
    await this.updateComplete;
    const target = open ? this.renderRoot.querySelector('input') : this.renderRoot.querySelector('button');
    (target as HTMLElement | null)?.focus();
  }

  private async _submit(event: SubmitEvent) {
    event.preventDefault();
    const item = this.item;
    const { db } = this._store.state;
    if (!item || !db) return;
    if (!this._endAt) {
      this._error = t('end.chooseTime');
      return this._focusError();
    }
    const payload: AbsenceEndPayload = { absenceId: item.id, endAt: this._endAt };
    const check = evaluateAbsenceEnd(
      { date: item.date, from: item.from, to: item.to, lessonIds: [], source: 'reported' },
      payload,
      this.now ?? new Date(),
      [],
    );
    if (!check.ok) {
      this._error = reasonText(check.rejection.code, check.rejection.params);
      return this._focusError();
    }
    this._busy = true;
    try {
      await createRequest(db, { kind: ABSENCE_END, pupilId: item.pupilId, payload });
      this._open = false;
      this._endAt = '';
    } finally {
      this._busy = false;
    }
  }

  private async _focusError() {
    await this.updateComplete;
    (this.renderRoot.querySelector('.errors') as HTMLElement | null)?.focus();
  }

  override render() {
    if (!this._open) {
      return html`<button class="button" aria-expanded="false" @click=${() => this._toggle(true)}>${t('end.open')}</button>`;
    }
    return html`<form @submit=${this._submit} novalidate>
      <fieldset>
        <legend>${t('end.legend')}</legend>
        <label>
          ${t('end.at')}
          <input
            type="time"
            name="endAt"
            step="300"
            .value=${this._endAt}
            @input=${(e: Event) => (this._endAt = (e.target as HTMLInputElement).value)}
          />
        </label>
      </fieldset>
      <button class="button primary" type="submit" ?disabled=${this._busy}>${t('end.submit')}</button>
      <button class="button" type="button" @click=${() => this._toggle(false)}>${t('end.cancel')}</button>
      ${this._error ? html`<p class="errors" role="alert" tabindex="-1">${this._error}</p>` : nothing}
    </form>`;
  }
}

define('sk-absence-end', AbsenceEnd);

declare global {
  interface HTMLElementTagNameMap {
    'sk-absence-end': AbsenceEnd;
  }
}
