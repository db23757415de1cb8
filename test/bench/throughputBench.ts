import Dexie from 'dexie';
import type { LocalflowDB } from '../../src/db/database';
import { createEngineStore } from '../../src/db/engineStore';
import { RecordRepository } from '../../src/db/records';
import { setRunRetention } from '../../src/db/retention';
import { Engine } from '../../src/engine/engine';
import { activateWorkflows, emptyDb } from './benchDb';
import { always, onCompanyCreated } from './workflows';

const count = (db: LocalflowDB, object: string) =>
  db.records.where('[object+createdAt]').between([object, Dexie.minKey], [object, Dexie.maxKey]).count();

/**
 * `events` companies created in batches of `batch` (one transaction each, as a CSV import or a
 * sync writes them), each starting a three-step run; timed from the first write until every run
 * has completed. Checks that every run completed and wrote its task and its update. `via`: the
 * app's record writes (the engine makes each with its runs: `Engine.writeRecords`), or a writer
 * that is not the engine (a webhook: its events go through the outbox).
 */
async function triggeredRuns(events: number, batch: number, strict = false, via: 'engine' | 'outbox' = 'engine') {
  const db = await emptyDb('bench-throughput', strict ? 'strict' : undefined);
  await activateWorkflows(db, onCompanyCreated);
  // Every run is kept, so that each can be counted as completed (the default keeps 1,000).
  await setRunRetention(db, events);
  const engine = new Engine(createEngineStore(db), { onError: (e) => console.error('engine error', e) });
  const records = new RecordRepository(db, (n) => engine.kick({ outbox: n > 0 }));
  engine.start();
  await engine.idle();
  const t0 = performance.now();
  for (let i = 0; i < events; i += batch) {
    const data = Array.from({ length: Math.min(batch, events - i) }, (_, j) => ({ name: `Company ${i + j}` }));
    if (via === 'engine') await engine.writeRecords({ kind: 'createMany', object: 'company', data });
    else await records.createMany('company', data);
  }
  // Everything written: wait until no event and no run is left.
  for (;;) {
    await engine.idle();
    const [outbox, open] = await Promise.all([
      db.events.count(),
      db.runs.where('status').anyOf('queued', 'running').count(),
    ]);
    if (outbox === 0 && open === 0) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  const ms = performance.now() - t0;
  engine.stop();
  const [completed, tasks, marked] = await Promise.all([
    db.runs.where('status').equals('completed').count(),
    count(db, 'task'),
    db.records.filter((r) => r.object === 'company' && r.data.idealCustomerProfile === true).count(),
  ]);
  db.close();
  if (completed !== events || tasks !== events || marked !== events)
    throw new Error(`${completed} runs completed, ${tasks} tasks and ${marked} updates written for ${events} events`);
  return { ms, runsPerSecond: (events / ms) * 1000 };
}

/** A workflow run by hand with `n` trivial steps in a row (each a check that passes). */
function chain(n: number) {
  const ids = Array.from({ length: n }, (_, i) => `s${i}`);
  return {
    format: 'localflow.workflow',
    version: 1,
    name: `${n} steps`,
    trigger: {
      type: 'MANUAL',
      name: 'Launch manually',
      settings: { availability: { type: 'GLOBAL' } },
      nextStepIds: [ids[0]],
    },
    steps: ids.map((id, i) => ({
      id,
      name: `Step ${i}`,
      type: 'FILTER',
      settings: { input: always('always') },
      nextStepIds: i + 1 < n ? [ids[i + 1]] : [],
    })),
  };
}

/**
 * The cost of one more trivial step: `rounds` runs of a 101-step workflow and of a 1-step one,
 * alternated, each run durable at each group commit; (median long − median short) / 100.
 */
async function perStep(rounds: number) {
  const db = await emptyDb('bench-steps');
  const [long, short] = await activateWorkflows(db, chain(101), chain(1));
  const engine = new Engine(createEngineStore(db), { onError: (e) => console.error('engine error', e) });
  engine.start();
  await engine.idle();
  const time = async (workflowId: string, steps: number) => {
    const t0 = performance.now();
    const [runId] = await engine.runManual({ workflowId });
    await engine.idle();
    const ms = performance.now() - t0;
    const run = await db.runs.get(runId);
    // The trigger counts in the run's step infos too.
    const done = Object.entries(run!.state.stepInfos).filter(
      ([id, s]) => id !== 'trigger' && s.status === 'SUCCESS',
    ).length;
    if (run?.status !== 'completed' || done !== steps) throw new Error(`run ${run?.status}, ${done} of ${steps} steps`);
    return ms;
  };
  await time(long, 101); // warm-up
  const longMs: number[] = [],
    shortMs: number[] = [];
  for (let i = 0; i < rounds; i++) {
    longMs.push(await time(long, 101));
    shortMs.push(await time(short, 1));
  }
  engine.stop();
  db.close();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  // Each round's two runs, one right after the other, meet the same moment of the host's load:
  // the median of the rounds' differences (a slow moment slows both runs of its round, and drops
  // out of their difference; the difference of the two medians kept it when it hit one side more).
  return {
    longMs: median(longMs),
    shortMs: median(shortMs),
    perStepUs: (median(longMs.map((ms, i) => ms - shortMs[i])) / 100) * 1000,
  };
}

Object.assign(window, { throughputBench: { triggeredRuns, perStep } });
document.getElementById('status')!.textContent = 'ready';
