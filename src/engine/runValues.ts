import type { LoopState, RunRow } from '../schema/run';
import { variableScope } from './runState';
import { graphOf } from './graph';
import { lookup, parsePath } from './resolver';
import { uuidv7 } from './ids';
import type { EngineTx } from './ports';

/**
 * Large values a run holds (a search's 10,000 records, an iterator's items) are stored once
 * in their own rows and referenced from the run, so committing the run after each group of
 * steps writes kilobytes, not megabytes. They never change once written, so engines may
 * keep them in memory.
 */
export interface RunValueRef {
  $runValue: string;
}

function isFromSource(value: unknown): value is { $fromVariable: string } {
  return (
    !!value && typeof value === 'object' && typeof (value as { $fromVariable?: unknown }).$fromVariable === 'string'
  );
}

export function isRunValueRef(value: unknown): value is RunValueRef {
  return (
    !!value &&
    typeof value === 'object' &&
    typeof (value as RunValueRef).$runValue === 'string' &&
    Object.keys(value).length === 1
  );
}

/**
 * The engine's markers in a stored run (`$runValue`, `$fromVariable`) sit where a step's
 * output or a loop's items go. A step may output anything, so an output shaped like a marker
 * is stored wrapped (`{$literal: …}`) and unwrapped on load: outputs are data, never instructions.
 */
interface Literal {
  $literal: unknown;
}
const MARKER_KEYS = new Set(['$runValue', '$fromVariable', '$literal']);

function looksLikeMarker(value: unknown): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && MARKER_KEYS.has(keys[0]);
}

function isLiteral(value: unknown): value is Literal {
  return looksLikeMarker(value) && Object.keys(value as object)[0] === '$literal';
}

/** A stored step output as it was produced: a literal unwrapped, a stored value looked up. */
export function readStoredOutput(output: unknown, storedValue: (id: string) => unknown): unknown {
  if (isLiteral(output)) return output.$literal;
  if (isRunValueRef(output)) return storedValue(output.$runValue);
  return output;
}

/** A value as stored in the run: wrapped if it could be read as a marker. */
export function storedValue<T>(value: T): T {
  return (looksLikeMarker(value) ? { $literal: value } : value) as T;
}

const LARGE_NODES = 2000;

/** Whether a value has more than `limit` nodes (stops counting early). */
export function isLarge(value: unknown, limit = LARGE_NODES): boolean {
  let budget = limit;
  const walk = (v: unknown): boolean => {
    if (--budget < 0) return true;
    if (v && typeof v === 'object') {
      for (const child of Array.isArray(v) ? v : Object.values(v)) if (walk(child)) return true;
    }
    return false;
  };
  return walk(value);
}

/** Immutable run values kept in memory (a small LRU). */
export class RunValueCache {
  private readonly map = new Map<string, unknown>();
  constructor(private readonly capacity = 32) {}
  get(id: string): unknown {
    const v = this.map.get(id);
    if (v !== undefined) {
      this.map.delete(id);
      this.map.set(id, v);
    }
    return v;
  }
  set(id: string, value: unknown): void {
    this.map.delete(id);
    this.map.set(id, value);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value!);
  }
}

/** A run loaded with its large values in place, and how to store it again. */
export class HydratedRun {
  private readonly refs = new Map<unknown, RunValueRef>();

  private constructor(
    readonly run: RunRow,
    private readonly cache: RunValueCache,
  ) {}

  static async load(tx: EngineTx, runId: string, cache: RunValueCache): Promise<HydratedRun | undefined> {
    const run = await tx.getRun(runId);
    if (!run) return undefined;
    const hydrated = new HydratedRun(run, cache);
    const load = async (ref: RunValueRef) => {
      let value = cache.get(ref.$runValue);
      if (value === undefined) {
        value = await tx.getRunValue(ref.$runValue);
        if (value === undefined) throw new Error(`run ${runId} lost its stored value ${ref.$runValue}`);
        cache.set(ref.$runValue, value);
      }
      hydrated.refs.set(value, ref);
      return value;
    };
    for (const info of Object.values(run.state.stepInfos)) {
      if (isLiteral(info.output)) info.output = info.output.$literal;
      else if (isRunValueRef(info.output)) info.output = await load(info.output);
    }
    for (const [id, loop] of Object.entries(run.state.loops)) {
      if (isLiteral(loop.items)) loop.items = loop.items.$literal as unknown[];
      else if (isRunValueRef(loop.items)) loop.items = (await load(loop.items)) as unknown[];
      else if (isFromSource(loop.items)) {
        const items = lookup(variableScope(run.state), parsePath(loop.items.$fromVariable));
        if (!Array.isArray(items))
          throw new Error(
            `run ${runId}: the items of iterator "${id}" (${loop.items.$fromVariable}) are no longer a list`,
          );
        loop.items = items;
      }
    }
    return hydrated;
  }

  /** Writes the run; new large values go to their own rows first, once. */
  async save(tx: EngineTx): Promise<void> {
    const run = this.run;
    const stored: RunRow = {
      ...run,
      state: { ...run.state, stepInfos: { ...run.state.stepInfos }, loops: { ...run.state.loops } },
    };
    for (const [id, info] of Object.entries(run.state.stepInfos)) {
      const ref = await this.refFor(tx, info.output);
      if (ref) stored.state.stepInfos[id] = { ...info, output: ref };
      else if (looksLikeMarker(info.output)) stored.state.stepInfos[id] = { ...info, output: storedValue(info.output) };
    }
    for (const [id, loop] of Object.entries(run.state.loops)) {
      if (this.storedWithItsSource(id, loop)) {
        stored.state.loops[id] = { ...loop, items: { $fromVariable: loop.source! } as unknown as unknown[] };
        continue;
      }
      const ref = await this.refFor(tx, loop.items);
      if (ref) stored.state.loops[id] = { ...loop, items: ref as unknown as unknown[] };
      else if (looksLikeMarker(loop.items)) stored.state.loops[id] = { ...loop, items: storedValue(loop.items) };
    }
    await tx.putRun(stored);
  }

  /** Items that are an earlier step's output, outside this loop, are re-read from it on load. */
  private storedWithItsSource(iteratorId: string, loop: LoopState): boolean {
    if (!loop.source) return false;
    const root = parsePath(loop.source)[0];
    return root !== iteratorId && !graphOf(this.run.flow).bodies.get(iteratorId)?.has(root) && isLarge(loop.items);
  }

  private async refFor(tx: EngineTx, value: unknown): Promise<RunValueRef | undefined> {
    if (!value || typeof value !== 'object') return undefined;
    const known = this.refs.get(value);
    if (known) return known;
    if (!isLarge(value)) return undefined;
    const ref = { $runValue: uuidv7() };
    await tx.putRunValue({ id: ref.$runValue, runId: this.run.id, value });
    this.cache.set(ref.$runValue, value);
    this.refs.set(value, ref);
    return ref;
  }
}
