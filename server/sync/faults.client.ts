/**
 * One simulated device for the "sync under faults" test (faults.test.ts), run
 * in a worker thread of its own: RxDB's free tier opens at most 13 collections
 * per JavaScript realm, so each device gets a realm.
 *
 * The device is the real client code (`openDatabase`, `startSync`,
 * `createRequest`) on RxDB's memory storage, talking to the real server over
 * HTTP through a `fetch` that injects faults, chosen by a seeded generator:
 *
 * * a push fails before it reaches the server;
 * * a push's response is lost after the server applied it (the request went
 *   out, the answer is thrown away, and RxDB sees an error);
 * * a pull fails before it reaches the server, or its response is lost;
 * * the live stream fails to connect, or is cut after a while.
 *
 * The test's thread talks to it by messages: create a request, switch faults
 * on or off, dump the collections, read the fault counts, stop.
 *
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { openDatabase, type SkolDatabase } from '../../client/data/db.js';
import { type Sync, startSync } from '../../client/data/replication.js';
import { createRequest } from '../../client/data/requests.js';
import { type CollectionName, collectionNames } from '../../shared/collections.js';

/** Probabilities (0..1) of each fault, per call of that kind. */
export interface FaultRates {
  pushFail: number;
  pushLose: number;
  pullFail: number;
  pullLose: number;
  streamFail: number;
  streamCut: number;
}

export interface ClientConfig {
  /** A label for messages, e.g. "ga". */
  name: string;
  /** The server's origin, e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  email: string;
  password: string;
  seed: number;
  retryTime: number;
  rates: FaultRates;
  /**
   * Make the race in which the device hears a decision before the answer to
   * its own push: a pull of requests waits until a push has been applied, and
   * that push's answer waits until the pull has brought the decided requests
   * back.
   */
  holdPushesUntilPulled?: boolean;
}

export interface FaultCounts {
  /** Pushes failed before they reached the server. */
  pushFailed: number;
  /** Pushes the server answered 200 (so applied) whose response was thrown away. */
  pushLost: number;
  pullFailed: number;
  pullLost: number;
  streamFailed: number;
  streamCut: number;
  /** Live streams that opened (answered 200). */
  streamsOpened: number;
  /** Events (data lines) the live streams delivered. */
  streamEvents: number;
  /** Real network errors: the server was restarting. */
  networkErrors: number;
  /** Answers with status 500 or more. */
  serverErrors: number;
  /** Push answers that reached RxDB after a pull had brought the pushed requests back decided (`holdPushesUntilPulled`). */
  pushHeld: number;
  /** Calls that went through untouched. */
  passed: number;
}

export type Command =
  | { type: 'create'; kind: string; pupilId: string; payload: Record<string, unknown> }
  | { type: 'faults'; on: boolean }
  | { type: 'dump' }
  | { type: 'stats' }
  | { type: 'stop' };

/** A document as the device holds it, without RxDB's own fields (`_meta`, `_rev`, `_attachments`). */
export type Dump = { [N in CollectionName]: Record<string, unknown>[] };

export interface Stats {
  faults: FaultCounts;
  /** Pulls of requests waiting for a push (`holdPushesUntilPulled`). */
  pullsWaiting: number;
  /** Errors RxDB reported per collection (each a failed pull or push it will retry). */
  replicationErrors: Record<string, number>;
  unauthorized: number;
}

export type FromWorker =
  | { type: 'ready'; userId: string }
  | { type: 'fatal'; error: string }
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; error: string };

/** mulberry32: small, fast, and the same sequence for the same seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seed for one device from the run's seed and the device's name. */
export function deviceSeed(seed: number, name: string): number {
  let h = seed >>> 0;
  for (const ch of name) h = Math.imul(h ^ ch.charCodeAt(0), 0x9e3779b1) >>> 0;
  return h;
}

class InjectedFault extends TypeError {}

/**
 * A `fetch` for one signed-in device: sends the session cookie (and, on writes,
 * the page's Origin, as a browser would) and injects faults while `on()`.
 */
export function faultyFetch(
  config: Pick<ClientConfig, 'baseUrl' | 'rates' | 'seed' | 'holdPushesUntilPulled'>,
  cookie: string,
) {
  const random = prng(config.seed);
  const counts: FaultCounts = {
    pushFailed: 0,
    pushLost: 0,
    pullFailed: 0,
    pullLost: 0,
    streamFailed: 0,
    streamCut: 0,
    streamsOpened: 0,
    streamEvents: 0,
    networkErrors: 0,
    serverErrors: 0,
    pushHeld: 0,
    passed: 0,
  };
  let enabled = true;
  const roll = (p: number) => enabled && random() < p;
  const r = config.rates;
  /**
   * The race of `holdPushesUntilPulled`: a pull of requests waits to be sent
   * until a push has been applied (RxDB defers the live stream's events while
   * it pushes, so the pull must already be on its way), and the push's answer
   * waits until that pull has brought the decided requests back.
   */
  const race = {
    /** Requests that pulls brought back decided. */
    pulled: new Set<string>(),
    /** Pulls waiting for a push to be applied. */
    waiting: new Set<() => void>(),
    /** Pulls sent and not yet answered. */
    sent: new Set<Promise<unknown>>(),
  };

  const holdPull = () =>
    new Promise<void>((resolve) => {
      const go = () => {
        race.waiting.delete(go);
        clearTimeout(timer);
        resolve();
      };
      // At most a while: with no push coming, the pull goes out anyway.
      const timer = setTimeout(go, 1500);
      race.waiting.add(go);
    });

  const holdPushAnswer = async (body: RequestInit['body']) => {
    if (race.waiting.size === 0) return;
    const ids = (JSON.parse(String(body)) as { newDocumentState: { id: string } }[]).map(
      (row) => row.newDocumentState.id,
    );
    for (const go of [...race.waiting]) go();
    await new Promise((resolve) => setImmediate(resolve));
    await Promise.allSettled([...race.sent]);
    if (!ids.every((id) => race.pulled.has(id))) return;
    // Let RxDB take in the pulled page before it hears the push's answer.
    await new Promise((resolve) => setTimeout(resolve, 100));
    counts.pushHeld++;
  };

  const send = async (url: string, init: RequestInit | undefined): Promise<Response> => {
    const headers = new Headers(init?.headers);
    headers.set('cookie', cookie);
    if ((init?.method ?? 'GET') !== 'GET') headers.set('origin', config.baseUrl);
    try {
      const res = await fetch(url, { ...init, headers });
      if (res.status >= 500) counts.serverErrors++;
      return res;
    } catch (error) {
      if (!init?.signal?.aborted) counts.networkErrors++;
      throw error;
    }
  };

  /**
   * The stream's body, passed through while counting its events; with `cutMs`,
   * ending with an error after that long (a dropped connection).
   */
  const watch = (res: Response, cutMs: number | null): Response => {
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let timer: NodeJS.Timeout | undefined;
    let over = false;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        if (cutMs === null) return;
        timer = setTimeout(() => {
          if (over) return;
          over = true;
          counts.streamCut++;
          controller.error(new InjectedFault('stream cut (injected)'));
          reader.cancel().catch(() => undefined);
        }, cutMs);
      },
      async pull(controller) {
        try {
          const { value, done } = await reader.read();
          if (over) return;
          if (done) {
            over = true;
            clearTimeout(timer);
            controller.close();
          } else {
            counts.streamEvents += (decoder.decode(value, { stream: true }).match(/^data:/gm) ?? []).length;
            controller.enqueue(value);
          }
        } catch (error) {
          if (over) return;
          over = true;
          clearTimeout(timer);
          controller.error(error);
        }
      },
      cancel(reason) {
        over = true;
        clearTimeout(timer);
        return reader.cancel(reason);
      },
    });
    return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
  };

  const injected: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const path = new URL(url).pathname;
    if (path.endsWith('/push')) {
      if (roll(r.pushFail)) {
        counts.pushFailed++;
        throw new InjectedFault('push failed before reaching the server (injected)');
      }
      const res = await send(url, init);
      if (res.ok && roll(r.pushLose)) {
        // The server has applied the push: read the answer to the end, then lose it.
        await res.arrayBuffer().catch(() => undefined);
        counts.pushLost++;
        throw new InjectedFault('push response lost (injected)');
      }
      if (res.ok && config.holdPushesUntilPulled) await holdPushAnswer(init?.body);
      counts.passed++;
      return res;
    }
    if (path.endsWith('/stream')) {
      if (roll(r.streamFail)) {
        counts.streamFailed++;
        throw new InjectedFault('stream failed to connect (injected)');
      }
      const res = await send(url, init);
      counts.passed++;
      if (!res.ok || !res.body) return res;
      counts.streamsOpened++;
      return watch(res, roll(r.streamCut) ? 100 + Math.floor(random() * 700) : null);
    }
    if (roll(r.pullFail)) {
      counts.pullFailed++;
      throw new InjectedFault('pull failed before reaching the server (injected)');
    }
    const racing = config.holdPushesUntilPulled && path.endsWith('/requests/pull');
    if (racing) await holdPull();
    const sending = send(url, init);
    if (racing) {
      const answered = sending.then(
        (res) => res.clone().json() as Promise<{ documents: { id: string; status: string }[] }>,
      );
      const done = answered.then(
        (page) => {
          for (const doc of page.documents) if (doc.status !== 'pending') race.pulled.add(doc.id);
        },
        () => undefined,
      );
      race.sent.add(done);
      void done.then(() => race.sent.delete(done));
    }
    const res = await sending;
    if (res.ok && roll(r.pullLose)) {
      await res.arrayBuffer().catch(() => undefined);
      counts.pullLost++;
      throw new InjectedFault('pull response lost (injected)');
    }
    counts.passed++;
    return res;
  };

  return {
    fetch: injected,
    counts,
    pullsWaiting: () => race.waiting.size,
    on(value: boolean) {
      enabled = value;
    },
  };
}

/** Signs in over HTTP (no faults: the test is about sync); resolves to the cookie and user id. */
async function signIn(config: ClientConfig): Promise<{ cookie: string; userId: string }> {
  const res = await fetch(`${config.baseUrl}/api/auth/password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: config.baseUrl },
    body: JSON.stringify({ email: config.email, password: config.password }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${config.email} answered ${res.status}: ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
  if (!cookie.startsWith('session=')) throw new Error(`sign-in of ${config.email} set no session cookie`);
  const me = (await res.json()) as { user: { id: string } };
  return { cookie, userId: me.user.id };
}

async function dump(db: SkolDatabase): Promise<Dump> {
  const out = {} as Dump;
  for (const name of collectionNames) {
    const docs = await db.collections[name].find().exec();
    out[name] = docs
      .map((d) => {
        const { _meta, _rev, _attachments, ...doc } = d.toMutableJSON(true) as Record<string, unknown>;
        return doc;
      })
      .sort((a, b) => (String(a.id) < String(b.id) ? -1 : String(a.id) > String(b.id) ? 1 : 0));
  }
  return out;
}

async function main(port: NonNullable<typeof parentPort>, config: ClientConfig): Promise<void> {
  const { cookie, userId } = await signIn(config);
  const injector = faultyFetch(config, cookie);
  const db = await openDatabase({ name: `faults-${config.name}`, storage: getRxStorageMemory() });
  const replicationErrors: Record<string, number> = {};
  let unauthorized = 0;
  const sync: Sync = startSync(db, {
    baseUrl: config.baseUrl,
    fetch: injector.fetch,
    live: true,
    retryTime: config.retryTime,
    batchSize: 25,
    waitForLeadership: false,
    onUnauthorized: () => {
      unauthorized++;
    },
  });
  for (const [name, state] of Object.entries(sync.states)) {
    replicationErrors[name] = 0;
    state.error$.subscribe(() => {
      replicationErrors[name] = (replicationErrors[name] ?? 0) + 1;
    });
  }

  const handle = async (command: Command): Promise<unknown> => {
    switch (command.type) {
      case 'create': {
        const doc = await createRequest(db, { kind: command.kind, pupilId: command.pupilId, payload: command.payload });
        return doc.id;
      }
      case 'faults':
        injector.on(command.on);
        return null;
      case 'dump':
        return dump(db);
      case 'stats':
        return {
          faults: { ...injector.counts },
          pullsWaiting: injector.pullsWaiting(),
          replicationErrors: { ...replicationErrors },
          unauthorized,
        } satisfies Stats;
      case 'stop':
        await sync.stop();
        await db.close();
        return null;
    }
  };

  port.on('message', (message: { id: number; command: Command }) => {
    handle(message.command).then(
      (value) => port.postMessage({ type: 'reply', id: message.id, ok: true, value } satisfies FromWorker),
      (error: unknown) =>
        port.postMessage({ type: 'reply', id: message.id, ok: false, error: String(error) } satisfies FromWorker),
    );
  });
  port.postMessage({ type: 'ready', userId } satisfies FromWorker);
}

/** What the test passes a device's worker (marked, so that importing this module elsewhere starts nothing). */
export type DeviceWorkerData = { faultsDevice: ClientConfig };

const config = (workerData as Partial<DeviceWorkerData> | null | undefined)?.faultsDevice;
if (parentPort && config) {
  const port = parentPort;
  main(port, config).catch((error: unknown) => {
    port.postMessage({ type: 'fatal', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  });
}
