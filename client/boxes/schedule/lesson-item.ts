/**
 * One lesson as the Schema box and view show it: time, subject, room and
 * teacher; a cancelled lesson struck through with "Inställd" and its note, a
 * substitute named. Status is in words, never colour alone.
 *
 * @module
 */
import { css, html, nothing } from 'lit';
import type { LessonDoc } from '../../../shared/collections.js';
import { t } from '../../i18n/i18n.js';

export function lessonItem(lesson: LessonDoc, options: { absent?: boolean; compact?: boolean } = {}) {
  const cancelled = lesson.status === 'cancelled';
  return html`<li class="lesson ${lesson.status}">
    <span class="time">${t('schedule.time', { start: lesson.start, end: lesson.end })}</span>
    <span class="what">
      <span class="subject">${cancelled ? html`<s>${lesson.subject}</s>` : lesson.subject}</span>
      ${cancelled ? html`<span class="badge danger">${t('schedule.cancelled')}</span>` : nothing}
      ${
        lesson.status === 'substituted'
          ? html`<span class="badge warn">${t('schedule.substituted', { name: lesson.substitute })}</span>`
          : nothing
      }
      ${options.absent ? html`<span class="badge info">${t('schedule.absent')}</span>` : nothing}
      ${
        options.compact
          ? nothing
          : html`<span class="meta">
            ${lesson.room ? t('schedule.room', { room: lesson.room }) : nothing}
            ${lesson.teacher && lesson.status !== 'substituted' ? html` · ${t('schedule.teacher', { name: lesson.teacher })}` : nothing}
          </span>`
      }
      ${cancelled && lesson.note ? html`<span class="note">${lesson.note}</span>` : nothing}
    </span>
  </li>`;
}

export const lessonStyles = css`
  ol.lessons {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--sk-space-2);
  }
  .lesson {
    display: grid;
    grid-template-columns: minmax(6.5rem, auto) 1fr;
    gap: var(--sk-space-1) var(--sk-space-3);
    padding: var(--sk-space-2) var(--sk-space-3);
    border-inline-start: 4px solid var(--sk-color-brand);
    background: var(--sk-color-surface);
    border-radius: var(--sk-radius-small);
  }
  .lesson.cancelled {
    border-inline-start-color: var(--sk-color-danger);
  }
  .lesson.substituted {
    border-inline-start-color: var(--sk-color-warn);
  }
  .time {
    font-variant-numeric: tabular-nums;
    font-weight: 600;
  }
  .what {
    display: flex;
    flex-wrap: wrap;
    gap: var(--sk-space-1) var(--sk-space-2);
    align-items: baseline;
  }
  .subject {
    font-weight: 600;
  }
  .meta,
  .note {
    flex-basis: 100%;
    color: var(--sk-color-muted);
    font-size: 0.95rem;
  }
  @media (max-width: 22rem) {
    .lesson {
      grid-template-columns: 1fr;
    }
  }
`;
