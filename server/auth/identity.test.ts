import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engines, type TestDatabase, testDatabase } from '../testing/db.js';
import { createTestSchool, weekdays } from '../testing/school.js';
import {
  findUserByPersonnummer,
  KEY_FILE,
  loadPersonnummerKey,
  maskPersonnummer,
  normalizePersonnummer,
  personnummerHash,
  setPersonnummer,
} from './identity.js';

const KEY = Buffer.alloc(32, 7);
const ANNA = '198405129829';

describe('personnummer', () => {
  it('accepts 12 digits with a valid check digit, with or without the hyphen', () => {
    expect(normalizePersonnummer(ANNA)).toBe(ANNA);
    expect(normalizePersonnummer('19840512-9829')).toBe(ANNA);
    expect(normalizePersonnummer('198405129828')).toBeNull(); // wrong check digit
    expect(normalizePersonnummer('8405129829')).toBeNull(); // 10 digits: the century is unknown
    expect(normalizePersonnummer('198413129829')).toBeNull(); // month 13
    expect(normalizePersonnummer('')).toBeNull();
  });

  it('is shown only masked, as the birth date', () => {
    expect(maskPersonnummer(ANNA)).toBe('19840512-****');
    expect(maskPersonnummer('19840512-9829')).toBe('19840512-****');
  });

  it('is hashed with HMAC-SHA256 under the key: another key gives another hash, and the number is not in it', () => {
    const a = personnummerHash(KEY, ANNA);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(personnummerHash(KEY, '19840512-9829')).toBe(a);
    expect(personnummerHash(Buffer.alloc(32, 8), ANNA)).not.toBe(a);
    expect(a).not.toContain('9829');
    expect(() => personnummerHash(KEY, '198405129828')).toThrow(/19840512-\*\*\*\*/);
  });

  describe('the key', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'skolhubben-key-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('is made once in the data folder with PGlite, readable only by its owner, and kept', () => {
      const first = loadPersonnummerKey({ dataDir: dir });
      expect(first.source).toBe('new file');
      expect(first.key.length).toBe(32);
      const path = join(dir, KEY_FILE);
      expect(statSync(path).mode & 0o777).toBe(0o600);
      const second = loadPersonnummerKey({ dataDir: dir });
      expect(second.source).toBe('file');
      expect(second.key.equals(first.key)).toBe(true);
      expect(readFileSync(path, 'utf8').trim()).toBe(first.key.toString('hex'));
    });

    it('comes from PERSONNUMMER_KEY when set, and is required with DATABASE_URL', () => {
      const hex = 'ab'.repeat(32);
      expect(loadPersonnummerKey({ key: hex, dataDir: dir }).key.toString('hex')).toBe(hex);
      expect(() => loadPersonnummerKey({ dataDir: dir, databaseUrl: 'postgres://x' })).toThrow(/PERSONNUMMER_KEY/);
      expect(existsSync(join(dir, KEY_FILE))).toBe(false);
      expect(() => loadPersonnummerKey({ key: 'abcd', dataDir: dir })).toThrow(/at least 32 bytes/);
    });
  });
});

describe.each(engines)('finding a user by personnummer on %s', (engine) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await testDatabase(engine);
    await createTestSchool(db, weekdays('2026-03-09', 1));
  });
  afterEach(async () => db.close());

  it('finds the guardian through the keyed hash, and stores nothing else of the number', async () => {
    await setPersonnummer(db, KEY, 'ga', ANNA);
    expect(await findUserByPersonnummer(db, KEY, ANNA)).toEqual({ id: 'ga', role: 'guardian', name: 'Gun Ahl' });
    expect(await findUserByPersonnummer(db, KEY, '19840512-9829')).toMatchObject({ id: 'ga' });
    expect(await findUserByPersonnummer(db, Buffer.alloc(32, 8), ANNA)).toBeNull();
    expect(await findUserByPersonnummer(db, KEY, '198209179830')).toBeNull();
    expect(await findUserByPersonnummer(db, KEY, 'nonsense')).toBeNull();
    const dump = JSON.stringify(await db.query('SELECT * FROM users'));
    expect(dump).not.toContain(ANNA);
    expect(dump).not.toContain('19840512');
  });

  it('does not find a disabled account, and one number belongs to one account', async () => {
    await setPersonnummer(db, KEY, 'ga', ANNA);
    await expect(setPersonnummer(db, KEY, 'gb', ANNA)).rejects.toThrow();
    await db.query(`UPDATE users SET disabled = true WHERE id = 'ga'`);
    expect(await findUserByPersonnummer(db, KEY, ANNA)).toBeNull();
  });
});
