import { css, html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { PublicationDoc } from '../../shared/collections.js';
import { localeOf } from '../../shared/i18n/index.js';
import { StoreController, store } from '../app/state.js';
import { onSavedFilesChange, openFile, savedFileIds, savedFilesSize, saveFile, unsaveFile } from '../data/files.js';
import { t } from '../i18n/i18n.js';
import { define } from './define.js';
import { base, buttons } from './styles.js';

type Attachment = PublicationDoc['attachments'][number];

/** A size in bytes for people: "12 kB", "1,4 MB". */
export function formatBytes(bytes: number): string {
  const f = new Intl.NumberFormat(localeOf(store.get().lang), { maximumFractionDigits: 1 });
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${f.format(bytes / 1000)} kB`;
  return `${f.format(bytes / 1_000_000)} MB`;
}

/**
 * @summary The files of a publication: open one (from the device when saved,
 * so it opens offline), and save it for offline reading with one tap.
 */
export class FileList extends LitElement {
  static override styles = [
    base,
    buttons,
    css`
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--sk-space-2);
      }
      li {
        display: flex;
        flex-wrap: wrap;
        gap: var(--sk-space-2);
        align-items: center;
      }
      .size,
      .saved {
        color: var(--sk-color-muted);
        font-size: 0.95rem;
      }
    `,
  ];

  @property({ attribute: false }) files: Attachment[] = [];

  @state() private _saved = new Set<string>();
  @state() private _busy = new Set<string>();
  @state() private _error = '';
  private readonly _store = new StoreController(this);
  private _unsubscribe?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    this._unsubscribe = onSavedFilesChange(() => void this._refresh());
    void this._refresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._unsubscribe?.();
  }

  private get _userId() {
    return this._store.state.me?.user.id ?? '';
  }

  private async _refresh() {
    this._saved = await savedFileIds(this._userId).catch(() => new Set<string>());
  }

  private async _toggle(file: Attachment) {
    this._busy = new Set([...this._busy, file.id]);
    this._error = '';
    try {
      if (this._saved.has(file.id)) await unsaveFile(this._userId, file.id);
      else await saveFile(this._userId, file.id);
    } catch {
      this._error = t('files.saveFailed');
    } finally {
      this._busy = new Set([...this._busy].filter((id) => id !== file.id));
    }
  }

  override render() {
    if (this.files.length === 0) return nothing;
    return html`<ul>
        ${this.files.map((f) => {
          const saved = this._saved.has(f.id);
          return html`<li>
            <button class="link-button" @click=${() => openFile(this._userId, f.id, f.name)}>${f.name}</button>
            <span class="size">(${formatBytes(f.size)})</span>
            <button
              class="button"
              aria-pressed=${saved ? 'true' : 'false'}
              ?disabled=${this._busy.has(f.id)}
              @click=${() => this._toggle(f)}
            >
              ${saved ? t('files.saved') : t('files.save')}<span class="visually-hidden">: ${f.name}</span>
            </button>
          </li>`;
        })}
      </ul>
      ${this._error ? html`<p role="alert">${this._error}</p>` : nothing}`;
  }
}

/**
 * @summary How much the files saved on this device take, e.g. "Sparade filer
 * på enheten: 2 filer, 1,2 MB".
 */
export class SavedFiles extends LitElement {
  static override styles = [base];
  @state() private _size = { count: 0, bytes: 0 };
  private readonly _store = new StoreController(this);
  private _unsubscribe?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    this._unsubscribe = onSavedFilesChange(() => void this._refresh());
    void this._refresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._unsubscribe?.();
  }

  private async _refresh() {
    this._size = await savedFilesSize(this._store.state.me?.user.id ?? '').catch(() => ({ count: 0, bytes: 0 }));
  }

  override render() {
    return html`<p role="status">
      ${t('files.usage', { count: this._size.count, size: formatBytes(this._size.bytes) })}
    </p>`;
  }
}

define('sk-file-list', FileList);
define('sk-saved-files', SavedFiles);

declare global {
  interface HTMLElementTagNameMap {
    'sk-file-list': FileList;
    'sk-saved-files': SavedFiles;
  }
}
