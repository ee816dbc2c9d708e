import { expect, fixture, html } from '@open-wc/testing';
import type { Me } from '../app/state.js';
import { anna, reset, signIn, textOf, until } from '../testing/fixtures.js';
import type { AbsenceReportSource, StaffAbsenceReport, StaffAbsenceReportPage } from './absence-source.js';
import { SourceError } from './absence-source.js';
import './staff-absence.js';
import type { StaffAbsence } from './staff-absence.js';

const TODAY = '2026-12-04';
const karin: Me = { user: { id: 'staff-karin', role: 'staff', name: 'Karin Holm' }, pupils: [] };

function report(over: Partial<StaffAbsenceReport> & Pick<StaffAbsenceReport, 'id'>): StaffAbsenceReport {
  return {
    pupilId: 'pupil-olle',
    pupilName: 'Olle Lindqvist',
    classId: 'class-5a',
    className: '5A',
    date: TODAY,
    wholeDay: true,
    from: '08:15',
    to: '13:45',
    lessons: [],
    comment: '',
    reportedBy: 'Anna Lindqvist',
    sentAt: '2026-12-04T06:10:00.000Z',
    receivedAt: '2026-12-04T06:12:00.000Z',
    reference: 'AB12CD34',
    endedAt: '',
    ...over,
  };
}

/** A staff API in memory: reports with sequence numbers, a stream the test drives. */
class FakeSource implements AbsenceReportSource {
  rows: { seq: number; report: StaffAbsenceReport }[] = [];
  asked: { date: string; after: string }[] = [];
  failWith: number | null = null;
  private hint?: () => void;
  private connection?: (open: boolean) => void;
  listening = false;

  add(r: StaffAbsenceReport) {
    this.rows.push({ seq: this.rows.length + 1, report: r });
  }
  async fetchPage(date: string, after: string): Promise<StaffAbsenceReportPage> {
    this.asked.push({ date, after });
    if (this.failWith !== null) throw new SourceError(this.failWith);
    const rows = this.rows.filter((r) => r.seq > Number(after) && r.report.date === date);
    return { date, reports: rows.map((r) => r.report), cursor: String(rows.at(-1)?.seq ?? after), more: false };
  }
  listen(onHint: () => void, onConnection: (open: boolean) => void) {
    this.hint = onHint;
    this.connection = onConnection;
    this.listening = true;
    onConnection(true);
    onHint();
    return () => {
      this.listening = false;
    };
  }
  /** The server says: something arrived. */
  poke() {
    this.hint?.();
  }
  drop() {
    this.connection?.(false);
  }
  /** The stream is back (EventSource reconnected): its first event is a hint. */
  reconnect() {
    this.connection?.(true);
    this.hint?.();
  }
}

const items = (el: StaffAbsence) =>
  [...(el.shadowRoot?.querySelectorAll('li.report') ?? [])].map((li) => li.textContent?.replace(/\s+/g, ' ').trim());

describe('sk-staff-absence', () => {
  let source: FakeSource;
  beforeEach(() => {
    source = new FakeSource();
    signIn(karin, null);
  });
  afterEach(async () => {
    await reset();
  });

  async function open(): Promise<StaffAbsence> {
    const el = await fixture<StaffAbsence>(html`<sk-staff-absence date=${TODAY} .source=${source}></sk-staff-absence>`);
    await until(() => !textOf(el).includes('Hämtar'), 5000, 'the reports');
    return el;
  }

  it('lists today’s reports newest first: child, class, whole day or lessons, comment, who and when, reference', async () => {
    source.add(report({ id: 'r1' }));
    source.add(
      report({
        id: 'r2',
        pupilName: 'Elsa Lindqvist',
        className: '2A',
        wholeDay: false,
        from: '09:15',
        to: '10:00',
        lessons: [{ id: 'l2', start: '09:15', end: '10:00', subject: 'Matematik' }],
        comment: 'Tandläkare',
        receivedAt: '2026-12-04T06:30:00.000Z',
        reference: 'EF56GH78',
      }),
    );
    const el = await open();
    expect(el.shadowRoot?.querySelector('h1')?.textContent).to.equal('Frånvaro idag');
    expect(textOf(el)).to.contain('Anmälningar för fredag 4 december');
    expect(textOf(el)).to.contain('Uppdateras direkt 2 anmälningar');
    expect(items(el)).to.deep.equal([
      'Elsa Lindqvist, 2A 09:15–10:00 · 09:15–10:00 Matematik Kommentar: Tandläkare Anmäld av Anna Lindqvist, mottagen 4 dec. 07:30 · Referens EF56GH78',
      'Olle Lindqvist, 5A Heldag Anmäld av Anna Lindqvist, mottagen 4 dec. 07:12 · Referens AB12CD34',
    ]);
    expect(source.asked).to.deep.equal([{ date: TODAY, after: '0' }]);
    await expect(el).to.be.accessible();
  });

  it('shows a new report when the stream says one arrived, asking only for what came after its cursor', async () => {
    source.add(report({ id: 'r1' }));
    const el = await open();
    expect(items(el)).to.have.length(1);
    source.add(report({ id: 'r2', pupilName: 'Bo Berg', receivedAt: '2026-12-04T07:00:00.000Z' }));
    source.poke();
    await until(() => items(el).length === 2, 2000, 'the new report');
    expect(items(el)[0]).to.contain('Bo Berg');
    expect(source.asked.at(-1)).to.deep.equal({ date: TODAY, after: '1' });
    // A report ended early comes again: it replaces its line.
    source.add(report({ id: 'r1', wholeDay: false, to: '10:00', endedAt: '2026-12-04T08:50:00.000Z' }));
    source.poke();
    await until(() => items(el).some((i) => i?.includes('Avslutad i förväg')), 2000, 'the ended report');
    expect(items(el)).to.have.length(2);
    expect(items(el).find((i) => i?.includes('Olle'))).to.contain('Avslutad i förväg 4 dec. 09:50: tillbaka 10:00');
  });

  it('says so when there are no reports yet', async () => {
    const el = await open();
    expect(textOf(el)).to.contain('Inga frånvaroanmälningar har kommit in för dagen.');
    await expect(el).to.be.accessible();
  });

  it('says clearly that it needs the network when the school cannot be reached, and that the list is old when offline', async () => {
    source.failWith = 0;
    const el = await open();
    expect(el.shadowRoot?.querySelector('[role="alert"]')?.textContent).to.contain(
      'Du är offline. Frånvaroanmälningarna hämtas direkt från skolan och kan inte visas utan anslutning.',
    );
    expect(items(el)).to.deep.equal([]);
    // Back online: the list comes, and then the device goes offline again.
    source.failWith = null;
    source.add(report({ id: 'r1' }));
    source.poke();
    await until(() => items(el).length === 1, 2000, 'the report');
    expect(el.shadowRoot?.querySelector('[role="alert"]')).to.equal(null);
    dispatchEvent(new Event('offline'));
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    try {
      dispatchEvent(new Event('offline'));
      await until(() => el.shadowRoot?.querySelector('[role="alert"]') !== null, 2000, 'the offline notice');
      expect(el.shadowRoot?.querySelector('[role="alert"]')?.textContent).to.contain(
        'uppdateras inte förrän anslutningen är tillbaka',
      );
      expect(textOf(el)).to.contain('Uppdateras inte');
      await expect(el).to.be.accessible();
    } finally {
      Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => true });
      dispatchEvent(new Event('online'));
    }
  });

  it('says the list is not live while the stream is broken, and is live again when it is back', async () => {
    source.add(report({ id: 'r1' }));
    const el = await open();
    source.drop();
    await until(() => el.shadowRoot?.querySelector('[role="alert"]') !== null, 2000, 'the notice');
    expect(textOf(el)).to.contain('Uppdateras inte');
    expect(items(el)).to.have.length(1);
    source.reconnect();
    await until(() => el.shadowRoot?.querySelector('[role="alert"]') === null, 2000, 'live again');
    expect(textOf(el)).to.contain('Uppdateras direkt');
  });

  it('asks to sign in again when the session is gone', async () => {
    source.failWith = 401;
    const el = await open();
    expect(textOf(el)).to.contain('Du är inte längre inloggad.');
  });

  it('shows families nothing of the school’s and does not listen', async () => {
    signIn(anna, null);
    const el = await fixture<StaffAbsence>(html`<sk-staff-absence date=${TODAY} .source=${source}></sk-staff-absence>`);
    expect(textOf(el)).to.contain('De här sidorna är för skolans personal.');
    expect(source.listening).to.equal(false);
  });

  it('stops listening when the page is left', async () => {
    const el = await open();
    expect(source.listening).to.equal(true);
    el.remove();
    expect(source.listening).to.equal(false);
  });
});
