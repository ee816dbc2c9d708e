/**
 * The password policy (OWASP ASVS 5, level 2): at least 8 characters, long
 * passphrases welcome (up to 256), every character allowed (spaces, emoji,
 * pasted text), no composition rules, and none of the 10 000 most common
 * breached passwords (`common-passwords.txt`, shipped with the project; see
 * `scripts/common-passwords.mjs`) nor the person's own e-mail or name or the
 * service's name. Length counts Unicode code points after NFKC, the form the
 * hash is taken of; nothing is trimmed or truncated.
 *
 * Applied wherever a password is chosen: activation (`activation.ts`) and the
 * administrator's command line.
 *
 * @module
 */
import { readFileSync } from 'node:fs';

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 256;

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'personal';

let common: Set<string> | undefined;

/** The shipped list of common breached passwords, lower-cased. */
export function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#')),
  );
  return common;
}

/** Words of this service that make a guessable password. */
const SERVICE_WORDS = ['skolhubben', 'infomentor', 'lösenord', 'losenord'];

const squash = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s._\-@]+/g, '');

/**
 * What is wrong with `password`, or null when the policy accepts it. `context`
 * is what the person is known by (e-mail, name): a password that is one of
 * those, or one of them with digits or signs added at the end, is refused.
 */
export function passwordProblem(password: string, context: readonly string[] = []): PasswordProblem | null {
  const normal = password.normalize('NFKC');
  const length = [...normal].length;
  if (length < MIN_PASSWORD_LENGTH) return 'too_short';
  if (length > MAX_PASSWORD_LENGTH) return 'too_long';
  const lower = normal.toLowerCase();
  // "Password2026!" is "password" with a year and a sign: as common as the word.
  const stem = lower.replace(/[\d\W_]+$/u, '');
  const list = commonPasswords();
  if (list.has(lower) || list.has(stem)) return 'common';
  const personal = [...SERVICE_WORDS, ...context.flatMap((c) => [c, c.split('@')[0] ?? ''])]
    .map(squash)
    .filter((w) => w.length >= 3);
  const squashed = squash(lower);
  const squashedStem = squash(stem);
  if (personal.some((w) => w === squashed || w === squashedStem)) return 'personal';
  return null;
}
