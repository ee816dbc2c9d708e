// `npm test`: builds the app, then runs every suite — server and sync tests
// (vitest), component tests in Chromium (@web/test-runner), end-to-end tests
// in Chromium against a started server (vitest + playwright-core) — and ends
// with one line: "N passed, N failed" over all of them.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureChromium } from './chromium.mjs';

const started = Date.now();
const RESULTS = '.test-results';
rmSync(RESULTS, { recursive: true, force: true });
mkdirSync(RESULTS, { recursive: true });

const totals = [];
const run = (cmd, args, env = {}) => spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status;

function vitestTotals(file) {
  if (!existsSync(file)) return null;
  const r = JSON.parse(readFileSync(file, 'utf8'));
  // A file that failed to load has no tests but a failed status: count it as one failure.
  const broken = (r.testResults ?? []).filter(
    (f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0,
  ).length;
  return { passed: r.numPassedTests, failed: r.numFailedTests + broken };
}

function record(name, result, status) {
  const t = result ?? { passed: 0, failed: 1 };
  if (result && status !== 0 && t.failed === 0) t.failed = 1; // the runner itself failed
  totals.push({ name, ...t });
}

let chromium;
try {
  chromium = ensureChromium();
} catch (error) {
  console.error(String(error.message ?? error));
}

console.log('\n# build');
const built = run('npx', ['rollup', '-c', '--silent']) === 0;
record('build', built ? { passed: 1, failed: 0 } : null, built ? 0 : 1);

console.log('\n# server, sync and domain tests');
let status = run('npx', [
  'vitest',
  'run',
  '--project',
  'server',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${RESULTS}/server.json`,
]);
record('server', vitestTotals(`${RESULTS}/server.json`), status);

if (chromium) {
  const env = { CHROME_PATH: chromium };
  console.log('\n# component tests (Chromium)');
  status = run('npx', ['wtr', '--config', 'web-test-runner.config.mjs'], env);
  const comp = existsSync(`${RESULTS}/components.json`)
    ? JSON.parse(readFileSync(`${RESULTS}/components.json`, 'utf8'))
    : null;
  record('components', comp, status);

  if (built) {
    console.log('\n# end-to-end tests (Chromium)');
    status = run(
      'npx',
      [
        'vitest',
        'run',
        '--project',
        'e2e',
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${RESULTS}/e2e.json`,
      ],
      env,
    );
    record('e2e', vitestTotals(`${RESULTS}/e2e.json`), status);
  } else {
    record('e2e', null, 1);
  }
} else {
  record('components', null, 1);
  record('e2e', null, 1);
}

const passed = totals.reduce((s, t) => s + t.passed, 0);
const failed = totals.reduce((s, t) => s + t.failed, 0);
console.log('');
for (const t of totals) console.log(`  ${t.name.padEnd(12)} ${t.passed} passed, ${t.failed} failed`);
console.log(`  took ${Math.round((Date.now() - started) / 1000)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
