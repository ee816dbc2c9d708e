/**
 * Sync under faults: real RxDB devices (memory storage, one worker thread
 * each) replicate with the real server over HTTP while a seeded injector
 * fails pushes before they reach the server, loses responses after the server
 * applied them, fails pulls, cuts the live stream, and the server restarts
 * mid-run. Meanwhile the guardians report absences (valid and invalid), the
 * pupil tries to, and the school changes things in SQL. With the faults off,
 * every device must come to hold exactly what the server gives its user, and
 * every request must have been decided exactly once.
 *
 * Seeds: FAULT_SEEDS=1,2,3 runs others (the seed is in the test's name).
 *
 * @module
 */
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterEach, describe, expect, it } from 'vitest';
import { ABSENCE_REPORT, type AbsenceReportPayload, evaluateAbsenceReport } from '../../shared/absence.js';
import { type CollectionName, collectionNames, type LessonDoc } from '../../shared/collections.js';
import { en } from '../../shared/i18n/en.js';
import { addCatalog, reasonText } from '../../shared/i18n/index.js';
import type { ReasonCode } from '../../shared/requests.js';
import { addDays, type IsoDate, instantInZone } from '../../shared/time.js';
import { type App, createApp } from '../app.js';
import type { Database } from '../db/database.js';
import { openPostgres } from '../db/postgres.js';
import { insertLessons } from '../demo/school.js';
import { engines, type TestDatabase, testDatabase } from '../testing/db.js';
import { createTestSchool, PASSWORD, registerAbsence, signIn, waitFor, weekdays } from '../testing/school.js';
import { deviceSeed, type FaultCounts, type FaultRates, prng, type Stats } from './faults.client.js';
import { Device, untilInSync } from './faults.devices.js';

// The devices' English texts are compared too.
addCatalog('en', en);

const SEEDS = process.env.FAULT_SEEDS
  ? process.env.FAULT_SEEDS.split(',').map((s) => Number(s.trim()))
  : [20260310, 1170, 86_421];
/** Operations per seed: requests made on the devices and changes the school makes in SQL. */
const OPERATIONS = 300;
const TODAY = '2026-03-10'; // a Tuesday
const TOMORROW = addDays(TODAY, 1);
/** The server's clock, fixed: today has lessons, and so has tomorrow. */
const NOW = instantInZone(TODAY, '07:40');
const DAYS = weekdays('2026-03-02', 15);
const OTHER_DAYS = DAYS.filter((d) => d !== TODAY && d !== TOMORROW);
const RATES: FaultRates = {
  pushFail: 0.2,
  pushLose: 0.2,
  pullFail: 0.12,
  pullLose: 0.06,
  streamFail: 0.15,
  streamCut: 0.3,
};
/** Each kind of fault must have happened at least this often in a seed, or the run proved nothing. */
const MIN_FAULTS = 3;

const DEVICES = [
  { name: 'ga', email: 'ga@test.se', userId: 'ga' },
  { name: 'g2', email: 'g2@test.se', userId: 'g2' },
  { name: 'ada', email: 'ada@test.se', userId: 'ua' },
] as const;
type DeviceName = (typeof DEVICES)[number]['name'];

type Expected = { status: 'accepted' } | { status: 'rejected'; code: ReasonCode };

interface Made {
  id: string;
  device: DeviceName;
  pupilId: string;
  payload: AbsenceReportPayload;
  expected: Expected;
}

/** The server over HTTP: an app and its HTTP server, which the test stops and starts again on the same port. */
class RunningServer {
  private inflight = 0;
  private idle: (() => void) | undefined;

  private constructor(
    readonly app: App,
    private readonly ownDb: Database | undefined,
  ) {}

  http!: Server;
  port = 0;

  /**
   * Starts an app on 127.0.0.1:`port` (0: any free port). On PGlite it shares
   * the test's database object (a second PGlite cannot open the same data); on
   * PostgreSQL it opens a pool of its own to the same database, like a new
   * process would.
   */
  static async start(db: TestDatabase, port: number): Promise<RunningServer> {
    const ownDb = db.engine === 'postgres' ? await openPostgres(db.url as string, { max: 6 }) : undefined;
    const app = await createApp({ db: ownDb ?? db, now: () => new Date(NOW) });
    const server = new RunningServer(app, ownDb);
    server.http = serve({
      hostname: '127.0.0.1',
      port,
      fetch: async (request, env) => {
        server.inflight++;
        try {
          return await app.app.fetch(request, env);
        } finally {
          if (--server.inflight === 0) server.idle?.();
        }
      },
    }) as Server;
    await once(server.http, 'listening');
    server.port = (server.http.address() as AddressInfo).port;
    return server;
  }

  /**
   * Stops at once, as a crash or a deploy would: every open connection (live
   * streams, requests in flight) is cut, so a device may lose the answer to a
   * push the server goes on to apply. Handlers already running finish before
   * the app's pool closes (the live streams' handlers return at once).
   */
  async stop(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.http.close(() => resolve()));
    this.http.closeAllConnections();
    await closed;
    while (this.inflight > 0) {
      await new Promise<void>((resolve) => {
        this.idle = resolve;
      });
    }
    await this.app.close();
    await this.ownDb?.close();
  }
}

function sumCounts(all: FaultCounts[]): FaultCounts {
  const total = { ...(all[0] as FaultCounts) };
  for (const c of all.slice(1)) for (const k of Object.keys(total) as (keyof FaultCounts)[]) total[k] += c[k];
  return total;
}

/**
 * The operations of one seed, as a generator of steps the test runs in order:
 * a request made on a device, or a change the school makes in SQL.
 */
function planner(seed: number) {
  const random = prng(seed);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;
  const lessonIds = (day: IsoDate) => [1, 2, 3, 4].map((n) => `4a-${day}-${n}`);
  const comment = () =>
    random() < 0.4 ? pick(['Sjuk', 'Tandläkaren', 'Feber, stannar hemma', ' Förkyld ']) : undefined;
  const withComment = (p: AbsenceReportPayload): AbsenceReportPayload => {
    const c = comment();
    return c === undefined ? p : { ...p, comment: c };
  };

  /** A report the school must take. */
  const valid = (): AbsenceReportPayload => {
    const date = pick([TODAY, TOMORROW]);
    switch (int(3)) {
      case 0:
        return withComment({ date, wholeDay: true });
      case 1: {
        const ids = lessonIds(date).filter(() => random() < 0.5);
        return withComment({ date, wholeDay: false, lessonIds: ids.length > 0 ? ids : [`4a-${date}-2`] });
      }
      default: {
        const [from, to] = pick([
          ['08:00', '08:50'],
          ['09:15', '11:30'],
          ['07:30', '08:10'],
          ['11:40', '13:00'],
          ['10:00', '10:20'],
        ] as const);
        return withComment({ date, wholeDay: false, from, to });
      }
    }
  };

  /** A report the school must turn down, and why. */
  const invalid = (): { pupilId: string; payload: AbsenceReportPayload; code: ReasonCode } => {
    const date = pick([TODAY, TOMORROW]);
    switch (int(7)) {
      case 0:
        return {
          pupilId: 'ada',
          payload: { date: pick([addDays(TODAY, -1), addDays(TODAY, 2), '2025-12-24', '2026-06-01']), wholeDay: true },
          code: 'date_not_reportable',
        };
      case 1: {
        const [from, to] = pick([
          ['13:00', '14:30'],
          ['06:00', '07:30'],
          ['11:50', '12:30'],
        ] as const);
        return { pupilId: 'ada', payload: { date, wholeDay: false, from, to }, code: 'outside_schedule' };
      }
      case 2:
        return {
          pupilId: 'ada',
          payload: { date, wholeDay: false, from: '10:00', to: '09:00' },
          code: 'invalid_time_range',
        };
      case 3:
        return {
          pupilId: 'ada',
          payload: {
            date,
            wholeDay: false,
            lessonIds: [pick([`4b-${date}-1`, 'no-such-lesson', `4a-${OTHER_DAYS[0]}-1`])],
          },
          code: 'unknown_lessons',
        };
      case 4:
        return { pupilId: 'bo', payload: { date, wholeDay: true }, code: 'no_custody' };
      case 5:
        return { pupilId: 'ada', payload: { date: '2026-02-30', wholeDay: true }, code: 'invalid_payload' };
      default:
        return {
          pupilId: 'ada',
          payload: { date, wholeDay: true, lessonIds: [`4a-${date}-1`] },
          code: 'invalid_payload',
        };
    }
  };

  return { random, int, pick, valid, invalid };
}

describe.each(engines)('sync under faults on %s', (engine) => {
  let db: TestDatabase | undefined;
  let server: RunningServer | undefined;
  let devices: Device[] = [];

  afterEach(async () => {
    await Promise.all(devices.map((d) => d.close()));
    devices = [];
    await server?.stop();
    server = undefined;
    await db?.close();
    db = undefined;
  });

  it.each(SEEDS)(
    `seed %i: three devices, ${OPERATIONS} operations while pushes fail, responses are lost, pulls fail and the server restarts; all converge`,
    async (seed) => {
      const started = Date.now();
      const sql = await testDatabase(engine);
      db = sql;
      await createTestSchool(sql, DAYS);
      server = await RunningServer.start(sql, 0);
      const port = server.port;
      const baseUrl = `http://127.0.0.1:${port}`;

      devices = DEVICES.map(
        (d) =>
          new Device({
            name: d.name,
            baseUrl,
            email: d.email,
            password: PASSWORD,
            seed: deviceSeed(seed, d.name),
            retryTime: 100,
            rates: RATES,
          }),
      );
      const userIds = await Promise.all(devices.map((d) => d.ready));
      expect(userIds).toEqual(DEVICES.map((d) => d.userId));
      const device = (name: DeviceName) => devices[DEVICES.findIndex((d) => d.name === name)] as Device;

      const plan = planner(seed);
      const made: Made[] = [];
      const registered: string[] = [];
      const tally = { requests: 0, schoolChanges: 0, restarts: 0, opsWhileDown: 0 };
      let nextRestart = 25 + plan.int(30);
      let downUntil = -1;

      const make = async (name: DeviceName, pupilId: string, payload: AbsenceReportPayload, expected: Expected) => {
        const id = await device(name).call<string>({
          type: 'create',
          kind: ABSENCE_REPORT,
          pupilId,
          payload: payload as unknown as Record<string, unknown>,
        });
        made.push({ id, device: name, pupilId, payload, expected });
        tally.requests++;
      };

      /** A change the school makes directly in the database, as staff would through their own tools. */
      const schoolChange = async (i: number) => {
        tally.schoolChanges++;
        const day = plan.pick(DAYS);
        const lesson = `4a-${day}-${1 + plan.int(4)}`;
        switch (plan.int(9)) {
          case 0:
          case 1: {
            const id = `reg-${i}`;
            const whole = plan.random() < 0.5;
            await registerAbsence(sql, {
              id,
              pupilId: 'ada',
              date: day,
              ...(whole ? {} : { from: '09:00', to: '10:50' }),
              comment: plan.pick(['', 'Sjukanmälan via telefon', 'Ledighet beviljad']),
            });
            registered.push(id);
            return;
          }
          case 2:
            // Another family's child: in nobody's scope here, so it must reach no device.
            await registerAbsence(sql, { id: `reg-bo-${i}`, pupilId: 'bo', date: day });
            return;
          case 3:
            await sql.query('UPDATE lessons SET note = $2, room = $3 WHERE id = $1', [
              lesson,
              plan.pick(['Ta med gympakläder', 'Prov', 'Läxförhör', '']),
              plan.pick(['A1', 'B2', 'Aulan']),
            ]);
            return;
          case 4:
            // A substitute teaches: the lesson still counts for reports.
            await sql.query(`UPDATE lessons SET status = 'substituted', substitute = $2 WHERE id = $1`, [
              lesson,
              plan.pick(['Per Ek', 'Lisa Strand']),
            ]);
            return;
          case 5: {
            // Cancelling or removing lessons only on other days: today's and tomorrow's schedule decides the reports.
            const other = `4a-${plan.pick(OTHER_DAYS)}-${1 + plan.int(4)}`;
            if (plan.random() < 0.5) await sql.query(`UPDATE lessons SET status = 'cancelled' WHERE id = $1`, [other]);
            else await sql.query('UPDATE lessons SET deleted = true WHERE id = $1', [other]);
            return;
          }
          case 6: {
            const date = plan.pick(OTHER_DAYS);
            await insertLessons(
              sql,
              ['4a', '4b'].map((classId) => ({
                id: `extra-${classId}-${i}`,
                classId,
                date,
                start: '13:00',
                end: '13:45',
                subject: plan.pick(['Slöjd', 'Musik', 'Bild']),
                room: 'C3',
                teacher: 'Karin Holm',
                status: 'normal',
                substitute: '',
                note: '',
              })),
            );
            return;
          }
          case 7: {
            // The school judges a reported absence.
            const reported = await sql.query<{ id: string }>(
              `SELECT id FROM absences WHERE source = 'reported' ORDER BY id`,
            );
            if (reported.length === 0) return;
            await sql.query('UPDATE absences SET validity = $2 WHERE id = $1', [
              plan.pick(reported).id,
              plan.pick(['valid', 'invalid']),
            ]);
            return;
          }
          default:
            await sql.query('UPDATE pupils SET last_name = $1 WHERE id = $2', [plan.pick(['Ahl', 'Ahl Berg']), 'ada']);
        }
      };

      for (let i = 0; i < OPERATIONS; i++) {
        if (i === nextRestart && server) {
          const stopping = server;
          server = undefined;
          await stopping.stop();
          tally.restarts++;
          downUntil = i + 2 + plan.int(8);
          nextRestart = downUntil + 30 + plan.int(30);
        }
        if (i === downUntil) server = await RunningServer.start(sql, port);
        if (!server) tally.opsWhileDown++;

        const roll = plan.random();
        if (roll < 0.4) {
          await make(plan.pick(['ga', 'g2'] as const), 'ada', plan.valid(), { status: 'accepted' });
        } else if (roll < 0.62) {
          const { pupilId, payload, code } = plan.invalid();
          await make(plan.pick(['ga', 'g2'] as const), pupilId, payload, { status: 'rejected', code });
        } else if (roll < 0.72) {
          await make('ada', 'ada', plan.valid(), { status: 'rejected', code: 'not_guardian' });
        } else {
          await schoolChange(i);
        }
        // Spread the operations over time, so that faults and restarts fall between and during them.
        await new Promise((resolve) => setTimeout(resolve, plan.int(15)));
      }
      const opsMs = Date.now() - started;
      server ??= await RunningServer.start(sql, port);
      const running = server;

      // Faults off: from here on every device must catch up by itself (retries and the live stream).
      await Promise.all(devices.map((d) => d.call({ type: 'faults', on: false })));
      const clients = await Promise.all(DEVICES.map((d) => signIn(running.app.app, d.email)));
      const quiet = Date.now();
      const { views, dumps } = await untilInSync(devices, clients);
      const syncMs = Date.now() - quiet;

      const stats = await Promise.all(devices.map((d) => d.call<Stats>({ type: 'stats' })));
      const faults = sumCounts(stats.map((s) => s.faults));
      const accepted = made.filter((m) => m.expected.status === 'accepted');
      console.log(
        `[faults ${engine} seed ${seed}] ${OPERATIONS} operations: ${tally.requests} requests ` +
          `(${accepted.length} to accept, ${tally.requests - accepted.length} to reject), ` +
          `${tally.schoolChanges} school changes; faults: ${faults.pushFailed} pushes failed, ` +
          `${faults.pushLost} push responses lost after applying, ${faults.pullFailed} pulls failed, ` +
          `${faults.pullLost} pull responses lost, ${faults.streamFailed} streams failed, ${faults.streamCut} streams cut ` +
          `(${faults.streamsOpened} opened, ${faults.streamEvents} live events), ` +
          `${tally.restarts} server restarts (${tally.opsWhileDown} operations while down), ` +
          `${faults.networkErrors} network errors, ${faults.serverErrors} server errors, ` +
          `${stats.reduce((n, s) => n + Object.values(s.replicationErrors).reduce((a, b) => a + b, 0), 0)} RxDB errors retried; ` +
          `${faults.passed} calls passed; operations took ${opsMs} ms, in sync ${syncMs} ms after the faults stopped; ${Date.now() - started} ms in all`,
      );

      // Every device holds exactly what a fresh pull gives its user, document for document, field for field.
      DEVICES.forEach((d, i) => {
        for (const name of collectionNames as CollectionName[]) {
          expect(dumps[i]?.[name], `${d.name}: ${name}`).toEqual(views[i]?.[name]);
        }
      });

      // No request lost, none invented: the server has each request made, once, by its author, decided as expected.
      const rows = await sql.query<{
        id: string;
        author_id: string;
        pupil_id: string;
        status: string;
        reason: string;
        reason_code: string;
        reason_params: Record<string, string>;
      }>('SELECT id, author_id, pupil_id, status, reason, reason_code, reason_params FROM requests ORDER BY id');
      expect(new Set(made.map((m) => m.id)).size).toBe(made.length);
      expect(rows.map((r) => r.id).sort()).toEqual(made.map((m) => m.id).sort());
      const rowOf = new Map(rows.map((r) => [r.id, r]));
      for (const m of made) {
        const row = rowOf.get(m.id);
        const author = DEVICES.find((d) => d.name === m.device)?.userId;
        const code = m.expected.status === 'rejected' ? m.expected.code : '';
        expect(
          { author: row?.author_id, pupil: row?.pupil_id, status: row?.status, code: row?.reason_code },
          `request ${m.id} (${m.device}: ${JSON.stringify(m.payload)})`,
        ).toEqual({ author, pupil: m.pupilId, status: m.expected.status, code });
        if (m.expected.status === 'rejected') {
          expect(row?.reason).toBe(reasonText('sv', m.expected.code, row?.reason_params));
        }
      }

      // On each device: every request it made, decided; a rejection with its Swedish reason and code.
      DEVICES.forEach((d, i) => {
        const held = new Map((dumps[i]?.requests ?? []).map((r) => [r.id as string, r]));
        for (const m of made.filter((x) => x.device === d.name)) {
          const doc = held.get(m.id);
          expect(doc?.status, `${d.name}: request ${m.id}`).toBe(m.expected.status);
          if (m.expected.status === 'rejected') {
            expect(doc?.reasonCode).toBe(m.expected.code);
            expect(doc?.reason).toEqual(expect.stringMatching(/\S/));
            expect(doc?.reason).toBe(reasonText('sv', m.expected.code, doc?.reasonParams as Record<string, string>));
            expect(doc?.reason).not.toBe(
              reasonText('en', m.expected.code, doc?.reasonParams as Record<string, string>),
            );
          }
        }
      });

      // Each accepted report became exactly one absence, with the request's id, covering what the rules say.
      const absences = await sql.query<{
        id: string;
        request_id: string | null;
        source: string;
        pupil_id: string;
        date: string;
        whole_day: boolean;
        from_time: string;
        to_time: string;
        lesson_ids: string[];
        comment: string;
      }>(
        'SELECT id, request_id, source, pupil_id, date, whole_day, from_time, to_time, lesson_ids, comment FROM absences',
      );
      const reported = absences.filter((a) => a.source === 'reported');
      expect(reported.map((a) => a.id).sort(), 'one reported absence per accepted report, none more').toEqual(
        accepted.map((m) => m.id).sort(),
      );
      expect(reported.filter((a) => a.request_id !== a.id || a.pupil_id !== 'ada')).toEqual([]);
      expect(
        absences
          .filter((a) => a.source === 'registered' && a.pupil_id === 'ada')
          .map((a) => a.id)
          .sort(),
      ).toEqual([...registered].sort());
      const lessons = await sql.query<Pick<LessonDoc, 'id' | 'date' | 'start' | 'end' | 'status'>>(
        `SELECT id, date, start_time AS start, end_time AS end, status FROM lessons
          WHERE class_id = '4a' AND date IN ($1, $2) AND NOT deleted`,
        [TODAY, TOMORROW],
      );
      for (const m of accepted) {
        const a = reported.find((x) => x.id === m.id);
        const rule = evaluateAbsenceReport(m.payload, NOW, lessons);
        expect(rule.ok).toBe(true);
        if (!rule.ok) continue;
        expect(
          {
            date: a?.date,
            wholeDay: a?.whole_day,
            from: a?.from_time,
            to: a?.to_time,
            lessonIds: a?.lesson_ids,
            comment: a?.comment,
          },
          `absence of request ${m.id}`,
        ).toEqual({
          date: rule.date,
          wholeDay: rule.wholeDay,
          from: rule.from,
          to: rule.to,
          lessonIds: rule.lessonIds,
          comment: rule.comment,
        });
      }

      // The run injected every kind of fault, more than once: it cannot have passed by luck.
      expect(faults.pushFailed, 'pushes failed before the server').toBeGreaterThanOrEqual(MIN_FAULTS);
      expect(faults.pushLost, 'responses lost after the server applied them').toBeGreaterThanOrEqual(MIN_FAULTS);
      expect(faults.pullFailed, 'pulls failed').toBeGreaterThanOrEqual(MIN_FAULTS);
      expect(tally.restarts, 'server restarts').toBeGreaterThanOrEqual(MIN_FAULTS);
      // The live stream was in use, and came back after restarts.
      expect(faults.streamsOpened, 'live streams opened').toBeGreaterThan(DEVICES.length);
      expect(faults.streamEvents, 'live events').toBeGreaterThan(0);
      expect(stats.every((s) => s.unauthorized === 0)).toBe(true);
    },
    240_000,
  );

  it('a request decided while its push waits for the answer (a pull brought the decision first) ends decided on the device', async () => {
    const sql = await testDatabase(engine);
    db = sql;
    await createTestSchool(sql, DAYS);
    server = await RunningServer.start(sql, 0);
    const ga = new Device({
      name: 'ga',
      baseUrl: `http://127.0.0.1:${server.port}`,
      email: 'ga@test.se',
      password: PASSWORD,
      seed: 1,
      retryTime: 100,
      rates: { pushFail: 0, pushLose: 0, pullFail: 0, pullLose: 0, streamFail: 0, streamCut: 0 },
      holdPushesUntilPulled: true,
    });
    devices = [ga];
    await ga.ready;
    // The device's first pull of requests is on its way (held until a push has been applied).
    await waitFor(async () => (await ga.call<Stats>({ type: 'stats' })).pullsWaiting > 0, 'a pull of requests', 10_000);
    const reports: [AbsenceReportPayload, Expected][] = [
      [{ date: TODAY, wholeDay: true }, { status: 'accepted' }],
      [
        { date: TOMORROW, wholeDay: false, from: '13:00', to: '14:00' },
        { status: 'rejected', code: 'outside_schedule' },
      ],
      [{ date: TOMORROW, wholeDay: false, lessonIds: [`4a-${TOMORROW}-2`] }, { status: 'accepted' }],
    ];
    const ids: string[] = [];
    for (const [payload] of reports) {
      ids.push(
        await ga.call<string>({ type: 'create', kind: ABSENCE_REPORT, pupilId: 'ada', payload: { ...payload } }),
      );
    }
    const client = await signIn(server.app.app, 'ga@test.se');
    const { views, dumps } = await untilInSync([ga], [client], 15_000);
    expect(dumps[0]?.requests).toEqual(views[0]?.requests);
    expect(dumps[0]?.requests.map((r) => [r.id, r.status, r.reasonCode])).toEqual(
      ids
        .map((id, i) => {
          const expected = reports[i]?.[1] as Expected;
          return [id, expected.status, expected.status === 'rejected' ? expected.code : ''];
        })
        .sort(),
    );
    const stats = await ga.call<Stats>({ type: 'stats' });
    expect(stats.faults.pushHeld, 'pushes whose answer came after the pull').toBeGreaterThan(0);
  }, 60_000);
});
