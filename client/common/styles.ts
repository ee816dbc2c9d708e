/**
 * Styles shared by the components. Colours, spacing and type come only from
 * the `--sk-*` tokens (public/app.css), so a portal can theme the boxes and
 * every pair used here keeps WCAG AA contrast. Sizes are in rem: text grows
 * with the user's setting and layouts wrap instead of hiding buttons.
 *
 * @module
 */
import { css } from 'lit';

export const base = css`
  :host {
    box-sizing: border-box;
    font-family: var(--sk-font);
    color: var(--sk-color-text);
    line-height: 1.45;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: 3px solid var(--sk-color-focus);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  h1,
  h2,
  h3 {
    line-height: 1.2;
    margin: 0 0 var(--sk-space-3);
  }
  h1 {
    font-size: 1.5rem;
  }
  h2 {
    font-size: 1.2rem;
  }
  h3 {
    font-size: 1.05rem;
  }
  p {
    margin: 0 0 var(--sk-space-3);
  }
  a {
    color: var(--sk-color-link);
  }
`;

export const buttons = css`
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: var(--sk-space-2);
    min-height: 2.75rem;
    min-width: 2.75rem;
    padding: var(--sk-space-2) var(--sk-space-4);
    border-radius: var(--sk-radius-small);
    border: 2px solid var(--sk-color-brand);
    background: var(--sk-color-surface);
    color: var(--sk-color-brand-strong);
    font: inherit;
    font-weight: 600;
    text-decoration: none;
    cursor: pointer;
  }
  .button:hover {
    background: var(--sk-color-brand-tint);
  }
  .button.primary {
    background: var(--sk-color-brand);
    color: var(--sk-color-on-brand);
  }
  .button.primary:hover {
    background: var(--sk-color-brand-strong);
  }
  .button[disabled],
  .button[aria-disabled='true'] {
    border-color: var(--sk-color-border);
    background: var(--sk-color-disabled-bg);
    color: var(--sk-color-muted);
    cursor: not-allowed;
  }
  .link-button {
    background: none;
    border: none;
    padding: 0;
    font: inherit;
    color: var(--sk-color-link);
    text-decoration: underline;
    cursor: pointer;
    min-height: 2.75rem;
  }
`;

export const badges = css`
  .badge {
    display: inline-block;
    padding: 0 var(--sk-space-2);
    border-radius: 999px;
    font-size: 0.85rem;
    font-weight: 600;
    line-height: 1.6;
    border: 1px solid currentColor;
  }
  .badge.danger {
    color: var(--sk-color-danger);
    background: var(--sk-color-danger-bg);
  }
  .badge.warn {
    color: var(--sk-color-warn);
    background: var(--sk-color-warn-bg);
  }
  .badge.ok {
    color: var(--sk-color-ok);
    background: var(--sk-color-ok-bg);
  }
  .badge.info {
    color: var(--sk-color-brand-strong);
    background: var(--sk-color-brand-tint);
  }
`;

/** A box on the start page: a card with a heading that links to its detail view. */
export const box = css`
  :host {
    display: block;
  }
  section {
    background: var(--sk-color-surface);
    border: 1px solid var(--sk-color-border);
    border-radius: var(--sk-radius);
    padding: var(--sk-space-4);
    height: 100%;
  }
  .box-head {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: var(--sk-space-2);
    margin-bottom: var(--sk-space-3);
  }
  .box-head h2 {
    margin: 0;
  }
  .box-head h2 a {
    color: inherit;
    text-decoration: none;
  }
  .box-head h2 a:hover {
    text-decoration: underline;
  }
  .muted {
    color: var(--sk-color-muted);
  }
`;

/** The frame of a detail view: a heading row and a back link. */
export const view = css`
  :host {
    display: block;
    max-width: 60rem;
    margin: 0 auto;
  }
  .view-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--sk-space-3);
    margin-bottom: var(--sk-space-4);
  }
  .view-head h1 {
    margin: 0;
  }
  .back {
    display: inline-block;
    margin-bottom: var(--sk-space-3);
  }
  .muted {
    color: var(--sk-color-muted);
  }
`;
