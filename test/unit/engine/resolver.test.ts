import { describe, expect, it } from 'vitest';
import { parsePath, resolveValue, VariableError, VariableScope, variablesIn } from '../../../src/engine/resolver';
import { variableScope, variableScopeWithSecrets } from '../../../src/engine/runState';
import type { RunState } from '../../../src/schema/run';

const ctx = {
  trigger: {
    properties: {
      after: {
        name: { firstName: 'Ada', lastName: 'Lovelace' },
        employees: 12,
        tags: ['a', 'b'],
        'odd key': 'yes',
        empty: null,
      },
    },
  },
  s1: { all: [{ id: 'r1', amount: { amountMicros: 5_000_000, currencyCode: 'EUR' } }], totalCount: 1, flag: false },
};

describe('variable resolver', () => {
  it('returns the raw typed value for a string that is exactly one variable', () => {
    expect(resolveValue('{{trigger.properties.after.employees}}', ctx)).toBe(12);
    expect(resolveValue('  {{ s1.flag }} ', ctx)).toBe(false);
    expect(resolveValue('{{trigger.properties.after.name}}', ctx)).toEqual({ firstName: 'Ada', lastName: 'Lovelace' });
    expect(resolveValue('{{trigger.properties.after.tags}}', ctx)).toEqual(['a', 'b']);
  });

  it('stringifies embedded variables, objects as JSON, missing and null as empty', () => {
    expect(
      resolveValue('Hi {{trigger.properties.after.name.firstName}} ({{trigger.properties.after.employees}})', ctx),
    ).toBe('Hi Ada (12)');
    expect(resolveValue('x={{s1.all[0].amount}}', ctx)).toBe('x={"amountMicros":5000000,"currencyCode":"EUR"}');
    expect(resolveValue('[{{nope.nothing}}][{{trigger.properties.after.empty}}]', ctx)).toBe('[][]');
  });

  it("reads a run's variables by name as it reads them from an object", () => {
    const state: RunState = {
      stepInfos: Object.fromEntries(Object.entries(ctx).map(([id, output]) => [id, { status: 'SUCCESS', output }])),
      ready: [],
      arrivals: {},
      loops: {},
    };
    const templates = [
      '{{trigger.properties.after.employees}}',
      'Hi {{trigger.properties.after.name.firstName}} {{s1.all[0].amount.currencyCode}}',
      { '{{s1.totalCount}}': ['{{s1.flag}}', '{{nope}}', '{{nope.deeper}}', '{{trigger.properties.after.empty.x}}'] },
      '{{constructor}} {{toString}} {{s1.constructor}}',
      'Bearer {{secrets.KEY}} {{secrets.NOPE}} {{secrets}}',
    ];
    for (const template of templates) {
      const expected = resolveValue(template, ctx);
      expect(resolveValue(template, variableScope(state))).toEqual(expected);
      // With secrets besides, as a step that calls out sees them.
      const secrets = { KEY: 'k-1' };
      expect(resolveValue(template, variableScopeWithSecrets(state, secrets))).toEqual(
        resolveValue(template, { ...ctx, secrets }),
      );
    }
    // One scope for a run's state, read live: a step that settles later is seen.
    expect(variableScope(state)).toBe(variableScope(state));
    state.stepInfos.s2 = { status: 'SUCCESS', output: { n: 2 } };
    expect(resolveValue('{{s2.n}}', variableScope(state))).toBe(2);
    expect(resolveValue('{{a.b}}', new VariableScope((name) => (name === 'a' ? { b: 'c' } : undefined)))).toBe('c');
  });

  it('looks up indexes and bracketed keys', () => {
    expect(resolveValue('{{s1.all[0].id}}', ctx)).toBe('r1');
    expect(resolveValue('{{trigger.properties.after["odd key"]}}', ctx)).toBe('yes');
    expect(resolveValue("{{trigger.properties.after['odd key']}}", ctx)).toBe('yes');
    expect(resolveValue('{{s1.all[3].id}}', ctx)).toBeUndefined();
  });

  it('resolves inside objects and arrays without touching other values', () => {
    const template = {
      title: 'Call {{trigger.properties.after.name.firstName}}',
      n: 3,
      list: ['{{s1.totalCount}}', true],
      none: null,
    };
    expect(resolveValue(template, ctx)).toEqual({ title: 'Call Ada', n: 3, list: [1, true], none: null });
    expect(template.title).toBe('Call {{trigger.properties.after.name.firstName}}');
  });

  it('returns the parts without variables as they are, copying only what changed', () => {
    const plain = { input: { conditions: [{ left: 'name', operand: 'IS_NOT_EMPTY' }] }, n: 1 };
    expect(resolveValue(plain, ctx)).toBe(plain);
    const mixed = { fixed: { a: [1, 2] }, list: ['x', '{{s1.totalCount}}', 'y'] };
    const resolved = resolveValue(mixed, ctx) as typeof mixed;
    expect(resolved).toEqual({ fixed: { a: [1, 2] }, list: ['x', 1, 'y'] });
    expect(resolved).not.toBe(mixed);
    expect(resolved.fixed).toBe(mixed.fixed);
    expect(mixed.list).toEqual(['x', '{{s1.totalCount}}', 'y']);
    // A key with a variable is a change too.
    expect(resolveValue({ '{{s1.totalCount}}': 'v' }, ctx)).toEqual({ 1: 'v' });
  });

  it('keeps the keys it copies in their order, a "__proto__" key as data', () => {
    const template = JSON.parse('{"a": 1, "b": "{{s1.totalCount}}", "__proto__": {"x": 1}, "c": 2}') as object;
    const resolved = resolveValue(template, ctx) as Record<string, unknown>;
    expect(Object.keys(resolved)).toEqual(['a', 'b', '__proto__', 'c']);
    expect(Object.getPrototypeOf(resolved)).toBe(Object.prototype);
    expect(JSON.stringify(resolved)).toBe('{"a":1,"b":1,"__proto__":{"x":1},"c":2}');
  });

  it('reads a text with variables once, and resolves it against each context afresh', () => {
    const template = { id: '{{loop.currentItem.id}}', label: 'Item {{loop.currentItemIndex}}' };
    for (let i = 0; i < 3; i++) {
      const loop = { currentItem: { id: `r${i}` }, currentItemIndex: i };
      expect(resolveValue(template, { loop })).toEqual({ id: `r${i}`, label: `Item ${i}` });
    }
    // A malformed text is refused every time, not only the first.
    for (let i = 0; i < 2; i++) expect(() => resolveValue('Hello {{name', ctx)).toThrow(/unclosed "\{\{"/);
  });

  it('never evaluates code', () => {
    expect(() => resolveValue('{{ constructor.constructor("return 1")() }}', ctx)).toThrow(VariableError);
    expect(resolveValue('{{s1.constructor}}', ctx)).toBeUndefined();
    expect(resolveValue('{{s1.all.__proto__}}', ctx)).toBeUndefined();
    expect(resolveValue('{{s1.all.length}}', ctx)).toBe(1);
  });

  it('refuses malformed variables with the reason', () => {
    expect(() => resolveValue('{{}}', ctx)).toThrow('empty variable');
    expect(() => resolveValue('{{a..b}}', ctx)).toThrow(/expected a name/);
    expect(resolveValue('{{a[x]}}', { a: { x: 1 } })).toBe(1);
    expect(() => resolveValue('{{a.[x}}', ctx)).toThrow(/expected "]"/);
    expect(() => resolveValue('{{a["b]}}', ctx)).toThrow(/unclosed quote/);
    expect(() => resolveValue('Hello {{name', ctx)).toThrow(/unclosed "\{\{"/);
  });

  it('parses paths and lists variables', () => {
    expect(parsePath('a.b[2]["c d"].e')).toEqual(['a', 'b', '2', 'c d', 'e']);
    expect(variablesIn({ a: 'x {{trigger.x}} {{ s1.y }}', b: ['{{s2}}'] })).toEqual(['trigger.x', 's1.y', 's2']);
  });
});
