import { describe, expect, it } from 'vitest';
import { companyLoop, manualGlobal, step, workflowFile } from '../helpers';
import { appWorkflows, recordsOf, runSteps, setup } from './env';
import { ON_SQL } from '../workspaces';
import { readWorkflowFile } from '../../../src/share/workflowFile';
import { stepInput } from '../../../src/schema/run';

describe('CREATE_RECORD', () => {
  it('creates a record from resolved values, lifting text into composites', async () => {
    const { run, info, db } = await runSteps(
      [
        step('c', 'CREATE_RECORD', {
          objectName: 'person',
          objectRecord: { name: 'Grace Hopper', emails: 'grace@navy.mil', city: 'Arlington' },
        }),
      ],
      ['c'],
    );
    expect(run.status).toBe('completed');
    const out = info('c').output as Record<string, unknown>;
    expect(out).toMatchObject({
      name: { firstName: 'Grace', lastName: 'Hopper' },
      emails: { primaryEmail: 'grace@navy.mil' },
    });
    expect((await db.records.get(out.id as string))?.object).toBe('person');
  });

  it('fails the run with the field and the reason on an unknown field or a bad value', async () => {
    const a = await runSteps(
      [step('c', 'CREATE_RECORD', { objectName: 'person', objectRecord: { nickname: 'x' } })],
      ['c'],
    );
    expect(a.run.status).toBe('failed');
    expect(a.info('c')).toMatchObject({
      status: 'FAILED',
      error: expect.stringContaining('Person has no field "nickname"'),
    });
    const b = await runSteps(
      [step('c', 'CREATE_RECORD', { objectName: 'opportunity', objectRecord: { name: 'x', stage: 'WON' } })],
      ['c'],
    );
    expect(b.info('c').error).toContain('field "Stage" expects one of NEW, SCREENING');
    expect(b.run.error).toContain('Step "c" failed');
  });
});

describe('UPDATE_RECORD and DELETE_RECORD', () => {
  it('updates only the given fields, merging composites', async () => {
    const { info, db } = await runSteps(
      [
        step('u', 'UPDATE_RECORD', {
          objectName: 'person',
          objectRecordId: 'person-9',
          objectRecord: { name: { lastName: 'King' }, jobTitle: 'Countess', city: 'ignored' },
          fieldsToUpdate: ['name', 'jobTitle'],
        }),
      ],
      ['u'],
    );
    expect(info('u').status).toBe('SUCCESS');
    const row = await db.records.get('person-9');
    expect(row?.data).toMatchObject({
      name: { firstName: 'Ada', lastName: 'King' },
      jobTitle: 'Countess',
      city: 'Paris',
    });
  });

  it('reports a missing record', async () => {
    const { info, run } = await runSteps(
      [step('u', 'UPDATE_RECORD', { objectName: 'person', objectRecordId: 'nope', objectRecord: { city: 'x' } })],
      ['u'],
    );
    expect(run.status).toBe('failed');
    expect(info('u').error).toContain('no person record has id "nope"');
  });

  it('deletes a record and outputs it', async () => {
    const { info, db } = await runSteps(
      [step('d', 'DELETE_RECORD', { objectName: 'note', objectRecordId: 'note-1' })],
      ['d'],
    );
    expect(info('d').output).toMatchObject({ id: 'note-1', title: 'Mistral: partnership notes' });
    expect(await db.records.get('note-1')).toBeUndefined();
  });
});

describe('FIND_RECORDS', () => {
  it('filters, sorts and limits, and counts all matches', async () => {
    const { info } = await runSteps(
      [
        step('f', 'FIND_RECORDS', {
          objectName: 'company',
          filter: { operator: 'AND', conditions: [{ left: 'address.addressCity', operand: 'IS', right: 'Paris' }] },
          orderBy: [{ field: 'employees', direction: 'DESC' }],
          limit: 2,
        }),
      ],
      ['f'],
    );
    const out = info('f').output as { first: { name: string }; all: { name: string }[]; totalCount: number };
    expect(out.totalCount).toBe(3);
    expect(out.all.map((c) => c.name)).toEqual(['Qonto', 'Algolia']);
    expect(out.first.name).toBe('Qonto');
  });

  it('uses variables in the filter and sees records written earlier in the same run', async () => {
    const { info } = await runSteps(
      [
        step('c', 'CREATE_RECORD', { objectName: 'company', objectRecord: { name: 'Localflow', employees: 3 } }, ['f']),
        step('f', 'FIND_RECORDS', {
          objectName: 'company',
          filter: { operator: 'AND', conditions: [{ left: 'name', operand: 'IS', right: '{{c.name}}' }] },
        }),
      ],
      ['c'],
    );
    expect(info('f').output).toMatchObject({ totalCount: 1, first: { name: 'Localflow', employees: 3 } });
  });
});

describe('UPSERT_RECORD', () => {
  it('updates the record matching the chosen fields, or creates one', async () => {
    const env = await setup();
    const { info, db } = await runSteps(
      [
        step(
          'a',
          'UPSERT_RECORD',
          {
            objectName: 'person',
            objectRecord: { emails: 'ADA@mistral.ai', jobTitle: 'Chief Analyst' },
            matchFields: ['emails.primaryEmail'],
          },
          ['b'],
        ),
        step('b', 'UPSERT_RECORD', {
          objectName: 'person',
          objectRecord: { emails: 'new@x.org', name: 'New Person' },
          matchFields: ['emails.primaryEmail'],
        }),
      ],
      ['a'],
      env,
    );
    expect(info('a').output).toMatchObject({ id: 'person-9', jobTitle: 'Chief Analyst' });
    expect((info('b').output as { id: string }).id).not.toMatch(/^person-/);
    expect((await recordsOf(db, 'person')).length).toBe(11);
  });

  it('refuses an empty match field', async () => {
    const { info } = await runSteps(
      [
        step('a', 'UPSERT_RECORD', {
          objectName: 'person',
          objectRecord: { city: 'x' },
          matchFields: ['emails.primaryEmail'],
        }),
      ],
      ['a'],
    );
    expect(info('a').error).toContain('match field "emails.primaryEmail" has no value');
  });
});

describe('FILTER and IF_ELSE', () => {
  it('a filter that does not pass stops its branch; the run still completes', async () => {
    const { run, info } = await runSteps(
      [
        step(
          'f',
          'FILTER',
          { filter: { operator: 'AND', conditions: [{ left: '{{trigger.missing}}', operand: 'IS_NOT_EMPTY' }] } },
          ['c'],
        ),
        step('c', 'CREATE_RECORD', { objectName: 'note', objectRecord: { title: 'never' } }),
      ],
      ['f'],
    );
    expect(run.status).toBe('completed');
    expect(info('f')).toMatchObject({ status: 'SUCCESS', output: { passed: false } });
    expect(info('c').status).toBe('SKIPPED');
  });

  it('if/else: the first matching branch runs, the others are skipped; no filter is else', async () => {
    const { info } = await runSteps(
      [
        step('find', 'FIND_RECORDS', { objectName: 'company', limit: 100 }, ['branch']),
        step('branch', 'IF_ELSE', {
          branches: [
            {
              id: 'big',
              filter: {
                operator: 'AND',
                conditions: [{ left: '{{find.totalCount}}', operand: 'GREATER_THAN', right: 100 }],
              },
              nextStepIds: ['big-note'],
            },
            {
              id: 'some',
              filter: {
                operator: 'AND',
                conditions: [{ left: '{{find.totalCount}}', operand: 'GREATER_THAN', right: 2 }],
              },
              nextStepIds: ['some-note'],
            },
            { id: 'else', nextStepIds: ['else-note'] },
          ],
        }),
        step('big-note', 'CREATE_RECORD', { objectName: 'note', objectRecord: { title: 'big' } }),
        step('some-note', 'CREATE_RECORD', {
          objectName: 'note',
          objectRecord: { title: 'some: {{find.totalCount}}' },
        }),
        step('else-note', 'CREATE_RECORD', { objectName: 'note', objectRecord: { title: 'else' } }),
      ],
      ['find'],
    );
    expect(info('branch').output).toEqual({ matchedBranchId: 'some' });
    expect(info('some-note').output).toMatchObject({ title: 'some: 6' });
    expect(info('big-note').status).toBe('SKIPPED');
    expect(info('else-note').status).toBe('SKIPPED');
  });
});

describe('ITERATOR', () => {
  it('runs its body once per item with currentItem and index, then continues', async () => {
    const { info, run, db } = await runSteps(
      [
        ...companyLoop({ orderBy: [{ field: 'name', direction: 'ASC' }] }, undefined, ['done']),
        step('done', 'CREATE_RECORD', {
          objectName: 'note',
          objectRecord: { title: 'updated {{loop.currentItemIndex}} companies' },
        }),
      ],
      ['find'],
    );
    expect(run.status).toBe('completed');
    expect(info('upd').count).toBe(6);
    expect(info('loop').output).toMatchObject({ hasProcessedAllItems: true, currentItemIndex: 6 });
    expect(info('done').output).toMatchObject({ title: 'updated 6 companies' });
    const byName = Object.fromEntries((await recordsOf(db, 'company')).map((c) => [c.data.name, c.data.employees]));
    expect(byName).toMatchObject({ Airbnb: 0, Algolia: 1, Figma: 2, 'Mistral AI': 3, Notion: 4, Qonto: 5 });
  });

  it('a filter inside the body skips the rest of that turn only', async () => {
    const { info, db } = await runSteps(
      [
        step('loop', 'ITERATOR', { items: [1, 2, 3, 4], initialLoopStepIds: ['even'] }),
        step(
          'even',
          'FILTER',
          {
            filter: {
              operator: 'AND',
              conditions: [
                { left: '{{loop.currentItem}}', operand: 'IS', right: '{{loop.currentItem}}' },
                { left: '{{loop.currentItemIndex}}', operand: 'IS', right: 1 },
              ],
            },
          },
          ['note'],
        ),
        step('note', 'CREATE_RECORD', { objectName: 'note', objectRecord: { title: 'item {{loop.currentItem}}' } }, [
          'loop',
        ]),
      ],
      ['loop'],
    );
    expect(info('even').count).toBe(4);
    expect(
      (await recordsOf(db, 'note')).filter((n) => String(n.data.title).startsWith('item')).map((n) => n.data.title),
    ).toEqual(['item 2']);
  });

  it('nested loops', async () => {
    const { db, run } = await runSteps(
      [
        step('outer', 'ITERATOR', { items: ['a', 'b'], initialLoopStepIds: ['inner'] }),
        step('inner', 'ITERATOR', { items: [1, 2, 3], initialLoopStepIds: ['note'] }, ['outer']),
        step(
          'note',
          'CREATE_RECORD',
          { objectName: 'note', objectRecord: { title: 'cell {{outer.currentItem}}{{inner.currentItem}}' } },
          ['inner'],
        ),
      ],
      ['outer'],
    );
    expect(run.status).toBe('completed');
    const titles = (await recordsOf(db, 'note')).map((n) => n.data.title).filter((t) => String(t).startsWith('cell'));
    expect(titles).toEqual(['cell a1', 'cell a2', 'cell a3', 'cell b1', 'cell b2', 'cell b3']);
  });

  it('continue on iteration failure: a failing item is skipped, the rest go on', async () => {
    const { run, info, db } = await runSteps(
      [
        step('loop', 'ITERATOR', {
          items: ['company-1', 'nope', 'company-2'],
          initialLoopStepIds: ['upd'],
          continueOnIterationFailure: true,
        }),
        step(
          'upd',
          'UPDATE_RECORD',
          { objectName: 'company', objectRecordId: '{{loop.currentItem}}', objectRecord: { employees: 1 } },
          ['loop'],
        ),
      ],
      ['loop'],
    );
    expect(run.status).toBe('completed');
    expect(info('loop').output).toMatchObject({ hasProcessedAllItems: true, failedItemCount: 1 });
    expect((await db.records.get('company-2'))?.data.employees).toBe(1);
  });

  it('without it, a failing item fails the run', async () => {
    const { run } = await runSteps(
      [
        step('loop', 'ITERATOR', { items: ['nope'], initialLoopStepIds: ['upd'] }),
        step(
          'upd',
          'UPDATE_RECORD',
          { objectName: 'company', objectRecordId: '{{loop.currentItem}}', objectRecord: { employees: 1 } },
          ['loop'],
        ),
      ],
      ['loop'],
    );
    expect(run.status).toBe('failed');
  });

  it('refuses more than 10,000 items and non-lists', async () => {
    const many = await runSteps(
      [step('loop', 'ITERATOR', { items: Array.from({ length: 10_001 }, (_, i) => i), initialLoopStepIds: [] })],
      ['loop'],
    );
    expect(many.info('loop').error).toContain('at most 10,000');
    const text = await runSteps([step('loop', 'ITERATOR', { items: 'hello', initialLoopStepIds: [] })], ['loop']);
    expect(text.info('loop').error).toContain('text, not a list');
  });

  it('an empty list goes straight to the next step', async () => {
    const { info } = await runSteps(
      [
        step('loop', 'ITERATOR', { items: [], initialLoopStepIds: ['x'] }, ['after']),
        step('x', 'CREATE_RECORD', { objectName: 'note', objectRecord: { title: 'x' } }, ['loop']),
        step('after', 'CREATE_RECORD', { objectName: 'note', objectRecord: { title: 'after' } }),
      ],
      ['loop'],
    );
    expect(info('x').status).toBe('NOT_STARTED');
    expect(info('after').status).toBe('SUCCESS');
  });
});

describe('parallel branches and joins', () => {
  it('a step with several parents runs once, after all of them, if one succeeded', async () => {
    const { info } = await runSteps(
      [
        step('a', 'CREATE_RECORD', { objectName: 'note', objectRecord: { title: 'a' } }, ['join']),
        step('b', 'FILTER', { filter: { operator: 'AND', conditions: [{ left: 'x', operand: 'IS', right: 'y' }] } }, [
          'join',
        ]),
        step('join', 'CREATE_RECORD', { objectName: 'note', objectRecord: { title: 'join after {{a.title}}' } }),
      ],
      ['a', 'b'],
    );
    expect(info('join')).toMatchObject({ status: 'SUCCESS', count: 1, output: { title: 'join after a' } });
  });

  it('a join whose parents were all skipped is skipped', async () => {
    const { info, run } = await runSteps(
      [
        step('b', 'FILTER', { filter: { operator: 'AND', conditions: [{ left: 'x', operand: 'IS', right: 'y' }] } }, [
          'c',
          'join',
        ]),
        step('c', 'CREATE_RECORD', { objectName: 'note', objectRecord: { title: 'c' } }, ['join']),
        step('join', 'CREATE_RECORD', { objectName: 'note', objectRecord: { title: 'join' } }),
      ],
      ['b'],
    );
    expect(run.status).toBe('completed');
    expect(info('c').status).toBe('SKIPPED');
    expect(info('join').status).toBe('SKIPPED');
  });
});

describe('DELAY and failure handling', () => {
  it('a delay makes the run wait as a timer row, then resumes when due', async () => {
    const env = await setup();
    const { run, db, clock, engine } = await runSteps(
      [
        step('wait', 'DELAY', { delayType: 'DURATION', duration: { minutes: 5 } }, ['after']),
        step('after', 'CREATE_RECORD', { objectName: 'note', objectRecord: { title: 'after {{wait.resumedAt}}' } }),
      ],
      ['wait'],
      env,
    );
    expect(run.status).toBe('waiting');
    const [timer] = await db.timers.toArray();
    expect(timer).toMatchObject({ kind: 'delay', runId: run.id, stepId: 'wait', dueAt: clock.now() + 5 * 60_000 });
    clock.advance(5 * 60_000);
    await engine.idle();
    const done = (await db.runs.get(run.id))!;
    expect(done.status).toBe('completed');
    expect(done.state.stepInfos.after.output).toMatchObject({ title: `after ${new Date(clock.now()).toISOString()}` });
    expect(await db.timers.count()).toBe(0);
  });

  it('a scheduled date in the past resumes at once; a bad date fails', async () => {
    const past = await runSteps(
      [step('w', 'DELAY', { delayType: 'SCHEDULED_DATE', scheduledDateTime: '2001-01-01T00:00:00Z' })],
      ['w'],
    );
    expect(past.run.status).toBe('completed');
    const bad = await runSteps(
      [step('w', 'DELAY', { delayType: 'SCHEDULED_DATE', scheduledDateTime: '{{trigger.nothing}}soon' })],
      ['w'],
    );
    expect(bad.info('w').error).toContain('"soon" is not a date');
  });

  it('retry on failure waits 1 s, 5 s, 15 s as timers, then fails', async () => {
    const env = await setup();
    const failing = step('u', 'UPDATE_RECORD', {
      objectName: 'person',
      objectRecordId: 'later',
      objectRecord: { city: 'x' },
    });
    failing.settings.errorHandlingOptions = {
      retryOnFailure: { value: true, maxAttempts: 3 } as never,
      continueOnFailure: { value: false },
    };
    const { run, db, clock, engine } = await runSteps([failing], ['u'], env);
    expect(run.status).toBe('waiting');
    for (const wait of [1_000, 5_000, 15_000]) {
      const [timer] = await db.timers.toArray();
      expect(timer.dueAt - clock.now()).toBe(wait);
      clock.advance(wait);
      await engine.idle();
    }
    const done = (await db.runs.get(run.id))!;
    expect(done.status).toBe('failed');
    expect(done.state.stepInfos.u.attempt).toBe(4);
  });

  it('a retry that succeeds completes the run', async () => {
    const env = await setup();
    const flaky = step('u', 'UPDATE_RECORD', {
      objectName: 'person',
      objectRecordId: 'later',
      objectRecord: { city: 'x' },
    });
    flaky.settings.errorHandlingOptions = {
      retryOnFailure: { value: true, maxAttempts: 1 } as never,
      continueOnFailure: { value: false },
    };
    const { run, db, clock, engine } = await runSteps([flaky], ['u'], env);
    await db.putRows({ records: [{ id: 'later', object: 'person', data: {}, createdAt: 1, updatedAt: 1 }] });
    clock.advance(1_000);
    await engine.idle();
    expect((await db.runs.get(run.id))!.status).toBe('completed');
  });

  it('continue on failure marks the step failed-safely and goes on', async () => {
    const failing = step('u', 'DELETE_RECORD', { objectName: 'person', objectRecordId: 'nope' }, ['next']);
    failing.settings.errorHandlingOptions = { retryOnFailure: { value: false }, continueOnFailure: { value: true } };
    const { run, info } = await runSteps(
      [failing, step('next', 'CREATE_RECORD', { objectName: 'note', objectRecord: { title: 'went on' } })],
      ['u'],
    );
    expect(run.status).toBe('completed');
    expect(info('u').status).toBe('FAILED_SAFELY');
    expect(info('next').status).toBe('SUCCESS');
  });
});

describe('if/else inside a loop', () => {
  it('whichever branch is taken, each item is handled once and the loop ends cleanly', async () => {
    const { run, info, db } = await runSteps(
      [
        step('loop', 'ITERATOR', { items: ['Paris', 'Rome', 'Paris', 'Oslo'], initialLoopStepIds: ['check'] }, [
          'after',
        ]),
        step('check', 'IF_ELSE', {
          branches: [
            {
              id: 'paris',
              filter: {
                operator: 'AND',
                conditions: [{ left: '{{loop.currentItem}}', operand: 'IS', right: 'Paris' }],
              },
              nextStepIds: ['a'],
            },
            { id: 'else', nextStepIds: ['b'] },
          ],
        }),
        step(
          'a',
          'CREATE_RECORD',
          { objectName: 'note', objectRecord: { title: 'paris #{{loop.currentItemIndex}}' } },
          ['loop'],
        ),
        step('b', 'CREATE_RECORD', { objectName: 'note', objectRecord: { title: 'other {{loop.currentItem}}' } }, [
          'loop',
        ]),
        step('after', 'CREATE_RECORD', { objectName: 'note', objectRecord: { title: 'done' } }),
      ],
      ['loop'],
    );
    expect(run.status).toBe('completed');
    expect(info('check').count).toBe(4);
    const titles = (await recordsOf(db, 'note'))
      .map((n) => n.data.title)
      .filter((t) => /paris|other|done/.test(String(t)));
    expect(titles).toEqual(['paris #0', 'other Rome', 'paris #2', 'other Oslo', 'done']);
  });
});

describe("a step's recorded input", () => {
  it('is kept only where it differs from the settings; the settings stand for it otherwise', async () => {
    const { run, info } = await runSteps(
      [
        step('a', 'CREATE_RECORD', { objectName: 'task', objectRecord: { title: 'Plain' } }, ['b']),
        step('b', 'CREATE_RECORD', { objectName: 'task', objectRecord: { title: 'After {{a.title}}' } }),
      ],
      ['a'],
    );
    expect(run.status).toBe('completed');
    const [a, b] = run.flow.steps;
    // No variable in "a": the run does not carry its settings twice.
    expect(info('a').input).toBeUndefined();
    expect(stepInput(a, info('a'))).toEqual({ objectName: 'task', objectRecord: { title: 'Plain' } });
    expect(info('b').input).toEqual({ objectName: 'task', objectRecord: { title: 'After Plain' } });
    expect(stepInput(b, info('b'))).toEqual(info('b').input);
    // A step that has not run has no input to show.
    expect(stepInput(a, { status: 'NOT_STARTED' })).toBeUndefined();
  });
});

describe("a run's flow", () => {
  it('is its version’s when that version has left the draft state: the stored row keeps no copy', async () => {
    const { run, db, workflowId } = await runSteps(
      [step('a', 'CREATE_RECORD', { objectName: 'task', objectRecord: { title: 'From the version' } })],
      ['a'],
    );
    expect(run.status).toBe('completed');
    const stored = (await db.runs.get(run.id))!;
    expect(stored.flowFromVersion).toBe(true);
    expect(stored.flow).toBeUndefined();
    const version = (await db.versions.get(stored.versionId))!;
    expect(version.status).toBe('active');
    expect(run.flow.steps).toEqual(version.steps);
    expect((await db.workflows.get(workflowId))!.activeVersionId).toBe(version.id);
  });
});

describe("a run's row in IndexedDB", () => {
  it.skipIf(ON_SQL)(
    'holds its state and trigger payload as one JSON text; rows written before read as they are',
    async () => {
      const { run, db: workspace } = await runSteps(
        [step('a', 'CREATE_RECORD', { objectName: 'task', objectRecord: { title: 'Packed' } })],
        ['a'],
      );
      const db = workspace.dexie!;
      // As IndexedDB holds it (no reading hook): the indexed fields as they are, the rest packed.
      const [raw] = (await db.runs.toCollection().raw().toArray()) as unknown as Record<string, unknown>[];
      expect(raw.state).toBeUndefined();
      expect(raw.triggerPayload).toBeUndefined();
      expect(JSON.parse(raw.packed as string)).toEqual({ state: run.state, triggerPayload: run.triggerPayload });
      expect(await db.runs.where('status').equals('completed').primaryKeys()).toEqual([run.id]);
      // As read: unpacked.
      const read = (await db.runs.get(run.id))!;
      expect(read).not.toHaveProperty('packed');
      expect(read.state.stepInfos.a.output).toMatchObject({ title: 'Packed' });
      // A row as an earlier Localflow wrote it (state and payload as objects) is read as it is.
      const older: Record<string, unknown> = {
        ...raw,
        id: 'older',
        state: run.state,
        triggerPayload: { from: 'before' },
      };
      delete older.packed;
      await db.runs.put(older as never);
      expect((await db.runs.get('older'))!).toMatchObject({ state: run.state, triggerPayload: { from: 'before' } });
    },
  );
});

describe("a test run's flow", () => {
  // Drafts and test runs are the app's editor's (the runner serves active workflows).
  it.skipIf(ON_SQL)('is kept in its row: the draft it tested may change afterwards', async () => {
    const env = await setup();
    const workflows = appWorkflows(env);
    const id = await workflows.importFile(
      readWorkflowFile(
        workflowFile(manualGlobal(['a']), [
          step('a', 'CREATE_RECORD', { objectName: 'task', objectRecord: { title: 'Tested' } }),
        ]),
      ),
      () => null,
    );
    const draftId = (await env.db.workflows.get(id))!.draftVersionId!;
    env.engine.start();
    const runId = await env.engine.testRun({ workflowId: id, versionId: draftId, payload: {} });
    await env.engine.idle();
    const stored = (await env.db.runs.get(runId))!;
    expect(stored.status).toBe('completed');
    expect(stored.flowFromVersion).toBeUndefined();
    expect(stored.flow?.steps.map((s) => s.id)).toEqual(['a']);
    // The draft changes and becomes active: the test run still shows what it ran.
    const draft = (await env.db.versions.get(draftId))!;
    const renamed = draft.steps.map((s) => ({ ...s, name: 'Renamed after the test' }));
    await workflows.saveDraft(id, draftId, { trigger: draft.trigger, steps: renamed });
    await workflows.activate(id);
    const [later] = await env.engine.runManual({ workflowId: id });
    await env.engine.idle();
    expect((await env.db.run(runId))!.flow.steps[0].name).not.toBe('Renamed after the test');
    expect((await env.db.run(later))!.flow.steps[0].name).toBe('Renamed after the test');
  });
});
