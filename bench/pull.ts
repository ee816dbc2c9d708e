/**
 * How long a pull of one page of 100 documents takes, on PGlite and (when
 * TEST_DATABASE_URL is set) on PostgreSQL: the demo school (about 4,300
 * lessons), a guardian of three children pulling every collection page by
 * page from scratch, timed per request through `app.request()`.
 *
 * Run: `node --import tsx bench/pull.ts` (add TEST_DATABASE_URL=postgres://… for both engines).
 */
import { createApp } from '../server/app.js';
import { createDemoSchool, DEMO_ACCOUNTS } from '../server/demo/school.js';
import { engines, testDatabase } from '../server/testing/db.js';
import { signIn, TEST_SCRYPT } from '../server/testing/school.js';
import { dateInZone } from '../shared/time.js';

const anna = DEMO_ACCOUNTS[0];

for (const engine of engines) {
  const db = await testDatabase(engine);
  await createDemoSchool(db, { today: dateInZone(new Date()), scrypt: TEST_SCRYPT });
  const { app, close } = await createApp({ db });
  const client = await signIn(app, anna.email, anna.password);
  const times: number[] = [];
  let docs = 0;
  for (let round = 0; round < 3; round++) {
    for (const collection of ['lessons', 'absences', 'pupils']) {
      let checkpoint: unknown = null;
      for (;;) {
        const q = checkpoint ? `&checkpoint=${encodeURIComponent(JSON.stringify(checkpoint))}` : '';
        const start = performance.now();
        const res = await client.get(`/api/sync/${collection}/pull?limit=100${q}`);
        const page = (await res.json()) as { documents: unknown[]; checkpoint: unknown };
        const ms = performance.now() - start;
        if (page.documents.length === 100) times.push(ms);
        if (round === 0) docs += page.documents.length;
        checkpoint = page.checkpoint;
        if (page.documents.length < 100) break;
      }
    }
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]?.toFixed(1);
  console.log(
    `${engine.padEnd(8)} ${times.length} full pages of 100 (${docs} documents per sync): ` +
      `median ${q(0.5)} ms, p90 ${q(0.9)} ms, max ${q(1)} ms`,
  );
  await close();
  await db.close();
}
