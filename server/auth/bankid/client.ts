/**
 * The BankID Relying Party API v6 (`/rp/v6.0/auth`, `collect`, `cancel`): its
 * types, the interface the sign-in routes talk to, and the client that speaks
 * it over HTTPS with the relying party's client certificate (PKCS#12) and
 * BankID's CA — or over plain HTTP to the simulator on loopback. Both go
 * through the same code, so the tests against the simulator test the client.
 *
 * @example
 *   const bankid = httpBankIdClient({ url: 'https://appapi2.test.bankid.com/rp/v6.0',
 *     pfx: readFileSync('rp.p12'), passphrase: 'qwerty123', ca: readFileSync('bankid-ca.pem') });
 *   const order = await bankid.auth({ endUserIp: '192.0.2.7' });
 *
 * @module
 */
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';

export interface AuthRequest {
  /** The user's IP address as the relying party sees it. */
  endUserIp: string;
  requirement?: {
    /** Only this person may sign (12 digits). */
    personalNumber?: string;
    pinCode?: boolean;
    certificatePolicies?: string[];
  };
  /** Shown in the app (base64 of UTF-8). */
  userVisibleData?: string;
  userVisibleDataFormat?: 'simpleMarkdownV1';
  returnUrl?: string;
}

export interface AuthResponse {
  orderRef: string;
  autoStartToken: string;
  qrStartToken: string;
  qrStartSecret: string;
}

export interface CompletionData {
  user: { personalNumber: string; name: string; givenName: string; surname: string };
  device: { ipAddress: string; uhi?: string };
  bankIdIssueDate: string;
  signature: string;
  ocspResponse: string;
  stepUp?: { mrtd: boolean };
}

export interface CollectResponse {
  orderRef: string;
  status: 'pending' | 'failed' | 'complete';
  hintCode?: string;
  completionData?: CompletionData;
}

/** What every BankID client offers: the real one and the simulator's both speak v6 JSON. */
export interface BankIdClient {
  auth(request: AuthRequest): Promise<AuthResponse>;
  collect(orderRef: string): Promise<CollectResponse>;
  cancel(orderRef: string): Promise<void>;
}

/**
 * A call BankID refused (`errorCode`: alreadyInProgress, invalidParameters,
 * requestTimeout, maintenance, internalError, …), or one that never got an
 * answer (`unreachable`).
 */
export class BankIdError extends Error {
  constructor(
    readonly errorCode: string,
    readonly details: string,
    readonly httpStatus: number,
  ) {
    super(`BankID ${errorCode}${details ? `: ${details}` : ''}`);
  }
}

class StaleSocket extends Error {}

export interface HttpClientOptions {
  /** The API's base, e.g. `https://appapi2.bankid.com/rp/v6.0`. */
  url: string;
  /** The relying party's certificate and key (PKCS#12); required over HTTPS. */
  pfx?: Buffer;
  passphrase?: string;
  /** BankID's CA certificate (PEM): the only one trusted for the server. */
  ca?: Buffer | string;
  /** Milliseconds before a call counts as unanswered. */
  timeoutMs?: number;
}

/** A client of the v6 API at `options.url`. */
export function httpBankIdClient(options: HttpClientOptions): BankIdClient {
  const base = new URL(`${options.url.replace(/\/+$/, '')}/`);
  const secure = base.protocol === 'https:';
  if (!secure && base.protocol !== 'http:') throw new Error(`BankID URL must be http(s): ${options.url}`);
  if (secure && options.pfx) {
    // Read the certificate now, so a wrong passphrase stops the server at start, not a guardian later.
    try {
      tls.createSecureContext({ pfx: options.pfx, passphrase: options.passphrase });
    } catch (error) {
      throw new Error(
        `The BankID certificate (PKCS#12) cannot be read: ${(error as Error).message}. Check the passphrase.`,
      );
    }
  }
  const agent = secure
    ? new https.Agent({
        keepAlive: true,
        pfx: options.pfx,
        passphrase: options.passphrase,
        ca: options.ca,
        minVersion: 'TLSv1.2',
      })
    : new http.Agent({ keepAlive: true });
  const timeoutMs = options.timeoutMs ?? 10_000;

  /**
   * One call; a call that failed on a kept-alive socket the server had just
   * closed (ECONNRESET before any answer) is sent once more on a new one, as
   * Node's documentation advises: the server never saw it.
   */
  async function call<T>(method: string, body: unknown): Promise<T> {
    try {
      return await send<T>(method, body);
    } catch (error) {
      if (error instanceof StaleSocket) return send<T>(method, body);
      throw error;
    }
  }

  function send<T>(method: string, body: unknown): Promise<T> {
    const url = new URL(method, base);
    const payload = Buffer.from(JSON.stringify(body));
    return new Promise<T>((resolve, reject) => {
      const req = (secure ? https : http).request(
        url,
        {
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': payload.length },
          timeout: timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', (e) => reject(new BankIdError('unreachable', e.message, 0)));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let json: any;
            try {
              json = text ? JSON.parse(text) : {};
            } catch {
              json = null;
            }
            const status = res.statusCode ?? 0;
            if (status === 200 && json && typeof json === 'object') return resolve(json as T);
            const errorCode = typeof json?.errorCode === 'string' ? json.errorCode : `http${status}`;
            const details = typeof json?.details === 'string' ? json.details : '';
            reject(new BankIdError(errorCode, details, status));
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer in ${timeoutMs} ms`)));
      req.on('error', (e: NodeJS.ErrnoException) => {
        if (req.reusedSocket && e.code === 'ECONNRESET') reject(new StaleSocket());
        else reject(e instanceof BankIdError ? e : new BankIdError('unreachable', e.message, 0));
      });
      req.end(payload);
    });
  }

  return {
    async auth(request) {
      const res = await call<AuthResponse>('auth', request);
      for (const k of ['orderRef', 'autoStartToken', 'qrStartToken', 'qrStartSecret'] as const) {
        if (typeof res[k] !== 'string' || !res[k]) throw new BankIdError('invalidResponse', `no ${k}`, 200);
      }
      return res;
    },
    async collect(orderRef) {
      const res = await call<CollectResponse>('collect', { orderRef });
      if (!['pending', 'failed', 'complete'].includes(res.status)) {
        throw new BankIdError('invalidResponse', `status ${String(res.status)}`, 200);
      }
      return res;
    },
    async cancel(orderRef) {
      await call<object>('cancel', { orderRef });
    },
  };
}
