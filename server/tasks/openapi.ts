/**
 * The OpenAPI description of the staff routes of Uppgifter and eTest, built
 * from the schemas the server validates with; merged into the staff API's
 * document by `server/staff/openapi.ts`.
 *
 * @module
 */
import { taskSchema } from '../../shared/collections.js';
import type { Schema } from '../../shared/validate.js';
import { ITEM_ID_PATTERN } from '../boxes/publish.js';
import { etestInputSchema, resultInputSchema } from '../etest/etests.js';
import { assignmentInputSchema, replyInputSchema } from './assignments.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const error = json(ref('Error'), 'An error');
const body = (name: string) => ({ required: true, content: { 'application/json': { schema: ref(name) } } });
const idParam = (description: string) => ({
  name: 'id',
  in: 'path',
  required: true,
  description,
  schema: { type: 'string', pattern: ITEM_ID_PATTERN },
});
const pupilParam = { name: 'pupilId', in: 'path', required: true, schema: { type: 'string', maxLength: 64 } };

const message: Schema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    fromStaff: { type: 'boolean' },
    author: { type: 'string' },
    text: { type: 'string' },
    at: { type: 'string', description: 'When it was received (ISO 8601).' },
  },
  required: ['id', 'fromStaff', 'author', 'text', 'at'],
};

/** Paths and component schemas to merge into the staff API's document; `strict` closes objects. */
export function taskOpenApi(strict: (s: Schema) => Schema) {
  const { properties, required, description } = taskSchema;
  const task = strict({
    type: 'object',
    description,
    properties: { ...(properties as Record<string, Schema>), published: { type: 'boolean' } },
    required: [...required, 'published'],
  } as Schema);
  const conversation: Schema = {
    type: 'object',
    properties: {
      pupilId: { type: 'string' },
      pupilName: { type: 'string' },
      className: { type: 'string' },
      status: replyInputSchema.properties?.status as Schema,
      messages: { type: 'array', items: message },
      awaitingReply: { type: 'boolean', description: 'The pupil wrote last.' },
    },
    required: ['pupilId', 'pupilName', 'className', 'status', 'messages', 'awaitingReply'],
  };
  const schemas: Record<string, unknown> = {
    AssignmentInput: strict(assignmentInputSchema),
    ReplyInput: strict(replyInputSchema),
    EtestInput: strict(etestInputSchema),
    ResultInput: strict(resultInputSchema),
    Task: task,
    AssignmentWithConversations: {
      allOf: [ref('Task'), { type: 'object', properties: { conversations: { type: 'array', items: conversation } } }],
    },
    EtestWithKey: {
      allOf: [
        ref('Task'),
        {
          type: 'object',
          properties: {
            answerKey: {
              type: 'object',
              description: 'Question id → correct option ids (choice) or accepted answers (short).',
              additionalProperties: { type: 'array', items: { type: 'string' } },
            },
          },
        },
      ],
    },
    Submission: {
      type: 'object',
      properties: {
        pupilId: { type: 'string' },
        pupilName: { type: 'string' },
        className: { type: 'string' },
        submission: {
          type: ['object', 'null'],
          description: 'null: not handed in.',
          properties: {
            submittedAt: { type: 'string' },
            answers: properties.answers as unknown as Schema,
            resultPublished: { type: 'boolean' },
            result: { type: ['object', 'null'] },
          },
        },
      },
      required: ['pupilId', 'pupilName', 'className', 'submission'],
    },
  };
  const assignmentId = idParam('The assignment’s id, chosen by the school’s system.');
  const etestId = idParam('The eTest’s id, chosen by the school’s system.');
  const paths: Record<string, unknown> = {
    '/api/staff/tasks': {
      get: {
        tags: ['tasks'],
        summary: 'The assignments I published (an admin: every school’s), with each pupil’s conversation',
        operationId: 'list_tasks',
        responses: {
          200: json({ type: 'array', items: ref('AssignmentWithConversations') }, 'Newest first'),
          401: error,
          403: error,
        },
      },
    },
    '/api/staff/tasks/{id}': {
      parameters: [assignmentId],
      put: {
        tags: ['tasks'],
        summary: 'Publish an assignment (create, update, or publish again)',
        description: 'Uppgifter: instructions, deadline and files, for a school, a class or a pupil.',
        operationId: 'publish_task',
        requestBody: body('AssignmentInput'),
        responses: {
          200: json(ref('Task'), 'Updated'),
          201: json(ref('Task'), 'Published'),
          400: error,
          401: error,
          403: error,
          409: { ...error, description: 'The id is an eTest, or the assignment exists with another scope' },
          415: error,
        },
      },
      get: {
        tags: ['tasks'],
        summary: 'The assignment, published or not, with every pupil’s conversation',
        operationId: 'get_task',
        responses: {
          200: json(ref('AssignmentWithConversations'), 'The assignment'),
          401: error,
          403: error,
          404: error,
        },
      },
      delete: {
        tags: ['tasks'],
        summary: 'Unpublish the assignment and its conversations: they disappear from every device',
        operationId: 'unpublish_task',
        responses: { 204: { description: 'Unpublished' }, 401: error, 403: error, 404: error },
      },
    },
    '/api/staff/tasks/{id}/conversations/{pupilId}': {
      parameters: [assignmentId, pupilParam],
      post: {
        tags: ['tasks'],
        summary: 'Reply to a pupil about the assignment, and/or set the pupil’s status',
        description: 'The reply reaches the pupil’s and the guardians’ open apps at once.',
        operationId: 'reply_task',
        requestBody: body('ReplyInput'),
        responses: {
          200: json(ref('Task'), 'The conversation as devices get it'),
          400: error,
          401: error,
          403: error,
          404: error,
          415: error,
        },
      },
    },
    '/api/staff/etests/{id}': {
      parameters: [etestId],
      put: {
        tags: ['etests'],
        summary: 'Publish an eTest (create, update, or publish again)',
        description: 'The questions cannot change once a pupil has handed the test in.',
        operationId: 'publish_etest',
        requestBody: body('EtestInput'),
        responses: {
          200: json(ref('EtestWithKey'), 'Updated'),
          201: json(ref('EtestWithKey'), 'Published'),
          400: error,
          401: error,
          403: error,
          409: { ...error, description: 'Another kind or scope, or the questions changed after a hand-in' },
          415: error,
        },
      },
      get: {
        tags: ['etests'],
        summary: 'The eTest with its answer key',
        operationId: 'get_etest',
        responses: { 200: json(ref('EtestWithKey'), 'The eTest'), 401: error, 403: error, 404: error },
      },
      delete: {
        tags: ['etests'],
        summary: 'Unpublish the eTest and the pupils’ submissions',
        operationId: 'unpublish_etest',
        responses: { 204: { description: 'Unpublished' }, 401: error, 403: error, 404: error },
      },
    },
    '/api/staff/etests/{id}/submissions': {
      parameters: [etestId],
      get: {
        tags: ['etests'],
        summary: 'Every pupil the test is for, with their submission (or null) and result',
        operationId: 'etest_submissions',
        responses: {
          200: json({ type: 'array', items: ref('Submission') }, 'By class and name'),
          401: error,
          403: error,
          404: error,
        },
      },
    },
    '/api/staff/etests/{id}/results/{pupilId}': {
      parameters: [etestId, pupilParam],
      put: {
        tags: ['etests'],
        summary: 'Publish a pupil’s result: score, comment and the correct answers reach their device',
        operationId: 'publish_etest_result',
        requestBody: body('ResultInput'),
        responses: {
          200: json(ref('Task'), 'The submission with its result, as devices get it'),
          400: error,
          401: error,
          403: error,
          404: error,
          409: { ...error, description: 'The pupil has not handed the test in' },
          415: error,
        },
      },
    },
  };
  return { paths, schemas };
}
