import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeShareLink, encodeShareLink } from '../../src/share/shareLink';
import { previewWorkflow } from '../../src/share/preview';
import { parseWorkflowFile, ImportError } from '../../src/share/workflowFile';

const file = parseWorkflowFile(readFileSync(new URL('../fixtures/follow-up-manual.json', import.meta.url), 'utf8'));
const reason = (p: Promise<unknown>) => p.then(() => 'no error', (e) => (e instanceof ImportError ? e.problems.join(' ') : `other: ${e}`));

async function deflate(text: string): Promise<string> {
  const bytes = new Uint8Array(await new Response(new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer());
  return Buffer.from(bytes).toString('base64url');
}

describe('share links', () => {
  it('round-trip a workflow through the URL fragment', async () => {
    const link = await encodeShareLink(file, 'http://127.0.0.1:4173');
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:4173\/import#lf1\.[A-Za-z0-9_-]+$/);
    expect(await decodeShareLink(new URL(link).hash)).toEqual(file);
  });

  it('refuse corrupted, truncated, foreign and newer links with a reason', async () => {
    const fragment = new URL(await encodeShareLink(file, 'http://x')).hash;
    expect(await reason(decodeShareLink(fragment.slice(0, 30)))).toContain('incomplete or damaged');
    expect(await reason(decodeShareLink(fragment.replace('lf1.', 'lf1.%%')))).toContain('characters a share link never has');
    expect(await reason(decodeShareLink('#hello'))).toContain('not a Localflow share link');
    expect(await reason(decodeShareLink(fragment.replace('lf1.', 'lf2.')))).toContain('newer Localflow (link format 2');
    expect(await reason(decodeShareLink(`#lf1.${await deflate('not json')}`))).toContain('not a workflow');
    expect(await reason(decodeShareLink(`#lf1.${await deflate(JSON.stringify({ ...file, steps: [{ id: 'x' }] }))}`))).toContain('steps[0]');
  });

  it('refuse a link that unpacks beyond 5 MB (a zip bomb) without unpacking it all', async () => {
    const bomb = await deflate(JSON.stringify({ ...file, name: 'x'.repeat(6 * 1024 * 1024) }));
    expect(bomb.length).toBeLessThan(20_000);
    expect(await reason(decodeShareLink(`#lf1.${bomb}`))).toContain('larger than 5 MB once unpacked');
  });

  it('preview says what a workflow writes, calls and whether it has code', () => {
    expect(previewWorkflow(file)).toEqual({
      name: 'Schedule a follow-up', trigger: { type: 'MANUAL', name: 'Run on a person' },
      steps: [{ name: 'Find their company', type: 'FIND_RECORDS' }, { name: 'Create follow-up task', type: 'CREATE_RECORD' }],
      writes: ['task'], hosts: [], containsCode: false,
    });
  });
});
