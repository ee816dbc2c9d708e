import { css, html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { CARE_COMMENT_MAX, CARE_SET, DEFAULT_CLOSES, DEFAULT_OPENS } from '../../../shared/care-times.js';
import type { CareTimeDoc, RequestDoc } from '../../../shared/collections.js';
import { addDays, dateInZone, type IsoDate, isIsoDate, isoWeek, mondayOf } from '../../../shared/time.js';
import { paths } from '../../app/router.js';
import { StoreController, selectedPupil } from '../../app/state.js';
import { define } from '../../common/define.js';
import { badges, base, buttons, view } from '../../common/styles.js';
import { QueryController } from '../../data/query-controller.js';
import { createRequest } from '../../data/requests.js';
import { formatDate, reasonText, t } from '../../i18n/i18n.js';
import { careDayStyles, lockLine, stateLine, timesText } from './care-day.js';
import {
  type CareDay,
  type CareTimes,
  careDay,
  careDocs,
  careRequests,
  careWeek,
  checkOnDevice,
  differs,
  enrolmentOf,
  firstWeek,
  payloadFor,
} from './care-times.js';

const EMPTY: CareTimes = { noCare: false, arrival: '', departure: '', comment: '' };
const MAX_REPEAT_WEEKS = 8;

const sentText = (count: number) => (count === 1 ? t('care.sentOne') : t('care.sentCount', { count }));

interface Notice {
  kind: 'errors' | 'status';
  heading?: string;
  lines: string[];
}

/**
 * @summary Fritidsschema: the selected child's care times a week at a time —
 * arrival, departure or no care, and a comment per day — with the week's
 * changes saved on the device at once and sent to the school; locked days
 * show a lock and why; a week repeats to the following weeks or copies to a
 * sibling in fritids, one request per child and day, each decided on its own.
 */
export class CareView extends LitElement {
  static override styles = [
    base,
    buttons,
    badges,
    view,
    careDayStyles,
    css`
      .weeks {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: var(--sk-space-3);
        margin-bottom: var(--sk-space-4);
      }
      .weeks h2 {
        margin: 0;
        font-size: 1.15rem;
      }
      ul.days {
        list-style: none;
        margin: 0 0 var(--sk-space-4);
        padding: 0;
        display: grid;
        gap: var(--sk-space-3);
      }
      .day {
        display: grid;
        gap: var(--sk-space-2);
        padding: var(--sk-space-3);
        background: var(--sk-color-surface);
        border: 1px solid var(--sk-color-border);
        border-inline-start: 4px solid var(--sk-color-border);
        border-radius: var(--sk-radius-small);
      }
      .day.pending {
        border-inline-start-color: var(--sk-color-warn);
        background: var(--sk-color-warn-bg);
      }
      .day.rejected {
        border-inline-start-color: var(--sk-color-danger);
        background: var(--sk-color-danger-bg);
      }
      .day.accepted,
      .day.saved {
        border-inline-start-color: var(--sk-color-ok);
      }
      .day.locked {
        border-inline-start-color: var(--sk-color-muted);
      }
      .day h3 {
        margin: 0;
        font-size: 1rem;
      }
      fieldset {
        border: none;
        margin: 0;
        padding: 0;
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
      .field.comment {
        flex: 1 1 14rem;
      }
      .check {
        display: flex;
        gap: var(--sk-space-2);
        align-items: center;
        min-height: 2.75rem;
        font-weight: 600;
      }
      .check input {
        width: 1.25rem;
        height: 1.25rem;
      }
      input[type='time'],
      input[type='text'],
      input[type='number'] {
        font: inherit;
        min-height: 2.75rem;
        padding: var(--sk-space-2);
        border: 1px solid var(--sk-color-muted);
        border-radius: var(--sk-radius-small);
        background: var(--sk-color-surface);
        color: inherit;
      }
      input[type='number'] {
        width: 5rem;
      }
      .notice {
        padding: var(--sk-space-3) var(--sk-space-4);
        border-radius: var(--sk-radius-small);
        margin-bottom: var(--sk-space-4);
      }
      .notice.errors {
        background: var(--sk-color-danger-bg);
        color: var(--sk-color-danger);
      }
      .notice.status {
        background: var(--sk-color-ok-bg);
        color: var(--sk-color-ok);
      }
      .notice ul {
        margin: var(--sk-space-2) 0 0;
        padding-inline-start: var(--sk-space-6);
      }
      section.more {
        margin-top: var(--sk-space-6);
        display: grid;
        gap: var(--sk-space-3);
        justify-items: start;
      }
      section.more h2 {
        margin: 0;
        font-size: 1.15rem;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: var(--sk-space-3);
        align-items: end;
      }
    `,
  ];

  /** The moment the view judges "today" by; set by tests, else the device clock. */
  @property({ attribute: false }) now?: Date;

  @state() private _edits = new Map<IsoDate, CareTimes>();
  @state() private _notice: Notice | null = null;
  @state() private _repeatWeeks = 1;
  @state() private _busy = false;

  private readonly _store = new StoreController(this);
  private readonly _docs = new QueryController<CareTimeDoc>(this, () => {
    const { db } = this._store.state;
    return db ? careDocs(db) : null;
  });
  private readonly _requests = new QueryController<RequestDoc>(this, () => {
    const { db } = this._store.state;
    return db ? careRequests(db) : null;
  });
  /** The week and child the edits belong to: another week or child starts afresh. */
  private _editsFor = '';

  private get _now(): Date {
    return this.now ?? new Date();
  }

  private get _monday(): IsoDate {
    const asked = this._store.state.route.query.get('vecka');
    if (asked && isIsoDate(asked)) return mondayOf(asked);
    return firstWeek(this._now, dateInZone(this._now));
  }

  private _week(pupil: { id: string; schoolId?: string }, monday = this._monday): CareDay[] {
    return careWeek(this._docs.docs, this._requests.docs, pupil, monday, this._now);
  }

  private _value(day: CareDay): CareTimes {
    return this._edits.get(day.date) ?? day.times ?? EMPTY;
  }

  private _edit(day: CareDay, change: Partial<CareTimes>) {
    const next = new Map(this._edits);
    const value = { ...this._value(day), ...change };
    if (change.noCare === true) Object.assign(value, { arrival: '', departure: '' });
    next.set(day.date, value);
    this._edits = next;
  }

  private _online(): boolean {
    return this._store.state.sync.reachable !== false && navigator.onLine;
  }

  private async _show(notice: Notice) {
    this._notice = notice;
    await this.updateComplete;
    (this.renderRoot.querySelector('.notice') as HTMLElement | null)?.focus();
  }

  /** Sends one request per change; the device's check first, so nothing is sent when any day is wrong. */
  private async _save(event: SubmitEvent) {
    event.preventDefault();
    const { db, me } = this._store.state;
    const pupil = selectedPupil();
    if (!db || !pupil || !me) return;
    const enrolment = enrolmentOf(this._docs.docs, pupil.id);
    const changes = this._week(pupil)
      .filter((d) => d.changeable && this._edits.has(d.date))
      .filter((d) => differs(d.times, this._edits.get(d.date) as CareTimes))
      .map((d) => ({ day: d, payload: payloadFor(d.date, this._edits.get(d.date) as CareTimes, d.saved) }));
    if (changes.length === 0) return this._show({ kind: 'status', lines: [t('care.nothingChanged')] });
    const errors: string[] = [];
    for (const { day, payload } of changes) {
      const check = checkOnDevice(payload, this._now, enrolment, day.lock, me.user.id);
      if (!check.ok) errors.push(reasonText(check.rejection.code, check.rejection.params));
    }
    if (errors.length > 0) return this._show({ kind: 'errors', heading: t('care.errorsHeading'), lines: errors });
    this._busy = true;
    try {
      for (const { payload } of changes) await createRequest(db, { kind: CARE_SET, pupilId: pupil.id, payload });
      this._edits = new Map();
      await this._show({
        kind: 'status',
        lines: [this._online() ? sentText(changes.length) : t('care.savedOffline')],
      });
    } finally {
      this._busy = false;
    }
  }

  /**
   * Sends the shown week's times for `target` on the dates `dates` gives: the
   * days the device already knows cannot take them are left out and named.
   */
  private async _copy(
    target: { id: string; schoolId?: string },
    dates: (date: IsoDate) => IsoDate[],
    done: (count: number) => string,
  ): Promise<void> {
    const { db, me } = this._store.state;
    const pupil = selectedPupil();
    if (!db || !pupil || !me) return;
    const source = this._week(pupil).filter((d) => d.times !== null);
    if (source.length === 0) return this._show({ kind: 'status', lines: [t('care.repeatNothing')] });
    const enrolment = enrolmentOf(this._docs.docs, target.id);
    const skipped: string[] = [];
    const send: { pupilId: string; payload: ReturnType<typeof payloadFor> }[] = [];
    for (const from of source) {
      for (const date of dates(from.date)) {
        const to = careDay(this._docs.docs, this._requests.docs, target, date, this._now);
        if (!differs(to.times, from.times as CareTimes)) continue;
        const payload = payloadFor(date, from.times as CareTimes, to.saved);
        const check = checkOnDevice(payload, this._now, enrolment, to.lock, me.user.id);
        if (check.ok) send.push({ pupilId: target.id, payload });
        else skipped.push(reasonText(check.rejection.code, check.rejection.params));
      }
    }
    this._busy = true;
    try {
      for (const r of send) await createRequest(db, { kind: CARE_SET, ...r });
    } finally {
      this._busy = false;
    }
    const lines = [send.length > 0 ? done(send.length) : t('care.nothingChanged'), ...skipped];
    await this._show({ kind: 'status', lines });
  }

  private _repeat() {
    const weeks = Math.min(MAX_REPEAT_WEEKS, Math.max(1, Math.floor(this._repeatWeeks) || 1));
    const pupil = selectedPupil();
    if (!pupil) return;
    void this._copy(
      pupil,
      (date) => Array.from({ length: weeks }, (_, i) => addDays(date, 7 * (i + 1))),
      (count) => (this._online() ? sentText(count) : t('care.savedOffline')),
    );
  }

  /** Another week or child starts afresh: edits belong to the week they were made in. */
  override willUpdate(): void {
    const key = `${selectedPupil()?.id ?? ''}|${this._monday}`;
    if (key === this._editsFor) return;
    this._editsFor = key;
    if (this._edits.size > 0) this._edits = new Map();
  }

  override render() {
    const { me, sync } = this._store.state;
    const pupil = selectedPupil();
    const back = html`<a class="back" href=${paths.start}>${t('care.back')}</a>`;
    if (!me || !pupil) return html`${back}<h1>${t('care.title')}</h1>`;
    if (me.user.role !== 'guardian') {
      return html`${back}<h1>${t('care.title')}</h1><p>${t('reason.care_not_guardian')}</p>`;
    }
    if (!this._docs.ready || !this._requests.ready) {
      return html`${back}<h1>${t('care.title')}</h1><p class="muted">${t('box.loading')}</p>`;
    }
    const enrolment = enrolmentOf(this._docs.docs, pupil.id);
    if (!enrolment) {
      return html`${back}<h1>${t('care.title')}</h1><p>${t('care.notEnrolled', { name: pupil.firstName })}</p>`;
    }
    const monday = this._monday;
    const days = this._week(pupil, monday);
    const online = sync.reachable !== false;
    const week = isoWeek(monday).week;
    const siblings = me.pupils.filter((p) => p.id !== pupil.id && enrolmentOf(this._docs.docs, p.id));
    const anyChangeable = days.some((d) => d.changeable);
    return html`
      ${back}
      <div class="view-head">
        <h1>${t('care.title')}<span class="visually-hidden">, ${pupil.name}</span></h1>
      </div>
      <p class="muted">
        ${t('care.hours', { opens: enrolment.opens || DEFAULT_OPENS, closes: enrolment.closes || DEFAULT_CLOSES })}
      </p>
      <nav class="weeks" aria-label=${t('care.week', { week })}>
        <a href=${`${paths.careTimes}?vecka=${addDays(monday, -7)}`}>${t('care.prevWeek')}</a>
        <h2 id="week-heading">
          ${t('care.weekOf', { week, from: formatDate(monday, 'short'), to: formatDate(addDays(monday, 4), 'short') })}
        </h2>
        <a href=${`${paths.careTimes}?vecka=${addDays(monday, 7)}`}>${t('care.nextWeek')}</a>
      </nav>
      ${this._renderNotice()}
      <form @submit=${this._save} aria-labelledby="week-heading" novalidate>
        <ul class="days">${days.map((d) => this._renderDay(d, online))}</ul>
        ${
          anyChangeable
            ? html`<button class="button primary" type="submit" ?disabled=${this._busy}>${t('care.save')}</button>`
            : nothing
        }
      </form>
      <section class="more" aria-labelledby="repeat-heading">
        <h2 id="repeat-heading">${t('care.repeatHeading')}</h2>
        <div class="row">
          <label class="field">
            ${t('care.repeatWeeks')}
            <input
              type="number"
              min="1"
              max=${MAX_REPEAT_WEEKS}
              .value=${String(this._repeatWeeks)}
              @input=${(e: Event) => {
                this._repeatWeeks = Number((e.target as HTMLInputElement).value);
              }}
            />
          </label>
          <button class="button" type="button" ?disabled=${this._busy} @click=${this._repeat}>
            ${t('care.repeat')}
          </button>
        </div>
      </section>
      ${
        siblings.length > 0
          ? html`<section class="more" aria-labelledby="copy-heading">
            <h2 id="copy-heading">${t('care.copyHeading')}</h2>
            ${siblings.map(
              (s) => html`<button
                class="button"
                type="button"
                ?disabled=${this._busy}
                @click=${() =>
                  void this._copy(
                    s,
                    (date) => [date],
                    () => t('care.copied', { name: s.firstName }),
                  )}
              >
                ${t('care.copy', { name: s.firstName })}
              </button>`,
            )}
          </section>`
          : nothing
      }
    `;
  }

  private _renderNotice() {
    const n = this._notice;
    if (!n) return nothing;
    return html`<div class="notice ${n.kind}" tabindex="-1" role=${n.kind === 'errors' ? 'alert' : 'status'}>
      ${n.heading ? html`<strong>${n.heading}</strong>` : nothing}
      ${
        n.lines.length === 1 && !n.heading
          ? html`<span>${n.lines[0]}</span>`
          : html`<ul>${n.lines.map((l) => html`<li>${l}</li>`)}</ul>`
      }
    </div>`;
  }

  private _renderDay(day: CareDay, online: boolean) {
    const label = formatDate(day.date);
    const id = `d${day.date}`;
    const value = this._value(day);
    const stateClass = day.lock !== null ? 'locked' : day.state;
    return html`<li class="day ${stateClass}" aria-labelledby=${`${id}-h`}>
      <h3 id=${`${id}-h`}>${label}</h3>
      ${lockLine(day)}
      ${
        day.changeable
          ? html`<fieldset aria-labelledby=${`${id}-h`}>
            <label class="field">
              ${t('care.arrival')}
              <input
                type="time"
                name=${`${id}-arrival`}
                .value=${value.arrival}
                ?disabled=${value.noCare}
                @input=${(e: Event) => this._edit(day, { arrival: (e.target as HTMLInputElement).value })}
              />
            </label>
            <label class="field">
              ${t('care.departure')}
              <input
                type="time"
                name=${`${id}-departure`}
                .value=${value.departure}
                ?disabled=${value.noCare}
                @input=${(e: Event) => this._edit(day, { departure: (e.target as HTMLInputElement).value })}
              />
            </label>
            <label class="check">
              <input
                type="checkbox"
                name=${`${id}-nocare`}
                .checked=${value.noCare}
                @change=${(e: Event) => this._edit(day, { noCare: (e.target as HTMLInputElement).checked })}
              />
              ${t('care.noCare')}
            </label>
            <label class="field comment">
              ${t('care.comment')}
              <input
                type="text"
                name=${`${id}-comment`}
                maxlength=${CARE_COMMENT_MAX}
                .value=${value.comment}
                @input=${(e: Event) => this._edit(day, { comment: (e.target as HTMLInputElement).value })}
              />
            </label>
          </fieldset>`
          : html`<div>
            <span>${timesText(day)}</span>
            ${day.lock === null ? html`<span class="muted"> · ${t('care.closed')}</span>` : nothing}
          </div>`
      }
      ${day.times?.comment && !day.changeable ? html`<div class="muted">${day.times.comment}</div>` : nothing}
      <div class="state">${stateLine(day, online)}</div>
    </li>`;
  }
}

define('sk-care-view', CareView);

declare global {
  interface HTMLElementTagNameMap {
    'sk-care-view': CareView;
  }
}
