/**
 * FNV-1a over the UTF-16 code units of a text: cheap, incremental, and enough to catch a cut,
 * altered or damaged file or link (not a defence against someone forging one).
 */
export function checksum(text: string, seed = 0x811c9dc5): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The checksum as 8 hex digits. */
export const checksumHex = (text: string) => checksum(text).toString(16).padStart(8, '0');
