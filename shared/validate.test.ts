import { describe, expect, it } from 'vitest';
import { validate } from './validate.js';

describe('validate', () => {
  const schema = {
    type: 'object',
    properties: {
      id: { type: 'string', maxLength: 4, pattern: '^[a-z]+$' },
      n: { type: 'integer', minimum: 0 },
      tags: { type: 'array', items: { type: 'string' }, maxItems: 2 },
      kind: { type: 'string', enum: ['a', 'b'] },
    },
    required: ['id'],
  } as const;

  it('accepts a document that matches', () => {
    expect(validate(schema, { id: 'abc', n: 3, tags: ['x'], kind: 'a' })).toEqual([]);
  });

  it('names each problem with its path', () => {
    expect(validate(schema, { n: -1, tags: ['x', 2, 'z'], kind: 'c', extra: 1 })).toEqual([
      '$.id: is required',
      '$.n: below 0',
      '$.tags: more than 2 items',
      '$.tags[1]: expected string, got integer',
      '$.kind: must be one of "a", "b"',
      '$.extra: is not allowed',
    ]);
  });

  it('rejects wrong types, long strings and pattern misses', () => {
    expect(validate(schema, [])).toEqual(['$: expected object, got array']);
    expect(validate(schema, { id: 'abcde' })).toEqual(['$.id: longer than 4 characters']);
    expect(validate(schema, { id: 'AB' })).toEqual(['$.id: does not match ^[a-z]+$']);
  });
});
