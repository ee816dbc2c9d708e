/**
 * Binds a component to an RxDB query: the component declares which query it
 * needs (rebuilt before each render, re-subscribed only when its key
 * changes), and re-renders whenever the results change, from this tab, from
 * another tab, or from the server through replication. Components never fetch.
 *
 * @module
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { RxQuery } from 'rxdb/plugins/core';
import type { Subscription } from 'rxjs';

export interface QuerySpec {
  /** Identifies the query: a new key means a new subscription. */
  key: string;
  query: RxQuery<any, any>;
}

export class QueryController<T> implements ReactiveController {
  /** The current results, as plain documents. */
  docs: T[] = [];
  /** False until the first results arrived for the current key. */
  ready = false;
  private key: string | null = null;
  private sub?: Subscription;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly build: () => QuerySpec | null,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.refresh();
  }

  hostUpdate(): void {
    this.refresh();
  }

  hostDisconnected(): void {
    this.sub?.unsubscribe();
    this.sub = undefined;
    this.key = null;
  }

  private refresh(): void {
    const spec = this.build();
    const key = spec?.key ?? '';
    if (key === this.key) return;
    this.sub?.unsubscribe();
    this.sub = undefined;
    this.key = key;
    this.docs = [];
    this.ready = false;
    if (!spec) return;
    this.sub = spec.query.$.subscribe((results: { toJSON(): T }[] | null) => {
      this.docs = (results ?? []).map((d) => d.toJSON() as T);
      this.ready = true;
      this.host.requestUpdate();
    });
  }
}
