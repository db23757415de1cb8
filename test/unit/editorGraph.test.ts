import { outletsOf } from '../../src/schema/stepEdges';
import { describe, expect, it } from 'vitest';
import { deleteStep, insertStep, type Draft } from '../../src/app/editor/graphEdits';
import { stepProblems, stepsBefore, withValidity } from '../../src/app/editor/validate';
import { STANDARD_OBJECTS } from '../../src/db/standardObjects';
import { readWorkflowFile } from '../../src/share/workflowFile';
import { WorkflowGraph } from '../../src/schema/workflow';
import { manualGlobal, workflowFile } from './helpers';

const objects = new Map(STANDARD_OBJECTS.map((o) => [o.name, o]));
const empty = (): Draft => {
  const f = readWorkflowFile(workflowFile(manualGlobal([]), []));
  return { trigger: f.trigger, steps: f.steps };
};

describe('editor graph edits', () => {
  it('adds after the trigger, on an edge, in a branch and in a loop, and the result is a valid workflow graph', () => {
    let d = empty();
    let r = insertStep(d, 'FIND_RECORDS', { after: 'trigger' });
    d = r.draft;
    const find = r.id;
    r = insertStep(d, 'IF_ELSE', { after: find });
    d = r.draft;
    const branch = r.id;
    const [ifOutlet, elseOutlet] = outletsOf(d.steps.find((s) => s.id === branch)!).map((o) => o.id);
    r = insertStep(d, 'CREATE_RECORD', { after: branch, outlet: ifOutlet });
    d = r.draft;
    const create = r.id;
    r = insertStep(d, 'ITERATOR', { after: branch, outlet: elseOutlet });
    d = r.draft;
    const loop = r.id;
    r = insertStep(d, 'UPDATE_RECORD', { after: loop, outlet: 'loop:body' });
    d = r.draft;
    const upd = r.id;
    r = insertStep(d, 'DELAY', { after: upd });
    d = r.draft;
    const wait = r.id; // end of the loop body
    r = insertStep(d, 'FILTER', { between: { source: find, target: branch } });
    d = r.draft;
    const filter = r.id;
    expect(d.trigger.nextStepIds).toEqual([find]);
    expect(d.steps.find((s) => s.id === find)?.nextStepIds).toEqual([filter]);
    expect(d.steps.find((s) => s.id === filter)?.nextStepIds).toEqual([branch]);
    expect(d.steps.find((s) => s.id === upd)?.nextStepIds).toEqual([wait]);
    expect(d.steps.find((s) => s.id === wait)?.nextStepIds).toEqual([loop]);
    expect(
      stepsBefore(d, create)
        .map((s) => s.id)
        .sort(),
    ).toEqual([branch, filter, find].sort());
    const graph = WorkflowGraph.safeParse(d);
    expect(
      graph.success ? [] : graph.error.issues.filter((i) => /no step has id|cycle|duplicate/.test(i.message)),
    ).toEqual([]);

    const without = deleteStep(d, filter);
    expect(without.steps.find((s) => s.id === find)?.nextStepIds).toEqual([branch]);
    expect(without.steps.some((s) => s.id === filter)).toBe(false);
  });

  it('validity: required settings, unknown fields and variables from steps that run later', () => {
    let d = empty();
    let r = insertStep(d, 'UPDATE_RECORD', { after: 'trigger' });
    d = r.draft;
    const upd = r.id;
    r = insertStep(d, 'CREATE_RECORD', { after: upd });
    d = r.draft;
    const create = r.id;
    const step = (id: string) => d.steps.find((s) => s.id === id)!;
    expect(stepProblems(d, step(upd), objects)).toEqual(['Record: say which record to update']);
    d = {
      ...d,
      steps: d.steps.map((s) =>
        s.id === upd
          ? ({
              ...s,
              settings: {
                ...s.settings,
                input: { objectName: 'person', objectRecordId: `{{${create}.id}}`, objectRecord: { nickname: 'x' } },
              },
            } as typeof s)
          : s,
      ),
    };
    expect(stepProblems(d, step(upd), objects)).toEqual([
      'nickname: Person has no field "nickname": remove it',
      `{{${create}.id}} uses "Create record", which does not run before this step`,
    ]);
    const checked = withValidity(d, objects);
    expect(checked.steps.find((s) => s.id === upd)?.valid).toBe(false);
    expect(checked.steps.find((s) => s.id === create)?.valid).toBe(true);
  });
});

describe('canvas layout', () => {
  it('puts every step below its parents, with no two nodes overlapping', async () => {
    const { readFileSync } = await import('node:fs');
    const { layoutWorkflow, NODE_HEIGHT, NODE_WIDTH } = await import('../../src/app/editor/layout');
    const file = readWorkflowFile(
      JSON.parse(readFileSync(new URL('../fixtures/ten-steps.json', import.meta.url), 'utf8')),
    );
    const { positions, edges } = layoutWorkflow(file.trigger, file.steps);
    expect(positions.size).toBe(11);
    for (const e of edges)
      if (!e.loopBack) expect(positions.get(e.target)!.y).toBeGreaterThan(positions.get(e.source)!.y);
    const boxes = [...positions.values()];
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const overlap =
          Math.abs(boxes[i].x - boxes[j].x) < NODE_WIDTH && Math.abs(boxes[i].y - boxes[j].y) < NODE_HEIGHT;
        expect(overlap).toBe(false);
      }
  });
});
