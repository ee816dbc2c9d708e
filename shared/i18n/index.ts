/**
 * The localization layer: message catalogs and formatting, Swedish first.
 * Used by the device for every string on screen and by the server for the
 * Swedish reason it writes into a rejected request.
 *
 * @module
 */

import { isIsoDate, SCHOOL_TIME_ZONE } from '../time.js';
import { type MessageKey, sv } from './sv.js';

export type { MessageKey };
export type Lang = 'sv' | 'en';
export const LANGS: readonly Lang[] = ['sv', 'en'];
export type Catalog = Partial<Record<MessageKey, string>>;

/**
 * Swedish of the first paint is always here; the rest of Swedish (`sv-views.ts`)
 * and other languages are added when needed (the device fetches them after the
 * first paint; the server adds what it uses).
 */
const catalogs: Partial<Record<Lang, Catalog>> = { sv: { ...sv } };

/** Makes (more of) a language's messages available. */
export function addCatalog(lang: Lang, catalog: Catalog): void {
  catalogs[lang] = { ...catalogs[lang], ...catalog };
}

/** Whether a language's messages are available (else its texts show in Swedish). */
export function hasCatalog(lang: Lang): boolean {
  return catalogs[lang] !== undefined;
}

const LOCALES: Record<Lang, string> = { sv: 'sv-SE', en: 'en-GB' };

/** The BCP 47 locale for a language. */
export function localeOf(lang: Lang): string {
  return LOCALES[lang];
}

/** Fills `{name}` placeholders; unknown names stay visible rather than vanish. */
export function interpolate(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** The message `key` in `lang`, with parameters filled in. */
export function translate(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  return interpolate(catalogs[lang]?.[key] ?? catalogs.sv?.[key] ?? key, params);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A calendar date (`YYYY-MM-DD`) written out for people, e.g. "fredag 4 december".
 * The date is a school-zone calendar date, so it is formatted as such and never
 * shifted by the device's zone.
 */
export function formatDate(lang: Lang, date: string, style: 'long' | 'short' | 'weekday' = 'long'): string {
  if (!isIsoDate(date)) return date;
  const key = `${lang}|${style}`;
  let f = dateFormats.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      style === 'long'
        ? { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }
        : style === 'short'
          ? { day: 'numeric', month: 'short', timeZone: 'UTC' }
          : { weekday: 'short', timeZone: 'UTC' };
    f = new Intl.DateTimeFormat(localeOf(lang), options);
    dateFormats.set(key, f);
  }
  return f.format(new Date(`${date}T12:00:00Z`));
}

/** A moment (ISO timestamp) as the school's local date and time, e.g. "4 dec. 07:10". */
export function formatMoment(lang: Lang, iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(localeOf(lang), {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: SCHOOL_TIME_ZONE,
  }).format(d);
}

/** The reason for a rejected request, with dates written out. */
export function reasonText(lang: Lang, code: string, params: Record<string, string> = {}): string {
  const key = `reason.${code}` as MessageKey;
  if (!Object.hasOwn(sv, key)) return translate(lang, 'reason.invalid_payload');
  const shown: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) shown[k] = isIsoDate(v) ? formatDate(lang, v) : v;
  return translate(lang, key, shown);
}
