import { describe, expect, it } from 'vitest';
import { safeUrl, sanitizeHtml } from './sanitize.js';

describe('sanitizeHtml', () => {
  it('keeps formatting and safe links', () => {
    expect(
      sanitizeHtml(
        '<h1>Rubrik</h1><p>Hej <strong>alla</strong> &amp; <em>välkomna</em>!<br>Rad två</p>' +
          '<ul><li>Ett</li><li>Två</li></ul><a href="https://example.se/a?b=1&amp;c=2">länk</a>' +
          '<a href="mailto:rektor@example.se">mejl</a>',
      ),
    ).toBe(
      '<h2>Rubrik</h2><p>Hej <strong>alla</strong> &#38; <em>välkomna</em>!<br>Rad två</p>' +
        '<ul><li>Ett</li><li>Två</li></ul><a href="https://example.se/a?b=1&#38;c=2">länk</a>' +
        '<a href="mailto:rektor@example.se">mejl</a>',
    );
  });

  it('removes scripts, styles, frames, event handlers, javascript: links and unknown elements', () => {
    const hostile = [
      '<script>window.pwned = 1</script>',
      '<SCRIPT src="https://evil.example/x.js"></SCRIPT >',
      '<style>body { display: none }</style>',
      '<p style="position:fixed" onclick="alert(1)" class="x">text</p>',
      '<img src=x onerror="alert(1)">',
      '<iframe src="https://evil.example"></iframe>',
      '<a href="javascript:alert(1)">js</a>',
      '<a href=" jav&#x09;ascript:alert(1)">tab</a>',
      '<a href="data:text/html,<script>alert(1)</script>">data</a>',
      '<svg><script>alert(1)</script></svg>',
      '<object data="x"></object><embed src="x">',
      '<div onmouseover="alert(1)">div</div>',
      '<a href="https://ok.example" onclick="alert(1)" target="_self">ok</a>',
      '<!-- <script>alert(1)</script> -->',
      '<scr<script>ipt>alert(1)</script>',
      '<math><mi xlink:href="javascript:alert(1)">m</mi></math>',
      '<form action="https://evil.example"><input name=a></form>',
      '<template><script>alert(1)</script></template>',
      '<textarea></textarea><script>alert(1)</script>',
    ].join('');
    const clean = sanitizeHtml(hostile);
    expect(clean).not.toMatch(/<script|<style|<iframe|<img|<svg|<object|<embed|<form|<input|<math|<template/i);
    expect(clean).not.toMatch(/\son\w+=|style=|javascript:|data:|class=|target=/i);
    expect(clean).toContain('<p>text</p>');
    expect(clean).toContain('<a href="https://ok.example/">ok</a>');
    expect(clean).toContain('js');
    expect(sanitizeHtml('<p>unclosed <strong>bold')).toBe('<p>unclosed <strong>bold</strong></p>');
    // Every tag left is one of the allowed ones.
    for (const [, name] of clean.matchAll(/<\/?([a-z0-9]+)/g)) {
      expect([
        'p',
        'br',
        'strong',
        'em',
        'a',
        'ul',
        'li',
        'h2',
        'b',
        'i',
        'u',
        's',
        'ol',
        'h3',
        'h4',
        'blockquote',
      ]).toContain(name);
    }
  });

  it('escapes text that looks like markup', () => {
    expect(sanitizeHtml('1 < 2 > 0 "a" \'b\'')).toBe('1 &#60; 2 &#62; 0 &#34;a&#34; &#39;b&#39;');
    expect(sanitizeHtml('&lt;script&gt;alert(1)&lt;/script&gt;')).toBe('&#60;script&#62;alert(1)&#60;/script&#62;');
  });

  it('accepts only absolute http, https and mailto addresses', () => {
    expect(safeUrl('https://a.example/x')).toBe('https://a.example/x');
    expect(safeUrl('mailto:a@b.se')).toBe('mailto:a@b.se');
    expect(safeUrl('JaVaScRiPt:alert(1)')).toBeNull();
    expect(safeUrl('java\nscript:alert(1)')).toBeNull();
    expect(safeUrl('/relative')).toBeNull();
    expect(safeUrl('vbscript:x')).toBeNull();
  });
});
