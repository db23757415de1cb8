import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
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
  useReactFlow,
  useStore,
  type Edge,
  type EdgeProps,
  type Node,
  type NodeProps,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useMediaQuery } from '../hooks';
import { createContext, memo, useContext, useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
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
        {data.invalid && (
          <span className="badge status-failed">
            <Trans>Invalid settings</Trans>
          </span>
        )}
      </div>
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
      <Handle type="source" id="loop-out" position={Position.Right} isConnectable={false} className="loop-handle" />
      <Handle type="target" id="loop-in" position={Position.Right} isConnectable={false} className="loop-handle" />
      {data.onAddAfter && (
        <button
          type="button"
          className="node-add nodrag nopan"
          aria-label={t`Add a step after ${data.title}`}
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

const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/** Scrolls the canvas to the selected node when it is out of view (a step just added, a step chosen in a list). */
function FollowSelection({ id }: { id: string | null }) {
  const flow = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  useEffect(() => {
    if (!id || !width) return;
    const h = requestAnimationFrame(() => {
      const node = flow.getNode(id);
      if (!node) return;
      const { x, y, zoom } = flow.getViewport();
      const left = node.position.x * zoom + x;
      const top = node.position.y * zoom + y;
      const inView =
        left >= 0 && top >= 0 && left + NODE_WIDTH * zoom <= width && top + (NODE_HEIGHT + 24) * zoom <= height;
      if (!inView)
        void flow.setCenter(node.position.x + NODE_WIDTH / 2, node.position.y + NODE_HEIGHT / 2, {
          zoom: Math.max(zoom, 0.5),
          duration: 200,
        });
    });
    return () => cancelAnimationFrame(h);
    // Only when the selection changes (or the canvas gets its size), not on every pan.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, width > 0]);
  return null;
}

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
  const [path, labelX, labelY] = loopBack ? getSmoothStepPath({ ...props, offset: 40 }) : getBezierPath(props);
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
            aria-label={t`Add a step between ${String(props.data?.sourceName)} and ${String(props.data?.targetName)}`}
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
          kind: `${t`Trigger`} · ${describeTrigger(trigger)}`,
          invalid: false,
          status: stepInfos?.[TRIGGER_ID]?.status,
          selected: selectedId === TRIGGER_ID,
          onAddAfter: adder(TRIGGER_ID),
        },
        ariaLabel: t`Trigger: ${trigger.name}`,
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
    const edges: Edge[] = layout.edges.map((e) => {
      const label = e.label ?? (e.loopBack ? t`Next item` : undefined);
      return {
        id: e.id,
        source: e.source,
        target: e.target,
        // The way back to the iterator runs on the right of the loop body, into the iterator's right side.
        ...(e.loopBack ? { sourceHandle: 'loop-out', targetHandle: 'loop-in' } : {}),
        label,
        ariaLabel: `${t`From ${nameOf(e.source)} to ${nameOf(e.target)}`}${label ? ` (${label})` : ''}`,
        type: 'insertable',
        data: { loopBack: !!e.loopBack, sourceName: nameOf(e.source), targetName: nameOf(e.target) },
        markerEnd: { type: MarkerType.ArrowClosed, color: e.loopBack ? '#7c3aed' : undefined },
        className: e.loopBack ? 'loop-edge' : e.loopBody ? 'loop-body-edge' : undefined,
      };
    });
    return { nodes, edges };
  }, [trigger, steps, stepInfos, selectedId, editing]);

  const [shownNodes, setShownNodes, onNodesChange] = useNodesState(nodes);
  const dragStart = useRef<{ x: number; y: number } | null>(null);
  useEffect(() => setShownNodes(nodes), [nodes, setShownNodes]);
  // A map only where it helps (a workflow that may not fit), in its own strip: never over a node.
  const withMap = nodes.length > 6;

  /** Arrow keys move the focused node (Shift: further), saved like a drag. */
  const onKeyDownCapture = (e: KeyboardEvent<HTMLDivElement>) => {
    const delta = ARROWS[e.key];
    const el = e.target instanceof HTMLElement ? e.target.closest<HTMLElement>('.react-flow__node') : null;
    if (!delta || !el || !editing || e.target !== el) return;
    const id = el.dataset.id!;
    const node = shownNodes.find((n) => n.id === id);
    if (!node) return;
    e.preventDefault();
    e.stopPropagation();
    const step = e.shiftKey ? 50 : 10;
    editing.onMove(id, { x: node.position.x + delta[0] * step, y: node.position.y + delta[1] * step });
  };

  const dark = useMediaQuery('(prefers-color-scheme: dark)');
  return (
    <div
      className={`canvas${editing ? ' editing' : ''}${withMap ? ' with-map' : ''}`}
      role="region"
      aria-label={label}
      onKeyDownCapture={onKeyDownCapture}
    >
      <EditingContext.Provider value={editing ?? null}>
        <ReactFlowProvider>
          <FollowSelection id={selectedId ?? null} />
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
            // Deleting is the editor's: Delete on a focused node, or the panel's button.
            deleteKeyCode={null}
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
            colorMode={dark ? 'dark' : 'light'}
          >
            <Background />
            <Controls showInteractive={false} />
          </ReactFlow>
          {withMap && (
            // "react-flow" gives the map the canvas's colours (its CSS variables live on that class).
            <div className={dark ? 'canvas-map react-flow dark' : 'canvas-map react-flow'}>
              <MiniMap
                pannable
                zoomable
                ariaLabel="Minimap"
                style={{ width: 150, height: 110, margin: 0 }}
                nodeColor={(n) =>
                  (n.data as StepNodeData).status === 'FAILED'
                    ? '#dc2626'
                    : (n.data as StepNodeData).status === 'SUCCESS'
                      ? '#059669'
                      : '#94a3b8'
                }
              />
            </div>
          )}
        </ReactFlowProvider>
      </EditingContext.Provider>
    </div>
  );
}
