import { css, html, LitElement, nothing } from 'lit';
import type { MessageKey } from '../../shared/i18n/index.js';
import { paths } from '../app/router.js';
import { StoreController } from '../app/state.js';
import { define } from '../common/define.js';
import { base } from '../common/styles.js';
import { t } from '../i18n/i18n.js';

/**
 * The staff start page's sections, in the order shown. Add a section here
 * (path, title, one line on what it is for) and a route in the app shell.
 */
export const STAFF_SECTIONS: readonly { path: string; title: MessageKey; summary: MessageKey }[] = [
  { path: paths.staffAbsence, title: 'staffAbsence.title', summary: 'staffAbsence.summary' },
  { path: paths.staffTasks, title: 'tasks.title', summary: 'staffTasks.summary' },
  { path: paths.staffConferences, title: 'conferences.title', summary: 'staffConferences.summary' },
  { path: paths.careStaff, title: 'care.title', summary: 'careStaff.summary' },
];

/** Whether a signed-in role works at the school (and so gets the staff pages). */
export const isStaffRole = (role: string | undefined): boolean => role === 'staff' || role === 'admin';

/**
 * @summary The staff start page (`/personal`): a greeting and a link to each
 * of the school's sections. Staff read pupils' data from the server, never
 * through sync, so the sections need a connection.
 */
export class StaffPage extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: block;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--sk-space-4);
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 22rem), 1fr));
      }
      a.section {
        display: grid;
        gap: var(--sk-space-1);
        padding: var(--sk-space-4);
        background: var(--sk-color-surface);
        border: 1px solid var(--sk-color-border);
        border-radius: var(--sk-radius);
        color: inherit;
        text-decoration: none;
      }
      a.section:hover {
        border-color: var(--sk-color-brand);
      }
      a.section strong {
        color: var(--sk-color-brand);
        font-size: 1.15rem;
        text-decoration: underline;
      }
      .lead {
        color: var(--sk-color-muted);
      }
    `,
  ];

  private readonly _store = new StoreController(this);

  override render() {
    const { me } = this._store.state;
    if (!me) return nothing;
    if (!isStaffRole(me.user.role)) {
      return html`<h1>${t('staff.title')}</h1>
        <p>${t('staff.onlyStaff')}</p>`;
    }
    return html`
      <h1>${t('start.greeting', { name: me.user.name.split(' ')[0] ?? me.user.name })}</h1>
      <p class="lead">${t('staff.lead')}</p>
      <nav aria-label=${t('staff.title')}>
        <ul>
          ${STAFF_SECTIONS.map(
            (s) => html`<li>
              <a class="section" href=${s.path}>
                <strong>${t(s.title)}</strong>
                <span>${t(s.summary)}</span>
              </a>
            </li>`,
          )}
        </ul>
      </nav>
    `;
  }
}

define('sk-staff-page', StaffPage);

declare global {
  interface HTMLElementTagNameMap {
    'sk-staff-page': StaffPage;
  }
}
