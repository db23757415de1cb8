import type { RunState, StepInfo, StepStatus } from '../schema/run';
import { childIdsOf, isBackEdge, TRIGGER_ID, type Graph } from './graph';
import { resolveValue, VariableScope } from './resolver';

/**
 * Pure progress through the step graph. A step becomes ready when every (non-back-edge)
 * parent has settled and at least one of them passed control along a live edge; if all
 * edges into a step are dead (filter stopped, other if/else branch), it is skipped.
 */

export function initialRunState(graph: Graph, triggerOutput: unknown, now: number): RunState {
  const state: RunState = { stepInfos: {}, ready: [], arrivals: {}, loops: {} };
  for (const id of graph.steps.keys()) state.stepInfos[id] = { status: 'NOT_STARTED' };
  state.stepInfos[TRIGGER_ID] = { status: 'SUCCESS', output: triggerOutput, startedAt: now, endedAt: now };
  emit(state, graph, TRIGGER_ID, childIdsOf(graph, TRIGGER_ID));
  return state;
}

/** Passes control from `from` to the `live` children; its other children get dead edges. */
export function emit(
  state: RunState,
  graph: Graph,
  from: string,
  live: readonly string[],
  only?: readonly string[],
): void {
  const children = only ?? childIdsOf(graph, from);
  for (const child of children) {
    if (isBackEdge(graph.bodies, from, child)) continue;
    const a = (state.arrivals[child] ??= { live: 0, dead: 0 });
    if (live.includes(child)) a.live++;
    else a.dead++;
    const expected = graph.parentCount.get(child) ?? 0;
    if (a.live + a.dead < expected) continue;
    if (a.live > 0) {
      if (!state.ready.includes(child)) state.ready.push(child);
    } else {
      settleQuietly(state, graph, child, { status: 'SKIPPED' }, []);
    }
  }
}

/**
 * Records a step's end and passes control to `live` children. Only once the whole cascade
 * of skips has settled does a loop body count as finished (else a skipped if/else branch
 * could wake the iterator before the taken branch is even ready).
 */
export function settle(
  state: RunState,
  graph: Graph,
  id: string,
  info: Partial<StepInfo> & { status: StepStatus },
  live: string[],
): void {
  settleQuietly(state, graph, id, info, live);
  wakeLoops(state, graph, id);
}

function settleQuietly(
  state: RunState,
  graph: Graph,
  id: string,
  info: Partial<StepInfo> & { status: StepStatus },
  live: string[],
): void {
  const prev = state.stepInfos[id];
  state.stepInfos[id] = { ...prev, ...info };
  removeReady(state, id);
  const step = graph.steps.get(id);
  // An iterator hands control to its own next steps only when its loop is done.
  const only = step?.type === 'ITERATOR' && info.status === 'SUCCESS' ? step.nextStepIds : undefined;
  emit(state, graph, id, live, only);
}

/** When a loop body has nothing left to do, its iterator runs again for the next item. */
function wakeLoops(state: RunState, graph: Graph, id: string): void {
  for (const iter of graph.enclosing.get(id) ?? []) {
    if (!state.loops[iter]) continue;
    const body = graph.bodies.get(iter)!;
    for (const b of body) {
      const s = state.stepInfos[b]?.status;
      if (s === 'RUNNING' || s === 'PENDING' || state.ready.includes(b)) return;
    }
    if (!state.ready.includes(iter)) state.ready.push(iter);
    return;
  }
}

/** Clears a loop body for the next item. */
export function resetBody(state: RunState, graph: Graph, iteratorId: string): void {
  for (const id of graph.bodies.get(iteratorId) ?? []) {
    const prev = state.stepInfos[id];
    state.stepInfos[id] = { status: 'NOT_STARTED', count: prev?.count, output: prev?.output, input: prev?.input };
    delete state.arrivals[id];
    delete state.loops[id];
    removeReady(state, id);
  }
}

export function removeReady(state: RunState, id: string): void {
  const i = state.ready.indexOf(id);
  if (i >= 0) state.ready.splice(i, 1);
}

export function hasPending(state: RunState): boolean {
  for (const info of Object.values(state.stepInfos)) if (info.status === 'PENDING') return true;
  return false;
}

/** A step's latest output (undefined for a name that is no step). */
function outputOf(state: RunState, id: string): unknown {
  return Object.hasOwn(state.stepInfos, id) ? state.stepInfos[id].output : undefined;
}

/** A run state's variables, and the function resolving a value against them: made once for the state. */
const variables = new WeakMap<RunState, { scope: VariableScope; resolve: (value: unknown) => unknown }>();

function variablesOf(state: RunState) {
  let made = variables.get(state);
  if (!made) {
    const scope = new VariableScope((id) => outputOf(state, id));
    variables.set(state, (made = { scope, resolve: (value: unknown) => resolveValue(value, scope) }));
  }
  return made;
}

/**
 * The variables a step can see: the trigger and every step's latest output, read by name when a
 * variable is looked up (a live view of the run's state, not a copy: a step of a long run would
 * otherwise copy every earlier output first). One for a run's state, read by each of its steps.
 */
export function variableScope(state: RunState): VariableScope {
  return variablesOf(state).scope;
}

/** Resolves a value's variables against the run's state as it is when called (`StepContext.resolve`). */
export function stateResolver(state: RunState): (value: unknown) => unknown {
  return variablesOf(state).resolve;
}

/** The same variables with `{{secrets.NAME}}` besides (they hide a step named "secrets"). */
export function variableScopeWithSecrets(state: RunState, secrets: Record<string, string>): VariableScope {
  const steps = variableScope(state);
  return new VariableScope((name) => (name === 'secrets' ? secrets : steps.read(name)));
}
