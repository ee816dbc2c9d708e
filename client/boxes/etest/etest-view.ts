import { css, html, LitElement, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import type { EtestQuestion, RequestDoc, TaskAnswer, TaskDoc } from '../../../shared/collections.js';
import { ETEST_SUBMIT, normalizeAnswers } from '../../../shared/tasks.js';
import { paths } from '../../app/router.js';
import { StoreController, selectedPupil } from '../../app/state.js';
import { define } from '../../common/define.js';
import '../../common/rich-text.js';
import { badges, base, buttons, view } from '../../common/styles.js';
import { QueryController } from '../../data/query-controller.js';
import { createRequest } from '../../data/requests.js';
import { formatMoment, reasonText, t } from '../../i18n/i18n.js';
import { itemStyles } from '../items.js';
import { taskRequests, tasksQuery } from '../tasks/tasks.js';
import { etestOrder, etestState, loadDraft, saveDraft, withAnswer } from './etest.js';

/** Reasons after which the pupil may hand in again (the school could not read it, or it was too early). */
const RETRYABLE = new Set(['invalid_answer', 'invalid_payload', 'etest_not_open']);

/**
 * @summary The eTest view (pupils): the published tests; one test
 * (`?prov=<id>`) to answer while it is open — every answer kept on the device
 * as it is given — and hand in once; then the receipt, and the result when
 * the teacher publishes it.
 */
export class EtestView extends LitElement {
  static override styles = [
    base,
    buttons,
    badges,
    view,
    itemStyles,
    css`
      fieldset {
        border: 1px solid var(--sk-color-border);
        border-radius: var(--sk-radius-small);
        padding: var(--sk-space-3);
        margin: 0 0 var(--sk-space-4);
      }
      legend {
        font-weight: 600;
        padding: 0 var(--sk-space-1);
      }
      .hint {
        color: var(--sk-color-muted);
        margin: 0 0 var(--sk-space-2);
      }
      .option {
        display: flex;
        gap: var(--sk-space-2);
        align-items: center;
        min-height: 2.75rem;
      }
      .option input {
        width: 1.25rem;
        height: 1.25rem;
      }
      input[type='text'],
      textarea {
        width: 100%;
        font: inherit;
        padding: var(--sk-space-2);
        border: 1px solid var(--sk-color-muted);
        border-radius: var(--sk-radius-small);
        box-sizing: border-box;
      }
      textarea {
        min-height: 8rem;
      }
      .reason {
        color: var(--sk-color-danger);
      }
      .result li {
        margin-bottom: var(--sk-space-2);
      }
    `,
  ];

  @state() private _answers: TaskAnswer[] = [];
  private _draftKey = '';

  private readonly _store = new StoreController(this);
  private readonly _docs = new QueryController<TaskDoc>(this, () => {
    const { db } = this._store.state;
    const pupil = selectedPupil();
    return db && pupil ? tasksQuery(db, [pupil]) : null;
  });
  private readonly _requests = new QueryController<RequestDoc>(this, () => {
    const { db } = this._store.state;
    return db ? taskRequests(db) : null;
  });

  private get _testId(): string | null {
    return this._store.state.route.query.get('prov');
  }

  override updated(): void {
    const { db } = this._store.state;
    const pupil = selectedPupil();
    const id = this._testId;
    const key = db && pupil && id ? `${db.name}|${pupil.id}|${id}` : '';
    if (key === this._draftKey) return;
    this._draftKey = key;
    this._answers = [];
    if (!db || !pupil || !id) return;
    void loadDraft(db, id, pupil.id).then((answers) => {
      if (this._draftKey === key) this._answers = answers;
    });
  }

  override render() {
    const id = this._testId;
    const loading = !this._docs.ready && this._store.state.db;
    if (id) {
      const test = this._docs.docs.find((d) => d.kind === 'etest' && d.id === id);
      return html`<a class="back" href=${paths.etest}>${t('etest.back')}</a>
        ${loading ? html`<p class="muted">${t('box.loading')}</p>` : test ? this._test(test) : html`<p>${t('etest.notFound')}</p>`}`;
    }
    const now = new Date();
    const tests = etestOrder(this._docs.docs, now);
    return html`<a class="back" href=${paths.start}>${t('app.back')}</a>
      <div class="view-head"><h1>${t('etest.title')}</h1></div>
      ${
        loading
          ? html`<p class="muted">${t('box.loading')}</p>`
          : tests.length === 0
            ? html`<p class="muted">${t('etest.none')}</p>`
            : html`<ul class="items">
              ${tests.map(
                (e) => html`<li>
                  <span class="item-head">
                    <a class="item-title" href=${`${paths.etest}?prov=${encodeURIComponent(e.id)}`}>${e.title}</a>
                  </span>
                  <span class="meta">
                    ${e.subject ? `${e.subject} · ` : ''}${t('etest.opens', { when: formatMoment(e.opensAt) })} ·
                    ${t('etest.closes', { when: formatMoment(e.closesAt) })}
                  </span>
                </li>`,
              )}
            </ul>`
      }`;
  }

  private _test(test: TaskDoc) {
    const pupilId = selectedPupil()?.id ?? '';
    const s = etestState(test, this._docs.docs, this._requests.docs, pupilId, new Date());
    const head = html`<div class="view-head"><h1>${test.title}</h1></div>
      <p class="meta">
        ${test.subject ? `${test.subject} · ` : ''}${test.teacher ? `${test.teacher} · ` : ''}${t('etest.opens', { when: formatMoment(test.opensAt) })}
        · ${t('etest.closes', { when: formatMoment(test.closesAt) })}
      </p>
      ${test.instructions ? html`<sk-rich-text .html=${test.instructions}></sk-rich-text>` : nothing}`;
    switch (s.kind) {
      case 'submitted':
        return html`${head}${this._receipt(test, s.receipt)}`;
      case 'pending':
        return html`${head}<p role="status">
          ${
            s.request.status === 'accepted'
              ? html`<span class="badge ok">${t('etest.submitted', { when: formatMoment(s.request.receivedAt ?? s.request.createdAt) })}</span>`
              : html`<span class="badge warn">${t('etest.pending')}</span>`
          }
        </p>
        ${s.request.status === 'pending' ? html`<p>${t('etest.arrivalCounts', { when: formatMoment(test.closesAt) })}</p>` : nothing}`;
      case 'notOpen':
        return html`${head}<p role="status">${t('etest.phase.notOpen')}</p>`;
      case 'closed':
        return html`${head}<p role="status">${t('etest.closed', { when: formatMoment(test.closesAt) })}</p>`;
      case 'rejected':
        return html`${head}
          <div role="alert">
            <p><span class="badge danger">${t('etest.rejected')}</span></p>
            <p class="reason">
              ${s.request.reasonCode ? reasonText(s.request.reasonCode, s.request.reasonParams as Record<string, string>) : s.request.reason}
            </p>
          </div>
          ${s.phase === 'open' && RETRYABLE.has(s.request.reasonCode ?? '') ? this._form(test) : nothing}`;
      default:
        return html`${head}${this._form(test)}`;
    }
  }

  private _form(test: TaskDoc) {
    const count = test.questions.length;
    const answered = this._answers.length;
    return html`<form @submit=${(e: Event) => this._submit(e, test)}>
      <p class="hint">${t('etest.savedOnDevice')}</p>
      ${test.questions.map((q, i) => this._question(test, q, i, count))}
      <p role="status">${t('etest.answered', { answered, count })}</p>
      <p class="hint">${t('etest.confirmSubmit')}</p>
      <p><button class="button primary" type="submit">${t('etest.submit')}</button></p>
    </form>`;
  }

  private _question(test: TaskDoc, q: EtestQuestion, i: number, count: number) {
    const values = this._answers.find((a) => a.questionId === q.id)?.values ?? [];
    const id = `q-${i}`;
    const legend = html`<legend>
      ${t('etest.question', { n: i + 1, count })} (${t('etest.points', { points: q.points })}): ${q.text}
    </legend>`;
    if (q.type === 'single' || q.type === 'multiple') {
      return html`<fieldset>
        ${legend}
        <p class="hint">${t(q.type === 'single' ? 'etest.single' : 'etest.multiple')}</p>
        ${q.options.map(
          (o, j) => html`<div class="option">
            <input
              id=${`${id}-${j}`}
              type=${q.type === 'single' ? 'radio' : 'checkbox'}
              name=${id}
              .checked=${values.includes(o.id)}
              @change=${(e: Event) => {
                const on = (e.target as HTMLInputElement).checked;
                // The answers now, not as rendered: two quick clicks must both count.
                const now = this._answers.find((a) => a.questionId === q.id)?.values ?? [];
                const others = now.filter((v) => v !== o.id);
                const next = q.type === 'single' ? (on ? [o.id] : []) : on ? [...others, o.id] : others;
                this._answer(test, q.id, next);
              }}
            />
            <label for=${`${id}-${j}`}>${o.text}</label>
          </div>`,
        )}
      </fieldset>`;
    }
    return html`<fieldset>
      ${legend}
      <label class="hint" for=${id}>${t(q.type === 'short' ? 'etest.short' : 'etest.long')}</label>
      ${
        q.type === 'short'
          ? html`<input
              id=${id}
              type="text"
              maxlength="200"
              .value=${values[0] ?? ''}
              @input=${(e: Event) => this._answer(test, q.id, [(e.target as HTMLInputElement).value])}
            />`
          : html`<textarea
              id=${id}
              maxlength="10000"
              .value=${values[0] ?? ''}
              @input=${(e: Event) => this._answer(test, q.id, [(e.target as HTMLTextAreaElement).value])}
            ></textarea>`
      }
    </fieldset>`;
  }

  private _answer(test: TaskDoc, questionId: string, values: string[]) {
    const { db } = this._store.state;
    const pupil = selectedPupil();
    this._answers = withAnswer(this._answers, questionId, values);
    if (db && pupil) void saveDraft(db, test.id, pupil.id, this._answers);
  }

  private async _submit(e: Event, test: TaskDoc) {
    e.preventDefault();
    const { db } = this._store.state;
    const pupil = selectedPupil();
    if (!db || !pupil) return;
    await saveDraft(db, test.id, pupil.id, this._answers);
    const checked = normalizeAnswers(test.questions, this._answers);
    const answers = checked.ok ? checked.answers : this._answers;
    await createRequest(db, { kind: ETEST_SUBMIT, pupilId: pupil.id, payload: { testId: test.id, answers } });
  }

  private _receipt(test: TaskDoc, receipt: TaskDoc) {
    const status = html`<p role="status"><span class="badge ok">${t('etest.submitted', { when: formatMoment(receipt.submittedAt) })}</span></p>`;
    if (!receipt.resultPublished) return html`${status}<p>${t('etest.waitingResult')}</p>`;
    const r = receipt.result;
    const shown = (q: EtestQuestion, values: readonly string[]) =>
      values.length === 0
        ? t('etest.noAnswer')
        : q.type === 'single' || q.type === 'multiple'
          ? values.map((v) => q.options.find((o) => o.id === v)?.text ?? v).join(', ')
          : values.join(', ');
    return html`${status}
      <section class="result" aria-labelledby="result-heading">
        <h2 id="result-heading">${t('etest.result', { score: r.score, max: r.maxScore })}</h2>
        ${r.comment ? html`<p>${t('etest.teacherComment', { text: r.comment })}</p>` : nothing}
        <ol>
          ${test.questions.map((q) => {
            const mark = r.questions.find((m) => m.questionId === q.id);
            const given = receipt.answers.find((a) => a.questionId === q.id)?.values ?? [];
            return html`<li>
              <strong>${q.text}</strong> (${mark?.points ?? 0}/${mark?.maxPoints ?? q.points})
              <br />${t('etest.yourAnswer', { answer: shown(q, given) })}
              ${mark && mark.correct.length > 0 ? html`<br />${t('etest.correct', { answer: shown(q, mark.correct) })}` : nothing}
            </li>`;
          })}
        </ol>
      </section>`;
  }
}

define('sk-etest-view', EtestView);

declare global {
  interface HTMLElementTagNameMap {
    'sk-etest-view': EtestView;
  }
}
