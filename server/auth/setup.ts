/**
 * Configuration of the identity providers, and starting them: the real
 * BankID and Google when configured, otherwise their simulators on free
 * loopback ports in this process — and the server says which.
 *
 * | variable | default | meaning |
 * |---|---|---|
 * | `MUNICIPALITY_NAME` | Lingonbergs kommun | the municipality named on the sign-in page |
 * | `PERSONNUMMER_KEY` | made once in `DATA_DIR` | key of the personnummer hashes (64 hex digits); required with `DATABASE_URL` |
 * | `BANKID_URL` | — | the RP API, e.g. `https://appapi2.bankid.com/rp/v6.0`; unset: the BankID simulator |
 * | `BANKID_PFX`, `BANKID_PFX_PASSPHRASE` | — | the relying party's certificate (PKCS#12 file) and its passphrase |
 * | `BANKID_CA` | — | BankID's CA certificate (PEM file) |
 * | `GOOGLE_CLIENT_ID`, `GOOGLE_CLIENT_SECRET` | — | the OAuth client; unset: the Google (OIDC) simulator |
 * | `GOOGLE_DOMAIN` | elev.lingonberg.se | the school's Google Workspace domain (first sign-in links a verified e-mail in it) |
 * | `GOOGLE_ISSUER`, `GOOGLE_AUTHORIZATION_ENDPOINT`, `GOOGLE_TOKEN_ENDPOINT`, `GOOGLE_JWKS_URI` | Google's | another OpenID provider's endpoints |
 *
 * @module
 */

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DEMO_BANKID_PEOPLE, DEMO_GOOGLE_ACCOUNTS, DEMO_GOOGLE_DOMAIN } from '../demo/identities.js';
import { httpBankIdClient } from './bankid/client.js';
import { bankIdLaunchUrl } from './bankid/routes.js';
import { startBankIdSimulator } from './bankid/simulator.js';
import { GOOGLE_ENDPOINTS } from './google/routes.js';
import { startGoogleSimulator } from './google/simulator.js';
import { loadPersonnummerKey } from './identity.js';
import type { IdentityServices } from './providers.js';

export const DEMO_MUNICIPALITY = 'Lingonbergs kommun';

export interface IdentityConfig {
  municipality: string;
  personnummerKey?: string;
  bankid?: { url: string; pfx?: string; passphrase?: string; ca?: string };
  google?: {
    clientId: string;
    clientSecret?: string;
    issuer: string;
    authorizationEndpoint: string;
    tokenEndpoint: string;
    jwksUri: string;
  };
  googleDomain: string;
}

export function loadIdentityConfig(env: NodeJS.ProcessEnv): IdentityConfig {
  const bankidUrl = env.BANKID_URL?.trim();
  if (bankidUrl) {
    if (!/^https?:\/\//.test(bankidUrl)) throw new Error(`BANKID_URL must be an http(s) URL, not "${bankidUrl}"`);
    if (bankidUrl.startsWith('https://') && (!env.BANKID_PFX || !env.BANKID_CA)) {
      throw new Error('BANKID_URL over HTTPS needs BANKID_PFX (the relying party certificate) and BANKID_CA.');
    }
  }
  const clientId = env.GOOGLE_CLIENT_ID?.trim();
  return {
    municipality: env.MUNICIPALITY_NAME?.trim() || DEMO_MUNICIPALITY,
    personnummerKey: env.PERSONNUMMER_KEY || undefined,
    bankid: bankidUrl
      ? {
          url: bankidUrl,
          pfx: env.BANKID_PFX || undefined,
          passphrase: env.BANKID_PFX_PASSPHRASE ?? undefined,
          ca: env.BANKID_CA || undefined,
        }
      : undefined,
    google: clientId
      ? {
          clientId,
          clientSecret: env.GOOGLE_CLIENT_SECRET || undefined,
          issuer: env.GOOGLE_ISSUER || GOOGLE_ENDPOINTS.issuer,
          authorizationEndpoint: env.GOOGLE_AUTHORIZATION_ENDPOINT || GOOGLE_ENDPOINTS.authorizationEndpoint,
          tokenEndpoint: env.GOOGLE_TOKEN_ENDPOINT || GOOGLE_ENDPOINTS.tokenEndpoint,
          jwksUri: env.GOOGLE_JWKS_URI || GOOGLE_ENDPOINTS.jwksUri,
        }
      : undefined,
    googleDomain: env.GOOGLE_DOMAIN?.trim().toLowerCase() || DEMO_GOOGLE_DOMAIN,
  };
}

/**
 * Starts what `config` asks for: real clients, or simulators on loopback.
 * Returns the providers, the lines that say what runs, and a close function.
 */
export async function startIdentityProviders(
  config: IdentityConfig,
  storage: { dataDir: string; databaseUrl?: string },
): Promise<{ identity: IdentityServices; notes: string[]; close(): Promise<void> }> {
  const notes: string[] = [];
  const closers: (() => Promise<void>)[] = [];
  const { key, source } = loadPersonnummerKey({ key: config.personnummerKey, ...storage });
  if (source === 'new file')
    notes.push(`Personnummer key: made a new one in ${storage.dataDir} (set PERSONNUMMER_KEY to choose your own).`);

  const identity: IdentityServices = { municipality: config.municipality, personnummerKey: key };

  if (config.bankid) {
    const b = config.bankid;
    identity.bankid = {
      client: httpBankIdClient({
        url: b.url,
        pfx: b.pfx ? readFileSync(b.pfx) : undefined,
        passphrase: b.passphrase,
        ca: b.ca ? readFileSync(b.ca) : undefined,
      }),
      launchUrl: bankIdLaunchUrl,
      description: `BankID at ${b.url}`,
    };
    notes.push(`BankID: ${b.url}`);
  } else {
    const sim = await startBankIdSimulator({ people: DEMO_BANKID_PEOPLE });
    closers.push(sim.close);
    identity.bankid = {
      client: httpBankIdClient({ url: sim.rpUrl }),
      launchUrl: (token) => sim.launchUrl(token),
      description: `the BankID simulator at ${sim.appUrl}`,
    };
    notes.push(
      `BankID: BANKID_URL is not set, so sign-in uses the BankID simulator — open ${sim.appUrl} to play the BankID app.`,
    );
  }

  if (config.google) {
    const g = config.google;
    identity.google = {
      ...g,
      clientSecret: g.clientSecret ?? null,
      domain: config.googleDomain,
      description: g.issuer,
    };
    notes.push(`Google: ${g.issuer} (client ${g.clientId}, domain ${config.googleDomain})`);
  } else {
    const clientId = 'skolhubben-demo';
    const clientSecret = randomBytes(16).toString('hex');
    const sim = await startGoogleSimulator({ clientId, clientSecret, accounts: DEMO_GOOGLE_ACCOUNTS });
    closers.push(sim.close);
    identity.google = {
      issuer: sim.issuer,
      authorizationEndpoint: sim.authorizationEndpoint,
      tokenEndpoint: sim.tokenEndpoint,
      jwksUri: sim.jwksUri,
      clientId,
      clientSecret,
      domain: config.googleDomain,
      description: `the Google simulator at ${sim.issuer}`,
    };
    notes.push(
      `Google: GOOGLE_CLIENT_ID is not set, so "Logga in med Google" uses the OpenID simulator at ${sim.issuer}.`,
    );
  }

  return {
    identity,
    notes,
    close: async () => {
      for (const close of closers) await close();
    },
  };
}
