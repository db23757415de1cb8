import { describe, expect, it } from 'vitest';
import { recordedInput } from '../../src/schema/run';
import type { Step } from '../../src/schema/workflow';

const step = (input: unknown) => ({ id: 's', type: 'CODE', settings: { input } }) as unknown as Step;

describe("a step's recorded input", () => {
  it('is left out when it equals the settings, keys in any order', () => {
    const settings = { a: 1, b: { c: [1, { d: 'x' }] } };
    expect(recordedInput(step(settings), settings)).toBeUndefined();
    expect(recordedInput(step(settings), { b: { c: [1, { d: 'x' }] }, a: 1 })).toBeUndefined();
    expect(recordedInput(step([1, 2]), [1, 2])).toBeUndefined();
  });

  it('is kept when anything differs: a value, a key more or less, a list for an object', () => {
    const settings = { a: 1, b: { c: [1, 2] } };
    for (const input of [
      { a: 2, b: { c: [1, 2] } },
      { a: 1, b: { c: [1, 2, 3] } },
      { a: 1, b: { c: [1, 2] }, e: undefined },
      { a: 1 },
      { a: 1, b: [1, 2] },
      { a: 1, b: { c: { 0: 1, 1: 2 } } },
    ])
      expect(recordedInput(step(settings), input)).toBe(input);
    expect(recordedInput(step({ a: 1, b: 2 }), Object.assign(Object.create({ b: 2 }) as object, { a: 1 }))).toEqual({
      a: 1,
    });
  });
});
