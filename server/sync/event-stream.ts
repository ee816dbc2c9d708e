/**
 * A server-sent event stream fed by the hub: events as they come, a heartbeat
 * comment when nothing happened for `heartbeatMs`, and the end of the stream
 * once the session is gone (checked at each heartbeat). The devices' sync
 * stream and the staff's absence-report stream are both this.
 *
 * @module
 */
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { type Session, sessionIsLive } from '../auth/sessions.js';
import type { AppEnv } from '../http.js';
import type { HubEvent } from './hub.js';

/**
 * Answers `c` with a stream. `subscribe` registers the sender with the hub
 * and resolves to its removal; `first` is sent at once (a catch-up hint).
 */
export function hubEventStream(
  c: Context<AppEnv>,
  subscribe: (send: (event: HubEvent) => void) => Promise<() => void> | (() => void),
  first: HubEvent,
): Response {
  const { db, now, heartbeatMs } = c.var.services;
  const session = c.var.session as Session;
  c.header('X-Accel-Buffering', 'no');
  const response = streamSSE(c, async (stream) => {
    const queue: HubEvent[] = [];
    let wake: (() => void) | undefined;
    const send = (event: HubEvent) => {
      queue.push(event);
      wake?.();
    };
    const unsubscribe = await subscribe(send);
    let open = true;
    stream.onAbort(() => {
      open = false;
      wake?.();
    });
    send(first);
    try {
      while (open) {
        while (queue.length > 0 && open) {
          const event = queue.shift() as HubEvent;
          await stream.writeSSE({ data: event === 'RESYNC' ? 'RESYNC' : JSON.stringify(event) });
        }
        const timedOut = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(true), heartbeatMs);
          wake = () => {
            clearTimeout(timer);
            resolve(false);
          };
        });
        wake = undefined;
        if (timedOut && open) {
          // A signed-out or expired session ends its streams at the next heartbeat.
          if (!(await sessionIsLive(db, session.id, now()))) break;
          await stream.write(': heartbeat\n\n');
        }
      }
    } finally {
      unsubscribe();
    }
  });
  // streamSSE sets "no-cache"; like every API response, the stream must not be stored at all.
  response.headers.set('Cache-Control', 'no-store');
  return response;
}
