/**
 * The booking race: many families ask for the same development-talk time at
 * once from real RxDB devices (memory storage, one worker thread each — see
 * `server/sync/faults.client.ts`), some of them offline and reconnecting at
 * random, the others on a connection that fails pushes, loses answers and cuts
 * the live stream. Exactly one family must get the time; every other device
 * must show its request turned down with the reason and the time as taken;
 * the server's bookings must agree; and every turned-down family must then be
 * able to book another time.
 *
 * Seeds: RACE_SEEDS=1,2,3 runs others (the seed is in the test's name).
 */
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterEach, describe, expect, it } from 'vitest';
import { CONFERENCE_BOOK } from '../../shared/conferences.js';
import { type App, createApp } from '../app.js';
import { hashPassword } from '../auth/password.js';
import { addCustody, createPupil, createUser } from '../school/people.js';
import { type ClientConfig, type Dump, deviceSeed, type FaultRates, prng, type Stats } from '../sync/faults.client.js';
import { canonical, Device as SyncDevice, untilInSync } from '../sync/faults.devices.js';
import { engines, type TestDatabase, testDatabase } from '../testing/db.js';
import { createTestSchool, PASSWORD, signIn, TEST_SCRYPT, waitFor } from '../testing/school.js';

const SEEDS = process.env.RACE_SEEDS ? process.env.RACE_SEEDS.split(',').map((s) => Number(s.trim())) : [4711, 90210];
const NOW = new Date('2026-03-10T07:30:00Z');
const TALK_DAY = '2026-03-12';
/** Families besides Ada's two guardians (two homes, one child): each another child of 4A. */
const FAMILIES = 8;
const OFFLINE: FaultRates = { pushFail: 1, pushLose: 0, pullFail: 1, pullLose: 0, streamFail: 1, streamCut: 0 };
const FLAKY: FaultRates = {
  pushFail: 0.25,
  pushLose: 0.25,
  pullFail: 0.15,
  pullLose: 0.1,
  streamFail: 0.2,
  streamCut: 0.3,
};

/** A device of a family that books for its child. */
class Device extends SyncDevice {
  constructor(
    config: ClientConfig,
    readonly pupilId: string,
  ) {
    super(config);
  }

  book(slotId: string): Promise<string> {
    return this.call<string>({ type: 'create', kind: CONFERENCE_BOOK, pupilId: this.pupilId, payload: { slotId } });
  }
}

describe.each(engines)('the conference booking race on %s', (engine) => {
  let db: TestDatabase | undefined;
  let app: App | undefined;
  let http: Server | undefined;
  let devices: Device[] = [];

  afterEach(async () => {
    await Promise.all(devices.map((d) => d.close()));
    devices = [];
    if (http) {
      const closed = new Promise<void>((resolve) => http?.close(() => resolve()));
      http.closeAllConnections();
      await closed;
    }
    await app?.close();
    await db?.close();
    http = undefined;
    app = undefined;
    db = undefined;
  });

  it.each(SEEDS)(
    'gives a time asked for by every family at once to exactly one, with devices offline at random (seed %i)',
    async (seed) => {
      const random = prng(seed);
      db = await testDatabase(engine);
      await createTestSchool(db, []);
      const hash = await hashPassword(PASSWORD, TEST_SCRYPT);
      await db.transaction(async (tx) => {
        await createUser(tx, { id: 'st', role: 'staff', name: 'Sara Lärare', email: 'st@test.se', passwordHash: hash });
        await tx.query(`UPDATE users SET school_id = 's' WHERE id = 'st'`);
        for (let i = 1; i <= FAMILIES; i++) {
          await createUser(tx, {
            id: `h${i}`,
            role: 'guardian',
            name: `Förälder ${i}`,
            email: `h${i}@test.se`,
            passwordHash: hash,
          });
          await createPupil(tx, { id: `p${i}`, firstName: `Barn${i}`, lastName: 'Test', classId: '4a' });
          await addCustody(tx, `h${i}`, `p${i}`);
        }
      });
      app = await createApp({ db, now: () => new Date(NOW) });
      const served = serve({ hostname: '127.0.0.1', port: 0, fetch: app.app.fetch }) as Server;
      http = served;
      await once(served, 'listening');
      const baseUrl = `http://127.0.0.1:${(served.address() as AddressInfo).port}`;

      // The school opens the contested time and one more for each family.
      const staff = await signIn(app.app, 'st@test.se');
      const slotIds = ['race', ...Array.from({ length: FAMILIES + 2 }, (_, i) => `other-${i + 1}`)];
      for (const [i, id] of slotIds.entries()) {
        const start = `${String(13 + Math.floor(i / 3)).padStart(2, '0')}:${String((i % 3) * 20).padStart(2, '0')}`;
        const end = `${start.slice(0, 3)}${String((i % 3) * 20 + 15).padStart(2, '0')}`;
        const res = await staff.send(`/api/staff/conferences/${id}`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ classId: '4a', date: TALK_DAY, start, end }),
        });
        expect(res.status, await res.clone().text()).toBe(201);
      }

      const people = [
        { name: 'ga', email: 'ga@test.se', pupilId: 'ada' },
        { name: 'g2', email: 'g2@test.se', pupilId: 'ada' },
        ...Array.from({ length: FAMILIES }, (_, i) => ({
          name: `h${i + 1}`,
          email: `h${i + 1}@test.se`,
          pupilId: `p${i + 1}`,
        })),
      ];
      // About half the devices are offline when their family books; the rest are on a flaky connection.
      const offline = new Set(people.filter(() => random() < 0.5).map((p) => p.name));
      offline.add('g2');
      devices = people.map(
        (p) =>
          new Device(
            {
              name: p.name,
              baseUrl,
              email: p.email,
              password: PASSWORD,
              seed: deviceSeed(seed, p.name),
              retryTime: 100,
              rates: offline.has(p.name) ? OFFLINE : FLAKY,
            },
            p.pupilId,
          ),
      );
      await Promise.all(devices.map((d) => d.ready));
      // Every device has the open times before the race (as a family would have seen them).
      for (const d of devices) await d.call({ type: 'faults', on: false });
      await waitFor(
        async () => {
          const dumps = await Promise.all(devices.map((d) => d.call<Dump>({ type: 'dump' })));
          return dumps.every((dump) => dump.conferences.filter((c) => c.kind === 'slot').length === slotIds.length);
        },
        'every device to hold the open times',
        30_000,
      );
      for (const d of devices) await d.call({ type: 'faults', on: true });

      // Everybody books the same time at once; the offline ones reconnect after a random while.
      const requestIds = await Promise.all(devices.map((d) => d.book('race')));
      const reconnects = devices.map(
        (d) =>
          new Promise<void>((resolve) => {
            setTimeout(
              () => {
                d.call({ type: 'faults', on: false }).then(() => resolve(), resolve);
              },
              Math.floor(random() * 1500),
            );
          }),
      );
      await Promise.all(reconnects);

      const clients = await Promise.all(people.map((p) => signIn(app?.app as App['app'], p.email)));
      const { views, dumps } = await untilInSync(devices, clients);
      for (const [i, dump] of dumps.entries()) {
        expect(canonical(dump), `device ${people[i]?.name} holds what the server gives its user`).toBe(
          canonical(views[i]),
        );
      }

      // Exactly one request got the time; each of the others was turned down with its reason.
      const decisions = dumps.map(
        (dump, i) => dump.requests.find((r) => r.id === requestIds[i]) as Record<string, any>,
      );
      const accepted = decisions.filter((r) => r.status === 'accepted');
      expect(accepted).toHaveLength(1);
      const winner = people[decisions.indexOf(accepted[0] as Record<string, any>)] as (typeof people)[number];
      for (const [i, r] of decisions.entries()) {
        if (r === accepted[0]) continue;
        const sameChild = people[i]?.pupilId === winner.pupilId;
        expect(r.status).toBe('rejected');
        // The other guardian of the winning child is told the child already has the time; everybody else that it was taken.
        expect(r.reasonCode).toBe(sameChild ? 'already_booked' : 'slot_taken');
        expect(r.reason).toMatch(sameChild ? /redan en bokad tid/ : /hann bokas av någon annan/);
      }
      // Every device shows the time as taken; only the winning child's family holds the booking.
      for (const [i, dump] of dumps.entries()) {
        expect(dump.conferences.find((c) => c.id === 'race')?.taken, people[i]?.name).toBe(true);
        const bookings = dump.conferences.filter((c) => c.kind === 'booking');
        expect(bookings.map((b) => b.slotId)).toEqual(people[i]?.pupilId === winner.pupilId ? ['race'] : []);
      }
      // The server agrees: one live booking of the time, the winner's child's, made by the accepted request.
      const rows = await db.query<{ id: string; pupil_id: string; slot_id: string }>(
        `SELECT id, pupil_id, slot_id FROM conferences WHERE kind = 'booking' AND NOT deleted`,
      );
      expect(rows).toEqual([{ id: accepted[0]?.id, pupil_id: winner.pupilId, slot_id: 'race' }]);
      const stored = await db.query<{ status: string }>('SELECT status FROM requests WHERE id = ANY($1::text[])', [
        requestIds,
      ]);
      expect(stored.filter((s) => s.status === 'accepted')).toHaveLength(1);
      expect(stored).toHaveLength(requestIds.length);

      // Every family that lost (one guardian per child) chooses another free time, faults on again, and gets it.
      const losers = devices.filter(
        (d, i) => d.pupilId !== winner.pupilId && devices.findIndex((o) => o.pupilId === d.pupilId) === i,
      );
      for (const d of losers) await d.call({ type: 'faults', on: true });
      const second = await Promise.all(losers.map((d, i) => d.book(`other-${i + 1}`)));
      for (const d of losers) await d.call({ type: 'faults', on: false });
      const after = await untilInSync(devices, clients);
      for (const [i, dump] of after.dumps.entries()) expect(canonical(dump)).toBe(canonical(after.views[i]));
      for (const [i, d] of losers.entries()) {
        const dump = after.dumps[devices.indexOf(d)] as Dump;
        expect(dump.requests.find((r) => r.id === second[i])?.status, d.config.name).toBe('accepted');
      }
      const live = await db.query(`SELECT 1 FROM conferences WHERE kind = 'booking' AND NOT deleted`);
      expect(live).toHaveLength(1 + losers.length);

      const stats = await Promise.all(devices.map((d) => d.call<Stats>({ type: 'stats' })));
      const total = stats.reduce((n, s) => n + s.faults.pushFailed + s.faults.pushLost, 0);
      console.log(
        `conference race ${engine} seed ${seed}: ${devices.length} devices (${offline.size} offline), winner ${winner.name}, ` +
          `${total} pushes failed or lost`,
      );
      expect(total).toBeGreaterThan(0);
    },
    180_000,
  );
});
