import { describe, expect, it } from 'vitest';
import { type GuardianFacts, type PersonFacts, type PupilFacts, type Viewer, visibleTo } from './visibility.js';

const pupil = (over: Partial<PupilFacts> = {}): PupilFacts => ({
  kind: 'pupil',
  name: 'Ada Ahl',
  email: 'ada@elev.test.se',
  phone: '070-111 11 11',
  address: 'Lingonvägen 1',
  protectedIdentity: false,
  nameInClassList: true,
  ...over,
});
const guardian = (over: Partial<GuardianFacts> = {}): GuardianFacts => ({
  kind: 'guardian',
  name: 'Gun Ahl',
  email: 'gun@test.se',
  phone: '070-222 22 22',
  address: 'Lingonvägen 1',
  protectedIdentity: false,
  guardsProtectedChild: false,
  ...over,
});

describe('what other families may see of a person', () => {
  it('shows a pupil’s name and contact details, never the address', () => {
    expect(visibleTo('otherFamily', pupil())).toEqual({
      name: 'Ada Ahl',
      email: 'ada@elev.test.se',
      phone: '070-111 11 11',
      address: null,
    });
  });

  it('shows a pupil only where the school allows it', () => {
    expect(visibleTo('otherFamily', pupil({ nameInClassList: false }))).toBeNull();
    expect(visibleTo('otherFamily', pupil({ nameInClassList: false, protectedIdentity: true }))).toBeNull();
  });

  it('shows a protected pupil the school lists by name only', () => {
    expect(visibleTo('otherFamily', pupil({ protectedIdentity: true }))).toEqual({
      name: 'Ada Ahl',
      email: null,
      phone: null,
      address: null,
    });
  });

  it('never shows a protected guardian, nor a guardian of a protected child, to other families', () => {
    expect(visibleTo('otherFamily', guardian({ protectedIdentity: true }))).toBeNull();
    expect(visibleTo('otherFamily', guardian({ guardsProtectedChild: true }))).toBeNull();
    expect(visibleTo('otherFamily', guardian())).toEqual({
      name: 'Gun Ahl',
      email: 'gun@test.se',
      phone: '070-222 22 22',
      address: null,
    });
  });

  it('shows everything to the person, their own family and the staff, protected or not', () => {
    for (const viewer of ['self', 'family', 'staff'] as Viewer[]) {
      for (const person of [
        pupil({ protectedIdentity: true, nameInClassList: false }),
        guardian({ protectedIdentity: true }),
      ]) {
        expect(visibleTo(viewer, person)).toEqual({
          name: person.name,
          email: person.email,
          phone: person.phone,
          address: 'Lingonvägen 1',
        });
      }
    }
  });

  it('never lets a protected person’s address, phone or e-mail reach another family, for any combination', () => {
    const people: PersonFacts[] = [];
    for (const protectedIdentity of [false, true]) {
      for (const flag of [false, true]) {
        people.push(pupil({ protectedIdentity, nameInClassList: flag }));
        people.push(guardian({ protectedIdentity, guardsProtectedChild: flag }));
      }
    }
    for (const person of people) {
      const seen = visibleTo('otherFamily', person);
      expect(seen?.address ?? null).toBeNull();
      const isProtected = person.protectedIdentity || (person.kind === 'guardian' && person.guardsProtectedChild);
      if (isProtected) {
        expect(seen?.phone ?? null).toBeNull();
        expect(seen?.email ?? null).toBeNull();
      }
      if (person.kind === 'guardian' && isProtected) expect(seen).toBeNull();
      if (person.kind === 'pupil' && !person.nameInClassList) expect(seen).toBeNull();
    }
  });
});
