import { css, html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  ABSENCE_REPORT,
  type AbsenceReportPayload,
  COMMENT_MAX,
  evaluateAbsenceReport,
  reportableDates,
} from '../../../shared/absence.js';
import type { LessonDoc } from '../../../shared/collections.js';
import type { IsoDate } from '../../../shared/time.js';
import { navigate, paths } from '../../app/router.js';
import { type PupilSummary, StoreController, selectedPupil, store } from '../../app/state.js';
import { define } from '../../common/define.js';
import { badges, base, buttons, view } from '../../common/styles.js';
import { QueryController } from '../../data/query-controller.js';
import { createRequest } from '../../data/requests.js';
import { formatDate, reasonText, t } from '../../i18n/i18n.js';

/**
 * @summary "Rapportera frånvaro": for one child or several (the selected
 * child chosen first), today or tomorrow, the whole day or part of it —
 * chosen lessons from each child's schedule that day, or one time range
 * judged against each child's own schedule — and an optional comment. The
 * same rules as the school's are checked before sending; one report per
 * child is saved on the device at once and sent when there is a connection,
 * and the school decides each on its own.
 */
export class AbsenceReport extends LitElement {
  static override styles = [
    base,
    buttons,
    badges,
    view,
    css`
      form {
        display: grid;
        gap: var(--sk-space-6);
        background: var(--sk-color-surface);
        border: 1px solid var(--sk-color-border);
        border-radius: var(--sk-radius);
        padding: var(--sk-space-4);
      }
      fieldset {
        border: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--sk-space-2);
      }
      legend {
        font-weight: 700;
        font-size: 1.05rem;
        padding: 0;
        margin-bottom: var(--sk-space-2);
      }
      .choice {
        display: flex;
        gap: var(--sk-space-3);
        align-items: center;
        min-height: 2.75rem;
        padding: var(--sk-space-1) var(--sk-space-3);
        border: 1px solid var(--sk-color-border);
        border-radius: var(--sk-radius-small);
        cursor: pointer;
      }
      .choice:has(input:checked) {
        border-color: var(--sk-color-brand);
        background: var(--sk-color-brand-tint);
      }
      .choice:has(input:disabled) {
        color: var(--sk-color-muted);
        cursor: not-allowed;
      }
      .choice input {
        width: 1.25rem;
        height: 1.25rem;
        flex: none;
      }
      .times {
        display: flex;
        flex-wrap: wrap;
        gap: var(--sk-space-4);
      }
      .field {
        display: grid;
        gap: var(--sk-space-1);
        font-weight: 600;
      }
      input[type='time'],
      textarea {
        font: inherit;
        min-height: 2.75rem;
        padding: var(--sk-space-2);
        border: 1px solid var(--sk-color-muted);
        border-radius: var(--sk-radius-small);
      }
      textarea {
        min-height: 5rem;
        resize: vertical;
      }
      .hint {
        font-weight: 400;
        color: var(--sk-color-muted);
        font-size: 0.95rem;
      }
      .errors {
        padding: var(--sk-space-3) var(--sk-space-4);
        border-radius: var(--sk-radius-small);
        background: var(--sk-color-danger-bg);
        color: var(--sk-color-danger);
      }
      .errors ul {
        margin: var(--sk-space-2) 0 0;
        padding-inline-start: var(--sk-space-6);
      }
      .notice {
        padding: var(--sk-space-3);
        background: var(--sk-color-warn-bg);
        color: var(--sk-color-warn);
        border-radius: var(--sk-radius-small);
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: var(--sk-space-3);
      }
      .part {
        display: grid;
        gap: var(--sk-space-4);
        padding-inline-start: var(--sk-space-4);
        border-inline-start: 3px solid var(--sk-color-brand-tint);
      }
    `,
  ];

  /** The moment the form judges "today" by; set by tests, else the device clock. */
  @property({ attribute: false }) now?: Date;

  @state() private _day: 0 | 1 | null = null;
  @state() private _extent: 'whole' | 'part' = 'whole';
  @state() private _method: 'lessons' | 'time' = 'lessons';
  /** The chosen lessons, per child. */
  @state() private _lessonIds = new Map<string, Set<string>>();
  /** The children chosen; null until the guardian changes it (then the selected child). */
  @state() private _children: Set<string> | null = null;
  @state() private _from = '';
  @state() private _to = '';
  @state() private _comment = '';
  @state() private _errors: string[] = [];
  @state() private _busy = false;

  private readonly _store = new StoreController(this);
  /** Today's and tomorrow's lessons of every class the guardian's children are in. */
  private readonly _lessons = new QueryController<LessonDoc>(this, () => {
    const { db } = this._store.state;
    const classes = this._classIds;
    const [today, tomorrow] = this._dates;
    return db && classes.length > 0
      ? {
          key: `${db.name}|lessons|${classes.join(',')}|${today}|${tomorrow}`,
          query: db.lessons.find({
            selector: { classId: { $in: classes }, date: { $gte: today, $lte: tomorrow } },
            sort: [{ classId: 'asc' }, { date: 'asc' }, { start: 'asc' }],
          }),
        }
      : null;
  });
  /** Whether the device has any of the classes' timetable (else it cannot know a day is free). */
  private readonly _anyLesson = new QueryController<LessonDoc>(this, () => {
    const { db } = this._store.state;
    const classes = this._classIds;
    return db && classes.length > 0
      ? {
          key: `${db.name}|any-lesson|${classes.join(',')}`,
          query: db.lessons.find({ selector: { classId: { $in: classes } }, limit: 1 }),
        }
      : null;
  });

  /** The classes of all the user's children (sorted, so the queries' keys stay put). */
  private get _classIds(): string[] {
    return [...new Set((this._store.state.me?.pupils ?? []).map((p) => p.classId))].sort();
  }

  /** The children the report is for, in the order of the menu. */
  private get _chosen(): PupilSummary[] {
    const pupils = this._store.state.me?.pupils ?? [];
    const selected = selectedPupil();
    const ids = this._children ?? new Set(selected ? [selected.id] : []);
    return pupils.filter((p) => ids.has(p.id));
  }

  private _toggleChild(id: string, on: boolean) {
    const next = new Set(this._chosen.map((p) => p.id));
    if (on) next.add(id);
    else next.delete(id);
    this._children = next;
  }

  private get _dates(): [IsoDate, IsoDate] {
    return reportableDates(this.now ?? new Date());
  }

  /** The lessons of `classId` on day `index` (today 0, tomorrow 1). */
  private _dayLessons(index: 0 | 1, classId: string): LessonDoc[] {
    const date = this._dates[index];
    return this._lessons.docs.filter((l) => l.date === date && l.classId === classId);
  }

  /**
   * Whether the device knows the classes' timetable for today and tomorrow: some
   * of it is stored, and the days' lessons have been read (until then the form
   * leaves the check to the school rather than call a school day free).
   */
  private get _scheduleKnown(): boolean {
    return this._anyLesson.docs.length > 0 && this._lessons.ready;
  }

  /** A day is open when one of the chosen children has a lesson then (or the timetable is not here). */
  private _dayOpen(index: 0 | 1): boolean {
    const chosen = this._chosen;
    return (
      !this._scheduleKnown ||
      chosen.length === 0 ||
      chosen.some((p) => this._dayLessons(index, p.classId).some((l) => l.status !== 'cancelled'))
    );
  }

  private get _chosenDay(): 0 | 1 {
    if (this._day !== null) return this._day;
    return this._dayOpen(0) || !this._dayOpen(1) ? 0 : 1;
  }

  /** How part of a day is chosen: without the timetable on the device there are no lessons to pick, only times. */
  private get _partMethod(): 'lessons' | 'time' {
    return this._scheduleKnown ? this._method : 'time';
  }

  /** The report for `pupil`, or the problem that stops it (already in words). */
  private _payload(pupil: PupilSummary, several: boolean): AbsenceReportPayload | string {
    const date = this._dates[this._chosenDay];
    const comment = this._comment.trim();
    const base: AbsenceReportPayload = { date, wholeDay: this._extent === 'whole', ...(comment ? { comment } : {}) };
    if (this._extent === 'whole') return base;
    if (this._partMethod === 'lessons') {
      const valid = new Set(this._dayLessons(this._chosenDay, pupil.classId).map((l) => l.id));
      const chosen = [...(this._lessonIds.get(pupil.id) ?? [])].filter((id) => valid.has(id));
      if (chosen.length === 0) {
        return several ? t('report.chooseLessonsFor', { name: pupil.firstName }) : t('report.chooseLessons');
      }
      return { ...base, lessonIds: chosen };
    }
    if (!this._from || !this._to) return t('report.chooseTimes');
    return { ...base, from: this._from, to: this._to };
  }

  private async _submit(event: SubmitEvent) {
    event.preventDefault();
    const { db, me } = this._store.state;
    const chosen = this._chosen;
    this._errors = [];
    if (!db || me?.user.role !== 'guardian' || (me.pupils.length ?? 0) === 0) {
      this._errors = [t(me?.user.role === 'guardian' ? 'report.noChild' : 'report.onlyGuardians')];
      return this._focusErrors();
    }
    if (chosen.length === 0) {
      this._errors = [t('report.chooseChildren')];
      return this._focusErrors();
    }
    const several = chosen.length > 1;
    const payloads: [PupilSummary, AbsenceReportPayload][] = [];
    const problems = new Set<string>();
    for (const pupil of chosen) {
      const payload = this._payload(pupil, several);
      if (typeof payload === 'string') {
        problems.add(payload);
        continue;
      }
      if (this._scheduleKnown) {
        const check = evaluateAbsenceReport(
          payload,
          this.now ?? new Date(),
          this._dayLessons(this._chosenDay, pupil.classId),
        );
        if (!check.ok) {
          const problem = reasonText(check.rejection.code, check.rejection.params);
          problems.add(several ? t('report.problemFor', { name: pupil.firstName, problem }) : problem);
          continue;
        }
      }
      payloads.push([pupil, payload]);
    }
    if (problems.size > 0) {
      this._errors = [...problems];
      return this._focusErrors();
    }
    this._busy = true;
    try {
      // One request per child: the school decides each on its own.
      for (const [pupil, payload] of payloads) {
        await createRequest(db, { kind: ABSENCE_REPORT, pupilId: pupil.id, payload });
      }
      const online = this._store.state.sync.reachable !== false && navigator.onLine;
      store.set({ flash: online ? 'report.savedOnline' : 'report.savedOffline' });
      navigate(paths.absence);
    } finally {
      this._busy = false;
    }
  }

  private async _focusErrors() {
    await this.updateComplete;
    (this.renderRoot.querySelector('.errors') as HTMLElement | null)?.focus();
  }

  private _toggleLesson(pupilId: string, id: string, on: boolean) {
    const mine = new Set(this._lessonIds.get(pupilId));
    if (on) mine.add(id);
    else mine.delete(id);
    this._lessonIds = new Map(this._lessonIds).set(pupilId, mine);
  }

  private _dayChoice(index: 0 | 1) {
    const date = this._dates[index];
    const open = this._dayOpen(index);
    const label = t(index === 0 ? 'report.today' : 'report.tomorrow', { date: formatDate(date) });
    return html`<label class="choice">
      <input
        type="radio"
        name="day"
        .checked=${this._chosenDay === index}
        ?disabled=${!open}
        @change=${() => {
          this._day = index;
          this._lessonIds = new Map();
        }}
      />
      <span>${label}${open ? nothing : html` <span class="hint">(${t('report.noLessonsThatDay')})</span>`}</span>
    </label>`;
  }

  override render() {
    const { me } = this._store.state;
    const pupil = selectedPupil();
    if (me && me.user.role !== 'guardian') {
      return html`<a class="back" href=${paths.absence}>${t('absence.back')}</a>
        <h1>${t('report.title')}</h1>
        <p>${t('report.onlyGuardians')}</p>`;
    }
    const day = this._chosenDay;
    const date = this._dates[day];
    const known = this._scheduleKnown;
    const pupils = me?.pupils ?? [];
    const chosen = this._chosen;
    return html`
      <a class="back" href=${paths.absence}>${t('absence.back')}</a>
      <div class="view-head">
        <h1>${t('report.title')}</h1>
      </div>
      ${
        pupil && pupils.length === 1
          ? html`<p>${t('report.for', { name: `${pupil.name}, ${pupil.className}` })}</p>`
          : nothing
      }
      <form @submit=${this._submit} novalidate>
        ${
          this._errors.length > 0
            ? html`<div class="errors" role="alert" tabindex="-1">
              <strong>${t('report.errorsHeading')}</strong>
              <ul>${this._errors.map((e) => html`<li>${e}</li>`)}</ul>
            </div>`
            : nothing
        }
        ${!known && this._anyLesson.ready ? html`<p class="notice">${t('report.noSchedule', { date: formatDate(date) })}</p>` : nothing}
        ${
          pupils.length > 1
            ? html`<fieldset>
              <legend>${t('report.children')}</legend>
              ${pupils.map(
                (p) => html`<label class="choice">
                  <input
                    type="checkbox"
                    name="child"
                    value=${p.id}
                    .checked=${chosen.some((c) => c.id === p.id)}
                    @change=${(e: Event) => this._toggleChild(p.id, (e.target as HTMLInputElement).checked)}
                  />
                  <span>${p.name}, ${p.className}</span>
                </label>`,
              )}
            </fieldset>`
            : nothing
        }
        <fieldset>
          <legend>${t('report.day')}</legend>
          ${this._dayChoice(0)} ${this._dayChoice(1)}
        </fieldset>
        <fieldset>
          <legend>${t('report.extent')}</legend>
          <label class="choice">
            <input type="radio" name="extent" .checked=${this._extent === 'whole'} @change=${() => (this._extent = 'whole')} />
            <span>${t('report.wholeDay')}</span>
          </label>
          <label class="choice">
            <input type="radio" name="extent" .checked=${this._extent === 'part'} @change=${() => (this._extent = 'part')} />
            <span>${t('report.partOfDay')}</span>
          </label>
        </fieldset>
        ${this._extent === 'part' ? this._renderPart(date, chosen, known) : nothing}
        <div class="field">
          <label for="comment">${t('report.comment')}</label>
          <textarea
            id="comment"
            name="comment"
            maxlength=${COMMENT_MAX}
            aria-describedby="comment-count"
            .value=${this._comment}
            @input=${(e: Event) => (this._comment = (e.target as HTMLTextAreaElement).value)}
          ></textarea>
          <span class="hint" id="comment-count">${t('report.commentCount', { count: this._comment.length, max: COMMENT_MAX })}</span>
        </div>
        <div class="actions">
          <button class="button primary" type="submit" ?disabled=${this._busy}>
            ${this._busy ? t('report.saving') : t('report.submit')}
          </button>
          <a class="button" href=${paths.absence}>${t('report.cancel')}</a>
        </div>
      </form>
    `;
  }

  private _renderPart(date: IsoDate, chosen: PupilSummary[], known: boolean) {
    const method = this._partMethod;
    const several = chosen.length > 1;
    return html`<div class="part">
      ${
        known
          ? html`<fieldset>
            <legend>${t('report.partHow')}</legend>
            <label class="choice">
              <input type="radio" name="method" .checked=${method === 'lessons'} @change=${() => (this._method = 'lessons')} />
              <span>${t('report.byLessons')}</span>
            </label>
            <label class="choice">
              <input type="radio" name="method" .checked=${method === 'time'} @change=${() => (this._method = 'time')} />
              <span>${t('report.byTime')}</span>
            </label>
          </fieldset>`
          : nothing
      }
      ${
        method === 'lessons'
          ? chosen.map((pupil) => this._lessonChoices(pupil, date, several))
          : html`${several ? html`<p class="hint">${t('report.timeForAll')}</p>` : nothing}
            <div class="times">
            <label class="field">
              ${t('report.from')}
              <input type="time" name="from" step="300" .value=${this._from} @input=${(e: Event) => (this._from = (e.target as HTMLInputElement).value)} />
            </label>
            <label class="field">
              ${t('report.to')}
              <input type="time" name="to" step="300" .value=${this._to} @input=${(e: Event) => (this._to = (e.target as HTMLInputElement).value)} />
            </label>
          </div>`
      }
    </div>`;
  }

  /** One child's lessons of the day to choose from. */
  private _lessonChoices(pupil: PupilSummary, date: IsoDate, several: boolean) {
    const lessons = this._dayLessons(this._chosenDay, pupil.classId);
    const mine = this._lessonIds.get(pupil.id);
    return html`<fieldset>
            <legend>${
              several
                ? t('report.lessonsLegendFor', {
                    name: `${pupil.firstName}, ${pupil.className}`,
                    date: formatDate(date),
                  })
                : t('report.lessonsLegend', { date: formatDate(date) })
            }</legend>
            ${lessons.map(
              (l) => html`<label class="choice">
                <input
                  type="checkbox"
                  name="lesson"
                  value=${l.id}
                  ?disabled=${l.status === 'cancelled'}
                  .checked=${mine?.has(l.id) ?? false}
                  @change=${(e: Event) => this._toggleLesson(pupil.id, l.id, (e.target as HTMLInputElement).checked)}
                />
                <span>
                  ${t('report.lessonOption', { start: l.start, end: l.end, subject: l.subject })}
                  ${l.status === 'cancelled' ? html`<span class="badge danger">${t('schedule.cancelled')}</span>` : nothing}
                </span>
              </label>`,
            )}
          </fieldset>`;
  }
}

define('sk-absence-report', AbsenceReport);

declare global {
  interface HTMLElementTagNameMap {
    'sk-absence-report': AbsenceReport;
  }
}
