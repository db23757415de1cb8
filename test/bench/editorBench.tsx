import { createRoot, type Root } from 'react-dom/client';
// The app's messages in English (its catalogue loads with this module), as the app speaks them.
import '../../src/i18n/core';
import WorkflowCanvas from '../../src/app/editor/WorkflowCanvas';
import type { Step, Trigger } from '../../src/schema/workflow';

const N = 500;
const noErrors = { retryOnFailure: { value: false }, continueOnFailure: { value: false } };

/** A 500-step workflow: a long chain with an if/else every 25 steps. */
function bigWorkflow(): { trigger: Trigger; steps: Step[] } {
  const steps: Step[] = [];
  for (let i = 0; i < N; i++) {
    const id = `s${i}`;
    const next = i + 1 < N ? [`s${i + 1}`] : [];
    if (i % 25 === 0 && i + 2 < N) {
      steps.push({
        id,
        name: `Branch ${i}`,
        type: 'IF_ELSE',
        valid: true,
        nextStepIds: [],
        settings: {
          input: {
            stepFilterGroups: [{ id: `g${i}`, logicalOperator: 'AND' }],
            stepFilters: [],
            branches: [
              { id: 'if', filterGroupId: `g${i}`, nextStepIds: next },
              { id: 'else', nextStepIds: [] },
            ],
          },
          outputSchema: {},
          errorHandlingOptions: noErrors,
        },
      } as Step);
    } else {
      steps.push({
        id,
        name: `Create task ${i}`,
        type: 'CREATE_RECORD',
        valid: true,
        nextStepIds: next,
        settings: {
          input: { objectName: 'task', objectRecord: { title: `Task ${i}` } },
          outputSchema: {},
          errorHandlingOptions: noErrors,
        },
      } as Step);
    }
  }
  return {
    trigger: {
      type: 'MANUAL',
      name: 'Launch manually',
      settings: { availability: { type: 'GLOBAL' }, outputSchema: {} },
      nextStepIds: ['s0'],
    },
    steps,
  };
}

const flow = bigWorkflow();
const container = document.getElementById('root')!;

/** Resolves at the first frame where `check` holds, after layout (both sides are treated alike). */
function until(check: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const tick = () => {
      if (!check()) return requestAnimationFrame(tick);
      container.getBoundingClientRect(); // force layout before the clock stops
      resolve();
    };
    requestAnimationFrame(tick);
  });
}

async function measure(render: (root: Root) => void, done: () => boolean): Promise<number> {
  const root = createRoot(container);
  const t0 = performance.now();
  render(root);
  await until(done);
  const ms = performance.now() - t0;
  root.unmount();
  await new Promise((r) => setTimeout(r, 50));
  return ms;
}

/** Mount the canvas with 500 steps and wait until every node is drawn and fitted to view. */
function editorRound(): Promise<number> {
  return measure(
    (root) => root.render(<WorkflowCanvas trigger={flow.trigger} steps={flow.steps} label="bench" />),
    () =>
      container.querySelectorAll('.react-flow__node').length === N + 1 &&
      container.querySelector('.react-flow__viewport')?.getAttribute('style')?.includes('scale') === true &&
      Array.from(container.querySelectorAll<HTMLElement>('.react-flow__node')).every(
        (n) => n.style.visibility !== 'hidden',
      ),
  );
}

/** The baseline: plain React rendering 500 equivalent cards. */
function baselineRound(): Promise<number> {
  return measure(
    (root) =>
      root.render(
        <div style={{ display: 'grid', gap: 8 }}>
          {[{ id: 'trigger', name: flow.trigger.name, type: 'Trigger' }, ...flow.steps].map((s) => (
            <div
              key={s.id}
              className="card"
              style={{ width: 260, height: 76, border: '1px solid #ccc', borderRadius: 10, padding: 8 }}
            >
              <div style={{ fontSize: 11 }}>{s.type}</div>
              <div style={{ fontWeight: 600 }}>{s.name}</div>
            </div>
          ))}
        </div>,
      ),
    () => container.querySelectorAll('.card').length === N + 1,
  );
}

Object.assign(window, { editorBench: { editorRound, baselineRound } });
document.getElementById('status')!.textContent = 'ready';
