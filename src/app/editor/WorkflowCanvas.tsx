import {
  Background,
  BaseEdge,
  Controls,
  EdgeLabelRenderer,
  getBezierPath,
  getSmoothStepPath,
  Handle,
  MarkerType,
  MiniMap,
  Position,
  ReactFlow,
  ReactFlowProvider,
  useNodesState,
  type Edge,
  type EdgeProps,
  type Node,
  type NodeProps,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { createContext, memo, useContext, useEffect, useMemo, useRef } from 'react';
import { TRIGGER_ID } from '../../engine/graph';
import type { StepInfo } from '../../schema/run';
import type { Step, Trigger } from '../../schema/workflow';
import { describeTrigger } from '../describe';
import { stepTypeLabel } from '../steps';
import { StatusBadge } from '../components/StatusBadge';
import { layoutWorkflow, NODE_HEIGHT, NODE_WIDTH } from './layout';

export interface StepNodeData extends Record<string, unknown> {
  title: string;
  kind: string;
  invalid: boolean;
  status?: StepInfo['status'];
  selected: boolean;
  /** Editing a node with nothing after it: a "+" below it adds the next step. */
  onAddAfter?: () => void;
}

const StepNode = memo(function StepNode({ data }: NodeProps<Node<StepNodeData>>) {
  const status = data.status?.toLowerCase();
  return (
    <div
      className={`canvas-node${status ? ` run-${status}` : ''}${data.invalid ? ' invalid' : ''}${data.selected ? ' selected' : ''}`}
      style={{ width: NODE_WIDTH, height: NODE_HEIGHT }}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <div className="canvas-node-kind">{data.kind}</div>
      <div className="canvas-node-title">{data.title}</div>
      <div className="canvas-node-foot">
        {data.status && <StatusBadge status={data.status} />}
        {data.invalid && <span className="badge status-failed">Invalid settings</span>}
      </div>
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
      {data.onAddAfter && (
        <button
          type="button"
          className="node-add nodrag nopan"
          aria-label={`Add a step after ${data.title}`}
          onClick={(e) => {
            e.stopPropagation();
            data.onAddAfter!();
          }}
        >
          +
        </button>
      )}
    </div>
  );
});

const nodeTypes = { step: StepNode };

export interface CanvasEditing {
  onInsertBetween(source: string, target: string): void;
  onAddAfter(id: string): void;
  onMove(id: string, position: { x: number; y: number }): void;
}
const EditingContext = createContext<CanvasEditing | null>(null);

/** An edge with a "+" in its middle that inserts a step there. */
function InsertableEdge(props: EdgeProps) {
  const editing = useContext(EditingContext);
  const loopBack = props.data?.loopBack === true;
  const [path, labelX, labelY] = loopBack ? getSmoothStepPath(props) : getBezierPath(props);
  return (
    <>
      <BaseEdge
        id={props.id}
        path={path}
        markerEnd={props.markerEnd}
        label={props.label}
        labelX={labelX}
        labelY={labelY - 14}
      />
      {editing && (
        <EdgeLabelRenderer>
          <button
            type="button"
            className="edge-add nodrag nopan"
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY + 6}px)` }}
            aria-label={`Add a step between ${props.data?.sourceName} and ${props.data?.targetName}`}
            onClick={() => editing.onInsertBetween(props.source, props.target)}
          >
            +
          </button>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

const edgeTypes = { insertable: InsertableEdge };

/**
 * The workflow as a graph: the trigger and steps laid out top to bottom, if/else branches
 * side by side, loops drawn back to their iterator. With `stepInfos`, each node shows how
 * that step ended in a run. Zoom, pan, fit and a minimap come with the canvas.
 */
export default function WorkflowCanvas({
  trigger,
  steps,
  stepInfos,
  selectedId,
  onSelect,
  label,
  editing,
}: {
  trigger: Trigger;
  steps: Step[];
  stepInfos?: Record<string, StepInfo>;
  selectedId?: string | null;
  onSelect?: (id: string) => void;
  label: string;
  /** Given, the canvas edits: "+" on edges, nodes can be dragged (positions saved). */
  editing?: CanvasEditing;
}) {
  const { nodes, edges } = useMemo(() => {
    const layout = layoutWorkflow(trigger, steps);
    const hasNext = new Set(layout.edges.map((e) => e.source));
    const adder = (id: string) => (editing && !hasNext.has(id) ? () => editing.onAddAfter(id) : undefined);
    const nodes: Node<StepNodeData>[] = [
      {
        id: TRIGGER_ID,
        type: 'step',
        position: layout.positions.get(TRIGGER_ID)!,
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
        data: {
          title: trigger.name,
          kind: `Trigger · ${describeTrigger(trigger)}`,
          invalid: false,
          status: stepInfos?.[TRIGGER_ID]?.status,
          selected: selectedId === TRIGGER_ID,
          onAddAfter: adder(TRIGGER_ID),
        },
        ariaLabel: `Trigger: ${trigger.name}`,
      },
      ...steps.map((s) => ({
        id: s.id,
        type: 'step',
        position: layout.positions.get(s.id)!,
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
        data: {
          title: s.name,
          kind: stepTypeLabel(s.type),
          invalid: !s.valid,
          status: stepInfos?.[s.id]?.status,
          selected: selectedId === s.id,
          onAddAfter: adder(s.id),
        },
        ariaLabel: `${stepTypeLabel(s.type)}: ${s.name}${stepInfos?.[s.id] ? `, ${stepInfos[s.id].status}` : ''}`,
      })),
    ];
    const nameOf = (id: string) => (id === TRIGGER_ID ? trigger.name : (steps.find((s) => s.id === id)?.name ?? id));
    const edges: Edge[] = layout.edges.map((e) => ({
      id: e.id,
      source: e.source,
      target: e.target,
      label: e.label ?? (e.loopBack ? 'Next item' : undefined),
      type: 'insertable',
      data: { loopBack: !!e.loopBack, sourceName: nameOf(e.source), targetName: nameOf(e.target) },
      animated: e.loopBack,
      markerEnd: { type: MarkerType.ArrowClosed },
      className: e.loopBack ? 'loop-edge' : undefined,
    }));
    return { nodes, edges };
  }, [trigger, steps, stepInfos, selectedId, editing]);

  const [shownNodes, setShownNodes, onNodesChange] = useNodesState(nodes);
  const dragStart = useRef<{ x: number; y: number } | null>(null);
  useEffect(() => setShownNodes(nodes), [nodes, setShownNodes]);

  return (
    <div className={`canvas${editing ? ' editing' : ''}`} role="region" aria-label={label}>
      <EditingContext.Provider value={editing ?? null}>
        <ReactFlowProvider>
          <ReactFlow
            nodes={shownNodes}
            edges={edges}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            fitView
            fitViewOptions={{ maxZoom: 1 }}
            minZoom={0.1}
            onNodesChange={editing ? onNodesChange : undefined}
            nodesDraggable={!!editing}
            nodesConnectable={false}
            elementsSelectable
            onNodeDragStart={(_, node) => {
              dragStart.current = node.position;
            }}
            onNodeDragStop={(_, node) => {
              // A click is a drag of zero length: only a real move pins the node.
              const from = dragStart.current;
              if (from && Math.hypot(node.position.x - from.x, node.position.y - from.y) > 2)
                editing?.onMove(node.id, node.position);
            }}
            onNodeClick={(_, node) => onSelect?.(node.id)}
            // Keyboard: Tab to a node, Enter selects it.
            onSelectionChange={({ nodes: chosen }) => {
              if (chosen.length === 1 && chosen[0].id !== selectedId) onSelect?.(chosen[0].id);
            }}
            proOptions={{ hideAttribution: true }}
          >
            <Background />
            <Controls showInteractive={false} />
            <MiniMap
              pannable
              zoomable
              ariaLabel="Minimap"
              position="top-right"
              style={{ width: 160, height: 110 }}
              nodeColor={(n) =>
                (n.data as StepNodeData).status === 'FAILED'
                  ? '#dc2626'
                  : (n.data as StepNodeData).status === 'SUCCESS'
                    ? '#059669'
                    : '#94a3b8'
              }
            />
          </ReactFlow>
        </ReactFlowProvider>
      </EditingContext.Provider>
    </div>
  );
}
