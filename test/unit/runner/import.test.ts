import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runnerCommand } from '../../support/runnerProcess';

/**
 * Moving a workspace to a runner and back is shown in the browser (test/e2e/runner.spec.ts:
 * a backup from the app's Settings, imported, a run made on the runner, its export restored in
 * the app). Here: what the runner's import refuses.
 */

const dir = mkdtempSync(join(tmpdir(), 'localflow-roundtrip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('importing into a runner', () => {
  it('a file that is not a backup is refused with the reason, and nothing changes', { timeout: 30_000 }, () => {
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"format":"localflow.backup","version":1}\n{"t":"records"');
    let error = '';
    try {
      runnerCommand('import', bad, '--data', join(dir, 'data2'));
    } catch (e) {
      error = String((e as { stderr?: string }).stderr);
    }
    expect(error).toMatch(/bad\.jsonl: .*Nothing was changed\./);
  });
});
