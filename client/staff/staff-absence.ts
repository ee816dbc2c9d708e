import { css, html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { dateInZone, type IsoDate } from '../../shared/time.js';
import { paths } from '../app/router.js';
import { StoreController } from '../app/state.js';
import { define } from '../common/define.js';
import { badges, base, view } from '../common/styles.js';
import { formatDate, formatMoment, t } from '../i18n/i18n.js';
import { type AbsenceReportSource, httpSource, SourceError, type StaffAbsenceReport } from './absence-source.js';
import { isStaffRole } from './staff-page.js';

/** Newest report first: the one that just arrived is at the top. */
const newestFirst = (a: StaffAbsenceReport, b: StaffAbsenceReport) =>
  a.receivedAt < b.receivedAt ? 1 : a.receivedAt > b.receivedAt ? -1 : a.id < b.id ? -1 : 1;

/**
 * @summary Today's absence reports for the school's staff
 * (`/personal/franvaro`): child, class, the whole day or which lessons, the
 * comment, who reported and when, newest first. The list follows the staff
 * API's event stream: a report appears as it arrives, and one ended early
 * shows its new end. Staff read no pupil data through sync, so without a
 * connection the page says so instead of showing an old list as if it were
 * current.
 */
export class StaffAbsence extends LitElement {
  static override styles = [
    base,
    badges,
    view,
    css`
      :host {
        display: block;
      }
      .status {
        display: flex;
        flex-wrap: wrap;
        gap: var(--sk-space-2);
        align-items: baseline;
        margin-bottom: var(--sk-space-4);
      }
      .offline {
        padding: var(--sk-space-3) var(--sk-space-4);
        border-radius: var(--sk-radius-small);
        background: var(--sk-color-warn-bg);
        color: var(--sk-color-warn);
        margin-bottom: var(--sk-space-4);
      }
      ul.reports {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--sk-space-3);
      }
      .report {
        display: grid;
        gap: var(--sk-space-1);
        padding: var(--sk-space-3) var(--sk-space-4);
        background: var(--sk-color-surface);
        border-inline-start: 4px solid var(--sk-color-brand);
        border-radius: var(--sk-radius-small);
      }
      .report h2 {
        font-size: 1.1rem;
        margin: 0;
      }
      .meta {
        color: var(--sk-color-muted);
      }
      .stale {
        opacity: 0.85;
      }
    `,
  ];

  /** The day shown; today in the school's zone unless set (tests). */
  @property() date?: IsoDate;
  /** Where the reports come from; the staff API unless set (tests). */
  @property({ attribute: false }) source: AbsenceReportSource = httpSource;

  @state() private _reports = new Map<string, StaffAbsenceReport>();
  @state() private _loaded = false;
  @state() private _connected: boolean | null = null;
  @state() private _online = navigator.onLine;
  /** When the list was last known to be complete (ISO). */
  @state() private _asOf: string | null = null;
  @state() private _failed: number | null = null;

  private readonly _store = new StoreController(this);
  private _cursor = '0';
  private _fetching = false;
  private _again = false;
  private _stop?: () => void;
  private _day: IsoDate = '';

  private readonly _onOnline = () => {
    this._online = true;
    void this._fetch();
  };
  private readonly _onOffline = () => {
    this._online = false;
  };

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('online', this._onOnline);
    addEventListener('offline', this._onOffline);
    this._start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('online', this._onOnline);
    removeEventListener('offline', this._onOffline);
    this._stop?.();
    this._stop = undefined;
  }

  private _start() {
    if (!isStaffRole(this._store.state.me?.user.role)) return;
    this._stop?.();
    this._stop = this.source.listen(
      () => void this._fetch(),
      (open) => {
        this._connected = open;
      },
    );
  }

  /** Asks for what is new after the cursor, page by page; one fetch at a time, again if hinted meanwhile. */
  private async _fetch(): Promise<void> {
    if (this._fetching) {
      this._again = true;
      return;
    }
    this._fetching = true;
    try {
      do {
        this._again = false;
        const day = this.date ?? dateInZone(new Date());
        if (day !== this._day) {
          // A new day (the page stayed open overnight): start its list afresh.
          this._day = day;
          this._cursor = '0';
          this._reports = new Map();
        }
        let more = true;
        while (more) {
          const page = await this.source.fetchPage(day, this._cursor);
          const next = new Map(this._reports);
          for (const r of page.reports) next.set(r.id, r);
          this._reports = next;
          this._cursor = page.cursor;
          more = page.more;
        }
        this._loaded = true;
        this._failed = null;
        this._asOf = new Date().toISOString();
      } while (this._again);
    } catch (error) {
      this._failed = error instanceof SourceError ? error.status : 0;
    } finally {
      this._fetching = false;
    }
  }

  override render() {
    const { me } = this._store.state;
    if (!me) return nothing;
    const day = this.date ?? dateInZone(new Date());
    if (!isStaffRole(me.user.role)) {
      return html`<h1>${t('staffAbsence.title')}</h1>
        <p>${t('staff.onlyStaff')}</p>`;
    }
    const reports = [...this._reports.values()].sort(newestFirst);
    // The stream broken (EventSource is reconnecting) counts too: the list is not live then.
    const offline = !this._online || this._failed === 0 || this._connected === false;
    return html`
      <a class="back" href=${paths.staff}>${t('staff.back')}</a>
      <div class="view-head">
        <h1>${t('staffAbsence.title')}</h1>
      </div>
      <p>${t('staffAbsence.day', { date: formatDate(day) })}</p>
      ${
        offline
          ? html`<p class="offline" role="alert">
            ${
              this._loaded && this._asOf
                ? t('staffAbsence.offlineStale', { time: formatMoment(this._asOf) })
                : t('staffAbsence.offline')
            }
          </p>`
          : this._failed
            ? html`<p class="offline" role="alert">
              ${this._failed === 401 || this._failed === 403 ? t('staffAbsence.signedOut') : t('staffAbsence.failed')}
            </p>`
            : nothing
      }
      <div class="status" role="status">
        ${
          !this._loaded
            ? offline || this._failed !== null
              ? nothing
              : html`<span>${t('box.loading')}</span>`
            : html`<span class="badge ${offline ? 'warn' : 'ok'}">${offline ? t('staffAbsence.notLive') : t('staffAbsence.live')}</span>
              <span>${reports.length === 1 ? t('staffAbsence.one') : t('staffAbsence.count', { count: reports.length })}</span>`
        }
      </div>
      ${
        this._loaded && reports.length === 0
          ? html`<p>${t('staffAbsence.none')}</p>`
          : html`<ul class="reports ${offline ? 'stale' : ''}">
            ${reports.map((r) => this._report(r))}
          </ul>`
      }
    `;
  }

  private _report(r: StaffAbsenceReport) {
    const when = r.wholeDay ? t('absence.wholeDay') : t('absence.partOfDay', { from: r.from, to: r.to });
    return html`<li class="report">
      <h2>${r.pupilName}, ${r.className}</h2>
      <div>
        <strong>${when}</strong>
        ${
          !r.wholeDay && r.lessons.length > 0
            ? html`<span>· ${r.lessons.map((l) => t('report.lessonOption', { start: l.start, end: l.end, subject: l.subject })).join(', ')}</span>`
            : nothing
        }
      </div>
      ${r.endedAt ? html`<div><span class="badge ok">${t('staffAbsence.ended', { to: r.to, time: formatMoment(r.endedAt) })}</span></div>` : nothing}
      ${r.comment ? html`<div>${t('absence.comment', { text: r.comment })}</div>` : nothing}
      <div class="meta">
        ${t('staffAbsence.reportedBy', { name: r.reportedBy || t('absence.source.reportedNoName'), time: formatMoment(r.receivedAt) })}
        · ${t('receipt.reference', { reference: r.reference })}
      </div>
    </li>`;
  }
}

define('sk-staff-absence', StaffAbsence);

declare global {
  interface HTMLElementTagNameMap {
    'sk-staff-absence': StaffAbsence;
  }
}
