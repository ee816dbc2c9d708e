/**
 * Simulated devices for the sync tests: each a worker thread running a real
 * RxDB client (faults.client.ts) — RxDB's collection cap counts per realm, so
 * one thread per device — and the comparison of what a device holds with
 * what a fresh pull gives its user.
 *
 * @module
 */
import { Worker } from 'node:worker_threads';
import { collectionNames } from '../../shared/collections.js';
import { type ApiClient, pullAll } from '../testing/school.js';
import type { ClientConfig, Command, DeviceWorkerData, Dump, FromWorker } from './faults.client.js';

const SYNC_DEADLINE_MS = 60_000;

/** A simulated device: a worker thread running faults.client.ts. */
export class Device {
  readonly worker: Worker;
  readonly ready: Promise<string>;
  private readonly waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private nextId = 1;
  private failure: Error | undefined;

  constructor(readonly config: ClientConfig) {
    const workerData: DeviceWorkerData = { faultsDevice: config };
    this.worker = new Worker(new URL('./faults.worker.mjs', import.meta.url), { workerData });
    let ready!: { resolve(userId: string): void; reject(e: Error): void };
    this.ready = new Promise((resolve, reject) => {
      ready = { resolve, reject };
    });
    this.ready.catch(() => undefined);
    const fail = (error: Error) => {
      this.failure ??= error;
      ready.reject(error);
      for (const w of this.waiting.values()) w.reject(error);
      this.waiting.clear();
    };
    this.worker.on('message', (message: FromWorker) => {
      if (message.type === 'ready') ready.resolve(message.userId);
      else if (message.type === 'fatal') fail(new Error(`device ${config.name}: ${message.error}`));
      else {
        const w = this.waiting.get(message.id);
        this.waiting.delete(message.id);
        if (message.ok) w?.resolve(message.value);
        else w?.reject(new Error(`device ${config.name}: ${message.error}`));
      }
    });
    this.worker.on('error', (error) => fail(error));
    this.worker.on('exit', (code) => fail(new Error(`device ${config.name} exited (${code})`)));
  }

  call<T>(command: Command): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ id, command });
    });
  }

  async close(): Promise<void> {
    if (!this.failure) {
      const timeout = new Promise((resolve) => setTimeout(resolve, 10_000).unref());
      await Promise.race([this.call({ type: 'stop' }).catch(() => undefined), timeout]);
    }
    await this.worker.terminate();
  }
}

/** JSON with keys sorted, to compare documents whatever order their fields came in. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** What a fresh device of this user would hold: a full pull of every collection, without tombstones. */
export async function serverView(client: ApiClient): Promise<Dump> {
  const out = {} as Dump;
  for (const name of collectionNames) {
    const { docs } = await pullAll(client, name, 100);
    out[name] = [...docs.values()]
      .filter((d) => d._deleted === false)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
  return out;
}

/**
 * Waits until every device holds what a fresh pull gives its user (or the
 * deadline passes); resolves to the last comparison, for the assertions.
 */
export async function untilInSync(devices: Device[], clients: ApiClient[], deadline = SYNC_DEADLINE_MS) {
  const start = Date.now();
  for (;;) {
    const views = await Promise.all(clients.map((c) => serverView(c)));
    const dumps = await Promise.all(devices.map((d) => d.call<Dump>({ type: 'dump' })));
    if (dumps.every((dump, i) => canonical(dump) === canonical(views[i]))) return { views, dumps };
    if (Date.now() - start > deadline) return { views, dumps };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
