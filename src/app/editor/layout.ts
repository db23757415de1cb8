import dagre from '@dagrejs/dagre';
import { graphOf, isBackEdge, TRIGGER_ID } from '../../engine/graph';
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
      edges.push({ id: `${source}->${target}`, source, target, label, loopBack: isBackEdge(bodies, source, target) || undefined });
    }
  };
  for (const id of trigger.nextStepIds) add(TRIGGER_ID, id);
  for (const s of steps) {
    if (s.type === 'IF_ELSE') {
      s.settings.input.branches.forEach((b, i) => {
        const label = !b.filter ? 'Else' : i === 0 ? 'If' : 'Else if';
        for (const t of b.nextStepIds) add(s.id, t, label);
      });
    }
    if (s.type === 'ITERATOR') for (const t of s.settings.input.initialLoopStepIds) add(s.id, t, 'For each item');
    for (const t of s.nextStepIds) add(s.id, t, s.type === 'ITERATOR' ? 'When done' : undefined);
  }
  return edges;
}

/**
 * Top-to-bottom layout (dagre), if/else branches side by side, loop bodies below their
 * iterator. Positions a person dragged (saved on the step) win over the computed ones.
 */
export function layoutWorkflow(trigger: Trigger, steps: Step[]): CanvasLayout {
  const edges = workflowEdges(trigger, steps);
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'TB', nodesep: 48, ranksep: 64, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  g.setNode(TRIGGER_ID, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const s of steps) g.setNode(s.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const e of edges) if (!e.loopBack) g.setEdge(e.source, e.target);
  dagre.layout(g);
  const positions = new Map<string, { x: number; y: number }>();
  const place = (id: string, saved?: { x: number; y: number }) => {
    const n = g.node(id);
    positions.set(id, saved ?? { x: n.x - NODE_WIDTH / 2, y: n.y - NODE_HEIGHT / 2 });
  };
  place(TRIGGER_ID, trigger.position);
  for (const s of steps) place(s.id, s.position);
  return { positions, edges };
}
