import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import type { MessageKey } from '../../shared/i18n/index.js';
import { define } from '../common/define.js';
import { base, buttons } from '../common/styles.js';
import { setLang, t } from '../i18n/i18n.js';
import { navigate, paths, startRouter } from './router.js';
import { applyUpdate, registerServiceWorker } from './service-worker.js';
import { pendingRequestCount, resume, signOut } from './session.js';
import { StoreController } from './state.js';
import '../account/sessions-link.js';
import '../start/start-page.js';
import './child-switcher.js';
import './sync-status.js';

/** Staff and admins work at the school: their pages are under /personal (see client/staff/). */
const isStaff = (role: string) => role === 'staff' || role === 'admin';

/** The pages and the titles they give the document. */
const PAGES: Record<string, { title: MessageKey; load?: () => Promise<unknown> }> = {
  [paths.start]: { title: 'start.title' },
  [paths.schedule]: { title: 'schedule.title', load: () => import('../boxes/schedule/schedule-view.js') },
  [paths.absence]: { title: 'absence.title', load: () => import('../boxes/absence/absence-view.js') },
  [paths.reportAbsence]: { title: 'report.title', load: () => import('../boxes/absence/absence-report.js') },
  [paths.absenceReceipt]: { title: 'receipt.title', load: () => import('../boxes/absence/absence-receipt.js') },
  [paths.staff]: { title: 'staff.title', load: () => import('../staff/staff-page.js') },
  [paths.staffAbsence]: { title: 'staffAbsence.title', load: () => import('../staff/staff-absence.js') },
  [paths.sessions]: { title: 'sessions.title', load: () => import('../account/sessions-page.js') },
  [paths.activate]: { title: 'activation.title', load: () => import('../account/activation-page.js') },
  [paths.assessments]: {
    title: 'assessments.title',
    load: () => import('../boxes/assessments/assessments-view.js'),
  },
  [paths.calendar]: { title: 'calendar.title', load: () => import('../boxes/calendar/calendar-view.js') },
  [paths.contacts]: { title: 'contacts.title', load: () => import('../boxes/contacts/contacts-view.js') },
  [paths.plannings]: { title: 'plannings.title', load: () => import('../boxes/plannings/plannings-view.js') },
  [paths.information]: {
    title: 'information.title',
    load: () => import('../boxes/information/information-view.js'),
  },
  [paths.documentation]: {
    title: 'documentation.title',
    load: () => import('../boxes/documentation/documentation-view.js'),
  },
  [paths.careTimes]: { title: 'care.title', load: () => import('../boxes/care-times/care-view.js') },
  [paths.careStaff]: { title: 'careStaff.title', load: () => import('../boxes/care-times/staff-page.js') },
  [paths.tasks]: { title: 'tasks.title', load: () => import('../boxes/tasks/tasks-view.js') },
  [paths.etest]: { title: 'etest.title', load: () => import('../boxes/etest/etest-view.js') },
  // Staff only: the view says so to anybody else (the server answers them 403 anyway).
  [paths.staffTasks]: { title: 'staffTasks.title', load: () => import('../staff/tasks/staff-tasks.js') },
  [paths.conferences]: {
    title: 'conferences.title',
    load: () => import('../boxes/conferences/conferences-view.js'),
  },
  [paths.staffConferences]: {
    title: 'staffConferences.title',
    load: () => import('../staff/staff-conferences-page.js'),
  },
};

/**
 * @summary The app: the menu bar (the selected child's name first), the page
 * of the current route, the sync status, the sign-in page when nobody is
 * signed in, and the "new version" prompt. Detail pages load when opened.
 */
export class AppShell extends LitElement {
  static override styles = [
    base,
    buttons,
    css`
      :host {
        display: block;
        min-height: 100vh;
      }
      .skip {
        position: absolute;
        inset-inline-start: var(--sk-space-2);
        top: -10rem;
        z-index: 20;
        background: var(--sk-color-surface);
        padding: var(--sk-space-2) var(--sk-space-4);
      }
      .skip:focus {
        top: var(--sk-space-2);
      }
      header {
        background: var(--sk-color-brand);
        color: var(--sk-color-on-brand);
      }
      .bar {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--sk-space-2) var(--sk-space-4);
        max-width: 72rem;
        margin: 0 auto;
        padding: var(--sk-space-2) var(--sk-space-4);
      }
      .brand {
        color: var(--sk-color-on-brand);
        font-weight: 700;
        font-size: 1.15rem;
        text-decoration: none;
        margin-inline-end: auto;
        order: 1;
      }
      sk-child-switcher {
        order: 0;
        flex-basis: 100%;
      }
      nav {
        order: 2;
        display: flex;
        flex-wrap: wrap;
        gap: var(--sk-space-2);
      }
      nav button {
        min-height: 2.75rem;
        padding: var(--sk-space-1) var(--sk-space-3);
        border: 1px solid var(--sk-color-on-brand);
        border-radius: var(--sk-radius-small);
        background: transparent;
        color: var(--sk-color-on-brand);
        font: inherit;
        cursor: pointer;
      }
      nav button:hover {
        background: var(--sk-color-brand-strong);
      }
      nav button:focus-visible,
      .brand:focus-visible {
        outline-color: var(--sk-color-on-brand);
      }
      @media (min-width: 40rem) {
        sk-child-switcher {
          flex-basis: auto;
          order: 1;
        }
        .brand {
          order: 0;
          margin-inline-end: var(--sk-space-4);
        }
        nav {
          margin-inline-start: auto;
        }
      }
      .banner {
        display: flex;
        flex-wrap: wrap;
        gap: var(--sk-space-2) var(--sk-space-4);
        align-items: center;
        padding: var(--sk-space-2) var(--sk-space-4);
        background: var(--sk-color-brand-tint);
        border-bottom: 1px solid var(--sk-color-border);
      }
      main {
        max-width: 72rem;
        margin: 0 auto;
        padding: var(--sk-space-4);
      }
      main:focus {
        outline: none;
      }
      .notice {
        padding: var(--sk-space-3) var(--sk-space-4);
        border-radius: var(--sk-radius-small);
        background: var(--sk-color-danger-bg);
        color: var(--sk-color-danger);
        margin-bottom: var(--sk-space-4);
      }
      dialog {
        max-width: 28rem;
        border: 1px solid var(--sk-color-border);
        border-radius: var(--sk-radius);
        padding: var(--sk-space-6);
      }
      dialog::backdrop {
        background: rgb(0 0 0 / 0.45);
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: var(--sk-space-2);
        justify-content: flex-end;
      }
    `,
  ];

  private readonly _store = new StoreController(this);
  /** The user asked to sign in again (expired session) while keeping their data. */
  @state() private _signingIn = false;
  @state() private _pendingAtSignOut = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    startRouter();
    resume();
    registerServiceWorker();
    // Another tab signed out or in as somebody else: start over.
    addEventListener('storage', (event) => {
      if (event.key !== 'skolhubben:me') return;
      const userOf = (v: string | null) => (v ? (JSON.parse(v) as { user?: { id?: string } }).user?.id : undefined);
      if (userOf(event.oldValue) !== userOf(event.newValue)) location.reload();
    });
    this.addEventListener('sk-sign-in-again', () => {
      this._signingIn = true;
    });
    this.addEventListener('sk-signed-in', () => {
      this._signingIn = false;
    });
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const { route, me } = this._store.state;
    if (me && !this._signingIn && route.path === paths.start && isStaff(me.user.role)) {
      // Staff have no children's boxes: their start page is /personal (before this render, so it renders once).
      navigate(paths.staff, { replace: true });
    }
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const { route, lang, me } = this._store.state;
    const page = PAGES[route.path];
    const title =
      route.path === paths.activate
        ? t('activation.title')
        : !me || this._signingIn
          ? t('login.title')
          : t(page?.title ?? 'start.title');
    document.title = `${title} – ${t('app.name')}`;
    if (document.documentElement.lang !== lang) document.documentElement.lang = lang;
    if (this._lastPath !== undefined && this._lastPath !== route.path) {
      // A new page: move focus to it, as a browser does on a real navigation.
      (this.renderRoot.querySelector('main') as HTMLElement | null)?.focus();
    }
    this._lastPath = route.path;
  }
  private _lastPath?: string;

  private async _signOut() {
    const pending = await pendingRequestCount();
    if (pending > 0) {
      this._pendingAtSignOut = pending;
      await this.updateComplete;
      (this.renderRoot.querySelector('dialog') as HTMLDialogElement | null)?.showModal();
      return;
    }
    await this._reallySignOut();
  }

  private async _reallySignOut() {
    (this.renderRoot.querySelector('dialog') as HTMLDialogElement | null)?.close();
    this._pendingAtSignOut = 0;
    await signOut();
    navigate(paths.start, { replace: true });
  }

  private _page() {
    const { route } = this._store.state;
    const page = PAGES[route.path];
    void page?.load?.();
    switch (route.path) {
      case paths.start:
        return html`<sk-start-page></sk-start-page>`;
      case paths.schedule:
        return html`<sk-schedule-view></sk-schedule-view>`;
      case paths.absence:
        return html`<sk-absence-view></sk-absence-view>`;
      case paths.reportAbsence:
        return html`<sk-absence-report></sk-absence-report>`;
      case paths.absenceReceipt:
        return html`<sk-absence-receipt></sk-absence-receipt>`;
      case paths.staff:
        return html`<sk-staff-page></sk-staff-page>`;
      case paths.staffAbsence:
        return html`<sk-staff-absence></sk-staff-absence>`;
      case paths.sessions:
        return html`<sk-sessions-page></sk-sessions-page>`;
      case paths.activate:
        return html`<sk-activation-page></sk-activation-page>`;
      case paths.assessments:
        return html`<sk-assessments-view></sk-assessments-view>`;
      case paths.calendar:
        return html`<sk-calendar-view></sk-calendar-view>`;
      case paths.contacts:
        return html`<sk-contacts-view></sk-contacts-view>`;
      case paths.plannings:
        return html`<sk-plannings-view></sk-plannings-view>`;
      case paths.information:
        return html`<sk-information-view></sk-information-view>`;
      case paths.documentation:
        return html`<sk-documentation-view></sk-documentation-view>`;
      case paths.careTimes:
        return html`<sk-care-view></sk-care-view>`;
      case paths.careStaff:
        return html`<sk-care-staff-page></sk-care-staff-page>`;
      case paths.tasks:
        return html`<sk-tasks-view></sk-tasks-view>`;
      case paths.etest:
        return html`<sk-etest-view></sk-etest-view>`;
      case paths.staffTasks:
        return html`<sk-staff-tasks></sk-staff-tasks>`;
      case paths.conferences:
        return html`<sk-conferences-view></sk-conferences-view>`;
      case paths.staffConferences:
        return html`<sk-staff-conferences></sk-staff-conferences>`;
      default:
        return html`<p class="notice" role="alert">${t('app.notFound')}</p>
          <sk-start-page></sk-start-page>`;
    }
  }

  override render() {
    const { me, updateReady, dbError } = this._store.state;
    if (!me || this._signingIn) {
      const activating = this._store.state.route.path === paths.activate;
      void (activating ? import('../account/activation-page.js') : import('../login/login-page.js'));
      return html`<header>
          <div class="bar">
            <span class="brand">${t('app.name')}</span>
            <nav aria-label=${t('app.menu')}>${this._languageButton()}</nav>
          </div>
        </header>
        <main id="main" tabindex="-1">
          ${activating ? html`<sk-activation-page></sk-activation-page>` : html`<sk-login-page></sk-login-page>`}
        </main>`;
    }
    return html`
      <a class="skip" href="#main" @click=${this._skip}>${t('app.skip')}</a>
      <header>
        <div class="bar">
          <a class="brand" href=${isStaff(me.user.role) ? paths.staff : paths.start}>${t('app.name')}</a>
          ${me.user.role === 'guardian' || me.user.role === 'pupil' ? html`<sk-child-switcher></sk-child-switcher>` : nothing}
          <nav aria-label=${t('app.menu')}>
            ${this._languageButton()}
            <sk-sessions-link></sk-sessions-link>
            <button @click=${this._signOut}>${t('app.signOut')}</button>
          </nav>
        </div>
      </header>
      ${
        updateReady
          ? html`<div class="banner" role="status">
            <span>${t('update.available')}</span>
            <button class="button primary" @click=${applyUpdate}>${t('update.apply')}</button>
          </div>`
          : nothing
      }
      <sk-sync-status></sk-sync-status>
      <main id="main" tabindex="-1">
        ${dbError ? html`<p class="notice" role="alert">${t('app.dbError', { error: dbError })}</p>` : nothing}
        ${this._page()}
      </main>
      <dialog aria-labelledby="signout-title" @close=${() => (this._pendingAtSignOut = 0)}>
        <h2 id="signout-title">${t('signout.confirmTitle')}</h2>
        <p>${t('signout.pending', { count: this._pendingAtSignOut })}</p>
        <div class="actions">
          <button class="button" @click=${() => (this.renderRoot.querySelector('dialog') as HTMLDialogElement).close()}>
            ${t('signout.cancel')}
          </button>
          <button class="button primary" @click=${this._reallySignOut}>${t('signout.confirm')}</button>
        </div>
      </dialog>
    `;
  }

  /**
   * The language switch, named by its visible words in the other language (as
   * voice control hears them) and described in the current one.
   */
  private _languageButton() {
    const { lang } = this._store.state;
    const other = lang === 'sv' ? 'en' : 'sv';
    return html`<button lang=${other} aria-describedby="language-hint" @click=${() => setLang(other)}>
        ${t('app.language')}
      </button>
      <span id="language-hint" hidden>${t('app.languageLabel')}</span>`;
  }

  private _skip(event: Event) {
    event.preventDefault();
    (this.renderRoot.querySelector('main') as HTMLElement | null)?.focus();
  }
}

define('sk-app', AppShell);

declare global {
  interface HTMLElementTagNameMap {
    'sk-app': AppShell;
  }
  interface GlobalEventHandlersEventMap {
    'sk-signed-in': CustomEvent<undefined>;
  }
}
