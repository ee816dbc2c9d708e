/**
 * Password hashing with scrypt from node:crypto, at the parameters OWASP
 * recommends (N = 2^17, r = 8, p = 1). The parameters are stored with each
 * hash, so they can be raised later without breaking older hashes.
 *
 * @module
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

export const OWASP_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, { N, r, p }: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem must exceed 128 * N * r bytes; node's default (32 MiB) is too small for N = 2^17.
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { N, r, p, maxmem: 256 * N * r }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/** Hashes `password` as `scrypt$N$r$p$salt$hash` (base64). */
export async function hashPassword(password: string, params: ScryptParams = OWASP_SCRYPT): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** True when `password` matches `stored`; false for a malformed or missing hash. */
export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  const parts = stored?.split('$');
  if (parts?.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every(Number.isSafeInteger)) return false;
  const expected = Buffer.from(parts[5] ?? '', 'base64');
  const key = await derive(password, Buffer.from(parts[4] ?? '', 'base64'), { N, r, p });
  return expected.length === key.length && timingSafeEqual(expected, key);
}

const dummyHashes = new Map<string, Promise<string>>();
/**
 * Spends the time of one verification at `params` (those the accounts' hashes
 * have) on nothing, so that "no such account" takes as long as "wrong
 * password" and timing does not reveal accounts.
 */
export async function burnVerification(password: string, params: ScryptParams = OWASP_SCRYPT): Promise<void> {
  const key = `${params.N}$${params.r}$${params.p}`;
  let dummy = dummyHashes.get(key);
  if (!dummy) {
    dummy = hashPassword('not a password of anyone', params);
    dummyHashes.set(key, dummy);
  }
  await verifyPassword(password, await dummy);
}
