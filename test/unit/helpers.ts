import { IDBFactory } from 'fake-indexeddb';
import { Step } from '../../src/schema/workflow';
import { LocalflowDB } from '../../src/db/database';
import { createEngineStore } from '../../src/db/engineStore';
import { RecordRepository } from '../../src/db/records';
import { WorkflowRepository } from '../../src/db/workflows';
import { Engine, type EngineOptions } from '../../src/engine/engine';
import type { Clock, EngineStore } from '../../src/engine/ports';
import { readWorkflowFile } from '../../src/share/workflowFile';
import { withFlow } from '../../src/db/storedShapes';

let counter = 0;

/** A fresh, seeded database in its own fake IndexedDB. */
export function freshDb(seed = true): LocalflowDB {
  return new LocalflowDB(`test-${++counter}`, { seed, indexedDB: new IDBFactory(), IDBKeyRange });
}

/** A clock the test moves by hand; timers fire when time passes them. */
export class ManualClock implements Clock {
  private timers = new Map<number, { at: number; fn: () => void }>();
  private nextId = 1;
  constructor(public time = Date.UTC(2026, 10, 28, 12)) {}
  now = () => this.time;
  setTimeout = (fn: () => void, ms: number) => {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + ms, fn });
    return id;
  };
  clearTimeout = (h: unknown) => {
    this.timers.delete(h as number);
  };
  advance(ms: number) {
    this.time += ms;
    for (const [id, t] of [...this.timers])
      if (t.at <= this.time) {
        this.timers.delete(id);
        t.fn();
      }
  }
}

/** An engine for tests over any store: on this clock, its errors thrown unless `onError` says otherwise. */
export function testEngine(store: EngineStore, clock: ManualClock, options: EngineOptions = {}): Engine {
  return new Engine(store, {
    ...options,
    clock,
    onError:
      options.onError ??
      ((e) => {
        throw e;
      }),
  });
}

export function setup(options: EngineOptions & { db?: LocalflowDB } = {}) {
  const db = options.db ?? freshDb();
  const clock = (options.clock as ManualClock | undefined) ?? new ManualClock();
  const store = createEngineStore(db, clock.now);
  const engine = testEngine(store, clock, options);
  const records = new RecordRepository(db, () => engine.kick());
  const workflows = new WorkflowRepository(db, () => {}, clock.now);
  return { db, clock, store, engine, records, workflows };
}

export async function installWorkflow(workflows: WorkflowRepository, file: unknown, activate = true): Promise<string> {
  const id = await workflows.importFile(readWorkflowFile(file), (_v, s) =>
    Step.safeParse(s).success ? null : 'its settings are invalid',
  );
  if (activate) await workflows.activate(id);
  return id;
}

export const noErrors = { retryOnFailure: { value: false }, continueOnFailure: { value: false } };

export function step(
  id: string,
  type: string,
  input: Record<string, unknown>,
  nextStepIds: string[] = [],
  extra: Record<string, unknown> = {},
) {
  return {
    id,
    name: id,
    type,
    valid: true,
    nextStepIds,
    settings: { input, errorHandlingOptions: noErrors },
    ...extra,
  };
}

/**
 * A search of companies (`find`: its settings besides the object), then a loop over what it
 * found updating each company with `update` (`{{loop…}}` variables allowed); `afterLoop`: the
 * steps after the loop.
 */
export function companyLoop(
  find: Record<string, unknown>,
  update: Record<string, unknown> = { employees: '{{loop.currentItemIndex}}' },
  afterLoop: string[] = [],
) {
  return [
    step('find', 'FIND_RECORDS', { objectName: 'company', ...find }, ['loop']),
    step('loop', 'ITERATOR', { items: '{{find.all}}', initialLoopStepIds: ['upd'] }, afterLoop),
    step(
      'upd',
      'UPDATE_RECORD',
      { objectName: 'company', objectRecordId: '{{loop.currentItem.id}}', objectRecord: update },
      ['loop'],
    ),
  ];
}

export function workflowFile(trigger: Record<string, unknown>, steps: unknown[], name = 'Test workflow') {
  return { format: 'localflow.workflow', version: 1, name, trigger, steps };
}

export const onPersonCreated = (next: string[]) => ({
  type: 'DATABASE_EVENT',
  name: 'Person created',
  settings: { eventName: 'person.created' },
  nextStepIds: next,
});
export const manualGlobal = (next: string[]) => ({
  type: 'MANUAL',
  name: 'Launch manually',
  settings: { availability: { type: 'GLOBAL' } },
  nextStepIds: next,
});

/** Installs a manual (global) workflow with these steps, runs it once, and returns the run. */
export async function runSteps(steps: unknown[], first: string[], env = setup()) {
  const id = await installWorkflow(env.workflows, workflowFile(manualGlobal(first), steps));
  env.engine.start();
  const [runId] = await env.engine.runManual({ workflowId: id });
  await env.engine.idle();
  const run = (await withFlow(env.db, await env.db.runs.get(runId)))!;
  return { ...env, run, workflowId: id, info: (stepId: string) => run.state.stepInfos[stepId] };
}

export async function recordsOf(db: import('../../src/db/database').LocalflowDB, object: string) {
  return db.records.where('[object+createdAt]').between([object, -Infinity], [object, Infinity]).toArray();
}

/** Two steps on each new person: a task about them ("Welcome <first name>"), then a mark on the person. */
export const welcomeNewPeople = workflowFile(onPersonCreated(['t']), [
  step(
    't',
    'CREATE_RECORD',
    { objectName: 'task', objectRecord: { title: 'Welcome {{trigger.properties.after.name.firstName}}' } },
    ['m'],
  ),
  step('m', 'UPDATE_RECORD', {
    objectName: 'person',
    objectRecordId: '{{trigger.recordId}}',
    objectRecord: { jobTitle: 'welcomed' },
  }),
]);
