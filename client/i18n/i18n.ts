/**
 * The device's localization layer: every string on screen comes from `t()`,
 * in the language the user chose (Swedish first, English second).
 *
 * @module
 */
import {
  addCatalog,
  formatDate as fmtDate,
  formatMoment as fmtMoment,
  hasCatalog,
  type Lang,
  type MessageKey,
  reasonText as reason,
  translate,
} from '../../shared/i18n/index.js';
import { store } from '../app/state.js';

export type { Lang, MessageKey };

/** The message `key` in the current language. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return translate(store.get().lang, key, params);
}

/** A school-zone calendar date for people ("fredag 4 december"). */
export function formatDate(date: string, style?: 'long' | 'short' | 'weekday'): string {
  return fmtDate(store.get().lang, date, style);
}

/** A moment as the school's local date and time. */
export function formatMoment(iso: string): string {
  return fmtMoment(store.get().lang, iso);
}

/** Why the school turned a request down, in the current language. */
export function reasonText(code: string, params?: Record<string, string>): string {
  return reason(store.get().lang, code, params);
}

let viewMessages: Promise<void> | undefined;
/**
 * Fetches the Swedish messages of the views that load after the first paint
 * (once; again after a failure), then renders the screen anew with them.
 */
export function loadViewMessages(): Promise<void> {
  viewMessages ??= import('../../shared/i18n/sv-views.js').then(
    ({ svViews }) => {
      addCatalog('sv', svViews);
      store.set({ lang: store.get().lang });
    },
    (error: unknown) => {
      viewMessages = undefined;
      throw error;
    },
  );
  return viewMessages;
}

/** Loads a language's messages (English is its own file, fetched only by those who choose it). */
export async function loadLang(lang: Lang): Promise<void> {
  if (lang === 'en' && !hasCatalog('en')) addCatalog('en', (await import('../../shared/i18n/en.js')).en);
}

/** Switches language (once its messages are here), remembers the choice and tells the page (lang attribute). */
export async function setLang(lang: Lang): Promise<void> {
  await loadLang(lang);
  try {
    localStorage.setItem('skolhubben:lang', lang);
  } catch {
    // Not remembered; still switched.
  }
  document.documentElement.lang = lang;
  store.set({ lang });
}

// Right behind the first paint: the views' messages, so that they are here before any view is.
void loadViewMessages().catch(() => {});

// A remembered English choice: its messages follow the first paint, and the screen re-renders.
const remembered = store.get().lang;
if (!hasCatalog(remembered)) void loadLang(remembered).then(() => store.set({ lang: remembered }));
