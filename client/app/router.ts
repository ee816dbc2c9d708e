/**
 * Page navigation inside the app: ordinary links (`<a href="/schema">`), the
 * history API, and the store's `route`. Links inside components' shadow roots
 * are found through the click's composed path.
 *
 * @module
 */
import { store } from './state.js';

/** The app's pages: Swedish paths, like the words on screen. */
export const paths = {
  start: '/',
  schedule: '/schema',
  absence: '/franvaro',
  reportAbsence: '/franvaro/rapportera',
  absenceReceipt: '/franvaro/kvitto',
  sessions: '/inloggningar',
  activate: '/aktivera',
  assessments: '/bedomningar',
  calendar: '/kalender',
  contacts: '/kontakter',
  plannings: '/planeringar',
  information: '/information',
  documentation: '/dokumentation',
  staff: '/personal',
  staffAbsence: '/personal/franvaro',
  careTimes: '/fritidsschema',
  careStaff: '/personal/fritids',
  tasks: '/uppgifter',
  etest: '/etest',
  staffTasks: '/personal/uppgifter',
  conferences: '/utvecklingssamtal',
  staffConferences: '/personal/samtal',
} as const;

/** Goes to `href` (path and query) without reloading. */
export function navigate(href: string, options: { replace?: boolean } = {}): void {
  const url = new URL(href, location.origin);
  if (options.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  store.set({ route: { path: url.pathname, query: url.searchParams } });
  // A new page: start at its top and move focus to it (see the shell).
  window.scrollTo(0, 0);
}

/** Changes the query of the current page, e.g. the day shown. */
export function setQuery(
  params: Record<string, string | null>,
  options: { replace?: boolean } = { replace: true },
): void {
  const url = new URL(location.href);
  for (const [k, v] of Object.entries(params)) {
    if (v === null) url.searchParams.delete(k);
    else url.searchParams.set(k, v);
  }
  navigate(url.pathname + url.search, options);
}

/** Starts listening to link clicks and the back button. */
export function startRouter(): void {
  addEventListener('popstate', () => {
    store.set({ route: { path: location.pathname, query: new URLSearchParams(location.search) } });
  });
  addEventListener('click', (event) => {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    ) {
      return;
    }
    const anchor = event.composedPath().find((n): n is HTMLAnchorElement => n instanceof HTMLAnchorElement);
    if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
    const url = new URL(anchor.href, location.href);
    if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
    event.preventDefault();
    navigate(url.pathname + url.search);
  });
}
