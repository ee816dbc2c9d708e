// Entry of a simulated device's worker thread (see faults.test.ts). On Node 20 a
// worker does not inherit the TypeScript hooks that `--import tsx` installs in the
// main thread (tsx registers them there only), so register them here, then load
// the device written in TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./faults.client.ts');
