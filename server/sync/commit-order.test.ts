/**
 * Rule 1 of the sync contract: order is commit order. A transaction that takes
 * its sequence number early and commits late must not land behind a checkpoint
 * a device already holds. PostgreSQL only: PGlite has a single connection, so
 * its transactions never overlap.
 */
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type App, createApp } from '../app.js';
import { engines, type TestDatabase, testDatabase } from '../testing/db.js';
import { createTestSchool, pullPages, signIn, waitFor } from '../testing/school.js';

const sorted = (ids: Iterable<string>) => [...ids].sort();

describe.each(engines)('commit order on %s', (engine) => {
  describe.runIf(engine === 'postgres')('with concurrent writers', () => {
    let db: TestDatabase;
    let app: App;
    let clients: pg.Client[];
    beforeEach(async () => {
      db = await testDatabase(engine);
      app = await createApp({ db });
      clients = [];
      await createTestSchool(db, []);
    });
    afterEach(async () => {
      await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
      await app.close();
      await db.close();
    });

    /** A connection of its own on the test database, like a second server instance. */
    async function connect(): Promise<pg.Client> {
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      clients.push(client);
      return client;
    }

    const insertLesson = (client: pg.Client, id: string, classId = '4a') =>
      client.query(
        `INSERT INTO lessons (id, class_id, date, start_time, end_time, subject)
         VALUES ($1, $2, '2026-03-10', '08:00', '08:45', 'Svenska')`,
        [id, classId],
      );

    /**
     * A takes its number and stays open; B writes and tries to commit; a device
     * pulls in between and after A commits. Returns what the device saw when.
     */
    async function lateCommit() {
      const device = await signIn(app.app, 'ga@test.se');
      const start = await pullPages(device, 'lessons');
      const [a, b, observer] = [await connect(), await connect(), await connect()];
      const bPid = (await b.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid;

      await a.query('BEGIN');
      await insertLesson(a, 'lesson-a');
      let bCommitted = false;
      const bDone = (async () => {
        await b.query('BEGIN');
        await insertLesson(b, 'lesson-b');
        await b.query('COMMIT');
        bCommitted = true;
      })();
      // B either waits for A's lock, or (without the lock) gets through and commits.
      await waitFor(async () => {
        if (bCommitted) return true;
        const { rows } = await observer.query<{ wait_event_type: string | null }>(
          'SELECT wait_event_type FROM pg_stat_activity WHERE pid = $1',
          [bPid],
        );
        return rows[0]?.wait_event_type === 'Lock';
      }, 'B to wait for the lock or commit');
      const between = await pullPages(device, 'lessons', 100, start.checkpoint);
      await a.query('COMMIT');
      await bDone;
      const after = await pullPages(device, 'lessons', 100, between.checkpoint);
      return { between: between.ids, after: after.ids, bCommittedFirst: between.ids.includes('lesson-b') };
    }

    it('never lets a later writer become visible with a higher number before an earlier one commits', async () => {
      const { between, after, bCommittedFirst } = await lateCommit();
      expect(bCommittedFirst).toBe(false);
      expect(between).toEqual([]);
      expect(sorted(after)).toEqual(['lesson-a', 'lesson-b']);
    });

    it('control: without the lock in sync_stamp() the same scenario loses a document', async () => {
      await db.exec(`
        CREATE OR REPLACE FUNCTION sync_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          NEW.seq := nextval('sync_seq');
          NEW.created_seq := CASE WHEN TG_OP = 'INSERT' THEN NEW.seq ELSE OLD.created_seq END;
          NEW.updated_at := now();
          RETURN NEW;
        END $$;`);
      const { between, after } = await lateCommit();
      expect(between).toEqual(['lesson-b']);
      expect([...between, ...after]).not.toContain('lesson-a');
    });

    it('many writers committing in random order: every pulling device ends with every document, each once', async () => {
      const WRITERS = 6;
      const TRANSACTIONS = 12;
      const writers = await Promise.all(Array.from({ length: WRITERS }, connect));
      const devices = await Promise.all(Array.from({ length: 4 }, () => signIn(app.app, 'ga@test.se')));
      const random = (n: number) => Math.floor(Math.random() * n);

      let writing = true;
      const pulling = devices.map(async (device) => {
        const seen = new Map<string, number>();
        let checkpoint: unknown = null;
        const pullOnce = async () => {
          const page = await pullPages(device, 'lessons', 5, checkpoint);
          checkpoint = page.checkpoint;
          for (const id of page.ids) seen.set(id, (seen.get(id) ?? 0) + 1);
        };
        while (writing) await pullOnce();
        await pullOnce();
        return seen;
      });
      const writing$ = writers.map(async (client, w) => {
        for (let t = 0; t < TRANSACTIONS; t++) {
          await client.query('BEGIN');
          for (let i = 0, n = 1 + random(3); i < n; i++) {
            await insertLesson(client, `w${w}-t${t}-${i}`, random(5) === 0 ? '4b' : '4a');
          }
          // Hold the transaction open for a few round trips, so commits interleave.
          for (let k = random(4); k > 0; k--) await client.query('SELECT 1');
          await client.query(random(10) === 0 ? 'ROLLBACK' : 'COMMIT');
        }
      });
      await Promise.all(writing$);
      writing = false;
      const results = await Promise.all(pulling);

      const expected = (await db.query<{ id: string }>(`SELECT id FROM lessons WHERE class_id = '4a'`)).map(
        (r) => r.id,
      );
      expect(expected.length).toBeGreaterThan(WRITERS * TRANSACTIONS * 0.5);
      for (const seen of results) {
        expect(sorted(seen.keys())).toEqual(sorted(expected));
        expect([...seen.values()].filter((n) => n !== 1)).toEqual([]);
      }
    });
  });
});
