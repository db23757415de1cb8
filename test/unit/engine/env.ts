import { Engine, type EngineOptions } from '../../../src/engine/engine';
import type { EngineStore } from '../../../src/engine/ports';
import { WorkflowRepository } from '../../../src/db/workflows';
import { ManualClock, manualGlobal, testEngine, workflowFile } from '../helpers';
import { freshWorkspace, installFile, type TestWorkspace } from '../workspaces';

/**
 * The engine's tests' set-up, the same over each store (workspaces.ts): an engine over a fresh
 * workspace (or `db`), a record repository that wakes it, and `install` for workflow files
 * (active at once).
 */
export async function setup(options: EngineOptions & { db?: TestWorkspace } = {}) {
  const db = options.db ?? (await freshWorkspace());
  const clock = (options.clock as ManualClock | undefined) ?? new ManualClock();
  const store = db.engineStore(clock.now);
  const engine = testEngine(store, clock, options);
  const records = db.recordRepository(() => engine.kick(), clock.now);
  const install = (file: unknown) => installFile(db, file, clock.now);
  return { db, clock, store, engine, records, install };
}

export type TestEnv = Awaited<ReturnType<typeof setup>>;

/** The app's workflow repository (what only the app has: drafts, new webhook tokens). */
export function appWorkflows(env: TestEnv): WorkflowRepository {
  if (!env.db.dexie) throw new Error('only the app (IndexedDB) has a workflow editor');
  return new WorkflowRepository(env.db.dexie, () => {}, env.clock.now);
}

/** Installs a manual (global) workflow with these steps, runs it once, and returns the run. */
export async function runSteps(steps: unknown[], first: string[], setUp?: Promise<TestEnv> | TestEnv) {
  const env = await (setUp ?? setup());
  const workflowId = await env.install(workflowFile(manualGlobal(first), steps));
  env.engine.start();
  const [runId] = await env.engine.runManual({ workflowId });
  await env.engine.idle();
  const run = (await env.db.run(runId))!;
  return { ...env, run, workflowId, info: (stepId: string) => run.state.stepInfos[stepId] };
}

/** An object's records, oldest first. */
export async function recordsOf(db: TestWorkspace, object: string) {
  return (await db.records.toArray())
    .filter((r) => r.object === object)
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

/**
 * Runs an engine over `store` whose `k`th step (counted over `runId`'s steps only, when given)
 * throws, as a storage failure would, until that stops it; returns the errors it reported.
 */
export async function crashAtStep(
  store: EngineStore,
  options: EngineOptions & { k: number; runId?: string },
): Promise<unknown[]> {
  const { k, runId, ...engineOptions } = options;
  let steps = 0;
  const errors: unknown[] = [];
  const crashing = new Engine(store, {
    ...engineOptions,
    probes: {
      beforeStep: (id) => {
        if ((runId === undefined || id === runId) && ++steps === k) throw new Error('storage closed');
      },
    },
    onError: (e) => {
      errors.push(e);
      crashing.stop();
    },
  });
  crashing.start();
  await crashing.idle();
  return errors;
}
