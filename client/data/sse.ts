/**
 * A Server-Sent Events reader over `fetch`, so that the same code runs in the
 * browser and in Node (tests, with an injected fetch), and reconnects with a
 * growing pause when the connection drops.
 *
 * @module
 */

export interface EventStreamOptions {
  url: string;
  fetch: typeof fetch;
  onMessage(data: string): void;
  /** Called when a connection opens (true) or drops (false). */
  onConnection?(open: boolean): void;
  /** 401: do not retry; the session is gone. */
  onUnauthorized?(): void;
  minRetryMs?: number;
  maxRetryMs?: number;
}

/** Opens the stream; returns the function that closes it for good. */
export function openEventStream(options: EventStreamOptions): () => void {
  const controller = new AbortController();
  const min = options.minRetryMs ?? 1000;
  const max = options.maxRetryMs ?? 30_000;
  let retry = min;

  const run = async () => {
    while (!controller.signal.aborted) {
      try {
        const res = await options.fetch(options.url, {
          headers: { accept: 'text/event-stream' },
          credentials: 'same-origin',
          signal: controller.signal,
        });
        if (res.status === 401) {
          options.onUnauthorized?.();
          return;
        }
        if (!res.ok || !res.body) throw new Error(`stream answered ${res.status}`);
        options.onConnection?.(true);
        retry = min;
        await readEvents(res.body, options.onMessage);
      } catch {
        // Network gone, server restarting, or closed by us: retry unless closed.
      }
      if (controller.signal.aborted) return;
      options.onConnection?.(false);
      await new Promise((r) => setTimeout(r, retry));
      retry = Math.min(max, retry * 2);
    }
  };
  void run();
  return () => controller.abort();
}

async function readEvents(body: ReadableStream<Uint8Array>, onMessage: (data: string) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.search(/\r?\n\r?\n/);
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
      const data = block
        .split(/\r?\n/)
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).replace(/^ /, ''))
        .join('\n');
      if (data) onMessage(data);
      end = buffer.search(/\r?\n\r?\n/);
    }
  }
}
