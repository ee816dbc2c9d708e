import { expect, fixture, html } from '@open-wc/testing';
import type { Me } from '../../app/state.js';
import { reset, signIn, textOf, until } from '../../testing/fixtures.js';
import { conversationDoc, taskDoc } from '../../testing/tasks.js';
import './staff-tasks.js';
import type { StaffTasks } from './staff-tasks.js';

/** A button in a component's shadow root (the test fails if it is not there). */
const button = (el: Element, selector: string) => el.shadowRoot?.querySelector(selector) as HTMLButtonElement;

const karin: Me = { user: { id: 'staff-karin', role: 'staff', name: 'Karin Holm' }, pupils: [] };

const assignment = {
  ...taskDoc({ id: 't1', title: 'Bokrecension', deadline: '2026-12-11T15:00:00.000Z' }),
  published: true,
  conversations: [
    { pupilId: 'p-ali', pupilName: 'Ali Berg', className: '5A', status: '', messages: [], awaitingReply: false },
    {
      pupilId: 'pupil-olle',
      pupilName: 'Olle Lindqvist',
      className: '5A',
      status: 'started',
      messages: [
        {
          id: 'm1',
          fromStaff: false,
          author: 'Olle Lindqvist',
          text: 'Får det vara en serie?',
          at: '2026-12-03T17:00:00.000Z',
        },
      ],
      awaitingReply: true,
    },
  ],
};

describe('sk-staff-tasks', () => {
  const realFetch = window.fetch;
  let calls: { method: string; url: string; body: unknown }[];
  let replyStatus: number;
  beforeEach(() => {
    calls = [];
    replyStatus = 200;
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      const method = init?.method ?? 'GET';
      calls.push({ method, url, body: init?.body ? JSON.parse(String(init.body)) : undefined });
      if (method === 'GET' && url === '/api/staff/tasks') return Response.json([assignment]);
      if (method === 'POST' && replyStatus === 200) return Response.json(conversationDoc('t1'));
      return Response.json(
        { error: 'forbidden', message: 'You may not publish for this school.' },
        { status: replyStatus },
      );
    };
  });
  afterEach(async () => {
    window.fetch = realFetch;
    await reset();
  });

  it('is accessible, marks the pupils waiting for a reply, and sends a reply to the chosen pupil', async () => {
    signIn(karin, null, null);
    const el = await fixture<StaffTasks>(html`<sk-staff-tasks></sk-staff-tasks>`);
    await until(() => textOf(el).includes('Bokrecension'), 5000, 'the assignments');
    const buttons = [...(el.shadowRoot?.querySelectorAll('.pupils button') ?? [])] as HTMLButtonElement[];
    // Waiting for a reply first.
    expect(buttons[0]?.textContent).to.contain('Olle Lindqvist');
    expect(buttons[0]?.textContent).to.contain('Väntar på svar');
    await expect(el).to.be.accessible();
    buttons[0]?.click();
    await until(() => textOf(el).includes('Får det vara en serie?'), 5000, 'the conversation');
    expect(buttons[0]?.getAttribute('aria-pressed')).to.equal('true');
    await expect(el).to.be.accessible();

    const textarea = el.shadowRoot?.querySelector('textarea') as HTMLTextAreaElement;
    textarea.value = 'Ja, det går bra!';
    textarea.dispatchEvent(new Event('input'));
    button(el, 'form button[type=submit]').click();
    await until(() => textOf(el).includes('Svaret är skickat.'), 5000, 'the confirmation');
    expect(calls.find((c) => c.method === 'POST')).to.deep.equal({
      method: 'POST',
      url: '/api/staff/tasks/t1/conversations/pupil-olle',
      body: { text: 'Ja, det går bra!' },
    });
    // The list is read again after a reply.
    expect(calls.filter((c) => c.method === 'GET')).to.have.length(2);
  });

  it('says why a reply failed and keeps what was written; sends nothing when empty', async () => {
    signIn(karin, null, null);
    replyStatus = 403;
    const el = await fixture<StaffTasks>(html`<sk-staff-tasks></sk-staff-tasks>`);
    await until(() => textOf(el).includes('Bokrecension'), 5000, 'the assignments');
    button(el, '.pupils button').click();
    await until(() => el.shadowRoot?.querySelector('textarea') !== null, 5000, 'the form');
    const submit = () => button(el, 'form button[type=submit]').click();
    submit();
    await until(() => textOf(el).includes('Meddelandet är tomt.'), 5000, 'the empty message');
    expect(calls.filter((c) => c.method === 'POST')).to.have.length(0);
    const textarea = el.shadowRoot?.querySelector('textarea') as HTMLTextAreaElement;
    textarea.value = 'Hej';
    textarea.dispatchEvent(new Event('input'));
    submit();
    await until(() => textOf(el).includes('Svaret kunde inte skickas'), 5000, 'the failure');
    expect(textarea.value).to.equal('Hej');
    await expect(el).to.be.accessible();
  });

  it('tells anybody but staff that the page is for staff, and asks the server nothing', async () => {
    signIn({ user: { id: 'u', role: 'pupil', name: 'Olle' }, pupils: [] }, null, null);
    const el = await fixture<StaffTasks>(html`<sk-staff-tasks></sk-staff-tasks>`);
    expect(textOf(el)).to.contain('Den här sidan är för skolans personal.');
    expect(calls).to.have.length(0);
    await expect(el).to.be.accessible();
  });
});
