/**
 * The demo school's sign-in identities: a BankID test personnummer for each
 * demo guardian (valid check digits, födelsenummer in the 98x range used for
 * test numbers; none is a real person's), the people the BankID simulator
 * offers, and the test accounts of the Google simulator.
 *
 * @module
 */

import type { TestPerson } from '../auth/bankid/simulator.js';
import type { GoogleTestAccount } from '../auth/google/simulator.js';
import { setPersonnummer } from '../auth/identity.js';
import type { Sql } from '../db/database.js';
import { DEMO_SCHOOL } from './school.js';

/** The demo guardians' BankID test personnummer, by their e-mail (see README's demo accounts). */
export const DEMO_BANKID = [
  { email: 'anna.lindqvist@example.se', personalNumber: '198405129829', givenName: 'Anna', surname: 'Lindqvist' },
  { email: 'erik.lindqvist@example.se', personalNumber: '198209179830', givenName: 'Erik', surname: 'Lindqvist' },
  { email: 'fatima.ali@example.se', personalNumber: '198702039846', givenName: 'Fatima', surname: 'Ali' },
] as const;

/** Somebody with a BankID and no account at the school: signing in tells them so. */
export const DEMO_STRANGER: TestPerson = { personalNumber: '199001019851', givenName: 'Okänd', surname: 'Testperson' };

/** Whom the BankID simulator offers in the demo. */
export const DEMO_BANKID_PEOPLE: TestPerson[] = [
  ...DEMO_BANKID.map(({ personalNumber, givenName, surname }) => ({ personalNumber, givenName, surname })),
  DEMO_STRANGER,
];

/** The pupils' Google Workspace domain in the demo. */
export const DEMO_GOOGLE_DOMAIN = 'elev.lingonberg.se';

/** The Google simulator's accounts: Olle's school account, and three that must not get in. */
export const DEMO_GOOGLE_ACCOUNTS: GoogleTestAccount[] = [
  {
    sub: '100000000000000000001',
    email: 'olle.lindqvist@elev.lingonberg.se',
    emailVerified: true,
    hd: DEMO_GOOGLE_DOMAIN,
    name: 'Olle Lindqvist',
  },
  {
    sub: '100000000000000000002',
    email: 'ny.elev@elev.lingonberg.se',
    emailVerified: true,
    hd: DEMO_GOOGLE_DOMAIN,
    name: 'Ny Elev (ingen elev i skolan)',
  },
  {
    sub: '100000000000000000003',
    email: 'olle.privat@example.com',
    emailVerified: true,
    name: 'Olle privat (utanför skolans domän)',
  },
];

/**
 * Gives the demo guardians their test personnummer (as keyed hashes), where
 * the demo school exists and they have none yet: run at every start, so a
 * demo made before BankID, or under another key, gets them too.
 */
export async function addDemoIdentities(db: Sql, key: Uint8Array): Promise<number> {
  const [school] = await db.query('SELECT 1 FROM schools WHERE id = $1', [DEMO_SCHOOL.id]);
  if (!school) return 0;
  let set = 0;
  for (const g of DEMO_BANKID) {
    const [row] = await db.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [g.email]);
    if (!row) continue;
    await setPersonnummer(db, key, row.id, g.personalNumber);
    set++;
  }
  return set;
}
