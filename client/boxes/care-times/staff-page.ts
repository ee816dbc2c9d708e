import { css, html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { addDays, dateInZone, type IsoDate, isIsoDate, isoWeek, mondayOf } from '../../../shared/time.js';
import { paths } from '../../app/router.js';
import { StoreController } from '../../app/state.js';
import { define } from '../../common/define.js';
import { base, buttons, view } from '../../common/styles.js';
import { formatDate, t } from '../../i18n/i18n.js';
import { careDayStyles } from './care-day.js';
import { type Answer, type CareOverview, loadCareTimes, lockCareDay, unlockCareDay } from './staff-api.js';

/**
 * @summary Fritidsschema for the school's staff (`/personal/fritids`): a week
 * of every enrolled pupil's care times, the locked days with their reasons,
 * and locking or unlocking a day. Online only (staff have no replica).
 */
export class CareStaffPage extends LitElement {
  static override styles = [
    base,
    buttons,
    view,
    careDayStyles,
    css`
      .weeks {
        display: flex;
        flex-wrap: wrap;
        justify-content: space-between;
        align-items: center;
        gap: var(--sk-space-3);
        margin-bottom: var(--sk-space-3);
      }
      .weeks h2 {
        margin: 0;
        font-size: 1.15rem;
      }
      .scroll {
        overflow-x: auto;
      }
      table {
        border-collapse: collapse;
        width: 100%;
        background: var(--sk-color-surface);
      }
      th,
      td {
        border: 1px solid var(--sk-color-border);
        padding: var(--sk-space-2);
        text-align: start;
        vertical-align: top;
      }
      td.locked,
      th.locked {
        background: var(--sk-color-warn-bg);
      }
      .comment {
        display: block;
        color: var(--sk-color-muted);
      }
      .lock-form {
        margin-top: var(--sk-space-6);
        display: flex;
        flex-wrap: wrap;
        gap: var(--sk-space-3);
        align-items: end;
      }
      .field {
        display: grid;
        gap: var(--sk-space-1);
        font-weight: 600;
      }
      input {
        font: inherit;
        min-height: 2.75rem;
        padding: var(--sk-space-2);
        border: 1px solid var(--sk-color-muted);
        border-radius: var(--sk-radius-small);
      }
      .notice {
        padding: var(--sk-space-3);
        border-radius: var(--sk-radius-small);
        background: var(--sk-color-danger-bg);
        color: var(--sk-color-danger);
      }
      .locks {
        display: flex;
        flex-wrap: wrap;
        gap: var(--sk-space-3);
        margin: var(--sk-space-3) 0;
      }
    `,
  ];

  /** The moment the page judges "this week" by; set by tests, else the device clock. */
  @property({ attribute: false }) now?: Date;

  @state() private _data: CareOverview | null = null;
  @state() private _error = '';
  @state() private _status = '';
  @state() private _busy = false;
  @state() private _lockDate = '';
  @state() private _lockReason = '';
  private readonly _store = new StoreController(this);
  private _loadedFor = '';

  private get _monday(): IsoDate {
    const asked = this._store.state.route.query.get('vecka');
    return mondayOf(asked && isIsoDate(asked) ? asked : dateInZone(this.now ?? new Date()));
  }

  private _failed(answer: Answer<unknown>, key: 'careStaff.error' | 'careStaff.lockFailed') {
    if (answer.ok) return;
    this._error = answer.offline ? t('careStaff.offline') : t(key, { message: answer.message });
  }

  private async _load(monday: IsoDate) {
    this._error = '';
    const answer = await loadCareTimes(monday, addDays(monday, 4));
    if (answer.ok) this._data = answer.value;
    else this._failed(answer, 'careStaff.error');
  }

  private async _lock(event: SubmitEvent) {
    event.preventDefault();
    this._busy = true;
    const date = this._lockDate;
    const answer = await lockCareDay(date, this._lockReason);
    this._busy = false;
    if (!answer.ok) return this._failed(answer, 'careStaff.lockFailed');
    this._status = t('careStaff.locked', { date: formatDate(date) });
    this._lockReason = '';
    await this._load(this._monday);
  }

  private async _unlock(date: IsoDate) {
    this._busy = true;
    const answer = await unlockCareDay(date);
    this._busy = false;
    if (!answer.ok) return this._failed(answer, 'careStaff.error');
    this._status = t('careStaff.unlocked', { date: formatDate(date) });
    await this._load(this._monday);
  }

  /** Loads the week shown, once per week (staff only). */
  override willUpdate(): void {
    const { me } = this._store.state;
    const monday = this._monday;
    if (!me || (me.user.role !== 'staff' && me.user.role !== 'admin') || this._loadedFor === monday) return;
    this._loadedFor = monday;
    void this._load(monday);
  }

  override render() {
    const { me } = this._store.state;
    const back = html`<a class="back" href=${paths.start}>${t('app.back')}</a>`;
    if (me && me.user.role !== 'staff' && me.user.role !== 'admin') {
      return html`${back}<h1>${t('careStaff.title')}</h1><p>${t('careStaff.onlyStaff')}</p>`;
    }
    const monday = this._monday;
    const days = [0, 1, 2, 3, 4].map((i) => addDays(monday, i));
    const week = isoWeek(monday).week;
    const data = this._data?.from === monday ? this._data : null;
    const lockOf = (date: IsoDate) => data?.locks.find((l) => l.date === date);
    return html`
      ${back}
      <div class="view-head"><h1>${t('careStaff.title')}</h1></div>
      <nav class="weeks" aria-label=${t('care.week', { week })}>
        <a href=${`${paths.careStaff}?vecka=${addDays(monday, -7)}`}>${t('care.prevWeek')}</a>
        <h2 id="staff-week">
          ${t('care.weekOf', { week, from: formatDate(monday, 'short'), to: formatDate(addDays(monday, 4), 'short') })}
        </h2>
        <a href=${`${paths.careStaff}?vecka=${addDays(monday, 7)}`}>${t('care.nextWeek')}</a>
      </nav>
      <div role="status">${this._status ? html`<p>${this._status}</p>` : nothing}</div>
      ${this._error ? html`<p class="notice" role="alert">${this._error}</p>` : nothing}
      ${
        !data
          ? this._error
            ? nothing
            : html`<p class="muted">${t('box.loading')}</p>`
          : html`
            ${
              data.locks.length > 0
                ? html`<div class="locks">
                  ${data.locks.map(
                    (l) => html`<p class="lock">
                      ${t('care.locked', { reason: `${formatDate(l.date)} – ${l.reason}` })}
                      <button class="button" ?disabled=${this._busy} @click=${() => this._unlock(l.date)}>
                        ${t('careStaff.unlock', { date: formatDate(l.date) })}
                      </button>
                    </p>`,
                  )}
                </div>`
                : nothing
            }
            ${
              data.pupils.length === 0
                ? html`<p>${t('careStaff.none')}</p>`
                : html`<div class="scroll" role="region" aria-labelledby="staff-week" tabindex="0">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">${t('careStaff.pupil')}</th>
                        ${days.map(
                          (d) => html`<th scope="col" class=${lockOf(d) ? 'locked' : ''}>
                            ${formatDate(d)}${lockOf(d) ? html`<br />${t('care.lockedLabel')}` : nothing}
                          </th>`,
                        )}
                      </tr>
                    </thead>
                    <tbody>
                      ${data.pupils.map(
                        (p) => html`<tr>
                          <th scope="row">${p.name} <span class="muted">${p.className}</span></th>
                          ${days.map((d) => {
                            const day = p.days.find((x) => x.date === d);
                            return html`<td class=${lockOf(d) ? 'locked' : ''}>
                              ${
                                !day
                                  ? t('careStaff.noTimes')
                                  : day.noCare
                                    ? t('care.noCare')
                                    : t('care.times', { arrival: day.arrival, departure: day.departure })
                              }
                              ${day?.comment ? html`<span class="comment">${day.comment}</span>` : nothing}
                            </td>`;
                          })}
                        </tr>`,
                      )}
                    </tbody>
                  </table>
                </div>`
            }
          `
      }
      <form class="lock-form" @submit=${this._lock} aria-labelledby="lock-heading">
        <h2 id="lock-heading" class="visually-hidden">${t('careStaff.lockHeading')}</h2>
        <label class="field">
          ${t('careStaff.date')}
          <input
            type="date"
            required
            min=${days[0]}
            .value=${this._lockDate}
            @input=${(e: Event) => {
              this._lockDate = (e.target as HTMLInputElement).value;
            }}
          />
        </label>
        <label class="field">
          ${t('careStaff.reason')}
          <input
            type="text"
            required
            maxlength="200"
            .value=${this._lockReason}
            @input=${(e: Event) => {
              this._lockReason = (e.target as HTMLInputElement).value;
            }}
          />
        </label>
        <button class="button primary" type="submit" ?disabled=${this._busy}>${t('careStaff.lock')}</button>
      </form>
    `;
  }
}

define('sk-care-staff-page', CareStaffPage);

declare global {
  interface HTMLElementTagNameMap {
    'sk-care-staff-page': CareStaffPage;
  }
}
