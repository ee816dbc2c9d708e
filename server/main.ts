/**
 * Starts Skolhubben: opens the database (PGlite in DATA_DIR, or PostgreSQL at
 * DATABASE_URL), migrates it, creates the demo school in an empty database,
 * starts the identity providers (or their simulators), and serves the API and
 * the built app. See `config.ts` for the variables.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { dateInZone } from '../shared/time.js';
import { createApp } from './app.js';
import { startIdentityProviders } from './auth/setup.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { migrate } from './db/migrate.js';
import { addDemoIdentities } from './demo/identities.js';
import { createDemoSchool, DEMO_SCHOOL, hasSchool } from './demo/school.js';

const config = loadConfig();
const db = await openDatabase(config);
await migrate(db);
if (config.demoSchool && !(await hasSchool(db))) {
  console.log(`Creating the demo school (${DEMO_SCHOOL.name}, ${DEMO_SCHOOL.municipality})…`);
  const counts = await createDemoSchool(db, { today: dateInZone(new Date()) });
  console.log(
    `  ${counts.classes} classes, ${counts.pupils} pupils, ${counts.guardians} guardians, ` +
      `${counts.lessons} lessons, ${counts.absences} absences. Demo accounts: see README.md.`,
  );
}
const providers = await startIdentityProviders(config.identity, config);
for (const note of providers.notes) console.log(note);
if (config.demoSchool && providers.identity.personnummerKey) {
  await addDemoIdentities(db, providers.identity.personnummerKey);
}
if (!existsSync(config.staticDir)) {
  console.warn(`No built app in ${config.staticDir}: run "npm run build" (only the API answers now).`);
}

const { app, close } = await createApp({
  db,
  publicOrigin: config.publicOrigin,
  staticDir: config.staticDir,
  trustProxy: config.trustProxy,
  clearSiteCookies: config.clearSiteCookies,
  identity: providers.identity,
});
const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  const where = config.databaseUrl ? 'PostgreSQL' : `PGlite in ${config.dataDir}`;
  console.log(
    `Skolhubben is running at http://${info.address === '::1' ? 'localhost' : info.address}:${info.port}/ (${where})`,
  );
});

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  server.close();
  await close();
  await providers.close();
  await db.close();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
