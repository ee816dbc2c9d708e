import { html, LitElement } from 'lit';
import type { ContactDoc } from '../../../shared/collections.js';
import { paths } from '../../app/router.js';
import { StoreController, selectedPupil } from '../../app/state.js';
import { define } from '../../common/define.js';
import { base, box } from '../../common/styles.js';
import { QueryController } from '../../data/query-controller.js';
import { t } from '../../i18n/i18n.js';
import { scopedQuery } from '../items.js';

/** @summary The Kontaktlista box: how many staff and classmates are listed. */
export class ContactsBox extends LitElement {
  static override styles = [base, box];

  private readonly _store = new StoreController(this);
  private readonly _items = new QueryController<ContactDoc>(this, () => {
    const { db } = this._store.state;
    const pupil = selectedPupil();
    return db && pupil ? scopedQuery(db, 'contacts', [pupil]) : null;
  });

  override render() {
    const staff = this._items.docs.filter((c) => c.kind === 'staff').length;
    const pupils = this._items.docs.length - staff;
    return html`<section aria-labelledby="contacts-heading">
      <div class="box-head">
        <h2 id="contacts-heading"><a href=${paths.contacts}>${t('contacts.title')}</a></h2>
      </div>
      ${
        !this._items.ready
          ? html`<p class="muted">${t('box.loading')}</p>`
          : this._items.docs.length === 0
            ? html`<p class="muted">${t('box.empty')}</p>`
            : html`<p>${t('contacts.summary', { staff, pupils })}</p>`
      }
      <p><a href=${paths.contacts}>${t('box.open', { name: t('contacts.title') })}</a></p>
    </section>`;
  }
}

define('sk-contacts-box', ContactsBox);

declare global {
  interface HTMLElementTagNameMap {
    'sk-contacts-box': ContactsBox;
  }
}
