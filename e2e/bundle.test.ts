import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

/**
 * The built app, as a family on 3G receives it. Budgets in gzipped bytes:
 * what the first paint needs (index.html's script and its preloads), and
 * everything (the first paint plus the database layer and every view).
 */
const FIRST_PAINT_BUDGET = 30 * 1024;
// 165 KB: the six detail views of the start page's boxes (Bedömningar, Kalender, Kontaktlista,
// Planeringar, Information, Dokumentation) and RxDB's schema-migration plugin came with them.
// 210 KB: the boxes where families act came with about 43 KB, each loaded when opened or shown —
// Fritidsschema (week view, box, staff page: about 11 KB), Uppgifter and eTest (views, boxes, the
// teachers' answers and RxDB's local-documents plugin: about 12 KB), Utvecklingssamtal (box, view,
// staff page: about 8 KB), reporting for several children, ending early, receipts and the staff
// pages (about 9 KB), and the views' Swedish messages (7 KB, fetched right after the first paint).
const TOTAL_BUDGET = 210 * 1024;

const dist = 'dist';
const gz = (file: string) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const js = readdirSync(join(dist, 'assets'))
  .filter((f) => f.endsWith('.js'))
  .map((f) => `assets/${f}`);

function firstPaintFiles(): string[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  return [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1] as string);
}

describe('the production bundle', () => {
  it('keeps the first paint’s JavaScript within budget, loading the database layer later', () => {
    const first = firstPaintFiles();
    expect(first.length).toBeGreaterThan(0);
    const size = first.reduce((s, f) => s + gz(f), 0);
    console.log(`first paint: ${first.length} files, ${(size / 1024).toFixed(1)} KB gzipped`);
    expect(size).toBeLessThanOrEqual(FIRST_PAINT_BUDGET);
    const firstText = first.map((f) => readFileSync(join(dist, f), 'utf8')).join('\n');
    expect(firstText).not.toContain('indexedDB.open'); // Dexie is not in the first paint
    // English is fetched only by those who choose it.
    expect(firstText.includes('Rapportera frånvaro'), 'Swedish in the first paint').toBe(true);
    expect(firstText.includes('Send absence report'), 'English in the first paint').toBe(false);
    // The views' Swedish (shared/i18n/sv-views.ts) follows the first paint.
    expect(firstText.includes('Spara veckan'), 'a view’s Swedish in the first paint').toBe(false);
  });

  it('keeps all JavaScript within budget', () => {
    const size = js.reduce((s, f) => s + gz(f), 0) + gz('sw.js');
    console.log(`all JavaScript: ${js.length + 1} files, ${(size / 1024).toFixed(1)} KB gzipped`);
    expect(size).toBeLessThanOrEqual(TOTAL_BUDGET);
  });

  it('ships one copy of Dexie, no RxDB dev-mode, and nothing that needs eval under the strict CSP', () => {
    const all = js.map((f) => readFileSync(join(dist, f), 'utf8')).join('\n');
    // Each copy of Dexie carries its `semVer` once (the static property on the Dexie class).
    expect(all.match(/semVer:/g)?.length ?? 0).toBe(1);
    // The dev-mode plugin carries RxDB's full error texts and its notice iframe.
    expect(all).not.toContain('given name is no string or empty');
    expect(all).not.toContain('iframeShown');
    expect(all).not.toMatch(/\bnew Function\(/);
    expect(all).not.toMatch(/\beval\(/);
  });
});
