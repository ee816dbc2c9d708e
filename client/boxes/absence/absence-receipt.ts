import { css, html, LitElement, nothing } from 'lit';
import {
  ABSENCE_END,
  type AbsenceEndPayload,
  type AbsenceReportPayload,
  receiptReference,
} from '../../../shared/absence.js';
import type { RequestDoc } from '../../../shared/collections.js';
import { dateInZone } from '../../../shared/time.js';
import { paths } from '../../app/router.js';
import { type PupilSummary, StoreController } from '../../app/state.js';
import { define } from '../../common/define.js';
import { badges, base, view } from '../../common/styles.js';
import { QueryController } from '../../data/query-controller.js';
import { formatDate, formatMoment, reasonText, t } from '../../i18n/i18n.js';
import { absenceStyles, receiptHref } from './absence-item.js';

/** What a request asked for, in words: "Frånvaroanmälan 4 december" or the end of one. */
function what(r: RequestDoc): string {
  if (r.kind === ABSENCE_END) {
    const p = r.payload as unknown as AbsenceEndPayload;
    return t('receipt.end', { date: formatDate(dateInZone(new Date(r.createdAt))), endAt: p.endAt });
  }
  return t('receipt.report', { date: formatDate((r.payload as unknown as AbsenceReportPayload).date) });
}

/** The extent of a report: the whole day, the times, the number of lessons. */
function extent(r: RequestDoc): string {
  if (r.kind === ABSENCE_END) return '';
  const p = r.payload as unknown as AbsenceReportPayload;
  if (p.wholeDay) return t('absence.wholeDay');
  const lessons = p.lessonIds?.length ?? 0;
  if (lessons > 0) return lessons === 1 ? t('absence.oneLesson') : t('absence.lessons', { count: lessons });
  return t('absence.partOfDay', { from: p.from ?? '', to: p.to ?? '' });
}

function stateBadge(r: RequestDoc, online: boolean) {
  switch (r.status) {
    case 'pending':
      return html`<span class="badge warn">${online ? t('absence.sending') : t('absence.pending')}</span>`;
    case 'accepted':
      return html`<span class="badge ok">${t('receipt.accepted')}</span>`;
    case 'rejected':
      return html`<span class="badge danger">${t('absence.rejected')}</span>
        <span>${r.reasonCode ? reasonText(r.reasonCode, r.reasonParams as Record<string, string>) : (r.reason ?? '')}</span>`;
  }
}

const pupilName = (r: RequestDoc, pupils: readonly PupilSummary[]) => {
  const p = pupils.find((x) => x.id === r.pupilId);
  return p ? `${p.name}, ${p.className}` : '';
};

/** One of "Dina anmälningar": the child, what, its state, and the link to its receipt. */
export function receiptLine(r: RequestDoc, pupils: readonly PupilSummary[], online: boolean) {
  const name = pupilName(r, pupils);
  return html`<li class="receipt ${r.status}">
    <div class="when">
      <strong>${what(r)}</strong>
      ${name ? html`<span>${t('absence.otherChild', { name })}</span>` : nothing}
    </div>
    <div class="state">${stateBadge(r, online)}</div>
    <div>
      <a href=${receiptHref(r.id)} aria-label=${t('receipt.showFor', { what: `${what(r)}, ${name}` })}>${t('receipt.show')}</a>
      <span class="muted">· ${t('receipt.reference', { reference: receiptReference(r.id) })}</span>
    </div>
  </li>`;
}

/**
 * @summary The receipt of one absence report or end (`/franvaro/kvitto?id=`):
 * what was reported, for whom, by whom, when it was sent and when the school
 * received it, its state and a reference to quote to the school. Read from
 * the device, so it is there offline too.
 */
export class AbsenceReceipt extends LitElement {
  static override styles = [
    base,
    badges,
    view,
    absenceStyles,
    css`
      dl {
        display: grid;
        grid-template-columns: minmax(8rem, max-content) 1fr;
        gap: var(--sk-space-2) var(--sk-space-4);
        background: var(--sk-color-surface);
        border: 1px solid var(--sk-color-border);
        border-radius: var(--sk-radius);
        padding: var(--sk-space-4);
        margin: 0;
      }
      @media (max-width: 30rem) {
        dl {
          grid-template-columns: 1fr;
        }
      }
      dt {
        font-weight: 700;
      }
      dd {
        margin: 0;
        display: flex;
        flex-wrap: wrap;
        gap: var(--sk-space-1) var(--sk-space-2);
      }
      .reference {
        font-family: monospace;
        font-size: 1.15rem;
        letter-spacing: 0.05em;
      }
    `,
  ];

  private readonly _store = new StoreController(this);
  private readonly _request = new QueryController<RequestDoc>(this, () => {
    const { db, route } = this._store.state;
    const id = route.query.get('id') ?? '';
    return db && id
      ? { key: `${db.name}|requests|receipt|${id}`, query: db.requests.find({ selector: { id } }) }
      : null;
  });

  override render() {
    const { me, sync } = this._store.state;
    const r = this._request.docs[0];
    const back = html`<a class="back" href=${paths.absence}>${t('receipt.back')}</a>`;
    if (!r) {
      return html`${back}
        <h1>${t('receipt.title')}</h1>
        <p>${this._request.ready || !this._store.state.db ? t('receipt.missing') : t('box.loading')}</p>`;
    }
    const comment = r.kind === ABSENCE_END ? '' : ((r.payload as unknown as AbsenceReportPayload).comment ?? '');
    return html`${back}
      <h1>${t('receipt.title')}</h1>
      <dl>
        <dt>${t('receipt.what')}</dt>
        <dd>
          <span>${what(r)}</span>
          ${extent(r) ? html`<span>· ${extent(r)}</span>` : nothing}
          ${comment ? html`<span>· ${t('absence.comment', { text: comment })}</span>` : nothing}
        </dd>
        <dt>${t('receipt.for')}</dt>
        <dd>${pupilName(r, me?.pupils ?? [])}</dd>
        <dt>${t('receipt.by')}</dt>
        <dd>${me?.user.name ?? ''}</dd>
        <dt>${t('receipt.sent')}</dt>
        <dd>${formatMoment(r.createdAt)}</dd>
        <dt>${t('receipt.received')}</dt>
        <dd>${r.receivedAt ? formatMoment(r.receivedAt) : t('receipt.notReceived')}</dd>
        <dt>${t('receipt.status')}</dt>
        <dd>${stateBadge(r, sync.reachable !== false)}</dd>
        <dt>${t('receipt.referenceLabel')}</dt>
        <dd class="reference">${receiptReference(r.id)}</dd>
      </dl>`;
  }
}

define('sk-absence-receipt', AbsenceReceipt);

declare global {
  interface HTMLElementTagNameMap {
    'sk-absence-receipt': AbsenceReceipt;
  }
}
