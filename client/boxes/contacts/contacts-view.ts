import { css, html, LitElement, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { ContactDoc } from '../../../shared/collections.js';
import { paths } from '../../app/router.js';
import { StoreController } from '../../app/state.js';
import { childChoice, childStyles, viewChildren } from '../../common/children.js';
import { define } from '../../common/define.js';
import { badges, base, buttons, view } from '../../common/styles.js';
import { QueryController } from '../../data/query-controller.js';
import { t } from '../../i18n/i18n.js';
import { itemStyles, scopedQuery } from '../items.js';

const fold = (s: string) => s.toLocaleLowerCase('sv').normalize('NFKD');

/** Whether a contact (or one of the guardians listed with them) matches the search. */
export function matches(c: ContactDoc, query: string): boolean {
  const q = fold(query.trim());
  if (!q) return true;
  return [c.name, ...c.guardians.map((g) => g.name)].some((n) => fold(n).includes(q));
}

function reach(name: string, email: string, phone: string) {
  // The visible address is the start of each link's name; who it reaches follows, for screen readers.
  return html`${
    email
      ? html`<a href="mailto:${email}">${email}<span class="visually-hidden"> (${t('contacts.emailTo', { name })})</span></a>`
      : nothing
  }
  ${
    phone
      ? html`<a href="tel:${phone.replace(/[^0-9+]/g, '')}">${phone}<span class="visually-hidden"> (${t('contacts.callTo', { name })})</span></a>`
      : nothing
  }`;
}

/**
 * @summary The Kontaktlista view: the staff list (role, e-mail, phone) and
 * the class list (pupils and the guardians the school shows), searchable by
 * name; e-mail with one tap. Protected people never reach the device.
 */
export class ContactsView extends LitElement {
  static override styles = [
    base,
    buttons,
    badges,
    view,
    itemStyles,
    childStyles,
    css`
      .search {
        display: grid;
        gap: var(--sk-space-1);
        max-width: 24rem;
        margin-bottom: var(--sk-space-4);
      }
      .search input {
        font: inherit;
        min-height: 2.75rem;
        padding: 0 var(--sk-space-2);
        border: 1px solid var(--sk-color-muted);
        border-radius: var(--sk-radius-small);
      }
      .reach {
        display: flex;
        flex-wrap: wrap;
        gap: var(--sk-space-1) var(--sk-space-4);
      }
      .reach a {
        min-height: 2.75rem;
        display: inline-flex;
        align-items: center;
      }
      ul.guardians {
        margin: var(--sk-space-1) 0 0;
        padding-inline-start: var(--sk-space-4);
      }
      section + section {
        margin-top: var(--sk-space-6);
      }
    `,
  ];

  @state() private _query = '';
  private readonly _store = new StoreController(this);
  private readonly _items = new QueryController<ContactDoc>(this, () => {
    const { db } = this._store.state;
    return db ? scopedQuery(db, 'contacts', viewChildren(this._store.state).pupils) : null;
  });

  override render() {
    const st = this._store.state;
    const { pupils } = viewChildren(st);
    const byName = (a: ContactDoc, b: ContactDoc) => a.sortName.localeCompare(b.sortName, 'sv');
    const shown = this._items.docs.filter((c) => matches(c, this._query));
    const staff = shown.filter((c) => c.kind === 'staff').sort(byName);
    const classes = [...new Set(pupils.map((p) => p.classId))];
    return html`
      <a class="back" href=${paths.start}>${t('app.back')}</a>
      <div class="view-head"><h1>${t('contacts.title')}</h1></div>
      ${childChoice(st)}
      <label class="search">
        <span>${t('contacts.search')}</span>
        <input type="search" .value=${this._query} @input=${(e: Event) => (this._query = (e.target as HTMLInputElement).value)} />
      </label>
      ${
        !this._items.ready && st.db
          ? html`<p class="muted">${t('box.loading')}</p>`
          : this._items.docs.length === 0
            ? html`<p class="muted">${t('box.empty')}</p>`
            : shown.length === 0
              ? html`<p role="status">${t('contacts.noMatch')}</p>`
              : html`
                ${
                  staff.length > 0
                    ? html`<section aria-labelledby="staff-heading">
                      <h2 id="staff-heading">${t('contacts.staff')}</h2>
                      <ul class="items">
                        ${staff.map(
                          (c) => html`<li class="contact">
                            <span class="item-head"><span class="item-title">${c.name}</span><span class="meta">${c.role}</span></span>
                            <span class="reach">${reach(c.name, c.email, c.phone)}</span>
                          </li>`,
                        )}
                      </ul>
                    </section>`
                    : nothing
                }
                ${classes.map((classId) => {
                  const list = shown.filter((c) => c.kind === 'pupil' && c.scopeRef === classId).sort(byName);
                  if (list.length === 0) return nothing;
                  const className = pupils.find((p) => p.classId === classId)?.className ?? '';
                  return html`<section aria-labelledby="class-${classId}">
                    <h2 id="class-${classId}">${t('contacts.classList', { className })}</h2>
                    <ul class="items">
                      ${list.map(
                        (c) => html`<li class="contact">
                          <span class="item-title">${c.name}</span>
                          <span class="reach">${reach(c.name, c.email, c.phone)}</span>
                          ${
                            c.guardians.length > 0
                              ? html`<ul class="guardians" aria-label=${t('contacts.guardians')}>
                                ${c.guardians.map((g) => html`<li>${g.name} <span class="reach">${reach(g.name, g.email, g.phone)}</span></li>`)}
                              </ul>`
                              : nothing
                          }
                        </li>`,
                      )}
                    </ul>
                  </section>`;
                })}
              `
      }
    `;
  }
}

define('sk-contacts-view', ContactsView);

declare global {
  interface HTMLElementTagNameMap {
    'sk-contacts-view': ContactsView;
  }
}
