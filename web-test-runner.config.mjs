// Component tests: every client/**/*.test.ts runs in headless Chromium (Debian's,
// see scripts/chromium.mjs), TypeScript compiled by esbuild. A reporter writes
// the totals for scripts/test.mjs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { chromiumArgs, findChromium } from './scripts/chromium.mjs';

/** Counts passed and failed tests (and files that failed to load) into .test-results/components.json. */
function totalsReporter() {
  return {
    onTestRunFinished({ sessions }) {
      let passed = 0;
      let failed = 0;
      const walk = (suite) => {
        for (const t of suite.tests ?? []) {
          if (t.skipped) continue;
          if (t.passed) passed++;
          else failed++;
        }
        for (const s of suite.suites ?? []) walk(s);
      };
      for (const session of sessions) {
        if (session.testResults) walk(session.testResults);
        if (
          (session.errors ?? []).length > 0 &&
          !session.testResults?.tests?.length &&
          !session.testResults?.suites?.length
        ) {
          failed++;
        }
      }
      mkdirSync('.test-results', { recursive: true });
      writeFileSync('.test-results/components.json', JSON.stringify({ passed, failed }));
    },
  };
}

const executablePath = findChromium();
if (!executablePath) throw new Error('Chromium not found: run `npm test` (it installs it as root) or set CHROME_PATH.');

export default {
  files: ['client/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  plugins: [esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' })],
  browsers: [chromeLauncher({ launchOptions: { executablePath, headless: true, args: chromiumArgs() } })],
  // One page at a time: keyboard and focus tests need the focused tab; a background tab gets neither.
  concurrency: 1,
  testFramework: { config: { timeout: 15000 } },
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), totalsReporter()],
};
