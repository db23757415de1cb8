import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readWorkflowFile } from '../../src/share/workflowFile';
import { toTwentyVersion } from '../../src/share/twentyExport';
import { twentyVersion } from '../support/twentySchemas';
import { manualGlobal, step, workflowFile } from './helpers';

const twenty = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../fixtures/twenty/${name}`, import.meta.url), 'utf8'));

describe('Export for Twenty', () => {
  it.each(['quick-lead.json', 'quick-lead-seed-row.json', 'create-company-api.json', 'front-mock-workflows.json'])(
    '%s goes back in a shape Twenty accepts, with its ids',
    (name) => {
      const file = readWorkflowFile(twenty(name));
      const { version, warnings } = toTwentyVersion(file.name, file.trigger, file.steps);
      const checked = twentyVersion.safeParse(version);
      expect(checked.error?.issues ?? []).toEqual([]);
      expect(version.steps.map((s) => s.id)).toEqual(file.steps.map((s) => s.id));
      expect(warnings.filter((w) => w.startsWith('Code step'))).toEqual([]);
      // And it reads back as the same workflow.
      const again = readWorkflowFile(version);
      expect(again.steps.map((s) => [s.id, s.type, s.nextStepIds])).toEqual(
        file.steps.map((s) => [s.id, s.type, s.nextStepIds]),
      );
    },
  );

  it("a Localflow workflow: ids become UUIDs (variables follow), extras fold into Twenty's fields, the rest is named", () => {
    const file = readWorkflowFile(
      workflowFile({ ...manualGlobal(['ask']) }, [
        step(
          'ask',
          'HTTP_REQUEST',
          { method: 'POST', url: 'https://x.test/a', query: { q: '1' }, bodyType: 'form', body: { a: 'b' } },
          ['code'],
        ),
        step('code', 'CODE', { code: 'export const main = () => ({ n: 1 })', params: { v: '{{ask.body.id}}' } }, [
          'cond',
        ]),
        step(
          'cond',
          'FILTER',
          { filter: { operator: 'AND', conditions: [{ left: '{{code.n}}', operand: 'STARTS_WITH', right: '1' }] } },
          ['mail'],
        ),
        step('mail', 'SEND_EMAIL', { to: 'a@b.c', subject: 'n = {{code.n}}', body: '' }),
      ]),
    );
    const { version, warnings } = toTwentyVersion(file.name, file.trigger, file.steps);
    expect(twentyVersion.safeParse(version).error?.issues ?? []).toEqual([]);
    const [http, code, cond, mail] = version.steps as {
      id: string;
      nextStepIds: string[];
      settings: { input: Record<string, unknown> };
    }[];
    expect(version.trigger.nextStepIds).toEqual([http.id]);
    expect(http.nextStepIds).toEqual([code.id]);
    expect(http.settings.input).toMatchObject({
      url: 'https://x.test/a?q=1',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: { a: 'b' },
    });
    expect(code.settings.input).toEqual({ logicFunctionId: '', logicFunctionInput: { v: `{{${http.id}.body.id}}` } });
    expect(mail.settings.input).toMatchObject({ subject: `n = {{${code.id}.n}}`, recipients: { to: 'a@b.c' } });
    expect(cond.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(warnings).toEqual([
      expect.stringMatching(/^Code step “code”: Twenty keeps code in a logic function/),
      expect.stringMatching(/^Step “cond” uses “starts with” \(written as “contains”\), which Twenty's filters lack/),
      expect.stringMatching(/^Email step “mail”: choose the connected account/),
    ]);
  });
});
