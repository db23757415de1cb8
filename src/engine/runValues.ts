import type { LoopState, RunRow } from '../schema/run';
import { variableContext } from './flow';
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
export interface RunValueRef { $runValue: string }

function isFromSource(value: unknown): value is { $fromVariable: string } {
  return !!value && typeof value === 'object' && typeof (value as { $fromVariable?: unknown }).$fromVariable === 'string';
}

export function isRunValueRef(value: unknown): value is RunValueRef {
  return !!value && typeof value === 'object' && typeof (value as RunValueRef).$runValue === 'string' && Object.keys(value).length === 1;
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

  private constructor(readonly run: RunRow, private readonly cache: RunValueCache) {}

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
    for (const info of Object.values(run.state.stepInfos)) if (isRunValueRef(info.output)) info.output = await load(info.output);
    for (const loop of Object.values(run.state.loops)) if (isRunValueRef(loop.items)) loop.items = (await load(loop.items)) as unknown[];
    for (const [id, loop] of Object.entries(run.state.loops)) {
      if (!isFromSource(loop.items)) continue;
      const items = lookup(variableContext(run.state), parsePath(loop.items.$fromVariable));
      if (!Array.isArray(items)) throw new Error(`run ${runId}: the items of iterator "${id}" (${loop.items.$fromVariable}) are no longer a list`);
      loop.items = items;
    }
    return hydrated;
  }

  /** Writes the run; new large values go to their own rows first, once. */
  async save(tx: EngineTx): Promise<void> {
    const run = this.run;
    const stored: RunRow = { ...run, state: { ...run.state, stepInfos: { ...run.state.stepInfos }, loops: { ...run.state.loops } } };
    for (const [id, info] of Object.entries(run.state.stepInfos)) {
      const ref = await this.refFor(tx, info.output);
      if (ref) stored.state.stepInfos[id] = { ...info, output: ref };
    }
    for (const [id, loop] of Object.entries(run.state.loops)) {
      if (this.storedWithItsSource(id, loop)) {
        stored.state.loops[id] = { ...loop, items: { $fromVariable: loop.source! } as unknown as unknown[] };
        continue;
      }
      const ref = await this.refFor(tx, loop.items);
      if (ref) stored.state.loops[id] = { ...loop, items: ref as unknown as unknown[] };
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
    if (!value || typeof value !== 'object' || isRunValueRef(value)) return undefined;
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
