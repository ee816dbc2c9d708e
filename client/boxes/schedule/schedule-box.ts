import { html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { AbsenceDoc, LessonDoc } from '../../../shared/collections.js';
import { addDays, dateInZone, type IsoDate } from '../../../shared/time.js';
import { paths } from '../../app/router.js';
import { StoreController, selectedPupil } from '../../app/state.js';
import { define } from '../../common/define.js';
import { badges, base, box } from '../../common/styles.js';
import { QueryController } from '../../data/query-controller.js';
import { formatDate, t } from '../../i18n/i18n.js';
import { lessonItem, lessonStyles } from './lesson-item.js';
import { absenceLessonIdsFor, absencesQuery, byDate, changeCount, lessonsQuery } from './schedule.js';

/**
 * @summary The Schema box on the start page: today's lessons with what has
 * changed, or the next school day's when today has none.
 */
export class ScheduleBox extends LitElement {
  static override styles = [base, box, badges, lessonStyles];

  /** "Today" in the school's zone; set by tests, else the device clock. */
  @property() today?: IsoDate;

  private readonly _store = new StoreController(this);
  private readonly _lessons = new QueryController<LessonDoc>(this, () => {
    const { db } = this._store.state;
    const pupil = selectedPupil();
    return db && pupil ? lessonsQuery(db, pupil.classId, this._today, addDays(this._today, 7)) : null;
  });
  private readonly _absences = new QueryController<AbsenceDoc>(this, () => {
    const { db } = this._store.state;
    const pupil = selectedPupil();
    return db && pupil ? absencesQuery(db, pupil.id, this._today, addDays(this._today, 7)) : null;
  });

  private get _today(): IsoDate {
    return this.today ?? dateInZone(new Date());
  }

  override render() {
    const days = byDate(this._lessons.docs);
    const [day, lessons] = [...days.entries()][0] ?? [undefined, []];
    const changes = changeCount(lessons);
    const absent = absenceLessonIdsFor(this._absences.docs);
    const heading =
      day === undefined
        ? null
        : day === this._today
          ? t('schedule.todayIs', { date: formatDate(day) })
          : t('schedule.nextDay', { date: formatDate(day) });
    return html`<section aria-labelledby="schedule-heading">
      <div class="box-head">
        <h2 id="schedule-heading"><a href=${paths.schedule}>${t('schedule.title')}</a></h2>
        ${
          changes > 0
            ? html`<span class="badge warn">${changes === 1 ? t('schedule.oneChange') : t('schedule.changes', { count: changes })}</span>`
            : nothing
        }
      </div>
      ${
        !this._lessons.ready
          ? html`<p class="muted">${t('box.loading')}</p>`
          : day === undefined
            ? html`<p class="muted">${t('box.empty')}</p>`
            : html`${day !== this._today ? html`<p class="muted">${t('schedule.noLessonsToday')}</p>` : nothing}
              <h3>${heading}</h3>
              <ol class="lessons">
                ${lessons.map((l) => lessonItem(l, { compact: true, absent: absent.has(l.id) }))}
              </ol>`
      }
      <p><a href=${paths.schedule}>${t('schedule.showAll')}</a></p>
    </section>`;
  }
}

define('sk-schedule-box', ScheduleBox);

declare global {
  interface HTMLElementTagNameMap {
    'sk-schedule-box': ScheduleBox;
  }
}
