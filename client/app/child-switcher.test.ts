import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { anna, olleHimself, reset, signIn, textOf, until } from '../testing/fixtures.js';
import './child-switcher.js';
import type { ChildSwitcher } from './child-switcher.js';
import { store } from './state.js';

/** The switcher where the app puts it: on the brand-coloured menu bar. */
async function inMenuBar(): Promise<ChildSwitcher> {
  const bar = await fixture<HTMLElement>(html`<header style="background: var(--sk-color-brand); padding: 0.5rem">
    <sk-child-switcher></sk-child-switcher>
  </header>`);
  const el = bar.querySelector('sk-child-switcher') as ChildSwitcher;
  await el.updateComplete;
  return el;
}

const toggle = (el: ChildSwitcher) => el.shadowRoot?.querySelector('button.current') as HTMLButtonElement;
const list = (el: ChildSwitcher) => el.shadowRoot?.querySelector('ul') as HTMLUListElement;
const items = (el: ChildSwitcher) => [...(el.shadowRoot?.querySelectorAll<HTMLButtonElement>('ul button') ?? [])];
/** The button's description (what pressing it does). */
const hint = (el: ChildSwitcher) =>
  el.shadowRoot?.getElementById(toggle(el).getAttribute('aria-describedby') ?? '')?.textContent?.trim();
const focused = (el: ChildSwitcher) => el.shadowRoot?.activeElement as HTMLElement | null;

describe('sk-child-switcher', () => {
  afterEach(async () => {
    await reset();
  });

  it('is accessible closed and open', async () => {
    signIn(anna, null, 'pupil-olle');
    const el = await inMenuBar();
    await expect(el).to.be.accessible();
    toggle(el).click();
    await until(() => focused(el) !== null && focused(el) !== toggle(el), 2000, 'focus in the list');
    await expect(el).to.be.accessible();
  });

  it('shows the only child’s name and class without a button', async () => {
    signIn(olleHimself, null);
    const el = await inMenuBar();
    expect(textOf(el)).to.equal('Olle Lindqvist 5A');
    expect(el.shadowRoot?.querySelector('button')).to.equal(null);
    expect(el.shadowRoot?.querySelector('[aria-expanded]')).to.equal(null);
  });

  it('shows nothing when nobody is signed in', async () => {
    const el = await inMenuBar();
    expect(textOf(el)).to.equal('');
  });

  it('with several children shows the selected one on a closed button, named by its visible text and described as switching child', async () => {
    signIn(anna, null, 'pupil-olle');
    const el = await inMenuBar();
    const button = toggle(el);
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(button.hasAttribute('aria-label')).to.equal(false);
    expect(button.querySelector('span:not([aria-hidden])')?.textContent).to.equal('Olle Lindqvist 5A');
    expect(hint(el)).to.equal('Klass 5A. Tryck för att byta barn.');
    expect(list(el).hidden).to.equal(true);
    expect(list(el).getAttribute('aria-label')).to.equal('Välj barn');
  });

  it('opens the list on click, with every child and the current one marked and focused', async () => {
    signIn(anna, null, 'pupil-olle');
    const el = await inMenuBar();
    toggle(el).click();
    await el.updateComplete;
    expect(toggle(el).getAttribute('aria-expanded')).to.equal('true');
    expect(list(el).hidden).to.equal(false);
    expect(items(el).map((b) => b.textContent?.trim())).to.deep.equal(['Elsa Lindqvist, 2A', 'Olle Lindqvist, 5A']);
    expect(items(el).map((b) => b.getAttribute('aria-current'))).to.deep.equal(['false', 'true']);
    await until(() => focused(el) === items(el)[1], 2000, 'focus on the current child');
  });

  it('switches child on click: the store and the name at the top change, the list closes', async () => {
    signIn(anna, null, 'pupil-olle');
    const el = await inMenuBar();
    toggle(el).click();
    await el.updateComplete;
    items(el)[0]?.click();
    await until(() => store.get().pupilId === 'pupil-elsa', 2000, 'Elsa selected');
    await el.updateComplete;
    expect(toggle(el).textContent).to.contain('Elsa Lindqvist');
    expect(toggle(el).getAttribute('aria-expanded')).to.equal('false');
    expect(list(el).hidden).to.equal(true);
    await until(() => focused(el) === toggle(el), 2000, 'focus back on the button');
  });

  it('opens with Enter, moves focus with the arrow keys (wrapping), and switches with Enter', async () => {
    signIn(anna, null, 'pupil-olle');
    const el = await inMenuBar();
    toggle(el).focus();
    await sendKeys({ press: 'Enter' });
    await until(() => focused(el) === items(el)[1], 2000, 'focus on the current child');
    await sendKeys({ press: 'ArrowUp' });
    expect(focused(el)).to.equal(items(el)[0]);
    await sendKeys({ press: 'ArrowDown' });
    expect(focused(el)).to.equal(items(el)[1]);
    await sendKeys({ press: 'ArrowDown' });
    expect(focused(el)).to.equal(items(el)[0]);
    await sendKeys({ press: 'Enter' });
    await until(() => store.get().pupilId === 'pupil-elsa', 2000, 'Elsa selected');
    await el.updateComplete;
    expect(toggle(el).textContent).to.contain('Elsa Lindqvist');
    expect(hint(el)).to.equal('Klass 2A. Tryck för att byta barn.');
    await until(() => focused(el) === toggle(el), 2000, 'focus back on the button');
  });

  it('closes with Escape and returns focus to the button, keeping the child', async () => {
    signIn(anna, null, 'pupil-olle');
    const el = await inMenuBar();
    toggle(el).focus();
    await sendKeys({ press: 'Enter' });
    await until(() => focused(el) === items(el)[1], 2000, 'focus in the list');
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(list(el).hidden).to.equal(true);
    expect(toggle(el).getAttribute('aria-expanded')).to.equal('false');
    expect(focused(el)).to.equal(toggle(el));
    expect(store.get().pupilId).to.equal('pupil-olle');
  });

  it('closes when the user clicks elsewhere on the page', async () => {
    signIn(anna, null, 'pupil-olle');
    const el = await inMenuBar();
    toggle(el).click();
    await el.updateComplete;
    expect(list(el).hidden).to.equal(false);
    document.body.click();
    await el.updateComplete;
    expect(list(el).hidden).to.equal(true);
  });

  it('follows a change of child made elsewhere', async () => {
    signIn(anna, null, 'pupil-olle');
    const el = await inMenuBar();
    store.set({ pupilId: 'pupil-elsa' });
    await el.updateComplete;
    expect(toggle(el).textContent).to.contain('Elsa Lindqvist');
  });
});
