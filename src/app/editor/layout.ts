import { graphOf, isBackEdge, TRIGGER_ID } from '../../engine/graph';
import { outletsOf } from '../../schema/stepEdges';
import type { Step, Trigger } from '../../schema/workflow';

export const NODE_WIDTH = 260;
export const NODE_HEIGHT = 76;

export interface CanvasEdge {
  id: string;
  source: string;
  target: string;
  label?: string;
  /** The edge from a loop body back to its iterator. */
  loopBack?: boolean;
  /** The edge from an iterator into its loop body. */
  loopBody?: boolean;
}

export interface CanvasLayout {
  positions: Map<string, { x: number; y: number }>;
  edges: CanvasEdge[];
}

/** Every edge of the graph, labelled the way a person reads it. */
export function workflowEdges(trigger: Trigger, steps: Step[]): CanvasEdge[] {
  const { bodies } = graphOf({ trigger, steps });
  const edges: CanvasEdge[] = [];
  const add = (source: string, target: string, label?: string) => {
    if (!edges.some((e) => e.source === source && e.target === target)) {
      edges.push({
        id: `${source}->${target}`,
        source,
        target,
        label,
        loopBack: isBackEdge(bodies, source, target) || undefined,
        loopBody: bodies.get(source)?.has(target) || undefined,
      });
    }
  };
  for (const id of trigger.nextStepIds) add(TRIGGER_ID, id);
  for (const s of steps)
    for (const outlet of outletsOf(s)) for (const t of outlet.targets) add(s.id, t, outlet.edgeLabel);
  return edges;
}

const GAP_X = 48;
const GAP_Y = 64;

/**
 * Top-to-bottom layered layout in linear time: a step's row is its longest distance from
 * the trigger (so a join sits below all its parents); columns come from a tidy tree over
 * each step's first parent, so if/else branches sit side by side and a loop body to the
 * right of what follows the loop. Positions a person dragged (saved on the step) win.
 */
export function layoutWorkflow(trigger: Trigger, steps: Step[]): CanvasLayout {
  const edges = workflowEdges(trigger, steps);
  // A loop body is placed to the right of what follows its iterator, so its way back is drawn beside it.
  const forward = edges.filter((e) => !e.loopBack && !e.loopBody).concat(edges.filter((e) => e.loopBody));
  const children = new Map<string, string[]>();
  const indegree = new Map<string, number>([[TRIGGER_ID, 0], ...steps.map((s) => [s.id, 0] as [string, number])]);
  for (const e of forward) {
    children.set(e.source, [...(children.get(e.source) ?? []), e.target]);
    indegree.set(e.target, (indegree.get(e.target) ?? 0) + 1);
  }
  // Rows: longest path, in topological order (Kahn).
  const row = new Map<string, number>([...indegree.keys()].map((id) => [id, 0]));
  const queue = [...indegree].filter(([, d]) => d === 0).map(([id]) => id);
  const remaining = new Map(indegree);
  while (queue.length) {
    const id = queue.shift()!;
    for (const c of children.get(id) ?? []) {
      row.set(c, Math.max(row.get(c)!, row.get(id)! + 1));
      remaining.set(c, remaining.get(c)! - 1);
      if (remaining.get(c) === 0) queue.push(c);
    }
  }
  // Columns: a tidy tree over first parents; unreached steps go to the right.
  const treeChildren = new Map<string, string[]>();
  const placed = new Set<string>([TRIGGER_ID]);
  const order = [TRIGGER_ID];
  for (let i = 0; i < order.length; i++) {
    for (const c of children.get(order[i]) ?? []) {
      if (placed.has(c)) continue;
      placed.add(c);
      order.push(c);
      treeChildren.set(order[i], [...(treeChildren.get(order[i]) ?? []), c]);
    }
  }
  const roots = [TRIGGER_ID, ...steps.map((s) => s.id).filter((id) => !placed.has(id))];
  const column = new Map<string, number>();
  let next = 0;
  const place = (id: string): number => {
    const kids = treeChildren.get(id) ?? [];
    if (kids.length === 0) {
      column.set(id, next++);
      return column.get(id)!;
    }
    const xs = kids.map(place);
    column.set(id, (xs[0] + xs[xs.length - 1]) / 2);
    return column.get(id)!;
  };
  // Recursion depth is the tree's depth: fine for workflows of thousands of steps.
  for (const r of roots) place(r);
  const positions = new Map<string, { x: number; y: number }>();
  const at = (id: string, saved?: { x: number; y: number }) =>
    positions.set(id, saved ?? { x: column.get(id)! * (NODE_WIDTH + GAP_X), y: row.get(id)! * (NODE_HEIGHT + GAP_Y) });
  at(TRIGGER_ID, trigger.position);
  for (const s of steps) at(s.id, s.position);
  return { positions, edges };
}
