/**
 * One line of the Frånvaro list: the day, the whole day or the times, who
 * reported it or that the school registered it, and the state of a report in
 * words: waiting to be sent, received, or not accepted and why.
 *
 * @module
 */
import { css, html, nothing } from 'lit';
import { paths } from '../../app/router.js';
import { formatDate, formatMoment, reasonText, t } from '../../i18n/i18n.js';
import type { AbsenceEnding, AbsenceItem } from './absence.js';

export interface AbsenceItemOptions {
  online?: boolean;
  /** Today, for a guardian's list: a received report of this day gets "Avsluta i förväg" (the view loads it). */
  endableOn?: string;
  /** Show the link to the report's receipt. */
  receipts?: boolean;
  /** The moment "Avsluta i förväg" judges by (tests); else the device clock. */
  now?: Date;
}

/** The receipt page of a request. */
export const receiptHref = (requestId: string) => `${paths.absenceReceipt}?id=${encodeURIComponent(requestId)}`;

export function absenceItem(item: AbsenceItem, options: AbsenceItemOptions = {}) {
  const online = options.online ?? true;
  const endable =
    options.endableOn === item.date &&
    item.state === 'accepted' &&
    item.recorded && // the school's record, with the times it took: not the request still on its way to becoming one
    item.ending?.state !== 'pending';
  const when = item.wholeDay ? t('absence.wholeDay') : t('absence.partOfDay', { from: item.from, to: item.to });
  return html`<li class="absence ${item.state}">
    <div class="when">
      <strong>${formatDate(item.date)}</strong>
      <span>${when}${
        !item.wholeDay && item.lessonCount > 0
          ? html` · ${item.lessonCount === 1 ? t('absence.oneLesson') : t('absence.lessons', { count: item.lessonCount })}`
          : nothing
      }</span>
    </div>
    <div class="state">${stateLine(item, online)}</div>
    ${item.ending ? html`<div class="state">${endingLine(item.ending, online)}</div>` : nothing}
    ${item.comment ? html`<div class="comment">${t('absence.comment', { text: item.comment })}</div>` : nothing}
    ${
      endable || (options.receipts && item.requestId)
        ? html`<div class="item-actions">
          ${endable ? html`<sk-absence-end .item=${item} .now=${options.now}></sk-absence-end>` : nothing}
          ${
            options.receipts && item.requestId
              ? html`<a
                href=${receiptHref(item.requestId)}
                aria-label=${t('receipt.showFor', { what: t('receipt.report', { date: formatDate(item.date) }) })}
                >${t('receipt.show')}</a
              >`
              : nothing
          }
        </div>`
        : nothing
    }
  </li>`;
}

function endingLine(ending: AbsenceEnding, online: boolean) {
  switch (ending.state) {
    case 'pending':
      return html`<span class="badge warn">${t(online ? 'end.sending' : 'end.pending', { endAt: ending.endAt })}</span>`;
    case 'accepted':
      return html`<span class="badge ok">${t('end.accepted', { endAt: ending.endAt })}</span>`;
    case 'rejected':
      return html`<span class="badge danger">${t('absence.rejected')}</span>
        <span>${t('end.rejected', {
          endAt: ending.endAt,
          reason: ending.reasonCode ? reasonText(ending.reasonCode, ending.reasonParams) : (ending.reason ?? ''),
        })}</span>`;
  }
}

function stateLine(item: AbsenceItem, online: boolean) {
  switch (item.state) {
    case 'registered':
      return html`<span class="badge ${item.validity === 'invalid' ? 'danger' : 'ok'}">${t(`absence.validity.${item.validity}`)}</span>
        <span>${t('absence.source.registered')}</span>`;
    case 'accepted':
      return html`<span class="badge ok">${t('absence.validity.reported')}</span>
        <span>${item.reportedBy ? t('absence.source.reported', { name: item.reportedBy }) : t('absence.source.reportedNoName')}</span>
        ${item.receivedAt ? html`<span>· ${t('absence.received', { time: formatMoment(item.receivedAt) })}</span>` : nothing}`;
    case 'pending':
      return html`<span class="badge warn">${online ? t('absence.sending') : t('absence.pending')}</span>
        ${online ? nothing : html`<span>${t('absence.pendingHint')}</span>`}`;
    case 'rejected':
      return html`<span class="badge danger">${t('absence.rejected')}</span>
        <span>${t('absence.rejectedHint', {
          reason: item.reasonCode ? reasonText(item.reasonCode, item.reasonParams) : (item.reason ?? ''),
        })}</span>`;
  }
}

export const absenceStyles = css`
  ul.absences {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--sk-space-2);
  }
  .absence,
  .receipt {
    display: grid;
    gap: var(--sk-space-1);
    padding: var(--sk-space-2) var(--sk-space-3);
    border-inline-start: 4px solid var(--sk-color-ok);
    background: var(--sk-color-surface);
    border-radius: var(--sk-radius-small);
  }
  .absence.pending,
  .receipt.pending {
    border-inline-start-color: var(--sk-color-warn);
    background: var(--sk-color-warn-bg);
  }
  .absence.rejected,
  .receipt.rejected {
    border-inline-start-color: var(--sk-color-danger);
    background: var(--sk-color-danger-bg);
  }
  .absence.registered {
    border-inline-start-color: var(--sk-color-brand);
  }
  .when {
    display: flex;
    flex-wrap: wrap;
    gap: 0 var(--sk-space-2);
  }
  .state {
    display: flex;
    flex-wrap: wrap;
    gap: var(--sk-space-1) var(--sk-space-2);
    align-items: baseline;
  }
  .comment {
    color: var(--sk-color-muted);
  }
  .item-actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--sk-space-2) var(--sk-space-4);
    align-items: center;
  }
`;
