import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readWorkflowFile } from '../../src/share/workflowFile';
import { WorkflowFile } from '../../src/schema/workflow';
import { stepProblems } from '../../src/app/editor/validate';
import { installWorkflow, recordsOf, setup } from './helpers';

/**
 * Real workflow versions from Twenty's repository, written out as Twenty stores them
 * (test/fixtures/twenty): each imports, and where it can run here it runs as in Twenty.
 */
const twenty = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../fixtures/twenty/${name}`, import.meta.url), 'utf8'));

async function objectsOf(db: ReturnType<typeof setup>['db']) {
  return new Map((await db.objects.toArray()).map((o) => [o.name, o]));
}

describe('real Twenty workflow versions', () => {
  it('Quick Lead (pre-filled in new workspaces) imports, runs its form and writes the company and the person', async () => {
    const file = readWorkflowFile(twenty('quick-lead.json'));
    expect(file).toMatchObject({ version: 2, name: 'Imported from Twenty', trigger: { type: 'MANUAL' } });
    expect(file.trigger.settings).toMatchObject({ availability: { type: 'GLOBAL' }, icon: 'IconUserPlus' });
    expect(file.steps.map((s) => s.type)).toEqual(['FORM', 'CREATE_RECORD', 'CREATE_RECORD']);
    expect(file.steps[0].settings.outputSchema).toHaveProperty('companyName');
    expect(file.steps[2].nextStepIds).toEqual([]); // null in Twenty
    expect(file.steps[0].settings.errorHandlingOptions.retryOnFailure.value).toBe(0);

    const env = setup();
    const id = await installWorkflow(env.workflows, file);
    const objects = await objectsOf(env.db);
    const version = (await env.workflows.currentVersion(id))!;
    for (const step of version.steps) expect(stepProblems(version, step, objects)).toEqual([]);
    env.engine.start();
    const [runId] = await env.engine.runManual({ workflowId: id });
    await env.engine.idle();
    expect((await env.db.runs.get(runId))!.status).toBe('waiting');
    await env.engine.submitForm(runId, file.steps[0].id, {
      firstName: 'Tim',
      lastName: 'Apple',
      email: 'tim@apple.com',
      jobTitle: 'CEO',
      companyName: 'Apple',
      companyDomain: 'https://www.apple.com',
    });
    await env.engine.idle();
    expect((await env.db.runs.get(runId))!.status).toBe('completed');
    const company = (await recordsOf(env.db, 'company')).find((r) => r.data.name === 'Apple')!;
    expect(company.data.domainName).toMatchObject({ primaryLinkUrl: 'https://www.apple.com' });
    const person = (await recordsOf(env.db, 'person')).find(
      (r) => (r.data.emails as { primaryEmail?: string } | null)?.primaryEmail === 'tim@apple.com',
    )!;
    expect(person.data).toMatchObject({ name: { firstName: 'Tim', lastName: 'Apple' }, company: company.id });
  });

  it("Quick Lead as Twenty's dev seed stores it (a version row, trigger and steps as JSON text) imports", async () => {
    const file = readWorkflowFile(twenty('quick-lead-seed-row.json'));
    expect(file.trigger).toMatchObject({ type: 'MANUAL', settings: { availability: { type: 'GLOBAL' } } });
    expect(file.steps[1].position).toEqual({ x: 0.5, y: 282 });
    expect(file.steps[2].settings.input).toMatchObject({ objectRecord: { company: { id: expect.any(String) } } });
    const env = setup();
    const id = await installWorkflow(env.workflows, file);
    env.engine.start();
    const [runId] = await env.engine.runManual({ workflowId: id });
    await env.engine.idle();
    await env.engine.submitForm(runId, file.steps[0].id, { firstName: 'Zephyrine', companyName: 'Analytical Engines' });
    await env.engine.idle();
    const company = (await recordsOf(env.db, 'company')).find((r) => r.data.name === 'Analytical Engines')!;
    const person = (await recordsOf(env.db, 'person')).find(
      (r) => (r.data.name as { firstName?: string } | null)?.firstName === 'Zephyrine',
    )!;
    expect(person.data.company).toBe(company.id);
  });

  it('"Create company when adding a new person" (from the API, triggers: [...]) imports with its code steps to finish', async () => {
    const file = readWorkflowFile(twenty('create-company-api.json'));
    expect(file.name).toBe('Create company when adding a new person');
    expect(file.steps).toHaveLength(9);
    expect(file.trigger).toMatchObject({
      type: 'DATABASE_EVENT',
      settings: { eventName: 'person.upserted', fields: ['emails'] },
    });
    if (file.trigger.type !== 'DATABASE_EVENT') throw new Error('not a record trigger');
    expect(file.trigger.settings.filter?.stepFilters).toHaveLength(2);

    const env = setup();
    const id = await installWorkflow(env.workflows, file, false);
    const objects = await objectsOf(env.db);
    const version = (await env.workflows.currentVersion(id))!;
    const problems = Object.fromEntries(version.steps.map((s) => [s.name, stepProblems(version, s, objects)]));
    expect(problems['Is this a personal email?'][0]).toMatch(/Twenty's logic function .*: paste that function's code/);
    expect(problems['Extract domain from email']).toHaveLength(1);
    expect(problems['Find exact company match']).toHaveLength(1);
    // The record filter named Twenty's field id; matched here by its label.
    expect(problems['Search Company']).toEqual([]);
    const search = version.steps.find((s) => s.type === 'FIND_RECORDS')!;
    expect(search.settings.input).toMatchObject({
      filter: { recordFilters: [{ fieldName: 'domainName', subFieldName: 'primaryLinkUrl', operand: 'CONTAINS' }] },
    });
    for (const name of ['If business email', 'If a company already exists', 'Attach person to this company'])
      expect(problems[name]).toEqual([]);
    const check = (v: typeof version, s: (typeof version.steps)[number]) => stepProblems(v, s, objects)[0] ?? null;
    await expect(env.workflows.activate(id, check)).rejects.toThrow(/Is this a personal email/);
  });

  it("Twenty's front-end mock (a GraphQL workflows connection) imports its version", () => {
    const file = readWorkflowFile(twenty('front-mock-workflows.json'));
    expect(file.name).toBe('Test');
    expect(file.trigger).toMatchObject({ type: 'DATABASE_EVENT', name: 'Record event', nextStepIds: [] });
    expect(file.steps[0]).toMatchObject({
      type: 'CREATE_RECORD',
      nextStepIds: [],
      settings: { input: { objectRecord: { amount: { amountMicros: 1000000000, currencyCode: 'EUR' } } } },
    });
  });

  it('validity is recomputed, never taken from the file', () => {
    const file = readWorkflowFile(twenty('quick-lead.json'));
    expect(WorkflowFile.safeParse(file).success).toBe(true);
    expect(file.steps.every((s) => s.valid === false)).toBe(true); // as written…
    // …and the editor's checks (above) find nothing wrong, so activation goes ahead.
  });
});
