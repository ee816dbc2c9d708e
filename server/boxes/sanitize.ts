/**
 * News and other rich text the school publishes, cleaned on the server before
 * it is stored: an allowlist of a few formatting elements and links. The
 * input is tokenized and the output is written anew from the tokens, never
 * passed through — every text is escaped, every attribute but a link's
 * checked `href` dropped, and scripts, styles, frames and the like removed
 * with their content. The device rebuilds it once more from an inert parse
 * (client/common/rich-text.ts), so neither side trusts the other.
 *
 * @module
 */

/** Elements kept (with no attributes, but `href` on `a`). */
export const ALLOWED_ELEMENTS = new Set([
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
/** Headings are kept below the page's own h1. */
const RENAMED: Record<string, string> = { h1: 'h2', h5: 'h4', h6: 'h4' };
/** Elements removed together with everything inside them (void ones, like embed, simply go). */
const DROPPED_WITH_CONTENT = new Set([
  'script',
  'style',
  'iframe',
  'frameset',
  'object',
  'applet',
  'noscript',
  'noembed',
  'noframes',
  'template',
  'textarea',
  'select',
  'title',
  'head',
  'xmp',
  'plaintext',
  'svg',
  'math',
]);
const VOID = new Set(['br']);
const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the character references a browser would; unknown ones stay as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code =
        ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
        ? String.fromCodePoint(code)
        : '\ufffd';
    }
    return NAMED[ref.toLowerCase()] ?? whole;
  });
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A link's address if it is safe to follow: absolute http, https or mailto
 * (after removing what browsers ignore: whitespace and control characters).
 */
export function safeUrl(raw: string): string | null {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: browsers drop these from URLs, so must we
  const cleaned = decodeEntities(raw).replace(/[\u0000-\u0020\u007f]+/g, '');
  let url: URL;
  try {
    url = new URL(cleaned);
  } catch {
    return null;
  }
  return LINK_PROTOCOLS.has(url.protocol) ? url.href : null;
}

const TAG = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*(\/?)>/;
const ATTR = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

/** Rich text as the devices may receive it; see the module's description. */
export function sanitizeHtml(input: string): string {
  let out = '';
  const open: string[] = [];
  let i = 0;
  const text = (t: string) => {
    out += escapeHtml(decodeEntities(t));
  };
  while (i < input.length) {
    const lt = input.indexOf('<', i);
    if (lt < 0) {
      text(input.slice(i));
      break;
    }
    if (lt > i) text(input.slice(i, lt));
    i = lt;
    const rest = input.slice(i);
    if (rest.startsWith('<!--')) {
      const end = input.indexOf('-->', i + 4);
      i = end < 0 ? input.length : end + 3;
      continue;
    }
    if (/^<[!?]/.test(rest)) {
      // Doctype, CDATA, processing instructions: dropped.
      const end = input.indexOf('>', i);
      i = end < 0 ? input.length : end + 1;
      continue;
    }
    const m = TAG.exec(rest);
    if (!m) {
      text('<');
      i++;
      continue;
    }
    i += m[0].length;
    const closing = m[1] === '/';
    const raw = (m[2] as string).toLowerCase();
    const name = RENAMED[raw] ?? raw;
    if (!closing && DROPPED_WITH_CONTENT.has(raw)) {
      if (m[4] === '/') continue;
      const close = new RegExp(`</${raw}[\\s/>]`, 'i').exec(input.slice(i));
      i = close ? i + close.index + close[0].length : input.length;
      if (close && !close[0].endsWith('>')) {
        const gt = input.indexOf('>', i);
        i = gt < 0 ? input.length : gt + 1;
      }
      continue;
    }
    if (!ALLOWED_ELEMENTS.has(name)) continue;
    if (closing) {
      const at = open.lastIndexOf(name);
      if (at < 0) continue;
      while (open.length > at) out += `</${open.pop()}>`;
      continue;
    }
    if (VOID.has(name)) {
      out += `<${name}>`;
      continue;
    }
    if (name === 'a') {
      if (open.includes('a')) continue;
      let href: string | null = null;
      for (const a of (m[3] ?? '').matchAll(ATTR)) {
        if ((a[1] as string).toLowerCase() === 'href') href = safeUrl(a[2] ?? a[3] ?? a[4] ?? '');
      }
      // A link to nowhere safe keeps its words and loses the link.
      if (!href) continue;
      out += `<a href="${escapeHtml(href)}">`;
    } else {
      out += `<${name}>`;
    }
    open.push(name);
  }
  while (open.length > 0) out += `</${open.pop()}>`;
  return out;
}
