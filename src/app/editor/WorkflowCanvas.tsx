import {
  Background, Controls, Handle, MarkerType, MiniMap, Position, ReactFlow, ReactFlowProvider,
  type Edge, type Node, type NodeProps,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { memo, useMemo } from 'react';
import { TRIGGER_ID } from '../../engine/graph';
import type { StepInfo } from '../../schema/run';
import type { Step, Trigger } from '../../schema/workflow';
import { describeTrigger, stepTypeLabel } from '../describe';
import { StatusBadge } from '../components/StatusBadge';
import { layoutWorkflow, NODE_HEIGHT, NODE_WIDTH } from './layout';

export interface StepNodeData extends Record<string, unknown> {
  title: string;
  kind: string;
  invalid: boolean;
  status?: StepInfo['status'];
  selected: boolean;
}

const StepNode = memo(function StepNode({ data }: NodeProps<Node<StepNodeData>>) {
  const status = data.status?.toLowerCase();
  return (
    <div className={`canvas-node${status ? ` run-${status}` : ''}${data.invalid ? ' invalid' : ''}${data.selected ? ' selected' : ''}`}
      style={{ width: NODE_WIDTH, height: NODE_HEIGHT }}>
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <div className="canvas-node-kind">{data.kind}</div>
      <div className="canvas-node-title">{data.title}</div>
      <div className="canvas-node-foot">
        {data.status && <StatusBadge status={data.status} />}
        {data.invalid && <span className="badge status-failed">Invalid settings</span>}
      </div>
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
});

const nodeTypes = { step: StepNode };

/**
 * The workflow as a graph: the trigger and steps laid out top to bottom, if/else branches
 * side by side, loops drawn back to their iterator. With `stepInfos`, each node shows how
 * that step ended in a run. Zoom, pan, fit and a minimap come with the canvas.
 */
export default function WorkflowCanvas({ trigger, steps, stepInfos, selectedId, onSelect, label }: {
  trigger: Trigger;
  steps: Step[];
  stepInfos?: Record<string, StepInfo>;
  selectedId?: string | null;
  onSelect?: (id: string) => void;
  label: string;
}) {
  const { nodes, edges } = useMemo(() => {
    const layout = layoutWorkflow(trigger, steps);
    const nodes: Node<StepNodeData>[] = [
      { id: TRIGGER_ID, type: 'step', position: layout.positions.get(TRIGGER_ID)!, data: { title: trigger.name, kind: `Trigger · ${describeTrigger(trigger)}`, invalid: false, status: stepInfos?.[TRIGGER_ID]?.status, selected: selectedId === TRIGGER_ID }, ariaLabel: `Trigger: ${trigger.name}` },
      ...steps.map((s) => ({
        id: s.id, type: 'step', position: layout.positions.get(s.id)!,
        data: { title: s.name, kind: stepTypeLabel(s.type), invalid: !s.valid, status: stepInfos?.[s.id]?.status, selected: selectedId === s.id },
        ariaLabel: `${stepTypeLabel(s.type)}: ${s.name}${stepInfos?.[s.id] ? `, ${stepInfos[s.id].status}` : ''}`,
      })),
    ];
    const edges: Edge[] = layout.edges.map((e) => ({
      id: e.id, source: e.source, target: e.target, label: e.label ?? (e.loopBack ? 'Next item' : undefined),
      type: e.loopBack ? 'smoothstep' : 'default',
      animated: e.loopBack,
      markerEnd: { type: MarkerType.ArrowClosed },
      className: e.loopBack ? 'loop-edge' : undefined,
    }));
    return { nodes, edges };
  }, [trigger, steps, stepInfos, selectedId]);

  return (
    <div className="canvas" role="region" aria-label={label}>
      <ReactFlowProvider>
        <ReactFlow nodes={nodes} edges={edges} nodeTypes={nodeTypes} fitView minZoom={0.1}
          nodesDraggable={false} nodesConnectable={false} elementsSelectable
          onNodeClick={(_, node) => onSelect?.(node.id)} proOptions={{ hideAttribution: true }}>
          <Background />
          <Controls showInteractive={false} />
          <MiniMap pannable zoomable ariaLabel="Minimap" nodeColor={(n) => (n.data as StepNodeData).status === "FAILED" ? "#dc2626" : (n.data as StepNodeData).status === "SUCCESS" ? "#059669" : "#94a3b8"} />
        </ReactFlow>
      </ReactFlowProvider>
    </div>
  );
}
