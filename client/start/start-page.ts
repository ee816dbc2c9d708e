import { css, html, LitElement, nothing } from 'lit';
import type { CareTimeDoc, RequestDoc } from '../../shared/collections.js';
import { StoreController, selectedPupil } from '../app/state.js';
import { absenceReports, orphanedRejections } from '../boxes/absence/absence.js';
import { careEnrolments, enrolmentOf } from '../boxes/care-times/enrolment.js';
import { define } from '../common/define.js';
import { badges, base } from '../common/styles.js';
import { QueryController } from '../data/query-controller.js';
import { formatDate, reasonText, t } from '../i18n/i18n.js';
import '../boxes/schedule/schedule-box.js';
import '../boxes/absence/absence-box.js';
import '../boxes/assessments/assessments-box.js';
import '../boxes/information/information-box.js';
import '../boxes/calendar/calendar-box.js';
import '../boxes/plannings/plannings-box.js';
import '../boxes/documentation/documentation-box.js';
import '../boxes/contacts/contacts-box.js';
import '../boxes/tasks/tasks-box.js';
import '../boxes/etest/etest-box.js';
import { ConferenceListController } from '../boxes/conferences/conferences.js';

type Role = 'guardian' | 'pupil' | 'staff' | 'admin';

/** What decides whether a box is shown besides the role. */
interface BoxContext {
  /** The selected child is enrolled in fritids. */
  inCare: boolean;
  /** The school has times open for the selected child, or the child has a booking (Utvecklingssamtal). */
  conferences: boolean;
}

/**
 * The boxes, most useful first: today's lessons and changes, new assessments,
 * unread news, absence, then the rest. `for` says who sees a box (eTest is
 * for pupils only), and `when`, if given, for which child (Fritidsschema for
 * a child in fritids, Utvecklingssamtal while the school has times open).
 */
const BOXES: { for: readonly Role[]; when?: (c: BoxContext) => boolean; render: () => unknown }[] = [
  { for: ['guardian', 'pupil'], render: () => html`<sk-schedule-box></sk-schedule-box>` },
  { for: ['guardian', 'pupil'], render: () => html`<sk-assessments-box></sk-assessments-box>` },
  { for: ['guardian', 'pupil'], render: () => html`<sk-information-box></sk-information-box>` },
  { for: ['guardian', 'pupil'], render: () => html`<sk-tasks-box></sk-tasks-box>` },
  { for: ['pupil'], render: () => html`<sk-etest-box></sk-etest-box>` },
  { for: ['guardian', 'pupil'], render: () => html`<sk-absence-box></sk-absence-box>` },
  {
    for: ['guardian'],
    when: (c) => c.conferences,
    // Shown to few, for a few weeks a term: loaded when shown, not with the first paint.
    render: () => {
      void import('../boxes/conferences/conferences-box.js');
      return html`<sk-conferences-box></sk-conferences-box>`;
    },
  },
  {
    for: ['guardian'],
    when: (c) => c.inCare,
    // Loaded only for a family with a child in fritids: the element upgrades when it arrives.
    render: () => {
      void import('../boxes/care-times/care-box.js');
      return html`<sk-care-box></sk-care-box>`;
    },
  },
  { for: ['guardian', 'pupil'], render: () => html`<sk-calendar-box></sk-calendar-box>` },
  { for: ['guardian', 'pupil'], render: () => html`<sk-plannings-box></sk-plannings-box>` },
  { for: ['guardian', 'pupil'], render: () => html`<sk-documentation-box></sk-documentation-box>` },
  { for: ['guardian', 'pupil'], render: () => html`<sk-contacts-box></sk-contacts-box>` },
];

/**
 * @summary The start page: a greeting, whose information it is, and the
 * boxes — today's schedule first, then what is new, then the rest.
 */
export class StartPage extends LitElement {
  static override styles = [
    base,
    badges,
    css`
      :host {
        display: block;
      }
      .boxes {
        display: grid;
        gap: var(--sk-space-4);
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 22rem), 1fr));
        align-items: start;
      }
      .lead {
        color: var(--sk-color-muted);
      }
      .orphans {
        padding: var(--sk-space-3) var(--sk-space-4);
        background: var(--sk-color-danger-bg);
        color: var(--sk-color-danger);
        border-radius: var(--sk-radius-small);
        margin-bottom: var(--sk-space-4);
      }
      .orphans ul {
        margin: 0;
        padding-inline-start: var(--sk-space-4);
      }
    `,
  ];

  private readonly _store = new StoreController(this);
  private readonly _reports = new QueryController<RequestDoc>(this, () => {
    const { db } = this._store.state;
    return db ? absenceReports(db) : null;
  });
  private readonly _care = new QueryController<CareTimeDoc>(this, () => {
    const { db } = this._store.state;
    return db ? careEnrolments(db) : null;
  });
  private readonly _conferences = new ConferenceListController(this);

  override render() {
    const { me } = this._store.state;
    if (!me) return nothing;
    const pupil = selectedPupil();
    const context: BoxContext = {
      inCare: pupil ? enrolmentOf(this._care.docs, pupil.id) !== undefined : false,
      conferences: me.user.role === 'guardian' && (this._conferences.model(new Date())?.open ?? false),
    };
    const orphans = orphanedRejections(
      this._reports.docs,
      me.pupils.map((p) => p.id),
    );
    return html`
      <h1>${t('start.greeting', { name: me.user.name.split(' ')[0] ?? me.user.name })}</h1>
      ${
        pupil
          ? me.user.role === 'guardian'
            ? html`<p class="lead">${t('start.forChild', { name: pupil.name, className: pupil.className })}</p>`
            : nothing
          : html`<p>${t('child.none')}</p>`
      }
      ${
        orphans.length > 0
          ? html`<div class="orphans" role="status">
            <ul>
              ${orphans.map(
                (r) => html`<li>
                  <strong>${t('absence.rejected')}</strong>
                  (${formatDate(String((r.payload as { date?: string }).date ?? ''))}):
                  ${r.reasonCode ? reasonText(r.reasonCode, r.reasonParams as Record<string, string>) : r.reason}
                </li>`,
              )}
            </ul>
          </div>`
          : nothing
      }
      ${
        pupil
          ? html`<div class="boxes">
            ${BOXES.filter((b) => b.for.includes(me.user.role) && (b.when?.(context) ?? true)).map((b) => b.render())}
          </div>`
          : nothing
      }
    `;
  }
}

define('sk-start-page', StartPage);

declare global {
  interface HTMLElementTagNameMap {
    'sk-start-page': StartPage;
  }
}
