/**
 * What a request kind must provide: the schema of its payload and a decision,
 * made inside the transaction that stores the request. Register new kinds in
 * `index.ts`.
 *
 * @module
 */
import type { Rejection } from '../../shared/requests.js';
import type { Schema } from '../../shared/validate.js';
import type { SessionUser } from '../auth/sessions.js';
import type { Sql } from '../db/database.js';

export interface IncomingRequest<P = unknown> {
  id: string;
  kind: string;
  pupilId: string;
  payload: P;
  createdAt: string;
}

export interface RequestContext {
  tx: Sql;
  user: SessionUser;
  /** The server's clock at arrival: the authority for "today". */
  now: Date;
}

export type Decision = { status: 'accepted'; apply(): Promise<void> } | { status: 'rejected'; rejection: Rejection };

export interface RequestHandler<P = unknown> {
  kind: string;
  payloadSchema: Schema;
  decide(ctx: RequestContext, request: IncomingRequest<P>): Promise<Decision>;
}

export const rejected = (code: Rejection['code'], params: Record<string, string> = {}): Decision => ({
  status: 'rejected',
  rejection: { code, params },
});
