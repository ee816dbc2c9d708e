// The Mocha globals that @web/test-runner gives component tests (client/**/*.test.ts),
// typed here for `tsc`: the project has no @types/mocha.

// A test or hook: synchronous, or returning the promise Mocha waits for.
type MochaFn = () => unknown;

declare function describe(title: string, suite: () => void): void;
declare function it(title: string, test: MochaFn): void;
declare function before(hook: MochaFn): void;
declare function after(hook: MochaFn): void;
declare function beforeEach(hook: MochaFn): void;
declare function afterEach(hook: MochaFn): void;
