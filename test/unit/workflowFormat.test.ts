import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WORKFLOW_MIGRATIONS } from '../../src/schema/workflowMigrations';
import { ImportError, parseWorkflowFile, readWorkflowFile, toWorkflowFile } from '../../src/share/workflowFile';
import { freshDb, installWorkflow, step, workflowFile, manualGlobal } from './helpers';
import { WorkflowRepository } from '../../src/db/workflows';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
const problemsOf = (input: unknown) => {
  try {
    readWorkflowFile(input);
    return [];
  } catch (error) {
    if (error instanceof ImportError) return error.problems;
    throw error;
  }
};

describe('workflow format: validation', () => {
  it('accepts the fixtures and restores defaults', () => {
    const file = parseWorkflowFile(fixture('delay-then-task.json'));
    expect(file.steps[0]).toMatchObject({
      valid: true,
      settings: { errorHandlingOptions: { retryOnFailure: { value: false }, continueOnFailure: { value: false } } },
    });
    expect(file.steps[0].settings.input).toMatchObject({ delayType: 'DURATION', duration: { seconds: 4 } });
    expect(parseWorkflowFile(fixture('follow-up-manual.json')).name).toBe('Schedule a follow-up');
  });

  it('names the path and the reason of each problem', () => {
    const problems = problemsOf(JSON.parse(fixture('malformed.json')));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^The trigger, Event: write "<object>\.created"/),
        'Step “Create”, Next steps: no step has id "missing"',
      ]),
    );
  });

  it('refuses bad JSON, unknown types, duplicate ids and cycles', () => {
    expect(() => parseWorkflowFile('{"format":')).toThrow(/not valid JSON/);
    expect(problemsOf(workflowFile(manualGlobal(['s']), [step('s', 'TELEPORT', {})]))[0]).toMatch(
      /^Step “.+”: its type is not one Localflow knows/,
    );
    expect(
      problemsOf(
        workflowFile(manualGlobal(['s']), [
          step('s', 'FILTER', { filter: { operator: 'AND', conditions: [] } }),
          step('s', 'FILTER', { filter: { operator: 'AND', conditions: [] } }),
        ]),
      ),
    ).toContainEqual(expect.stringMatching(/^Step “.+”, Id: duplicate step id "s"$/));
    const cyc = problemsOf(
      workflowFile(manualGlobal(['a']), [
        step('a', 'FILTER', { filter: { operator: 'AND', conditions: [] } }, ['b']),
        step('b', 'FILTER', { filter: { operator: 'AND', conditions: [] } }, ['a']),
      ]),
    );
    expect(cyc[0]).toMatch(/cycle that is not an iterator loop: a → b → a/);
    expect(problemsOf([1, 2])).toEqual(['The file: expected a JSON object with a trigger and steps']);
    expect(problemsOf({ format: 'n8n', version: 1 })[0]).toMatch(/not a Localflow workflow/);
    expect(problemsOf({ ...workflowFile(manualGlobal([]), []), version: 3 })[0]).toMatch(
      /format version 3, newer than this app reads \(2\)/,
    );
  });

  it('allows the back edge of an iterator loop', () => {
    expect(
      problemsOf(
        workflowFile(manualGlobal(['loop']), [
          step('loop', 'ITERATOR', { items: [1], initialLoopStepIds: ['body'] }),
          step('body', 'FILTER', { filter: { operator: 'AND', conditions: [] } }, ['loop']),
        ]),
      ),
    ).toEqual([]);
  });
});

describe('workflow format: migrations', () => {
  const twentyVersion = {
    name: 'From Twenty',
    trigger: {
      type: 'DATABASE_EVENT',
      name: 'Record is created',
      settings: { eventName: 'company.created', outputSchema: {} },
      nextStepIds: ['x'],
    },
    steps: [
      {
        id: 'x',
        name: 'Create Record',
        type: 'CREATE_RECORD',
        valid: true,
        nextStepIds: [],
        settings: {
          input: { objectName: 'note', objectRecord: { title: 'New: {{trigger.properties.after.name}}' } },
          outputSchema: {},
          errorHandlingOptions: { retryOnFailure: { value: false }, continueOnFailure: { value: false } },
        },
      },
    ],
  };

  it('lifts a bare Twenty workflow version into the envelope', () => {
    const file = readWorkflowFile(twentyVersion);
    expect(file).toMatchObject({
      format: 'localflow.workflow',
      version: 2,
      name: 'From Twenty',
      trigger: { settings: { eventName: 'company.created' } },
    });
  });

  it('reads a Twenty webhook trigger (its extra settings dropped); the file never carries the URL token', async () => {
    const file = readWorkflowFile({
      ...twentyVersion,
      trigger: {
        type: 'WEBHOOK',
        name: 'Webhook',
        settings: { httpMethod: 'POST', expectedBody: { email: 'a@b.c' }, outputSchema: {}, authentication: null },
        nextStepIds: ['x'],
      },
    });
    expect(file.trigger).toEqual({
      type: 'WEBHOOK',
      name: 'Webhook',
      settings: { httpMethod: 'POST', expectedBody: { email: 'a@b.c' }, outputSchema: {} },
      nextStepIds: ['x'],
    });
    expect(
      problemsOf({
        ...twentyVersion,
        trigger: { type: 'WEBHOOK', name: 'W', settings: { httpMethod: 'PUT' }, nextStepIds: ['x'] },
      }).join('\n'),
    ).toMatch(/The trigger, Method: must be one of/);
    const db = freshDb();
    const workflows = new WorkflowRepository(db);
    const id = await installWorkflow(workflows, file);
    const token = await workflows.hookToken(id);
    const w = (await db.workflows.get(id))!;
    const v = (await workflows.currentVersion(id))!;
    const exported = JSON.stringify(toWorkflowFile(w.name, v.trigger, v.steps, w.description));
    expect(exported).not.toContain(token);
    expect(exported).not.toContain('hookToken');
  });

  it('never mutates its input', () => {
    const input = structuredClone(twentyVersion);
    for (const m of WORKFLOW_MIGRATIONS) m.up(input);
    readWorkflowFile(input);
    expect(input).toEqual(twentyVersion);
  });

  it('round-trips: export then import gives the same workflow', () => {
    const file = parseWorkflowFile(fixture('follow-up-manual.json'));
    const again = readWorkflowFile(JSON.parse(JSON.stringify(toWorkflowFile(file.name, file.trigger, file.steps))));
    expect(again).toEqual(file);
  });
});

describe('import', () => {
  it('arrives as a draft, and objects that do not exist are refused', async () => {
    const workflows = new WorkflowRepository(freshDb());
    const id = await installWorkflow(workflows, JSON.parse(fixture('welcome-person.json')), false);
    expect((await workflows.currentVersion(id))?.status).toBe('draft');
    const problems = await workflows.metadataProblems(
      readWorkflowFile(
        workflowFile(manualGlobal(['s']), [step('s', 'CREATE_RECORD', { objectName: 'invoice', objectRecord: {} })]),
      ),
    );
    expect(problems[0]).toMatch(/^steps\[0\]\.settings\.input\.objectName: there is no object named "invoice"/);
  });

  it('activating archives the previous active version', async () => {
    const db = freshDb();
    const workflows = new WorkflowRepository(db);
    const id = await installWorkflow(workflows, JSON.parse(fixture('welcome-person.json')), true);
    const first = (await db.workflows.get(id))!.activeVersionId!;
    await db.versions.add({ ...(await db.versions.get(first))!, id: 'v2', number: 2, status: 'draft' });
    await db.workflows.update(id, { draftVersionId: 'v2' });
    await workflows.activate(id);
    expect((await db.versions.get(first))?.status).toBe('archived');
    expect(await db.workflows.get(id)).toMatchObject({ activeVersionId: 'v2' });
    await workflows.deactivate(id);
    expect((await db.versions.get('v2'))?.status).toBe('deactivated');
  });
});

describe('versions', () => {
  it('use an old version as draft, activate it: the running version is archived, runs use the new one', async () => {
    const db = freshDb();
    const workflows = new WorkflowRepository(db);
    const id = await installWorkflow(workflows, JSON.parse(fixture('welcome-person.json')), true);
    const v1 = (await db.workflows.get(id))!.activeVersionId!;
    const draft = await workflows.useAsDraft(id);
    expect(await db.versions.get(draft)).toMatchObject({ number: 2, status: 'draft' });
    expect((await db.versions.get(v1))?.status).toBe('active');
    expect(await workflows.useAsDraft(id)).toBe(draft); // one draft at a time
    await workflows.activate(id);
    expect((await db.versions.get(v1))?.status).toBe('archived');
    await workflows.useAsDraft(id, v1);
    const third = (await db.workflows.get(id))!.draftVersionId!;
    expect(await db.versions.get(third)).toMatchObject({ number: 3, status: 'draft' });
    await expect(workflows.useAsDraft(id, 'nope')).rejects.toThrow('does not exist');
  });
});
