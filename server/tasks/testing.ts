/**
 * The test school of `server/testing/school.ts` with what Uppgifter and eTest
 * tests need besides: a teacher of the school (`st@test.se`), a teacher of
 * another school (`sto@test.se`), and a second pupil account in 4A, Cleo
 * (`cleo@test.se`), so that two pupils of one class can be told apart.
 *
 * @module
 */
import { hashPassword } from '../auth/password.js';
import type { Database } from '../db/database.js';
import { addCustody, createClass, createPupil, createSchool, createUser } from '../school/people.js';
import type { ApiClient } from '../testing/school.js';
import { createTestSchool, PASSWORD, TEST_SCRYPT } from '../testing/school.js';

export async function createTaskSchool(db: Database) {
  const base = await createTestSchool(db, []);
  const hash = await hashPassword(PASSWORD, TEST_SCRYPT);
  await db.transaction(async (tx) => {
    const st = await createUser(tx, {
      id: 'st',
      role: 'staff',
      name: 'Sara Lärare',
      email: 'st@test.se',
      passwordHash: hash,
    });
    await tx.query(`UPDATE users SET school_id = 's' WHERE id = $1`, [st]);
    await createSchool(tx, { id: 'other', name: 'Andra skolan', municipality: 'Testkommun' });
    await createClass(tx, { id: '9x', schoolId: 'other', name: '9X', year: 9 });
    const sto = await createUser(tx, {
      id: 'sto',
      role: 'staff',
      name: 'Olof Annan',
      email: 'sto@test.se',
      passwordHash: hash,
    });
    await tx.query(`UPDATE users SET school_id = 'other' WHERE id = $1`, [sto]);
    const uc = await createUser(tx, {
      id: 'uc',
      role: 'pupil',
      name: 'Cleo Ceder',
      email: 'cleo@test.se',
      passwordHash: hash,
    });
    const cleo = await createPupil(tx, { id: 'cleo', firstName: 'Cleo', lastName: 'Ceder', classId: '4a', userId: uc });
    const gc = await createUser(tx, {
      id: 'gc',
      role: 'guardian',
      name: 'Cia Ceder',
      email: 'gc@test.se',
      passwordHash: hash,
    });
    await addCustody(tx, gc, cleo);
  });
  return base;
}

export const putJson = (client: ApiClient, path: string, body: unknown) =>
  client.send(path, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
export const postJson = (client: ApiClient, path: string, body: unknown) =>
  client.send(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
