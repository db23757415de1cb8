import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../src/engine/ids';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuidv7', () => {
  it('is a version 7 UUID whose first 48 bits are the time', () => {
    const at = Date.UTC(2026, 10, 30, 12, 0, 0, 123);
    const id = uuidv7(at + 10_000_000);
    expect(id).toMatch(UUID_V7);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(at + 10_000_000);
  });

  it('sorts in the order ids were made, within one millisecond too, and never repeats', () => {
    // More ids than the random pool holds (512 a draw) and more than one millisecond's counter.
    const now = Date.now() + 20_000_000;
    const ids = Array.from({ length: 10_000 }, (_, i) => uuidv7(now + Math.floor(i / 3000)));
    expect(ids.every((id) => UUID_V7.test(id))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    // The random part differs from id to id.
    expect(new Set(ids.map((id) => id.slice(19))).size).toBe(ids.length);
  });
});
