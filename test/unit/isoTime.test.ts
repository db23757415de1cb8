import { describe, expect, it } from 'vitest';
import { isoTime } from '../../src/schema/isoTime';

describe('isoTime', () => {
  it('writes what Date#toISOString writes, in and out of the years it works out itself', () => {
    const edges = [
      0,
      1,
      999,
      1000,
      59_999,
      86_399_999,
      86_400_000,
      Date.UTC(2000, 1, 29, 23, 59, 59, 999),
      Date.UTC(2024, 11, 31, 23, 59, 59, 5),
      Date.UTC(2100, 2, 1),
      253_402_300_799_999,
      253_402_300_800_000,
      -1,
      -86_400_001,
      1.5,
      Date.UTC(2026, 0, 20, 12),
      951_782_400_000,
      4_107_542_399_999,
    ];
    let seed = 7;
    const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    const times = [...edges, ...Array.from({ length: 22_000 }, () => Math.floor(random() * 253_402_300_800_000))];
    for (const t of times) expect(isoTime(t), String(t)).toBe(new Date(t).toISOString());
  });

  it('reuses the text it keeps of recent seconds only for those seconds', () => {
    const t0 = Date.UTC(2026, 10, 30, 23, 59, 58, 990);
    // Milliseconds in order across two seconds and a day, then back to an earlier second.
    const times = [...Array.from({ length: 2100 }, (_, i) => t0 + i), t0 + 5, t0 - 86_400_000, t0 + 10];
    // The same time again, the next millisecond, the next second (what it keeps of its last two calls).
    for (let t = 1_764_547_199_990; t < 1_764_547_200_010; t++) times.push(t, t, t + 1000);
    for (const t of times) expect(isoTime(t), String(t)).toBe(new Date(t).toISOString());
  });
});
