/**
 * The school's side of the boxes: publishing, updating and unpublishing
 * assessments, calendar events, publications (news, files, links, plannings,
 * documentation) and staff contacts. The staff API and the demo school both
 * go through these functions, so what the seed makes is what a school can.
 *
 * Every item is stored with the scope it was published for (a school, a
 * class or a pupil), which never changes; unpublishing sets `deleted`, so
 * devices receive a tombstone, and publishing again clears it.
 *
 * @module
 */
import {
  ASSESSMENT_SYMBOLS,
  DOC_TYPES,
  EVENT_KINDS,
  type ItemScopeKind,
  PUBLICATION_KINDS,
  SCOPE_KINDS,
} from '../../shared/collections.js';
import { type IsoDate, isIsoDate, minutesOf } from '../../shared/time.js';
import { type Schema, validate } from '../../shared/validate.js';
import type { SessionUser } from '../auth/sessions.js';
import type { Row, Sql } from '../db/database.js';
import { BadRequest } from '../http.js';
import { serverCollections } from '../sync/collections.js';
import { safeUrl, sanitizeHtml } from './sanitize.js';

/** The kinds of item the staff API publishes, by collection (and table) name. */
export const PUBLISHED_KINDS = ['assessments', 'events', 'publications', 'contacts'] as const;
export type PublishedKind = (typeof PUBLISHED_KINDS)[number];

/** Who publishes: a staff member (for their school) or an admin (for every school). */
export type Publisher = Pick<SessionUser, 'id' | 'role'>;

export interface ItemScope {
  kind: ItemScopeKind;
  id: string;
}

// --- input schemas (also the OpenAPI document's) -------------------------------------------

export const ITEM_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$';
const line = (max: number, min = 0): Schema => ({ type: 'string', minLength: min, maxLength: max });
const dateField: Schema = {
  type: 'string',
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  maxLength: 10,
  description: 'A calendar date (YYYY-MM-DD) in Europe/Stockholm.',
};
const timeField: Schema = {
  type: 'string',
  pattern: '^([01]\\d|2[0-3]):[0-5]\\d$',
  maxLength: 5,
  description: 'A wall-clock time (HH:MM) in Europe/Stockholm.',
};
const urlField: Schema = {
  type: 'string',
  minLength: 1,
  maxLength: 2000,
  description: 'An http, https or mailto address.',
};
const scopeField = (kinds: readonly string[] = SCOPE_KINDS): Schema => ({
  type: 'object',
  description: 'Who the item is for: a whole school, one class, or one pupil (by id). It cannot change later.',
  properties: { kind: { type: 'string', enum: kinds }, id: line(64, 1) },
  required: ['kind', 'id'],
});
const richText: Schema = {
  type: 'string',
  maxLength: 100_000,
  description:
    'Rich text (HTML). Kept: p, br, strong, b, em, i, u, s, ul, ol, li, h2–h4, blockquote and a with an ' +
    'http(s) or mailto href; everything else is removed (scripts and styles with their content).',
};

export const inputSchemas: Record<PublishedKind, Schema> = {
  assessments: {
    type: 'object',
    description: 'An assessment of one pupil in a subject against its knowledge requirements (kunskapskrav).',
    properties: {
      pupilId: line(64, 1),
      subject: line(100, 1),
      title: line(200, 1),
      date: dateField,
      teacher: line(100),
      comment: line(5000),
      requirements: {
        type: 'array',
        maxItems: 50,
        items: {
          type: 'object',
          properties: {
            text: line(2000, 1),
            symbol: {
              type: ['string', 'null'],
              enum: [...ASSESSMENT_SYMBOLS, null],
              description: 'notMet, partlyMet or met; null or absent: not yet dealt with in teaching.',
            },
          },
          required: ['text'],
        },
      },
    },
    required: ['pupilId', 'subject', 'title', 'date', 'requirements'],
  },
  events: {
    type: 'object',
    description: 'A calendar event. `personal` events belong to one pupil. Without start and end it lasts all day.',
    properties: {
      scope: scopeField(),
      kind: { type: 'string', enum: EVENT_KINDS },
      title: line(200, 1),
      date: dateField,
      endDate: dateField,
      start: timeField,
      end: timeField,
      location: line(200),
      description: line(5000),
    },
    required: ['scope', 'kind', 'title', 'date'],
  },
  publications: {
    type: 'object',
    description:
      'News, a file, a link, a planning or documentation. A link needs `url`; a file at least one attachment; ' +
      'documentation a `docType` and a pupil scope.',
    properties: {
      scope: scopeField(),
      kind: { type: 'string', enum: PUBLICATION_KINDS },
      docType: { type: 'string', enum: DOC_TYPES },
      title: line(200, 1),
      body: richText,
      url: urlField,
      subject: line(100),
      periodFrom: dateField,
      periodTo: dateField,
      goals: { type: 'array', maxItems: 30, items: line(1000, 1) },
      author: line(100),
      date: dateField,
      attachments: {
        type: 'array',
        maxItems: 20,
        items: line(64, 1),
        description: 'Ids of files uploaded with POST /api/staff/files for the same scope.',
      },
      links: {
        type: 'array',
        maxItems: 20,
        items: { type: 'object', properties: { title: line(200, 1), url: urlField }, required: ['title', 'url'] },
      },
    },
    required: ['scope', 'kind', 'title'],
  },
  contacts: {
    type: 'object',
    description: 'A staff member on the contact list of a school or a class. (Class lists come from the register.)',
    properties: {
      scope: scopeField(['school', 'class']),
      name: line(100, 1),
      role: line(100),
      email: { type: 'string', maxLength: 254, pattern: '^$|^[^\\s@]+@[^\\s@]+$' },
      phone: { type: 'string', maxLength: 30, pattern: '^[0-9 +()-]*$' },
    },
    required: ['scope', 'name'],
  },
};

// --- authorization ------------------------------------------------------------------------

/** Throws 403 unless `publisher` may publish for `schoolId`. */
export async function assertMayPublish(tx: Sql, publisher: Publisher, schoolId: string): Promise<void> {
  if (publisher.role === 'admin') return;
  if (publisher.role === 'staff') {
    const [row] = await tx.query<{ school_id: string | null }>(
      'SELECT school_id FROM users WHERE id = $1 AND NOT disabled',
      [publisher.id],
    );
    if (row?.school_id === schoolId) return;
  }
  throw new BadRequest('forbidden', 'You may not publish for this school.', 403);
}

/** The school a scope belongs to; 400 when it names nothing. */
export async function schoolOfScope(tx: Sql, scope: ItemScope): Promise<string> {
  const sql = {
    school: 'SELECT id AS school_id FROM schools WHERE id = $1',
    class: 'SELECT school_id FROM classes WHERE id = $1',
    pupil: 'SELECT c.school_id FROM pupils p JOIN classes c ON c.id = p.class_id WHERE p.id = $1 AND NOT p.deleted',
  }[scope.kind];
  const [row] = await tx.query<{ school_id: string }>(sql, [scope.id]);
  if (!row) throw new BadRequest('unknown_scope', `There is no ${scope.kind} "${scope.id}".`);
  return row.school_id;
}

// --- publishing ---------------------------------------------------------------------------

function check(kind: PublishedKind, input: unknown): void {
  const problems = validate(inputSchemas[kind], input);
  if (problems.length > 0) throw new BadRequest('invalid_body', problems.slice(0, 5).join('; '));
}

function checkDates(...dates: (string | undefined)[]): void {
  for (const d of dates) {
    if (d !== undefined && !isIsoDate(d)) throw new BadRequest('invalid_body', `${d} is not a calendar date.`);
  }
}

function checkUrl(url: string): string {
  const safe = safeUrl(url);
  if (!safe) throw new BadRequest('invalid_body', 'Links must be http, https or mailto addresses.');
  return safe;
}

type Columns = Record<string, unknown>;

/** The scope and the table columns of an input (already validated). */
async function columnsOf(
  tx: Sql,
  kind: PublishedKind,
  input: Record<string, any>,
  today: IsoDate,
): Promise<{ scope: ItemScope; columns: Columns }> {
  switch (kind) {
    case 'assessments': {
      checkDates(input.date);
      return {
        scope: { kind: 'pupil', id: input.pupilId },
        columns: {
          subject: input.subject,
          title: input.title,
          date: input.date,
          teacher: input.teacher ?? '',
          comment: input.comment ?? '',
          requirements: JSON.stringify(
            (input.requirements as { text: string; symbol?: string | null }[]).map((r) => ({
              text: r.text,
              symbol: r.symbol ?? null,
            })),
          ),
        },
      };
    }
    case 'events': {
      const endDate = input.endDate ?? input.date;
      checkDates(input.date, endDate);
      if (endDate < input.date) throw new BadRequest('invalid_body', 'endDate must not be before date.');
      if ((input.start === undefined) !== (input.end === undefined)) {
        throw new BadRequest('invalid_body', 'Give both start and end, or neither (all day).');
      }
      if (input.start !== undefined && endDate === input.date && minutesOf(input.end) <= minutesOf(input.start)) {
        throw new BadRequest('invalid_body', 'end must be after start.');
      }
      if ((input.kind === 'personal') !== (input.scope.kind === 'pupil')) {
        throw new BadRequest('invalid_body', 'A personal event belongs to one pupil, and only personal events do.');
      }
      return {
        scope: input.scope,
        columns: {
          kind: input.kind,
          title: input.title,
          date: input.date,
          end_date: endDate,
          start_time: input.start ?? '',
          end_time: input.end ?? '',
          location: input.location ?? '',
          description: input.description ?? '',
        },
      };
    }
    case 'publications': {
      checkDates(input.date, input.periodFrom, input.periodTo);
      const documentation = input.kind === 'documentation';
      if (documentation !== (input.docType !== undefined)) {
        throw new BadRequest(
          'invalid_body',
          'Documentation needs a docType (iup, note, actionProgramme); nothing else has one.',
        );
      }
      if (documentation && input.scope.kind !== 'pupil') {
        throw new BadRequest('invalid_body', 'Documentation is about one pupil: give a pupil scope.');
      }
      if (input.kind === 'link' && input.url === undefined) throw new BadRequest('invalid_body', 'A link needs a url.');
      if (input.kind === 'file' && !(input.attachments?.length > 0)) {
        throw new BadRequest('invalid_body', 'A file publication needs at least one attachment.');
      }
      if (input.periodFrom && input.periodTo && input.periodTo < input.periodFrom) {
        throw new BadRequest('invalid_body', 'periodTo must not be before periodFrom.');
      }
      const attachments = await attachmentsOf(tx, input.scope, input.attachments ?? []);
      return {
        scope: input.scope,
        columns: {
          kind: input.kind,
          doc_type: input.docType ?? '',
          title: input.title,
          body: sanitizeHtml(input.body ?? ''),
          url: input.url === undefined ? '' : checkUrl(input.url),
          subject: input.subject ?? '',
          period_from: input.periodFrom ?? '',
          period_to: input.periodTo ?? '',
          goals: JSON.stringify(input.goals ?? []),
          author: input.author ?? '',
          date: input.date ?? today,
          attachments: JSON.stringify(attachments),
          links: JSON.stringify(
            (input.links ?? []).map((l: { title: string; url: string }) => ({ title: l.title, url: checkUrl(l.url) })),
          ),
        },
      };
    }
    case 'contacts':
      return {
        scope: input.scope,
        columns: {
          kind: 'staff',
          name: input.name,
          sort_name: String(input.name).toLocaleLowerCase('sv').slice(0, 120),
          role: input.role ?? '',
          email: (input.email ?? '').toLowerCase(),
          phone: input.phone ?? '',
        },
      };
  }
}

/** The uploaded files `ids`, each of which must have the publication's scope. */
export async function attachmentsOf(tx: Sql, scope: ItemScope, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await tx.query<{
    id: string;
    name: string;
    type: string;
    size: number;
    scope_kind: string;
    scope_ref: string;
  }>('SELECT id, name, type, size, scope_kind, scope_ref FROM files WHERE id = ANY($1::text[])', [ids]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => {
    const f = byId.get(id);
    if (!f || f.scope_kind !== scope.kind || f.scope_ref !== scope.id) {
      throw new BadRequest('invalid_attachment', `File "${id}" was not uploaded for this ${scope.kind}.`);
    }
    return { id: f.id, name: f.name, type: f.type, size: Number(f.size) };
  });
}

/** The item as devices receive it, with whether it is published. */
async function stored(tx: Sql, kind: PublishedKind, id: string) {
  const c = serverCollections[kind];
  const [row] = await tx.query<Row & { deleted: boolean }>(
    `SELECT ${c.columns}, d.deleted FROM ${c.table} d WHERE d.id = $1`,
    [id],
  );
  return row ? { ...c.toDoc(row), published: !row.deleted } : null;
}

/**
 * Publishes item `id` of `kind` (creating it, or updating it and publishing
 * it again if it was unpublished). Throws BadRequest with a status: 400 for
 * invalid input, 403 for another school, 409 when the item exists with
 * another scope or is not the school's to edit.
 */
export async function publish(
  tx: Sql,
  publisher: Publisher,
  kind: PublishedKind,
  id: string,
  input: unknown,
  today: IsoDate,
) {
  if (!new RegExp(ITEM_ID_PATTERN).test(id)) throw new BadRequest('invalid_id', `"${id}" is not a valid id.`);
  check(kind, input);
  const { scope, columns } = await columnsOf(tx, kind, input as Record<string, any>, today);
  const schoolId = await schoolOfScope(tx, scope);
  await assertMayPublish(tx, publisher, schoolId);
  const [existing] = await tx.query<{ scope_kind: string; scope_ref: string; kind?: string }>(
    `SELECT scope_kind, scope_ref${kind === 'contacts' ? ', kind' : ''} FROM ${kind} WHERE id = $1`,
    [id],
  );
  if (existing) {
    if (kind === 'contacts' && existing.kind !== 'staff') {
      throw new BadRequest('not_editable', 'Class-list entries come from the register and cannot be edited here.', 409);
    }
    if (existing.scope_kind !== scope.kind || existing.scope_ref !== scope.id) {
      throw new BadRequest(
        'scope_fixed',
        `"${id}" was published for ${existing.scope_kind} "${existing.scope_ref}"; unpublish it and publish a new item instead.`,
        409,
      );
    }
  } else if (kind === 'contacts' && id.startsWith('cl-')) {
    throw new BadRequest('invalid_id', 'Ids starting with "cl-" are kept for class lists.');
  }
  const names = Object.keys(columns);
  const values = Object.values(columns);
  const base = ['id', 'school_id', 'scope_kind', 'scope_ref', 'author_id', 'deleted'];
  const all = [...base, ...names];
  await tx.query(
    `INSERT INTO ${kind} (${all.join(', ')})
     VALUES (${all.map((_, i) => `$${i + 1}`).join(', ')})
     ON CONFLICT (id) DO UPDATE SET ${['author_id', 'deleted', ...names].map((n) => `${n} = EXCLUDED.${n}`).join(', ')}`,
    [id, schoolId, scope.kind, scope.id, publisher.id, false, ...values],
  );
  return { created: !existing, item: await stored(tx, kind, id) };
}

/** Unpublishes item `id`: devices receive a tombstone. 404 when there is none. */
export async function unpublish(tx: Sql, publisher: Publisher, kind: PublishedKind, id: string): Promise<void> {
  const [row] = await tx.query<{ school_id: string; kind?: string }>(
    `SELECT school_id${kind === 'contacts' ? ', kind' : ''} FROM ${kind} WHERE id = $1`,
    [id],
  );
  if (!row) throw new BadRequest('not_found', `There is no ${kind} item "${id}".`, 404);
  await assertMayPublish(tx, publisher, row.school_id);
  if (kind === 'contacts' && row.kind !== 'staff') {
    throw new BadRequest('not_editable', 'Class-list entries come from the register and cannot be edited here.', 409);
  }
  await tx.query(`UPDATE ${kind} SET deleted = true WHERE id = $1 AND NOT deleted`, [id]);
}

/** The item, published or not, for staff of its school. 404 when there is none. */
export async function getItem(tx: Sql, publisher: Publisher, kind: PublishedKind, id: string) {
  const [row] = await tx.query<{ school_id: string }>(`SELECT school_id FROM ${kind} WHERE id = $1`, [id]);
  if (!row) throw new BadRequest('not_found', `There is no ${kind} item "${id}".`, 404);
  await assertMayPublish(tx, publisher, row.school_id);
  return stored(tx, kind, id);
}
