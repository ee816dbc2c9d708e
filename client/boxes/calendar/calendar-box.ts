import { html, LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import type { ConferenceDoc, EventDoc } from '../../../shared/collections.js';
import { addDays, dateInZone, type IsoDate } from '../../../shared/time.js';
import { paths } from '../../app/router.js';
import { StoreController, selectedPupil } from '../../app/state.js';
import { define } from '../../common/define.js';
import { badges, base, box } from '../../common/styles.js';
import { QueryController } from '../../data/query-controller.js';
import { formatDate, t } from '../../i18n/i18n.js';
import { itemStyles, scopedQuery } from '../items.js';
import { bookedTalks, eventsBetween, talkEntries, talkTitle } from './calendar.js';

/** @summary The Kalender box: what happens in the next two weeks. */
export class CalendarBox extends LitElement {
  static override styles = [base, box, badges, itemStyles];

  /** "Today" in the school's zone; set by tests, else the device clock. */
  @property() today?: IsoDate;

  private readonly _store = new StoreController(this);
  private readonly _items = new QueryController<EventDoc>(this, () => {
    const { db } = this._store.state;
    const pupil = selectedPupil();
    return db && pupil ? scopedQuery(db, 'events', [pupil]) : null;
  });
  private readonly _talks = new QueryController<ConferenceDoc>(this, () => {
    const { db } = this._store.state;
    const pupil = selectedPupil();
    return db && pupil ? bookedTalks(db, [pupil.id]) : null;
  });

  override render() {
    const today = this.today ?? dateInZone(new Date());
    const entries = [...this._items.docs, ...talkEntries(this._talks.docs, talkTitle)];
    const soon = eventsBetween(entries, today, addDays(today, 13));
    return html`<section aria-labelledby="calendar-heading">
      <div class="box-head">
        <h2 id="calendar-heading"><a href=${paths.calendar}>${t('calendar.title')}</a></h2>
      </div>
      ${
        !this._items.ready
          ? html`<p class="muted">${t('box.loading')}</p>`
          : entries.length === 0
            ? html`<p class="muted">${t('box.empty')}</p>`
            : soon.length === 0
              ? html`<p class="muted">${t('calendar.nothingSoon')}</p>`
              : html`<ul class="items">
                ${soon.slice(0, 4).map(
                  (e) => html`<li>
                    <span class="item-head">
                      <span class="item-title">${e.title}</span>
                      <span class="badge info">${t(`calendar.kind.${e.kind}`)}</span>
                    </span>
                    <span class="meta">
                      ${e.date < today ? formatDate(today, 'short') : formatDate(e.date, 'short')}${e.start ? ` ${e.start}` : ''}
                    </span>
                  </li>`,
                )}
              </ul>`
      }
      <p><a href=${paths.calendar}>${t('box.open', { name: t('calendar.title') })}</a></p>
    </section>`;
  }
}

define('sk-calendar-box', CalendarBox);

declare global {
  interface HTMLElementTagNameMap {
    'sk-calendar-box': CalendarBox;
  }
}
