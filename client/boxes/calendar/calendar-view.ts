import { css, html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { ConferenceDoc, EventDoc } from '../../../shared/collections.js';
import { addDays, dateInZone, type IsoDate, isIsoDate, isoWeek, mondayOf } from '../../../shared/time.js';
import { paths, setQuery } from '../../app/router.js';
import { StoreController } from '../../app/state.js';
import { childChoice, childLabel, childStyles, viewChildren } from '../../common/children.js';
import { define } from '../../common/define.js';
import { badges, base, buttons, view } from '../../common/styles.js';
import { QueryController } from '../../data/query-controller.js';
import { formatDate, t } from '../../i18n/i18n.js';
import { itemStyles, scopedQuery } from '../items.js';
import { bookedTalks, eventsBetween, eventsOn, talkEntries, talkTitle, weekDays } from './calendar.js';

/**
 * @summary The Kalender view: week by week — school events, trips,
 * holidays, conference days and the pupil's own events; move between weeks,
 * today highlighted. The week is in the address (`?vecka=2026-12-07`).
 */
export class CalendarView extends LitElement {
  static override styles = [
    base,
    buttons,
    badges,
    view,
    itemStyles,
    childStyles,
    css`
      .toolbar {
        display: flex;
        flex-wrap: wrap;
        gap: var(--sk-space-2);
        align-items: center;
        margin-bottom: var(--sk-space-4);
      }
      .day {
        padding: var(--sk-space-2) var(--sk-space-3);
        border-radius: var(--sk-radius-small);
        margin-bottom: var(--sk-space-2);
      }
      .day.today {
        background: var(--sk-color-brand-tint);
        outline: 2px solid var(--sk-color-brand);
      }
      .day h3 {
        display: flex;
        gap: var(--sk-space-2);
        align-items: baseline;
        flex-wrap: wrap;
      }
    `,
  ];

  /** "Today" in the school's zone; set by tests, else the device clock. */
  @property() today?: IsoDate;

  private readonly _store = new StoreController(this);
  private readonly _items = new QueryController<EventDoc>(this, () => {
    const { db } = this._store.state;
    return db ? scopedQuery(db, 'events', viewChildren(this._store.state).pupils) : null;
  });
  private readonly _talks = new QueryController<ConferenceDoc>(this, () => {
    const { db } = this._store.state;
    return db
      ? bookedTalks(
          db,
          viewChildren(this._store.state).pupils.map((p) => p.id),
        )
      : null;
  });

  private get _today(): IsoDate {
    return this.today ?? dateInZone(new Date());
  }

  private get _monday(): IsoDate {
    const asked = this._store.state.route.query.get('vecka');
    return mondayOf(asked && isIsoDate(asked) ? asked : this._today);
  }

  private _go(monday: IsoDate) {
    setQuery({ vecka: monday === mondayOf(this._today) ? null : monday });
  }

  override render() {
    const state = this._store.state;
    const { pupils, combined } = viewChildren(state);
    const monday = this._monday;
    const days = weekDays(monday);
    const sunday = days[6] as IsoDate;
    const entries = [...this._items.docs, ...talkEntries(this._talks.docs, talkTitle)];
    const week = eventsBetween(entries, monday, sunday);
    return html`
      <a class="back" href=${paths.start}>${t('app.back')}</a>
      <div class="view-head"><h1>${t('calendar.title')}</h1></div>
      ${childChoice(state)}
      <div class="toolbar">
        <button class="button" aria-label=${t('calendar.previousWeek')} @click=${() => this._go(addDays(monday, -7))}>
          <span aria-hidden="true">←</span>
        </button>
        <button class="button" ?disabled=${monday === mondayOf(this._today)} @click=${() => this._go(mondayOf(this._today))}>
          ${t('calendar.thisWeek')}
        </button>
        <button class="button" aria-label=${t('calendar.nextWeek')} @click=${() => this._go(addDays(monday, 7))}>
          <span aria-hidden="true">→</span>
        </button>
      </div>
      <h2 aria-live="polite">
        ${t('calendar.week', { week: isoWeek(monday).week, from: formatDate(monday, 'short'), to: formatDate(sunday, 'short') })}
      </h2>
      ${
        !this._items.ready && state.db
          ? html`<p class="muted">${t('box.loading')}</p>`
          : week.length === 0
            ? html`<p class="muted">${t('calendar.noEventsWeek')}</p>`
            : days.map((day) => {
                const events = eventsOn(week, day);
                const isToday = day === this._today;
                if (events.length === 0 && !isToday) return nothing;
                return html`<section class="day ${isToday ? 'today' : ''}" aria-current=${isToday ? 'date' : 'false'}>
                  <h3>${formatDate(day)} ${isToday ? html`<span class="badge info">${t('calendar.today')}</span>` : nothing}</h3>
                  ${
                    events.length === 0
                      ? html`<p class="muted">${t('calendar.noEventsWeek')}</p>`
                      : html`<ul class="items">
                        ${events.map(
                          (e) => html`<li class="event ${e.kind}">
                            <span class="item-head">
                              <span class="item-title">${e.title}</span>
                              <span class="badge info">${t(`calendar.kind.${e.kind}`)}</span>
                              ${childLabel(e, pupils, combined)}
                            </span>
                            <span class="meta">
                              ${e.start ? `${e.start}–${e.end}` : t('calendar.allDay')}
                              ${e.endDate > e.date ? ` · ${t('calendar.until', { date: formatDate(e.endDate, 'short') })}` : ''}
                              ${e.location ? ` · ${t('calendar.where', { place: e.location })}` : ''}
                            </span>
                            ${e.description ? html`<p>${e.description}</p>` : nothing}
                          </li>`,
                        )}
                      </ul>`
                  }
                </section>`;
              })
      }
    `;
  }
}

define('sk-calendar-view', CalendarView);

declare global {
  interface HTMLElementTagNameMap {
    'sk-calendar-view': CalendarView;
  }
}
