import { childrenOf, isLoop, loopBodyOf } from '../schema/stepEdges';
import type { RunRow } from '../schema/run';
import type { Step, Trigger } from '../schema/workflow';
import { WORKFLOW_FORMAT_VERSION } from '../schema/workflowFormat';

export const TRIGGER_ID = 'trigger';

/** What the engine needs to know about a workflow's graph, computed once per flow. */
export interface Graph {
  steps: Map<string, Step>;
  trigger: Trigger;
  /** Non-back-edge parents of each step (the trigger counts as a parent). */
  parentCount: Map<string, number>;
  /** Each iterator's loop body: steps reachable from its first loop steps without passing through it. */
  bodies: Map<string, Set<string>>;
  /** For each step, the iterators whose body holds it (innermost first). */
  enclosing: Map<string, string[]>;
  /** Each step's children over all its outlets, once each (see `childIdsOf`). */
  children: Map<string, readonly string[]>;
  /** Each iterator's first loop steps. */
  loopStarts: Map<string, readonly string[]>;
}

const cache = new WeakMap<object, Graph>();

/**
 * A version's trigger and steps as a run's flow: one flow object per version object, so a version
 * kept in memory (db/keptVersions.ts) gives each of its runs the same flow, whose graph is then
 * worked out once (`graphOf`), not at every run's creation and every group of its steps.
 */
export function flowOfVersion(version: RunRow['flow']): RunRow['flow'] {
  let flow = flows.get(version);
  if (!flow)
    flows.set(
      version,
      (flow = {
        trigger: version.trigger,
        steps: version.steps,
        // Versions are read lifted to the current format (db/storedShapes.ts) and stamped with it.
        formatVersion: version.formatVersion ?? WORKFLOW_FORMAT_VERSION,
      }),
    );
  return flow;
}
const flows = new WeakMap<object, RunRow['flow']>();

export function graphOf(flow: { trigger: Trigger; steps: Step[] }): Graph {
  const cached = cache.get(flow);
  if (cached) return cached;
  const steps = new Map(flow.steps.map((s) => [s.id, s]));
  const bodies = new Map<string, Set<string>>();
  const children = new Map<string, readonly string[]>();
  for (const s of flow.steps) children.set(s.id, [...new Set(childrenOf(s))]);
  children.set(TRIGGER_ID, [...new Set(flow.trigger.nextStepIds)]);
  const loopStarts = new Map<string, readonly string[]>();
  for (const s of flow.steps) {
    if (!isLoop(s)) continue;
    const starts = loopBodyOf(s);
    loopStarts.set(s.id, starts);
    const body = new Set<string>();
    const queue = [...starts];
    while (queue.length) {
      const id = queue.pop()!;
      if (id === s.id || body.has(id) || !steps.has(id)) continue;
      body.add(id);
      queue.push(...childrenOf(steps.get(id)!));
    }
    bodies.set(s.id, body);
  }
  const enclosing = new Map<string, string[]>();
  // Innermost first: smaller bodies are nested inside larger ones.
  const bySize = [...bodies.entries()].sort((a, b) => a[1].size - b[1].size);
  for (const [iter, body] of bySize) for (const id of body) enclosing.set(id, [...(enclosing.get(id) ?? []), iter]);

  const parentCount = new Map<string, number>();
  const addEdge = (from: string, to: string) => {
    if (isBackEdge(bodies, from, to)) return;
    parentCount.set(to, (parentCount.get(to) ?? 0) + 1);
  };
  for (const [id, ids] of children) for (const c of ids) addEdge(id, c);
  const graph = { steps, trigger: flow.trigger, parentCount, bodies, enclosing, children, loopStarts };
  cache.set(flow, graph);
  return graph;
}

export function isBackEdge(bodies: Map<string, Set<string>>, from: string, to: string): boolean {
  return bodies.get(to)?.has(from) ?? false;
}

/** The steps `id` leads to (the trigger's first steps for `TRIGGER_ID`), once each. */
export function childIdsOf(graph: Graph, id: string): readonly string[] {
  return graph.children.get(id) ?? [];
}
