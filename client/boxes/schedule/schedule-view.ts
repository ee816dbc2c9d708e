import { css, html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { AbsenceDoc, LessonDoc } from '../../../shared/collections.js';
import { addDays, dateInZone, type IsoDate, isIsoDate, isoWeek } from '../../../shared/time.js';
import { paths, setQuery } from '../../app/router.js';
import { StoreController, selectedPupil } from '../../app/state.js';
import { define } from '../../common/define.js';
import { badges, base, buttons, view } from '../../common/styles.js';
import { QueryController } from '../../data/query-controller.js';
import { formatDate, t } from '../../i18n/i18n.js';
import { lessonItem, lessonStyles } from './lesson-item.js';
import { absenceLessonIdsFor, absencesQuery, byDate, lessonsQuery, schoolDayFrom, schoolWeek } from './schedule.js';

/**
 * @summary The Schema view: the child's lessons by day or by week, today
 * first; move a day or week at a time, jump to today, or pick a date. The
 * day and view are in the address (`?dag=2026-12-04&vy=vecka`), so the back
 * button and a reload keep them.
 */
export class ScheduleView extends LitElement {
  static override styles = [
    base,
    buttons,
    badges,
    view,
    lessonStyles,
    css`
      .toolbar {
        display: flex;
        flex-wrap: wrap;
        gap: var(--sk-space-2);
        align-items: center;
        margin-bottom: var(--sk-space-4);
      }
      .segmented {
        display: inline-flex;
        border: 2px solid var(--sk-color-brand);
        border-radius: var(--sk-radius-small);
        overflow: hidden;
      }
      .segmented button {
        min-height: 2.5rem;
        padding: 0 var(--sk-space-4);
        border: none;
        background: var(--sk-color-surface);
        color: var(--sk-color-brand-strong);
        font: inherit;
        font-weight: 600;
        cursor: pointer;
      }
      .segmented button[aria-pressed='true'] {
        background: var(--sk-color-brand);
        color: var(--sk-color-on-brand);
      }
      .pick {
        display: inline-flex;
        gap: var(--sk-space-2);
        align-items: center;
      }
      .pick input {
        font: inherit;
        min-height: 2.75rem;
        padding: 0 var(--sk-space-2);
        border: 1px solid var(--sk-color-muted);
        border-radius: var(--sk-radius-small);
      }
      .days {
        display: grid;
        gap: var(--sk-space-4);
      }
      @media (min-width: 64rem) {
        .days.week {
          grid-template-columns: repeat(5, minmax(0, 1fr));
        }
        .days.week .lesson {
          grid-template-columns: 1fr;
        }
      }
      .day h2 {
        font-size: 1.05rem;
      }
      .day.today h2::after {
        content: '';
      }
      .today-mark {
        margin-inline-start: var(--sk-space-1);
      }
    `,
  ];

  /** "Today" in the school's zone; set by tests, else the device clock. */
  @property() today?: IsoDate;

  private readonly _store = new StoreController(this);
  private readonly _lessons = new QueryController<LessonDoc>(this, () => {
    const { db } = this._store.state;
    const pupil = selectedPupil();
    const [from, to] = this._range;
    return db && pupil ? lessonsQuery(db, pupil.classId, from, to) : null;
  });
  private readonly _absences = new QueryController<AbsenceDoc>(this, () => {
    const { db } = this._store.state;
    const pupil = selectedPupil();
    const [from, to] = this._range;
    return db && pupil ? absencesQuery(db, pupil.id, from, to) : null;
  });

  private get _today(): IsoDate {
    return this.today ?? dateInZone(new Date());
  }

  private get _mode(): 'day' | 'week' {
    return this._store.state.route.query.get('vy') === 'vecka' ? 'week' : 'day';
  }

  private get _day(): IsoDate {
    const asked = this._store.state.route.query.get('dag');
    return asked && isIsoDate(asked) ? asked : this._today;
  }

  private get _range(): [IsoDate, IsoDate] {
    if (this._mode === 'day') return [this._day, this._day];
    const week = schoolWeek(this._day);
    return [week[0] as IsoDate, week[4] as IsoDate];
  }

  private _go(day: IsoDate, mode = this._mode) {
    setQuery({ dag: day === this._today ? null : day, vy: mode === 'week' ? 'vecka' : null });
  }

  private _step(direction: 1 | -1) {
    if (this._mode === 'week') this._go(addDays(this._day, 7 * direction));
    else this._go(schoolDayFrom(addDays(this._day, direction), direction));
  }

  override render() {
    const mode = this._mode;
    const [from, to] = this._range;
    const days = mode === 'day' ? [this._day] : schoolWeek(this._day);
    const lessonsByDay = byDate(this._lessons.docs);
    const absent = absenceLessonIdsFor(this._absences.docs);
    const title =
      mode === 'week'
        ? t('schedule.weekRange', {
            week: isoWeek(from).week,
            from: formatDate(from, 'short'),
            to: formatDate(to, 'short'),
          })
        : this._day === this._today
          ? t('schedule.todayIs', { date: formatDate(this._day) })
          : formatDate(this._day);
    const pupil = selectedPupil();
    return html`
      <a class="back" href=${paths.start}>${t('app.back')}</a>
      <div class="view-head">
        <h1>${t('schedule.title')}${pupil ? html`<span class="visually-hidden">, ${pupil.name}</span>` : nothing}</h1>
      </div>
      <div class="toolbar">
        <div class="segmented" role="group" aria-label=${t('schedule.viewLabel')}>
          <button aria-pressed=${mode === 'day' ? 'true' : 'false'} @click=${() => this._go(this._day, 'day')}>
            ${t('schedule.day')}
          </button>
          <button aria-pressed=${mode === 'week' ? 'true' : 'false'} @click=${() => this._go(this._day, 'week')}>
            ${t('schedule.week')}
          </button>
        </div>
        <button class="button" @click=${() => this._step(-1)} aria-label=${mode === 'week' ? t('schedule.previousWeek') : t('schedule.previousDay')}>
          <span aria-hidden="true">←</span>
        </button>
        <button class="button" @click=${() => this._go(this._today)} ?disabled=${this._day === this._today}>
          ${t('schedule.today')}
        </button>
        <button class="button" @click=${() => this._step(1)} aria-label=${mode === 'week' ? t('schedule.nextWeek') : t('schedule.nextDayButton')}>
          <span aria-hidden="true">→</span>
        </button>
        <label class="pick">
          <span>${t('schedule.pickDate')}</span>
          <input
            type="date"
            .value=${this._day}
            @change=${(e: Event) => {
              const v = (e.target as HTMLInputElement).value;
              if (isIsoDate(v)) this._go(v);
            }}
          />
        </label>
      </div>
      <h2 aria-live="polite">${title}</h2>
      ${
        !this._lessons.ready && this._store.state.db
          ? html`<p class="muted">${t('box.loading')}</p>`
          : html`<div class="days ${mode}">
            ${days.map((day) => {
              const lessons = lessonsByDay.get(day) ?? [];
              return html`<section class="day ${day === this._today ? 'today' : ''}" aria-label=${formatDate(day)}>
                ${
                  mode === 'week'
                    ? html`<h3>
                      ${formatDate(day)}
                      ${day === this._today ? html`<span class="badge info today-mark">${t('schedule.today')}</span>` : nothing}
                    </h3>`
                    : nothing
                }
                ${
                  lessons.length === 0
                    ? html`<p class="muted">${t('schedule.noLessons')}</p>`
                    : html`<ol class="lessons">${lessons.map((l) => lessonItem(l, { absent: absent.has(l.id) }))}</ol>`
                }
              </section>`;
            })}
          </div>`
      }
    `;
  }
}

define('sk-schedule-view', ScheduleView);

declare global {
  interface HTMLElementTagNameMap {
    'sk-schedule-view': ScheduleView;
  }
}
