import { css, html, LitElement, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { paths } from '../app/router.js';
import { StoreController } from '../app/state.js';
import { define } from '../common/define.js';
import { base, buttons, view } from '../common/styles.js';
import { uuid } from '../common/uuid.js';
import { formatDate, formatMoment, type MessageKey, t } from '../i18n/i18n.js';
import {
  type Answer,
  closeTime,
  loadClasses,
  loadTimes,
  type NewTime,
  openTime,
  type StaffClass,
  type StaffTime,
} from './conference-times.js';

const failureText = (answer: Exclude<Answer<unknown>, { ok: true }>): string =>
  answer.error === 'refused'
    ? t('staffConferences.refused', { message: answer.message })
    : t(`staffConferences.${answer.error}` as MessageKey);

/**
 * @summary "Utvecklingssamtal – tider" for school staff (`/personal/samtal`):
 * choose a class, see its open times and who booked each, open new times and
 * close them (a booked one only after saying that the family's booking goes
 * too). Works online, through the staff API.
 */
export class StaffConferencesPage extends LitElement {
  static override styles = [
    base,
    buttons,
    view,
    css`
      form,
      .times li {
        background: var(--sk-color-surface);
        border: 1px solid var(--sk-color-border);
        border-radius: var(--sk-radius);
        padding: var(--sk-space-3) var(--sk-space-4);
      }
      form {
        display: grid;
        gap: var(--sk-space-3);
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 12rem), 1fr));
        align-items: end;
      }
      label {
        display: grid;
        gap: var(--sk-space-1);
        font-weight: 600;
      }
      input,
      select {
        font: inherit;
        min-height: 2.75rem;
        padding: 0 var(--sk-space-2);
        border: 1px solid var(--sk-color-border-strong, var(--sk-color-border));
        border-radius: var(--sk-radius-small);
      }
      ul.times {
        list-style: none;
        margin: 0 0 var(--sk-space-4);
        padding: 0;
        display: grid;
        gap: var(--sk-space-2);
      }
      .times li {
        display: flex;
        flex-wrap: wrap;
        gap: var(--sk-space-2) var(--sk-space-4);
        align-items: center;
        justify-content: space-between;
      }
      .problem {
        color: var(--sk-color-danger);
        background: var(--sk-color-danger-bg);
        padding: var(--sk-space-2) var(--sk-space-3);
        border-radius: var(--sk-radius-small);
      }
      section + section {
        margin-top: var(--sk-space-6);
      }
    `,
  ];

  @state() private _classes: StaffClass[] | null = null;
  @state() private _classId = '';
  @state() private _times: StaffTime[] | null = null;
  @state() private _problem = '';
  @state() private _confirming: string | null = null;
  @state() private _busy = false;

  private readonly _store = new StoreController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    const role = this._store.state.me?.user.role;
    if (role === 'staff' || role === 'admin') void this._loadClasses();
  }

  private async _loadClasses() {
    const answer = await loadClasses();
    if (!answer.ok) {
      this._problem = failureText(answer);
      return;
    }
    this._classes = answer.value;
    const first = answer.value[0];
    if (first) await this._choose(first.id);
  }

  private async _choose(classId: string) {
    this._classId = classId;
    this._confirming = null;
    const answer = await loadTimes(classId);
    if (answer.ok) {
      this._times = answer.value;
      this._problem = '';
    } else this._problem = failureText(answer);
  }

  private async _open(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const field = (name: string) => String(data.get(name) ?? '').trim();
    const time: NewTime = { classId: this._classId, date: field('date'), start: field('start'), end: field('end') };
    for (const name of ['location', 'teacher', 'bookUntil'] as const) if (field(name)) time[name] = field(name);
    if (!time.date || !time.start || !time.end) {
      this._problem = t('staffConferences.fillIn');
      return;
    }
    if (time.end <= time.start) {
      this._problem = t('staffConferences.endAfterStart');
      return;
    }
    if (time.bookUntil && time.bookUntil > time.date) {
      this._problem = t('staffConferences.lastDayTooLate');
      return;
    }
    this._busy = true;
    const answer = await openTime(`t-${uuid()}`, time);
    this._busy = false;
    if (!answer.ok) {
      this._problem = failureText(answer);
      return;
    }
    form.reset();
    await this._choose(this._classId);
  }

  private async _close(time: StaffTime, cancelBooking: boolean) {
    this._busy = true;
    const answer = await closeTime(time.id, cancelBooking);
    this._busy = false;
    this._confirming = null;
    if (!answer.ok) {
      this._problem = failureText(answer);
      return;
    }
    await this._choose(this._classId);
  }

  override render() {
    const role = this._store.state.me?.user.role;
    return html`
      <a class="back" href=${paths.start}>${t('app.back')}</a>
      <div class="view-head"><h1>${t('staffConferences.title')}</h1></div>
      ${
        role !== 'staff' && role !== 'admin'
          ? html`<p>${t('staffConferences.onlyStaff')}</p>`
          : html`
            ${this._problem ? html`<p class="problem" role="alert">${this._problem}</p>` : nothing}
            ${
              this._classes === null
                ? this._problem
                  ? nothing
                  : html`<p class="muted">${t('box.loading')}</p>`
                : this._classes.length === 0
                  ? html`<p>${t('staffConferences.noClasses')}</p>`
                  : this._content(this._classes)
            }
          `
      }
    `;
  }

  private _content(classes: StaffClass[]) {
    return html`
      <label>
        ${t('staffConferences.class')}
        <select @change=${(e: Event) => this._choose((e.target as HTMLSelectElement).value)}>
          ${classes.map(
            (c) => html`<option value=${c.id} ?selected=${c.id === this._classId}>${c.name} (${c.schoolName})</option>`,
          )}
        </select>
      </label>
      <section aria-labelledby="times-heading">
        <h2 id="times-heading">${t('staffConferences.times')}</h2>
        ${
          this._times === null
            ? html`<p class="muted">${t('box.loading')}</p>`
            : this._times.length === 0
              ? html`<p>${t('staffConferences.none')}</p>`
              : html`<ul class="times">${this._times.map((time) => this._time(time))}</ul>`
        }
      </section>
      <section aria-labelledby="open-heading">
        <h2 id="open-heading">${t('staffConferences.open')}</h2>
        <form @submit=${this._open}>
          <label>${t('staffConferences.date')}<input name="date" type="date" required /></label>
          <label>${t('staffConferences.start')}<input name="start" type="time" required /></label>
          <label>${t('staffConferences.end')}<input name="end" type="time" required /></label>
          <label>${t('staffConferences.place')}<input name="location" maxlength="200" /></label>
          <label>${t('staffConferences.teacher')}<input name="teacher" maxlength="100" /></label>
          <label>${t('staffConferences.lastDay')}<input name="bookUntil" type="date" /></label>
          <button class="button primary" ?disabled=${this._busy}>${t('staffConferences.openButton')}</button>
        </form>
      </section>
    `;
  }

  private _time(time: StaffTime) {
    const when = t('conferences.when', { date: formatDate(time.date, 'short'), start: time.start, end: time.end });
    return html`<li>
      <span>
        <strong>${when}</strong>
        ${[time.teacher, time.location].filter(Boolean).join(' · ')}
        <br />
        ${
          time.booking
            ? t('staffConferences.bookedBy', {
                pupil: time.booking.pupilName,
                guardian: time.booking.bookedBy,
                at: formatMoment(time.booking.bookedAt),
              })
            : t('staffConferences.free', { date: formatDate(time.bookUntil, 'short') })
        }
      </span>
      ${
        this._confirming === time.id
          ? html`<span role="group" aria-label=${t('staffConferences.close')}>
            ${t('staffConferences.closeBooked', { pupil: time.booking?.pupilName ?? '' })}
            <button class="button primary" ?disabled=${this._busy} @click=${() => this._close(time, true)}>
              ${t('staffConferences.closeYes')}
            </button>
            <button class="button" @click=${() => {
              this._confirming = null;
            }}>${t('staffConferences.closeNo')}</button>
          </span>`
          : html`<button
              class="button"
              ?disabled=${this._busy}
              aria-label=${t('staffConferences.closeLabel', { when })}
              @click=${() => {
                if (time.booking) this._confirming = time.id;
                else void this._close(time, false);
              }}
            >
              ${t('staffConferences.close')}
            </button>`
      }
    </li>`;
  }
}

define('sk-staff-conferences', StaffConferencesPage);

declare global {
  interface HTMLElementTagNameMap {
    'sk-staff-conferences': StaffConferencesPage;
  }
}
