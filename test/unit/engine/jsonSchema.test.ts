import { describe, expect, it } from 'vitest';
import { checkJsonSchema } from '../../../src/engine/jsonSchema';

/** The answers an AI step used to let through (issue 13): each breaks one keyword. */
describe('JSON Schema checks of AI answers', () => {
  const cases: [keyword: string, schema: object, bad: unknown, good: unknown, says: RegExp][] = [
    ['minimum', { type: 'number', minimum: 1 }, 0, 1, /\(answer\): 0 is less than 1/],
    ['maxLength', { type: 'string', maxLength: 3 }, 'abcd', 'abc', /\(answer\): String is too long/],
    ['pattern', { type: 'string', pattern: '^\\d+$' }, 'x1', '12', /String does not match pattern/],
    [
      'additionalProperties',
      { type: 'object', properties: { a: { type: 'number' } }, additionalProperties: false },
      { a: 1, b: 2 },
      { a: 1 },
      /Property "b" does not match additional properties schema/,
    ],
    ['anyOf', { anyOf: [{ type: 'string' }, { type: 'number' }] }, true, 'yes', /does not match any subschemas/],
    [
      '$ref',
      {
        $defs: { pos: { type: 'number', exclusiveMinimum: 0 } },
        type: 'object',
        properties: { n: { $ref: '#/$defs/pos' } },
      },
      { n: 0 },
      { n: 2 },
      /\(answer\)\.n: 0 is less than 0/,
    ],
    ['minItems', { type: 'array', minItems: 2 }, [1], [1, 2], /Array has too few items/],
    ['const', { const: 'yes' }, 'no', 'yes', /\(answer\): Instance does not match "yes"/],
  ];
  it.each(cases)(
    '%s: the bad answer is refused with the reason, the good one passes',
    (_k, schema, bad, good, says) => {
      const problems = checkJsonSchema(bad, schema as Record<string, unknown>);
      expect(problems.join('\n')).toMatch(says);
      expect(checkJsonSchema(good, schema as Record<string, unknown>)).toEqual([]);
    },
  );

  it('names nested places as paths', () => {
    const schema = {
      type: 'object',
      properties: { items: { type: 'array', items: { type: 'object', required: ['id'] } } },
    };
    expect(checkJsonSchema({ items: [{ id: 1 }, {}] }, schema)).toEqual([
      '(answer).items[1]: Instance does not have required property "id".',
    ]);
  });
});
