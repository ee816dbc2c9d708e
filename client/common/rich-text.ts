import { css, LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { define } from './define.js';
import { base } from './styles.js';

/** What survives: formatting and links (the server keeps the same list). */
const ALLOWED = new Set([
  'p',
  'br',
  'strong',
  'b',
  'em',
  'i',
  'u',
  's',
  'ul',
  'ol',
  'li',
  'h2',
  'h3',
  'h4',
  'blockquote',
  'a',
]);
const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
const HTML_NS = 'http://www.w3.org/1999/xhtml';
const MAX_DEPTH = 40;

/**
 * Rebuilds rich text as DOM nodes without ever giving markup to the page:
 * the text is parsed by DOMParser into an inert document (no scripts run,
 * nothing loads), and only allowed elements are created anew here, with no
 * attribute but a checked link address. Text is copied as text.
 */
export function richTextNodes(markup: string): DocumentFragment {
  const parsed = new DOMParser().parseFromString(markup, 'text/html');
  const out = document.createDocumentFragment();
  copy(parsed.body, out, 0);
  return out;
}

function copy(from: Node, to: Node, depth: number): void {
  for (const node of Array.from(from.childNodes)) {
    if (node.nodeType === Node.TEXT_NODE) {
      to.appendChild(document.createTextNode(node.textContent ?? ''));
      continue;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) continue;
    const el = node as Element;
    // Foreign content (SVG, MathML) and anything unknown in it never crosses.
    if (el.namespaceURI !== HTML_NS) continue;
    const tag = el.localName;
    if (['script', 'style', 'template', 'iframe', 'object', 'noscript', 'textarea', 'select'].includes(tag)) continue;
    if (!ALLOWED.has(tag) || depth >= MAX_DEPTH) {
      copy(el, to, depth + 1);
      continue;
    }
    const made = document.createElement(tag);
    if (tag === 'a') {
      const href = safeHref(el.getAttribute('href'));
      if (!href) {
        copy(el, to, depth + 1);
        continue;
      }
      const a = made as HTMLAnchorElement;
      a.href = href;
      a.rel = 'noopener noreferrer';
      if (!href.startsWith('mailto:')) a.target = '_blank';
    }
    copy(el, made, depth + 1);
    to.appendChild(made);
  }
}

function safeHref(raw: string | null): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    return LINK_PROTOCOLS.has(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * @summary Shows rich text from the school (news, plannings, documentation)
 * safely: rebuilt from an inert parse, formatting kept, scripts, event
 * handlers, foreign styles and frames never reaching the page.
 */
export class RichText extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: block;
      }
      p,
      ul,
      ol,
      blockquote {
        margin: 0 0 var(--sk-space-3);
      }
      blockquote {
        padding-inline-start: var(--sk-space-3);
        border-inline-start: 3px solid var(--sk-color-border);
      }
      h2,
      h3,
      h4 {
        font-size: 1.05rem;
      }
    `,
  ];

  /** The rich text, as the server sanitized it (treated as untrusted all the same). */
  @property() html = '';

  private _shown?: string;

  override render() {
    return null;
  }

  protected override updated(): void {
    if (this._shown === this.html) return;
    this._shown = this.html;
    const root = this.renderRoot as ShadowRoot;
    for (const child of Array.from(root.childNodes)) {
      if (child.nodeType !== Node.COMMENT_NODE) child.remove();
    }
    root.appendChild(richTextNodes(this.html));
  }
}

define('sk-rich-text', RichText);

declare global {
  interface HTMLElementTagNameMap {
    'sk-rich-text': RichText;
  }
}
