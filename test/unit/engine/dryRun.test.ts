import { describe, expect, it } from 'vitest';
import { readWorkflowFile } from '../../../src/share/workflowFile';
import { manualGlobal, step, workflowFile } from '../helpers';
import { freshWorkspace } from '../workspaces';

describe('dry run', () => {
  it('runs the steps against real records, stages every write, writes nothing and fast-forwards delays', async () => {
    const db = await freshWorkspace();
    const before = await db.records.toArray();
    const file = readWorkflowFile(
      workflowFile(manualGlobal(['find']), [
        step(
          'find',
          'FIND_RECORDS',
          {
            objectName: 'company',
            filter: { operator: 'AND', conditions: [{ left: 'name', operand: 'IS', right: 'Qonto' }] },
          },
          ['wait'],
        ),
        step('wait', 'DELAY', { delayType: 'DURATION', duration: { days: 2 } }, ['upd']),
        step(
          'upd',
          'UPDATE_RECORD',
          { objectName: 'company', objectRecordId: '{{find.first.id}}', objectRecord: { employees: 2000 } },
          ['note'],
        ),
        step(
          'note',
          'CREATE_RECORD',
          { objectName: 'note', objectRecord: { title: '{{find.first.name}} grew to {{upd.employees}}' } },
          ['del'],
        ),
        step('del', 'DELETE_RECORD', { objectName: 'task', objectRecordId: 'task-1' }),
      ]),
    );
    const result = await db.dryRun({ trigger: file.trigger, steps: file.steps }, {});
    expect(result.run.status).toBe('completed');
    expect(result.waits).toEqual([{ stepId: 'wait', kind: 'delay', wouldWaitMs: 2 * 86_400_000 }]);
    expect(result.changes.map((c) => [c.event, c.object])).toEqual([
      ['updated', 'company'],
      ['created', 'note'],
      ['deleted', 'task'],
    ]);
    expect(result.changes[0].before?.employees).toBe(1600);
    expect(result.changes[0].after?.employees).toBe(2000);
    expect(result.changes[1].after?.title).toBe('Qonto grew to 2000');
    expect(await db.records.toArray()).toEqual(before);
    expect(await db.runs.count()).toBe(0);
    expect(await db.events.count()).toBe(0);
  });

  it('reports a failing step like a real run would', async () => {
    const db = await freshWorkspace();
    const file = readWorkflowFile(
      workflowFile(manualGlobal(['u']), [
        step('u', 'UPDATE_RECORD', { objectName: 'person', objectRecordId: 'nope', objectRecord: { city: 'x' } }),
      ]),
    );
    const result = await db.dryRun(file, {});
    expect(result.run.status).toBe('failed');
    expect(result.run.state.stepInfos.u.error).toContain('no person record has id "nope"');
    expect(result.changes).toEqual([]);
  });
});
