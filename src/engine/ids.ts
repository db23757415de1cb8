/**
 * UUID version 7 (RFC 9562): a millisecond timestamp then random bits, with a counter so
 * ids made in the same millisecond still sort in creation order. Records and runs use them,
 * so an index on (object, createdAt) or on the id lists things in the order they were made.
 */
let lastMs = -1;
let counter = 0;

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
/** Random bytes drawn 4 KB at a time: one `getRandomValues` call per 512 ids, not per id. */
const pool = new Uint8Array(4096);
let poolAt = pool.length;

export function uuidv7(now: number = Date.now()): string {
  if (now <= lastMs) {
    counter++;
    if (counter > 0xfff) {
      lastMs++;
      counter = 0;
    }
  } else {
    lastMs = now;
    counter = Math.floor(Math.random() * 0x400);
  }
  if (poolAt + 8 > pool.length) {
    crypto.getRandomValues(pool);
    poolAt = 0;
  }
  const r = poolAt;
  poolAt += 8;
  const ms = lastMs.toString(16).padStart(12, '0').slice(-12);
  return (
    `${ms.slice(0, 8)}-${ms.slice(8)}-${HEX[0x70 | (counter >> 8)]}${HEX[counter & 0xff]}-` +
    `${HEX[0x80 | (pool[r] & 0x3f)]}${HEX[pool[r + 1]]}-` +
    `${HEX[pool[r + 2]]}${HEX[pool[r + 3]]}${HEX[pool[r + 4]]}${HEX[pool[r + 5]]}${HEX[pool[r + 6]]}${HEX[pool[r + 7]]}`
  );
}
