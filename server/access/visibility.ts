/**
 * Protected identity (skyddad identitet): what one person may see of another,
 * decided in one place for every list that shows people to other families
 * (the class list, and any later one). The rules, also in
 * docs/access-rules.md:
 *
 * 1. The person themself, their own family (a guardian with custody, their
 *    child) and the school's staff see everything the school holds.
 * 2. Other families never see anybody's home address: a class list carries
 *    names, telephone numbers and e-mail, nothing more.
 * 3. A pupil appears to other families only where the school allows it
 *    (`pupils.name_in_class_list`). A pupil with protected identity is then
 *    at most a name: never their telephone number or e-mail.
 * 4. A guardian with protected identity never appears to other families: not
 *    their contact details, not their name (a name with a child's class is
 *    enough to find a family).
 * 5. A guardian of a child with protected identity is treated as protected
 *    too, in every class list (also beside a sibling without protection):
 *    their address and number are the child's.
 *
 * @module
 */

/** How the viewer stands to the person. A guardian whose custody ended is `otherFamily`. */
export type Viewer = 'self' | 'family' | 'staff' | 'otherFamily';

export interface PupilFacts {
  kind: 'pupil';
  name: string;
  email: string;
  phone: string;
  address?: string;
  protectedIdentity: boolean;
  /** The school's choice: whether the pupil appears in class lists. */
  nameInClassList: boolean;
}

export interface GuardianFacts {
  kind: 'guardian';
  name: string;
  email: string;
  phone: string;
  address?: string;
  protectedIdentity: boolean;
  /** Whether any child in their custody has protected identity. */
  guardsProtectedChild: boolean;
}

export type PersonFacts = PupilFacts | GuardianFacts;

/** What the viewer may see; a field they may not see is null. */
export interface Visible {
  name: string;
  email: string | null;
  phone: string | null;
  address: string | null;
}

/** What `viewer` may see of `person`, or null when the person must not appear at all. */
export function visibleTo(viewer: Viewer, person: PersonFacts): Visible | null {
  if (viewer !== 'otherFamily') {
    return { name: person.name, email: person.email, phone: person.phone, address: person.address ?? null };
  }
  if (person.kind === 'pupil') {
    if (!person.nameInClassList) return null;
    if (person.protectedIdentity) return { name: person.name, email: null, phone: null, address: null };
    return { name: person.name, email: person.email, phone: person.phone, address: null };
  }
  if (person.protectedIdentity || person.guardsProtectedChild) return null;
  return { name: person.name, email: person.email, phone: person.phone, address: null };
}

/** Whether a guardian must be treated as protected for other families (rule 4 and 5). */
export function guardianHidden(g: Pick<GuardianFacts, 'protectedIdentity' | 'guardsProtectedChild'>): boolean {
  return g.protectedIdentity || g.guardsProtectedChild;
}
