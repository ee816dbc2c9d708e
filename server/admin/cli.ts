/**
 * The administrator's command line, on the configured database (the same
 * environment variables as the server):
 *
 *   npm run admin -- activation-code <e-mail or id>   a one-time code (72 h) for a guardian or pupil
 *   npm run admin -- end-sessions <e-mail or id>      ends every session of the person
 *   npm run admin -- disable <e-mail or id>           ends the sessions and refuses sign-in
 *   npm run admin -- enable <e-mail or id>
 *   npm run admin -- create-admin <e-mail> <name>     a school administrator, with an activation code
 *
 * The command line may issue a code for any account (also staff and
 * administrators); the API only for guardians and pupils. PGlite serves one
 * process at a time: with the embedded database, stop the server first (or
 * use the admin API); with PostgreSQL it runs beside the servers.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import { findAccount, issueActivationCode } from '../auth/activation.js';
import { loadConfig } from '../config.js';
import { type Database, openDatabase } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { createUser } from '../school/people.js';
import { disableAccount, enableAccount, endSessions } from './accounts.js';

const USAGE = `Usage: npm run admin -- <command> …
  activation-code <e-mail or id>   one-time code for a person to choose their own password
  end-sessions <e-mail or id>      end every session of the person
  disable <e-mail or id>           end the sessions and refuse sign-in
  enable <e-mail or id>            allow sign-in again
  create-admin <e-mail> <name>     a new school administrator, with an activation code`;

/** Runs one command; returns the exit code. Output goes through `print`. */
export async function runAdmin(db: Database, args: string[], print: (line: string) => void): Promise<number> {
  const [command, ref, ...rest] = args;
  const now = new Date();
  const account = async () => {
    const found = ref ? await findAccount(db, ref) : null;
    if (!found) print(`No person "${ref ?? ''}".`);
    return found;
  };
  const code = async (a: NonNullable<Awaited<ReturnType<typeof findAccount>>>) => {
    const result = await issueActivationCode(db, a, null, now, { roles: ['guardian', 'pupil', 'staff', 'admin'] });
    if ('error' in result) {
      print(`No code for ${a.name}: ${result.error.replace('_', ' ')}.`);
      return 1;
    }
    print(`Activation code for ${a.name} <${a.email}>: ${result.code}`);
    print(`Valid once, until ${result.expiresAt.toISOString()}. Enter it at "Jag har en aktiveringskod".`);
    return 0;
  };
  switch (command) {
    case 'activation-code': {
      const a = await account();
      return a ? code(a) : 1;
    }
    case 'end-sessions': {
      const a = await account();
      if (!a) return 1;
      print(`Ended ${await endSessions(db, a.id)} session(s) of ${a.name}.`);
      return 0;
    }
    case 'disable': {
      const a = await account();
      if (!a) return 1;
      await disableAccount(db, a.id);
      print(`${a.name} is disabled; every session ended.`);
      return 0;
    }
    case 'enable': {
      const a = await account();
      if (!a) return 1;
      await enableAccount(db, a.id);
      print(`${a.name} can sign in again.`);
      return 0;
    }
    case 'create-admin': {
      const name = rest.join(' ').trim();
      if (!ref?.includes('@') || !name) break;
      if (await findAccount(db, ref)) {
        print(`There is already an account for ${ref}.`);
        return 1;
      }
      const id = await db.transaction((tx) => createUser(tx, { id: randomUUID(), role: 'admin', name, email: ref }));
      return code((await findAccount(db, id)) as NonNullable<Awaited<ReturnType<typeof findAccount>>>);
    }
  }
  print(USAGE);
  return 2;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const config = loadConfig();
  const db = await openDatabase(config);
  await migrate(db);
  const status = await runAdmin(db, process.argv.slice(2), (line) => console.log(line));
  await db.close();
  process.exit(status);
}
