import { describe, expect, it } from 'vitest';
import { resolveValue } from '../../../src/engine/resolver';

/**
 * Twenty's own resolver cases (twenty-shared `evalFromContext.test.ts` and
 * `variable-resolver.test.ts`), written as a table: what Twenty returns, and what Localflow
 * returns where it differs on purpose (README, "Coming from Twenty").
 */
const context = {
  user: { name: 'John Doe', age: 30 },
  step: { 'key with space': 'spaced', 'key.with.dots': 'dotted', '0': 'zero' },
  list: ['a', { x: 'x1' }],
  nullValue: null,
  nested: { child: null },
  date: new Date('2020-01-02T03:04:05.000Z'),
  notANumber: NaN,
  fn: () => 1,
  text: 'hi',
  obj: { true: 'T', null: 'N', p: 1 },
  settings: { theme: 'dark', notifications: true },
  specialValues: { nullValue: null, emptyString: '', zero: 0, booleanFalse: false, booleanTrue: true },
  deep: { 'first key': { 'nested key': 'nested value' }, normal: { 'key with space': 42 } },
  test: 'prop',
  two: 2,
};

type Case = [template: unknown, twenty: unknown, localflow?: unknown];
const SAME = Symbol('same');
const cases: Case[] = [
  ['{{user.name}}', 'John Doe'],
  ['{{user.age}}', 30],
  ['{{nullValue}}', null],
  ['{{user.email}}', undefined],
  ['{{missing.deep.path}}', undefined],
  ['{{step.[key with space]}}', 'spaced'],
  ['{{step.[key.with.dots]}}', 'dotted'],
  ['{{list.[0]}}', 'a'],
  ['{{list.[1].x}}', 'x1'],
  // Twenty never resolves a trailing bare number (a Handlebars quirk); Localflow reads it as a key.
  ['{{list.0}}', undefined, 'a'],
  ['{{list.1.x}}', 'x1'],
  ['{{list.0.length}}', 1],
  ['{{nested.child.whatever}}', null],
  ['{{text.toString}}', undefined],
  ['{{text.constructor}}', undefined],
  ['{{user.__proto__}}', undefined],
  ['{{user.hasOwnProperty}}', undefined],
  ['{{text.length}}', 2],
  ['{{list.length}}', 2],
  ['{{date}}', '2020-01-02T03:04:05.000Z'],
  ['{{notANumber}}', null],
  ['{{fn}}', undefined],
  ['{{user.name ignored}}', 'John Doe'],
  ['{{step.[key with space] ignored}}', 'spaced'],
  ['{{this.obj.p}}', 1],
  ['{{./obj.p}}', 1],
  ['{{@root.obj.p}}', 1],
  // Twenty never resolves a trailing keyword segment; Localflow reads it as a key.
  ['{{obj.true}}', undefined, 'T'],
  ['{{obj.null}}', undefined, 'N'],
  ['{{obj.[true]}}', 'T'],
  ['{{obj.[null]}}', 'N'],
  ['{{obj.true.length}}', 1],
  ['{{true}}', true],
  ['{{null}}', null],
  ['{{42}}', 42],
  ['{{"quoted"}}', 'quoted'],
  ['{{specialValues.nullValue}}', null],
  ['{{specialValues.emptyString}}', ''],
  ['{{specialValues.zero}}', 0],
  ['{{specialValues.booleanFalse}}', false],
  ['{{specialValues.booleanTrue}}', true],
  ['Name: {{user.name}}, Age: {{user.age}}', 'Name: John Doe, Age: 30'],
  [
    ['{{user.name}}', '{{settings.theme}}', 'static'],
    ['John Doe', 'dark', 'static'],
  ],
  [
    { name: '{{user.name}}', theme: '{{settings.theme}}', static: 'value' },
    { name: 'John Doe', theme: 'dark', static: 'value' },
  ],
  [
    { user: { displayName: '{{user.name}}', preferences: ['{{settings.theme}}', '{{settings.notifications}}'] } },
    { user: { displayName: 'John Doe', preferences: ['dark', true] } },
  ],
  ['{ {{test}}: 2 }', '{ prop: 2 }'],
  ['{ "a": 2 }', '{ "a": 2 }'],
  ['{ "{{test}}": 2 }', '{ "prop": 2 }'],
  ['{ "a": {{two}} }', '{ "a": 2 }'],
  ['{ "a": "{{test}}" }', '{ "a": "prop" }'],
  [{ '{{test}}': '{{two}}' }, { prop: 2 }],
  ['{{deep.[first key].[nested key]}}', 'nested value'],
  ['{{deep.normal.[key with space]}}', 42],
  // Inside text Twenty writes "undefined" and "null"; Localflow writes nothing.
  ['[{{user.email}}][{{nullValue}}]', '[undefined][null]', '[][]'],
  [null, null],
];

describe("Twenty's resolver cases", () => {
  it.each(cases.map(([template, twenty, localflow = SAME]) => ({ template, twenty, localflow })))(
    '$template',
    ({ template, twenty, localflow }) => {
      expect(resolveValue(structuredClone(template), context)).toEqual(localflow === SAME ? twenty : localflow);
    },
  );

  it('agrees with Twenty on all but the differences README lists', () => {
    const differ = cases.filter((c) => c.length === 3).length;
    expect(differ).toBe(4);
    expect(cases.length - differ).toBeGreaterThanOrEqual(50);
  });
});
