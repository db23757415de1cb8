import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeShareLink, encodeShareLink } from '../../src/share/shareLink';
import { previewWorkflow } from '../../src/share/preview';
import { parseWorkflowFile, ImportError } from '../../src/share/workflowFile';

const file = parseWorkflowFile(readFileSync(new URL('../fixtures/follow-up-manual.json', import.meta.url), 'utf8'));
const reason = (p: Promise<unknown>) =>
  p.then(
    () => 'no error',
    (e) => (e instanceof ImportError ? e.problems.join(' ') : `other: ${e}`),
  );

async function deflate(text: string): Promise<string> {
  const bytes = new Uint8Array(
    await new Response(new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer(),
  );
  return Buffer.from(bytes).toString('base64url');
}

describe('share links', () => {
  it('round-trip a workflow through the URL fragment', async () => {
    const link = await encodeShareLink(file, 'http://127.0.0.1:4173');
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:4173\/import#lf2\.[A-Za-z0-9_-]+$/);
    expect(await decodeShareLink(new URL(link).hash)).toEqual(file);
  });

  it('refuse corrupted, truncated, foreign and newer links with a reason', async () => {
    const fragment = new URL(await encodeShareLink(file, 'http://x')).hash;
    expect(await reason(decodeShareLink(fragment.slice(0, 30)))).toContain('incomplete or damaged');
    expect(await reason(decodeShareLink(fragment.replace('lf2.', 'lf2.%%')))).toContain(
      'characters a share link never has',
    );
    expect(await reason(decodeShareLink('#hello'))).toContain('not a Localflow share link');
    expect(await reason(decodeShareLink(fragment.replace('lf2.', 'lf3.')))).toContain('newer Localflow (link format 3');
    expect(await reason(decodeShareLink(`#lf1.${await deflate('not json')}`))).toContain('not a workflow');
    expect(
      await reason(decodeShareLink(`#lf1.${await deflate(JSON.stringify({ ...file, steps: [{ id: 'x' }] }))}`)),
    ).toContain('Step 1');
  });

  it('a damaged link is refused, never imported altered: 1,000 random mutations', async () => {
    const fragment = new URL(await encodeShareLink(file, 'http://x')).hash.slice(1);
    const [prefix, payload] = [fragment.slice(0, 4), fragment.slice(4)];
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    let seed = 42;
    const random = (n: number) => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n;
    const outcomes = { refused: 0, identical: 0, altered: 0 };
    for (let i = 0; i < 1000; i++) {
      const chars = payload.split('');
      const edits = 1 + random(3);
      for (let e = 0; e < edits; e++) {
        const at = random(chars.length);
        const kind = random(3);
        if (kind === 0) chars[at] = alphabet[random(alphabet.length)];
        else if (kind === 1) chars.splice(at, 1);
        else chars.splice(at, 0, alphabet[random(alphabet.length)]);
      }
      try {
        const got = await decodeShareLink(`#${prefix}${chars.join('')}`);
        if (JSON.stringify(got) === JSON.stringify(file)) outcomes.identical++;
        else outcomes.altered++;
      } catch (error) {
        expect(error).toBeInstanceOf(ImportError);
        outcomes.refused++;
      }
    }
    expect(outcomes.altered).toBe(0);
    expect(outcomes.refused).toBeGreaterThan(900);
  });

  it('a link whose workflow was changed after it was made is refused (its check does not match)', async () => {
    const fragment = new URL(await encodeShareLink(file, 'http://x')).hash.slice(5);
    const bytes = Buffer.from(fragment, 'base64url');
    const inner = Buffer.from(
      await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'))).arrayBuffer(),
    ).toString('utf8');
    const forged = inner.replace('Schedule a follow-up', 'Schedule a follow-uq');
    expect(await reason(decodeShareLink(`#lf2.${await deflate(forged)}`))).toContain('does not match its check');
    // Old links (format 1, no check) still open.
    expect(await decodeShareLink(`#lf1.${await deflate(JSON.stringify(file))}`)).toEqual(file);
  });

  it('refuse a link that unpacks beyond 5 MB (a zip bomb) without unpacking it all', async () => {
    const bomb = await deflate(JSON.stringify({ ...file, name: 'x'.repeat(6 * 1024 * 1024) }));
    expect(bomb.length).toBeLessThan(20_000);
    expect(await reason(decodeShareLink(`#lf1.${bomb}`))).toContain('larger than 5 MB once unpacked');
  });

  it('preview says what a workflow writes, calls and whether it has code', () => {
    expect(previewWorkflow(file)).toEqual({
      name: 'Schedule a follow-up',
      trigger: { type: 'MANUAL', name: 'Run on a person' },
      steps: [
        { name: 'Find their company', type: 'FIND_RECORDS' },
        { name: 'Create follow-up task', type: 'CREATE_RECORD' },
      ],
      writes: ['task'],
      hosts: [],
      containsCode: false,
    });
  });
});
