/**
 * The app's shared state (who is signed in, the selected child, the device
 * database, sync status, language), in one small store. Components read it
 * through `StoreController`, which re-renders them on every change.
 *
 * @module
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Lang, MessageKey } from '../../shared/i18n/index.js';
import type { SkolDatabase } from '../data/db.js';

export interface PupilSummary {
  id: string;
  name: string;
  firstName: string;
  classId: string;
  className: string;
  /** Known once the child's record has replicated (school-wide items need it). */
  schoolId?: string;
}

/** The body of GET /api/me. */
export interface Me {
  user: { id: string; role: 'guardian' | 'pupil' | 'staff' | 'admin'; name: string };
  pupils: PupilSummary[];
}

export interface SyncStatus {
  /** Whether the last request reached the server; null before the first. */
  reachable: boolean | null;
  /** When the server last answered (ISO), remembered across restarts. */
  lastContactAt: string | null;
  /** The server said the session is gone: sign in again (the device keeps its data). */
  sessionEnded: boolean;
}

export interface AppState {
  lang: Lang;
  me: Me | null;
  /** The selected child's id (guardians switch at the top of the menu). */
  pupilId: string | null;
  db: SkolDatabase | null;
  /** Set when the database could not be opened. */
  dbError: string | null;
  sync: SyncStatus;
  /** A new version of the app is waiting to take over. */
  updateReady: boolean;
  /** A one-time confirmation for the next page ("the report is saved"). */
  flash: MessageKey | null;
  /** The current path, e.g. `/schema`, and its query. */
  route: { path: string; query: URLSearchParams };
}

type Listener = (state: AppState) => void;

export class Store {
  private listeners = new Set<Listener>();
  constructor(private state: AppState) {}

  get(): AppState {
    return this.state;
  }

  set(patch: Partial<AppState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l(this.state);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem('skolhubben:lang');
    if (saved === 'sv' || saved === 'en') return saved;
  } catch {
    // Storage may be blocked; Swedish it is.
  }
  return 'sv';
}

export const store = new Store({
  lang: initialLang(),
  me: null,
  pupilId: null,
  db: null,
  dbError: null,
  sync: { reachable: null, lastContactAt: null, sessionEnded: false },
  updateReady: false,
  flash: null,
  route: { path: location.pathname, query: new URLSearchParams(location.search) },
});

/** Re-renders its host whenever the store changes. */
export class StoreController implements ReactiveController {
  private unsubscribe?: () => void;
  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }
  get state(): AppState {
    return store.get();
  }
  hostConnected(): void {
    this.unsubscribe = store.subscribe(() => this.host.requestUpdate());
  }
  hostDisconnected(): void {
    this.unsubscribe?.();
  }
}

/** The selected child, from the replicated pupils when known, else from the sign-in answer. */
export function selectedPupil(state: AppState = store.get()): PupilSummary | undefined {
  return state.me?.pupils.find((p) => p.id === state.pupilId) ?? state.me?.pupils[0];
}
