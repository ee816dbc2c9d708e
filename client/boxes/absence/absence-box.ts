import { css, html, LitElement, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { dateInZone, type IsoDate } from '../../../shared/time.js';
import { paths } from '../../app/router.js';
import { StoreController, selectedPupil } from '../../app/state.js';
import { define } from '../../common/define.js';
import { badges, base, box, buttons } from '../../common/styles.js';
import { t } from '../../i18n/i18n.js';
import { absenceItem, absenceStyles } from './absence-item.js';
import { AbsenceListController } from './absence-list.js';

const SHOWN = 3;

/**
 * @summary The Frånvaro box on the start page: the child's reports that wait
 * or were not accepted, then today's and the latest absence, and — for
 * guardians — the "Rapportera frånvaro" button.
 */
export class AbsenceBox extends LitElement {
  static override styles = [
    base,
    box,
    buttons,
    badges,
    absenceStyles,
    css`
      .actions {
        margin-top: var(--sk-space-3);
        display: flex;
        flex-wrap: wrap;
        gap: var(--sk-space-3);
        align-items: center;
      }
    `,
  ];

  /** "Today" in the school's zone; set by tests, else the device clock. */
  @property() today?: IsoDate;

  private readonly _store = new StoreController(this);
  private readonly _list = new AbsenceListController(this);

  override render() {
    const { me, sync } = this._store.state;
    const pupil = selectedPupil();
    const today = this.today ?? dateInZone(new Date());
    const items = this._list.items;
    // What needs attention first: reports not yet taken or turned down; then today and later; then the latest.
    const open = items.filter((i) => i.state === 'pending' || i.state === 'rejected');
    const rest = items.filter((i) => !open.includes(i));
    const upcoming = rest.filter((i) => i.date >= today).reverse();
    const past = rest.filter((i) => i.date < today);
    const shown = [...open, ...upcoming, ...past].slice(0, SHOWN);
    const guardian = me?.user.role === 'guardian';
    return html`<section aria-labelledby="absence-heading">
      <div class="box-head">
        <h2 id="absence-heading"><a href=${paths.absence}>${t('absence.title')}</a></h2>
      </div>
      ${
        !this._list.ready
          ? html`<p class="muted">${t('box.loading')}</p>`
          : shown.length === 0
            ? html`<p class="muted">${t('absence.none')}</p>`
            : html`<ul class="absences">${shown.map((i) => absenceItem(i, { online: sync.reachable !== false }))}</ul>`
      }
      <div class="actions">
        ${
          guardian && pupil
            ? html`<a class="button primary" href=${paths.reportAbsence}>${t('absence.report')}</a>`
            : me?.user.role === 'pupil'
              ? html`<span class="muted">${t('absence.pupilCannotReport')}</span>`
              : nothing
        }
        <a href=${paths.absence}>${t('box.open', { name: t('absence.title') })}</a>
      </div>
    </section>`;
  }
}

define('sk-absence-box', AbsenceBox);

declare global {
  interface HTMLElementTagNameMap {
    'sk-absence-box': AbsenceBox;
  }
}
