/**
 * The OpenAPI 3.1 description of the staff API, built from the same schemas
 * the server validates with (OpenAPI 3.1 speaks JSON Schema), so the
 * document cannot drift from what the routes accept. A test checks that
 * every staff route the app registers is described here.
 *
 * @module
 */
import { collectionSchemas } from '../../shared/collections.js';
import type { Schema } from '../../shared/validate.js';
import { staffAbsenceReportPageSchema, staffAbsenceReportSchema } from '../absence/staff-reports.js';
import { fileUploadSchema, MAX_FILE_BYTES } from '../boxes/files.js';
import { ITEM_ID_PATTERN, inputSchemas, PUBLISHED_KINDS, type PublishedKind } from '../boxes/publish.js';
import { enrolmentInputSchema, lockInputSchema, MAX_RANGE_DAYS } from '../care-times/staff.js';
import { conferenceSlotInputSchema } from '../conferences/staff.js';
import { taskOpenApi } from '../tasks/openapi.js';

/** Our validator treats unknown properties as errors; JSON Schema allows them unless told. */
function strict(schema: Schema): Schema {
  const out: Schema = { ...schema };
  if (out.properties) {
    out.properties = Object.fromEntries(Object.entries(out.properties).map(([k, v]) => [k, strict(v)]));
    if (out.additionalProperties === undefined) out.additionalProperties = false;
  }
  if (out.items) out.items = strict(out.items);
  return out;
}

/** A device document schema as a response schema (RxDB's extra keys left out). */
function documentSchema(name: PublishedKind): Schema {
  const { properties, required, description } = collectionSchemas[name];
  return strict({
    type: 'object',
    description,
    properties: { ...(properties as Record<string, Schema>), published: { type: 'boolean' } },
    required: [...required, 'published'],
  } as Schema);
}

const dateParam = (name: string, where: 'path' | 'query', description: string) => ({
  name,
  in: where,
  required: where === 'path',
  description,
  schema: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
});
const schoolParam = {
  name: 'schoolId',
  in: 'query',
  required: false,
  description: 'The school (administrators must name it); staff act for their own school.',
  schema: { type: 'string' },
};

/** Fritidsschema: the school's side (locked days, enrolments, the care times). */
function carePaths(error: unknown) {
  const careTime = {
    description: 'The document as devices receive it (collection careTimes)',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/CareTime' } } },
  };
  const tags = ['care'];
  return {
    '/api/staff/care/times': {
      get: {
        tags,
        summary: 'Fritidsschema: the care times of every enrolled pupil, and the locked days',
        description: `A range of at most ${MAX_RANGE_DAYS} days, by default today and the six days after.`,
        operationId: 'care_times',
        parameters: [
          dateParam('from', 'query', 'The first day (YYYY-MM-DD); default today.'),
          dateParam('to', 'query', 'The last day (YYYY-MM-DD); default six days after `from`.'),
          schoolParam,
        ],
        responses: {
          200: {
            description: 'The times',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/CareOverview' } } },
          },
          400: error,
          401: error,
          403: error,
        },
      },
    },
    '/api/staff/care/locks/{date}': {
      parameters: [dateParam('date', 'path', 'The day (YYYY-MM-DD).')],
      put: {
        tags,
        summary: 'Lock a day: guardians can no longer set or change its care times',
        description: 'Times already set stay. Every later change is turned down with the reason given here.',
        operationId: 'care_lock',
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/CareLockInput' } } },
        },
        responses: { 200: careTime, 201: careTime, 400: error, 401: error, 403: error, 415: error },
      },
      delete: {
        tags,
        summary: 'Unlock a day',
        operationId: 'care_unlock',
        parameters: [schoolParam],
        responses: { 204: { description: 'Unlocked' }, 400: error, 401: error, 403: error, 404: error },
      },
    },
    '/api/staff/care/enrolments/{pupilId}': {
      parameters: [{ name: 'pupilId', in: 'path', required: true, schema: { type: 'string' } }],
      put: {
        tags,
        summary: 'Enrol a pupil in fritids (or change the opening hours): the family sees Fritidsschema',
        operationId: 'care_enrol',
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/CareEnrolmentInput' } } },
        },
        responses: { 200: careTime, 201: careTime, 400: error, 401: error, 403: error, 404: error, 415: error },
      },
      delete: {
        tags,
        summary: 'End a pupil’s enrolment in fritids',
        operationId: 'care_unenrol',
        responses: { 204: { description: 'Ended' }, 401: error, 403: error, 404: error },
      },
    },
  };
}

const careDay: Schema = {
  type: 'object',
  properties: {
    date: { type: 'string' },
    noCare: { type: 'boolean', description: 'The child is not at fritids that day.' },
    arrival: { type: 'string', description: 'HH:MM, or empty with noCare' },
    departure: { type: 'string', description: 'HH:MM, or empty with noCare' },
    comment: { type: 'string' },
    setBy: { type: 'string', description: 'The guardian who set the times last' },
    updatedAt: { type: 'string' },
  },
  required: ['date', 'noCare', 'arrival', 'departure', 'comment', 'setBy', 'updatedAt'],
};

const careOverviewSchema: Schema = {
  type: 'object',
  properties: {
    schoolId: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    locks: {
      type: 'array',
      items: {
        type: 'object',
        properties: { date: { type: 'string' }, reason: { type: 'string' } },
        required: ['date', 'reason'],
      },
    },
    pupils: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          name: { type: 'string' },
          className: { type: 'string' },
          opens: { type: 'string' },
          closes: { type: 'string' },
          days: { type: 'array', items: careDay, description: 'Only the days a guardian has set' },
        },
        required: ['id', 'name', 'className', 'opens', 'closes', 'days'],
      },
    },
  },
  required: ['schoolId', 'from', 'to', 'locks', 'pupils'],
};

const TITLES: Record<PublishedKind, string> = {
  assessments: 'Bedömningar: assessments of a pupil',
  events: 'Kalender: calendar events',
  publications: 'Information, Planeringar, Dokumentation: news, files, links, plannings, documentation',
  contacts: 'Kontaktlista: staff contacts',
};

const error = {
  description: 'An error',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
};

export function openApiDocument() {
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {
    Error: {
      type: 'object',
      properties: { error: { type: 'string' }, message: { type: 'string' } },
      required: ['error', 'message'],
    },
    File: {
      type: 'object',
      properties: {
        id: { type: 'string' },
        name: { type: 'string' },
        type: { type: 'string' },
        size: { type: 'integer' },
      },
      required: ['id', 'name', 'type', 'size'],
    },
  };
  for (const kind of PUBLISHED_KINDS) {
    const input = `${kind}Input`;
    const output = `${kind}Item`;
    schemas[input] = strict(inputSchemas[kind]);
    schemas[output] = documentSchema(kind);
    const idParam = {
      name: 'id',
      in: 'path',
      required: true,
      description: 'The item’s id, chosen by the school’s system (publishing the same id again updates it).',
      schema: { type: 'string', pattern: ITEM_ID_PATTERN },
    };
    const item = {
      description: 'The item as devices receive it',
      content: { 'application/json': { schema: { $ref: `#/components/schemas/${output}` } } },
    };
    paths[`/api/staff/${kind}/{id}`] = {
      parameters: [idParam],
      put: {
        tags: [kind],
        summary: `Publish ${kind} item (create, update, or publish again)`,
        description: TITLES[kind],
        operationId: `publish_${kind}`,
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: `#/components/schemas/${input}` } } },
        },
        responses: {
          200: item,
          201: item,
          400: error,
          401: error,
          403: error,
          409: { ...error, description: 'The item exists with another scope (scopes never change)' },
          415: error,
        },
      },
      get: {
        tags: [kind],
        summary: `Read ${kind} item, published or not`,
        operationId: `get_${kind}`,
        responses: { 200: item, 401: error, 403: error, 404: error },
      },
      delete: {
        tags: [kind],
        summary: `Unpublish ${kind} item: it disappears from every device`,
        operationId: `unpublish_${kind}`,
        responses: { 204: { description: 'Unpublished' }, 401: error, 403: error, 404: error },
      },
    };
  }
  schemas.FileUpload = strict(fileUploadSchema);
  paths['/api/staff/files'] = {
    post: {
      tags: ['files'],
      summary: 'Upload a file to attach to publications of one scope',
      description: `At most ${MAX_FILE_BYTES} bytes. Attach it by its id in a publication's attachments.`,
      operationId: 'upload_file',
      requestBody: {
        required: true,
        content: { 'application/json': { schema: { $ref: '#/components/schemas/FileUpload' } } },
      },
      responses: {
        201: {
          description: 'Stored',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/File' } } },
        },
        400: error,
        401: error,
        403: error,
        413: error,
        415: error,
      },
    },
  };
  schemas.AbsenceReport = strict(staffAbsenceReportSchema);
  schemas.AbsenceReportPage = strict({
    ...staffAbsenceReportPageSchema,
    properties: {
      ...staffAbsenceReportPageSchema.properties,
      reports: { type: 'array', items: { $ref: '#/components/schemas/AbsenceReport' } },
    },
  } as Schema);
  paths['/api/staff/absence-reports'] = {
    get: {
      tags: ['absence'],
      summary: 'Frånvaro: one day’s absence reports from guardians, as they arrive',
      description:
        'The reports of the staff member’s school (every school for an admin), in the order they arrived ' +
        'or last changed. Keep `cursor` and send it as `after` to get only what is new or changed since: a ' +
        'report a guardian ended early comes again with its new end and `endedAt`. Registered absence ' +
        '(the school’s own) is not included.',
      operationId: 'absence_reports',
      parameters: [
        {
          name: 'date',
          in: 'query',
          required: false,
          description: 'The school day (YYYY-MM-DD); today in Europe/Stockholm when left out.',
          schema: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
        },
        {
          name: 'after',
          in: 'query',
          required: false,
          description: 'A cursor from an earlier answer; from the beginning of the day when left out.',
          schema: { type: 'string', pattern: '^\\d{1,18}$' },
        },
      ],
      responses: {
        200: {
          description: 'The reports after the cursor',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/AbsenceReportPage' } } },
        },
        400: error,
        401: error,
        403: error,
      },
    },
  };
  paths['/api/staff/absence-reports/stream'] = {
    get: {
      tags: ['absence'],
      summary: 'Frånvaro: a live hint each time an absence report of the school arrives or changes',
      description:
        'Server-sent events. Each event’s data is JSON `{"collection": "absenceReports", "checkpoint": ...}`: ' +
        'fetch GET /api/staff/absence-reports with your cursor. The first event comes at once (catch up), ' +
        'and a heartbeat comment at least every 30 s.',
      operationId: 'absence_reports_stream',
      responses: {
        200: { description: 'The event stream', content: { 'text/event-stream': {} } },
        401: error,
        403: error,
      },
    },
  };
  const { properties: careProps, required: careRequired, description: careDescription } = collectionSchemas.careTimes;
  schemas.CareTime = strict({
    type: 'object',
    description: careDescription,
    properties: careProps as Record<string, Schema>,
    required: [...careRequired],
  } as Schema);
  schemas.CareLockInput = strict(lockInputSchema);
  schemas.CareEnrolmentInput = strict(enrolmentInputSchema);
  schemas.CareOverview = strict(careOverviewSchema);
  Object.assign(paths, carePaths(error));
  addConferencePaths(paths, schemas);
  const tasks = taskOpenApi(strict);
  Object.assign(paths, tasks.paths);
  Object.assign(schemas, tasks.schemas);
  paths['/api/staff/openapi.json'] = {
    get: {
      tags: ['meta'],
      summary: 'This document',
      operationId: 'openapi',
      responses: { 200: { description: 'The OpenAPI document', content: { 'application/json': {} } } },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Skolhubben staff API',
      version: '1.0.0',
      description:
        'How a school publishes what pupils and guardians see in the boxes: assessments, calendar events, ' +
        'news, files, links, plannings, documentation and staff contacts; the absence reports guardians ' +
        'send (Frånvaro); Fritidsschema: locked days, enrolments in after-school care and the care times ' +
        'guardians set; assignments (Uppgifter) with each pupil’s conversation, and eTests with their ' +
        'submissions and results; and Utvecklingssamtal: the times a class can book and their bookings. ' +
        'Sign in as staff or admin ' +
        '(POST /api/auth/password) and send the session cookie; requests that change something must come ' +
        'from the same origin or from a client without an Origin header. A staff member publishes for ' +
        'their own school; an admin for every school. Items belong to a school, a class or a pupil for ' +
        'good: unpublish and publish a new item to move one. Development talks (utvecklingssamtal): open ' +
        'times for a class, see who booked them, close them.',
    },
    servers: [{ url: '/' }],
    security: [{ session: [] }],
    paths,
    components: {
      schemas,
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'session' } },
    },
  };
}

/** Utvecklingssamtal: opening and closing times for a class, and seeing the bookings. */
function addConferencePaths(paths: Record<string, unknown>, schemas: Record<string, unknown>) {
  const { properties, required } = collectionSchemas.conferences;
  const slotProperties = Object.fromEntries(
    Object.entries(properties as Record<string, Schema>).filter(([k]) => k !== 'bookedBy'),
  );
  schemas.ConferenceSlotInput = strict(conferenceSlotInputSchema);
  schemas.ConferenceBooking = strict({
    type: 'object',
    description: 'Who booked a time: the child and the guardian who booked.',
    properties: {
      id: { type: 'string', description: 'The booking (the id of the family’s request).' },
      pupilId: { type: 'string' },
      pupilName: { type: 'string' },
      bookedBy: { type: 'string', description: 'The guardian who booked.' },
      bookedAt: { type: 'string', description: 'When the booking was last made or moved (ISO 8601).' },
    },
    required: ['id', 'pupilId', 'pupilName', 'bookedBy', 'bookedAt'],
  });
  schemas.ConferenceSlot = strict({
    type: 'object',
    description: 'A time for a development talk as the school sees it: the slot, whether it is open, its booking.',
    properties: {
      ...slotProperties,
      classId: { type: 'string' },
      open: { type: 'boolean', description: 'False once closed.' },
      booking: { oneOf: [{ $ref: '#/components/schemas/ConferenceBooking' }, { type: 'null' }] },
    },
    required: [...required.filter((k) => k !== 'bookedBy'), 'classId', 'open', 'booking'],
  } as Schema);
  const slot = {
    description: 'The time, with its booking',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/ConferenceSlot' } } },
  };
  const tags = ['conferences'];
  paths['/api/staff/classes'] = {
    get: {
      tags,
      summary: 'The classes the caller opens times for (a staff member: their school’s; an admin: all)',
      operationId: 'list_classes',
      responses: {
        200: {
          description: 'The classes, by school and year',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  classes: {
                    type: 'array',
                    items: {
                      type: 'object',
                      properties: {
                        id: { type: 'string' },
                        name: { type: 'string' },
                        schoolId: { type: 'string' },
                        schoolName: { type: 'string' },
                      },
                      required: ['id', 'name', 'schoolId', 'schoolName'],
                      additionalProperties: false,
                    },
                  },
                },
                required: ['classes'],
              },
            },
          },
        },
        401: error,
        403: error,
      },
    },
  };
  paths['/api/staff/conferences'] = {
    get: {
      tags,
      summary: 'A class’s open times for development talks, each with its booking',
      operationId: 'list_conference_slots',
      parameters: [
        { name: 'classId', in: 'query', required: true, schema: { type: 'string' } },
        {
          name: 'from',
          in: 'query',
          required: false,
          description: 'Only times on or after this day (YYYY-MM-DD).',
          schema: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
        },
      ],
      responses: {
        200: {
          description: 'The times in date order',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: { slots: { type: 'array', items: { $ref: '#/components/schemas/ConferenceSlot' } } },
                required: ['slots'],
              },
            },
          },
        },
        400: error,
        401: error,
        403: error,
      },
    },
  };
  paths['/api/staff/conferences/{id}'] = {
    parameters: [
      {
        name: 'id',
        in: 'path',
        required: true,
        description: 'The time’s id, chosen by the school’s system (opening the same id again updates it).',
        schema: { type: 'string', pattern: ITEM_ID_PATTERN },
      },
    ],
    put: {
      tags,
      summary: 'Open a time for a class (create, update, or open again)',
      description:
        'The families of the class see it at once and may book it until bookUntil. Moving a booked time moves ' +
        'the family’s booking with it.',
      operationId: 'open_conference_slot',
      requestBody: {
        required: true,
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ConferenceSlotInput' } } },
      },
      responses: {
        200: slot,
        201: slot,
        400: error,
        401: error,
        403: error,
        409: { ...error, description: 'The id is a time for another class (a time never changes class)' },
        415: error,
      },
    },
    get: {
      tags,
      summary: 'Read a time, open or closed, with its booking',
      operationId: 'get_conference_slot',
      responses: { 200: slot, 401: error, 403: error, 404: error },
    },
    delete: {
      tags,
      summary: 'Close a time: it disappears from every device',
      description: 'A booked time is closed only with cancelBooking=true, which cancels the family’s booking too.',
      operationId: 'close_conference_slot',
      parameters: [{ name: 'cancelBooking', in: 'query', required: false, schema: { type: 'boolean' } }],
      responses: {
        204: { description: 'Closed' },
        400: error,
        401: error,
        403: error,
        404: error,
        409: { ...error, description: 'The time is booked (close it with cancelBooking=true)' },
      },
    },
  };
}
