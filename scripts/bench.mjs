#!/usr/bin/env node
// npm run bench: benchmarks in headless Debian chromium. Each one alternates the app and a
// hand-written baseline in the same run and prints the median ratio.
import { spawn, spawnSync } from 'node:child_process';
import { chromium } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const PORT = Number(process.env.BENCH_PORT ?? 4175);
const BASE = `http://127.0.0.1:${PORT}`;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
// BENCH_ONLY=latency,data runs only those sections (iterator, throughput, table, find, editor, code, latency, data,
// runner).
const ONLY = process.env.BENCH_ONLY?.split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const want = (name) => !ONLY || ONLY.includes(name);

const build = spawnSync('npx', ['vite', 'build', '--config', 'test/bench/vite.config.ts'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const server = spawn(process.execPath, ['scripts/serve.mjs'], {
  env: { ...process.env, PORT: String(PORT) },
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise((resolve) => server.stdout.once('data', resolve));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (ms) => `${ms.toFixed(1)} ms`;

/**
 * One round of each side, which one goes first alternating with the round: the second may read
 * what the first has just brought into IndexedDB's cache, or follow its clean-up. Returns the
 * app's answer and the baseline's.
 */
async function inTurn(round, appSide, baselineSide) {
  if (round % 2 === 0) {
    const a = await appSide();
    return [a, await baselineSide()];
  }
  const b = await baselineSide();
  return [await appSide(), b];
}
const results = [];

/** A benchmark page of test/bench, once its script says it is ready. */
async function openBenchPage(context, path) {
  const page = await context.newPage();
  await page.goto(`${BASE}${path}`);
  await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
  return page;
}
function report(name, appMs, baseMs, aim) {
  const ratio = median(appMs) / median(baseMs);
  results.push({ name, ratio, aim });
  console.log(
    `${name}: app median ${fmt(median(appMs))}, baseline median ${fmt(median(baseMs))} → ratio ${ratio.toFixed(2)}× (aim ≤ ${aim}×)`,
  );
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--no-first-run',
  ],
});
try {
  // The service worker is blocked so every load measures the app itself, not the precache.
  const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1280, height: 800 } });

  // 1. A 10,000-item iterator updating each record through the engine vs Dexie bulk writes.
  if (want('iterator')) {
    const page = await openBenchPage(context, '/bench/');
    const app = [],
      base = [];
    // At least 15 rounds: a round of either side moves ±12% with the host's state (1.2–1.8 s),
    // and the medians of 7 put the same code anywhere from 1.05× to 1.31×. Each round runs the
    // two sides in turn, which one first alternating, so neither always follows the other's
    // clean-up.
    const engine = () => page.evaluate(() => window.bench.engineRound());
    const baseline = () => page.evaluate(() => window.bench.baselineRound());
    // One untimed round of each first: a side's first round ran before its code was optimised
    // (the engine's first rounds in two runs: 0.8 and 0.4 s over its median).
    await engine();
    await baseline();
    for (let i = 0; i < Math.max(ROUNDS, 15); i++) {
      const [a, b] = await inTurn(i, engine, baseline);
      app.push(a);
      base.push(b);
    }
    console.log(`  engine rounds: ${app.map(fmt).join(', ')}; baseline rounds: ${base.map(fmt).join(', ')}`);
    const paired = median(app.map((ms, i) => ms / base[i]));
    console.log(`  the same rounds paired (each round's engine over its baseline), median: ${paired.toFixed(2)}×`);
    report(
      'iterator 10k updates, every record changed (engine / the same reads and writes by hand: read all + Dexie bulkPut)',
      app,
      base,
      1.2,
    );
    // The same, while an active workflow watches company updates: each update also writes
    // an outbox row (before/after) that the engine then consumes.
    const watched = [],
      base2 = [];
    for (let i = 0; i < 3; i++) {
      watched.push(await page.evaluate(() => window.bench.engineRound(true)));
      base2.push(await page.evaluate(() => window.bench.baselineRound()));
    }
    report('  same, with a workflow watching company updates (10k outbox events)', watched, base2, '—');
    // What "strict" durability would cost: the same loop, each commit waiting for the disk to
    // sync, against the default ("relaxed") measured alternately in the same run.
    const strict = [],
      relaxed = [];
    for (let i = 0; i < 3; i++) {
      strict.push(await page.evaluate(() => window.bench.engineRound(false, true)));
      relaxed.push(await page.evaluate(() => window.bench.engineRound(false, false)));
    }
    report(
      '  same loop with strict durability (each commit synced to disk) / relaxed (the default)',
      strict,
      relaxed,
      '—',
    );
    await page.close();
  }

  // Triggered runs per second and the cost of one more step, next to the same workloads measured
  // on this machine type with n8n 2.8 and Node-RED 4.1 (which keeps runs in memory, unsynced).
  if (want('throughput')) {
    const page = await openBenchPage(context, '/bench/throughput.html');
    const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
    for (const via of ['engine', 'outbox'])
      await page.evaluate((v) => window.throughputBench.triggeredRuns(500, 100, false, v), via); // warm-up
    // The app's writes (made by the engine with their runs) and another writer's (through the
    // outbox), alternated.
    const rates = [],
      outboxRates = [];
    for (let i = 0; i < 3; i++) {
      const run = (via) =>
        page.evaluate(([n, batch, v]) => window.throughputBench.triggeredRuns(n, batch, false, v), [EVENTS, 100, via]);
      rates.push((await run('engine')).runsPerSecond);
      outboxRates.push((await run('outbox')).runsPerSecond);
    }
    const rate = median(rates);
    console.log(
      `triggered three-step runs: ${rate.toFixed(0)} runs/s over ${EVENTS.toLocaleString('en')} record events written 100 per transaction by the app (each write made by the engine with its runs), every run completed with its two writes (rounds: ${rates.map((r) => r.toFixed(0)).join(', ')}; n8n 68, Node-RED 1,878 on this machine type; aim ≥ 1,000)`,
    );
    console.log(
      `    through the outbox (a writer that is not the engine): ${median(outboxRates).toFixed(0)} runs/s (rounds: ${outboxRates.map((r) => r.toFixed(0)).join(', ')})`,
    );
    results.push({ name: 'runs per second', ratio: rate, aim: 1000, atLeast: true });
    // What "strict" durability costs where commits are many and small: 2,000 triggered runs,
    // each commit synced to disk, against the default, alternately.
    const strict = [],
      relaxed = [];
    for (let i = 0; i < 3; i++) {
      strict.push((await page.evaluate(() => window.throughputBench.triggeredRuns(2000, 100, true))).ms);
      relaxed.push((await page.evaluate(() => window.throughputBench.triggeredRuns(2000, 100, false))).ms);
    }
    report('  2,000 triggered runs with strict durability / relaxed (the default)', strict, relaxed, '—');
    // The per-step figure is the difference of two ~12 ms run times, so 1 ms of noise moves it by
    // 10 µs: three measurements of at least 60 rounds each (a 101-step and a 1-step run in each,
    // the median of the rounds' differences), the median (with 25 rounds, one full run here
    // measured 27, 37 and 88 µs, and 11, 7 and 18 µs minutes later; with the difference of the
    // two runs' medians, 6, 39 and 44 µs in one run).
    const tries = [];
    for (let i = 0; i < 3; i++)
      tries.push(await page.evaluate((n) => window.throughputBench.perStep(n), Math.max(ROUNDS, 60)));
    const steps = tries.sort((a, b) => a.perStepUs - b.perStepUs)[1];
    console.log(
      `one more trivial step in a 100-step run: ${steps.perStepUs.toFixed(1)} µs (median of ${tries.map((s) => s.perStepUs.toFixed(0)).join(', ')}; 101 steps ${fmt(steps.longMs)}, 1 step ${fmt(steps.shortMs)}, medians; the figure is the median of each round's difference; n8n 366 µs, Node-RED 7 µs; aim ≤ 20 µs)`,
    );
    results.push({ name: 'µs per step', ratio: steps.perStepUs, aim: 20 });
    await page.close();
  }

  // 2. Table of 100,000 companies: time to first row from a cold start, search per keystroke,
  // sorting (the longest main-thread task while it runs), and the JS heap.
  if (want('table')) {
    const COUNT = Number(process.env.BENCH_TABLE_COUNT ?? 100_000);
    const seed = await context.newPage();
    await seed.goto(`${BASE}/objects/company`);
    await seed.locator('table.records tbody tr').first().waitFor();
    await seed.goto(`${BASE}/bench/`);
    await seed.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
    const count = await seed.evaluate((n) => window.bench.seedAppDatabase(n), COUNT);
    await seed.close();
    const label = count.toLocaleString('en');
    console.log(`table benchmarks over ${label} companies`);

    // The first row a person sees, and the first row of the app's own table (one they can click
    // in): on a load after an earlier visit, the first can be the page's saved picture, shown
    // only when the database still holds what it was drawn from (src/boot/pagePicture.ts).
    await context.addInitScript(() => {
      new MutationObserver((_, observer) => {
        const row = 'table.records tbody tr';
        window.__firstRowAt ??=
          document.querySelector(row) || window.localflowPicture?.querySelector(row) ? performance.now() : undefined;
        if (document.querySelector('#root table.records tbody tr')) {
          window.__appRowAt = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    const firstRow = async (url) => {
      const page = await context.newPage();
      await page.goto(url);
      await page.waitForFunction(() => window.__firstRowAt !== undefined, undefined, { timeout: 60_000 });
      if (url.includes('/objects/'))
        await page.waitForFunction(() => window.__appRowAt !== undefined, undefined, { timeout: 60_000 });
      const ms = await page.evaluate(() => [window.__firstRowAt, window.__appRowAt ?? window.__firstRowAt]);
      await page.close();
      return ms;
    };
    // A person who opened this table before (the app keeps its picture once the browser is idle).
    const visit = await context.newPage();
    await visit.goto(`${BASE}/objects/company`);
    await visit.locator('#root table.records tbody tr').first().waitFor();
    await visit.waitForTimeout(3000);
    await visit.close();
    const shown = [],
      usable = [],
      base = [];
    // At least 15 rounds, which side first alternating (the second reads rows the first has just
    // brought into IndexedDB's cache): a round of either side moves 130–340 ms here, and the
    // median ratio of 9 rounds, app first in each, was 0.89–1.64× with one build.
    for (let i = 0; i < Math.max(ROUNDS + 2, 15); i++) {
      const [[first, own], [baselineFirst]] = await inTurn(
        i,
        () => firstRow(`${BASE}/objects/company`),
        () => firstRow(`${BASE}/bench/baseline.html`),
      );
      shown.push(first);
      usable.push(own);
      base.push(baselineFirst);
    }
    console.log(
      `  app, first row shown: ${shown.map(fmt).join(', ')}; its own table's: ${usable.map(fmt).join(', ')}; baseline: ${base.map(fmt).join(', ')}`,
    );
    report(
      `table of ${label} companies, first row shown after a cold page load (app / raw IndexedDB + plain React)`,
      shown,
      base,
      1.5,
    );
    report(`  same, first row of the app's own table (one that answers clicks)`, usable, base, '—');

    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize / 1024 / 1024;
    };
    await page.goto(`${BASE}/objects/company`);
    await page.locator('table.records tbody tr').first().waitFor();
    // A person reads the first page for a moment before searching (the table worker makes its
    // index meanwhile; what it has not finished shows in the first key's time).
    await page.waitForTimeout(1500);
    const pageHeap = await heap();
    // Long main-thread tasks, from now on.
    await page.evaluate(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => e.duration))).observe({
        type: 'longtask',
      });
    });
    const longest = () => page.evaluate(() => Math.max(0, ...window.__longTasks.splice(0)));

    // Search, as a person types it: each key pressed in the focused field, and the time until
    // the table shows the answer (its count of matches changes with every key of this query).
    const pagesText = () => page.locator('nav.pagination > span').first().textContent();
    await page.getByRole('searchbox', { name: 'Search companies' }).focus();
    const perKey = [];
    for (const key of '99999') {
      const before = await pagesText();
      const t0 = await page.evaluate(() => performance.now());
      await page.keyboard.press(key);
      await page.waitForFunction((b) => document.querySelector('nav.pagination > span')?.textContent !== b, before, {
        timeout: 120_000,
        polling: 'raf',
      });
      perKey.push((await page.evaluate(() => performance.now())) - t0);
    }
    const searchLongest = await longest();
    console.log(
      `  search “99999” typed key by key: ${perKey.map(fmt).join(', ')} (${await pagesText()}); longest main-thread task ${fmt(searchLongest)}`,
    );
    results.push({ name: 'search per keystroke', ratio: median(perKey), aim: 100 });
    console.log(
      `search over ${label} companies, per keystroke: median ${fmt(median(perKey))}, slowest ${fmt(Math.max(...perKey))} (aim ≤ 100 ms)`,
    );
    for (let i = 0; i < 5; i++) await page.keyboard.press('Backspace');
    await page.waitForFunction(
      (l) => document.querySelector('nav.pagination > span')?.textContent?.includes(l) ?? false,
      label,
      { timeout: 120_000 },
    );
    await longest();

    const sortStart = Date.now();
    await page.getByRole('button', { name: /^Name/ }).click();
    await page.waitForFunction(
      () =>
        document.querySelector('th[aria-sort="ascending"]') &&
        document.querySelector('tbody tr')?.textContent?.includes('Airbnb'),
      undefined,
      { timeout: 180_000 },
    );
    const sortMs = Date.now() - sortStart;
    const sortLongest = await longest();
    const sortedHeap = await heap();
    console.log(
      `sorting ${label} rows by name: ${sortMs} ms to the first sorted page; longest main-thread task meanwhile ${fmt(sortLongest)} (aim: no task over 100 ms)`,
    );
    results.push({ name: 'sort longest task', ratio: sortLongest, aim: 100 });
    console.log(
      `JS heap, ${label} companies, table open: ${pageHeap.toFixed(1)} MB (first page); ${sortedHeap.toFixed(1)} MB sorted by name (aim ≤ 80 MB)`,
    );
    results.push({ name: 'heap', ratio: Math.max(pageHeap, sortedHeap), aim: 80 });
    await page.close();
  }

  // Indexed search: FIND_RECORDS with a filter on the creation date over 100,000 companies
  // (1,000 match) vs Dexie where().between() on the same index; both return the same 1,000.
  if (want('find')) {
    const page = await openBenchPage(context, '/bench/data.html');
    const total = await page.evaluate(() => window.dataBench.prepareFind(100_000));
    if (total !== 100_000) throw new Error(`the search bench seeded ${total} of 100,000 companies`);
    // At least 41 rounds after 2 warm-up ones: each takes ~20–30 ms, and this machine's load moved
    // the median ratio of 7 rounds between 1.00× and 1.31× from run to run, of 15 between 0.88×
    // and 1.26× (one build, the same day).
    const app = [],
      base = [];
    // Both sides read the same 1,000 companies in a round, which side first alternating: the
    // second reads what the first has just brought into IndexedDB's cache (the baseline read
    // them ~10% faster second than first, 30 rounds each).
    for (let i = 0; i < Math.max(ROUNDS, 41) + 2; i++) {
      const from = 5_000 + ((i * 13_000) % 90_000);
      const [a, b] = await inTurn(
        i,
        () => page.evaluate((f) => window.dataBench.findAppRound(f), from),
        () => page.evaluate((f) => window.dataBench.findBaselineRound(f), from),
      );
      if (a.found !== 1000 || b.found !== 1000)
        throw new Error(`the search found ${a.found} (app) and ${b.found} (baseline) of 1,000 companies`);
      if (i >= 2) {
        app.push(a.ms);
        base.push(b.ms);
      }
    }
    console.log(
      `  FIND_RECORDS: ${app.map(fmt).join(', ')}; where().between(): ${base.map(fmt).join(', ')} (each found 1,000 of 100,000)`,
    );
    report(
      'FIND_RECORDS on an indexed field, 1,000 of 100,000 companies (step / Dexie where().between())',
      app,
      base,
      1.2,
    );
    await page.close();
  }

  // 3. The editor: mount and fit a 500-step workflow vs plain React rendering 500 cards.
  if (want('editor')) {
    const page = await openBenchPage(context, '/bench/editor.html');
    // One warm-up round each (code compiled, caches primed), not counted.
    await page.evaluate(() => window.editorBench.editorRound());
    await page.evaluate(() => window.editorBench.baselineRound());
    const app = [],
      base = [];
    for (let i = 0; i < ROUNDS; i++) {
      app.push(await page.evaluate(() => window.editorBench.editorRound()));
      base.push(await page.evaluate(() => window.editorBench.baselineRound()));
    }
    console.log(`  canvas: ${app.map(fmt).join(', ')}; cards: ${base.map(fmt).join(', ')}`);
    report('editor mount + fit, 500 steps (canvas / plain React cards)', app, base, 6);
    await page.close();
  }

  // 4. Code step round trip: engine → sandboxed iframe → fresh worker → engine, vs a plain worker round trip.
  if (want('code')) {
    const page = await openBenchPage(context, '/bench/code.html');
    await page.evaluate(() => window.codeBench.setup());
    for (const n of [10, 1000]) {
      await page.evaluate((n) => window.codeBench.engineRound(n), n); // warm-up
      const app = [],
        fresh = [],
        kept = [];
      for (let i = 0; i < ROUNDS; i++) {
        app.push(await page.evaluate((n) => window.codeBench.engineRound(n), n));
        fresh.push(await page.evaluate((n) => window.codeBench.workerRound(n, true), n));
        kept.push(await page.evaluate((n) => window.codeBench.workerRound(n, false), n));
      }
      console.log(
        `  ${n} items — code step: ${app.map(fmt).join(', ')}; fresh worker: ${fresh.map(fmt).join(', ')}; kept worker: ${kept.map(fmt).join(', ')}`,
      );
      report(`code step round trip, ${n} items (engine + sandbox / fresh plain worker)`, app, fresh, 3);
      console.log(
        `    (vs a worker kept alive: ${(median(app) / median(kept)).toFixed(1)}× — the sandbox never reuses a worker, by design)`,
      );
    }
    await page.close();
  }

  // 5. Record event → first step latency (p50, p95), and the engine worker's cold start.
  if (want('latency')) {
    const page = await openBenchPage(context, '/bench/latency.html');
    await page.evaluate(() => window.latencyBench.setupLatency());
    // 20 untimed rounds first: the first ten events took 10–27 ms while the JIT compiled the
    // engine's paths (the worker's cold start is measured below, on its own).
    for (let i = 0; i < 20; i++) {
      await page.evaluate(() => window.latencyBench.eventLatency());
      await page.evaluate(() => window.latencyBench.outboxLatency());
      await page.evaluate(() => window.latencyBench.rawLatency());
    }
    // Alternated, so each path meets the same moments of the host's load.
    const app = [],
      saved = [],
      outbox = [],
      base = [];
    for (let i = 0; i < 120; i++) {
      const r = await page.evaluate(() => window.latencyBench.eventLatency());
      app.push(r.firstStep);
      saved.push(r.saved);
      outbox.push(await page.evaluate(() => window.latencyBench.outboxLatency()));
      base.push(await page.evaluate(() => window.latencyBench.rawLatency()));
    }
    const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
    // The first step must come after the page sent the save and before it was answered (it
    // runs in the save's transaction): a check that the two clocks agree and the path was taken.
    const early = app.filter((x) => x <= 0).length;
    const late = app.filter((x, i) => x > saved[i]).length;
    if (early || late) throw new Error(`event latency: ${early} first steps before the save, ${late} after its answer`);
    console.log(
      `record event → first step (a save from the page, made by the engine worker with its runs): p50 ${fmt(pct(app, 0.5))} (baseline ${fmt(pct(base, 0.5))}, ${(pct(app, 0.5) / pct(base, 0.5)).toFixed(2)}×), p95 ${fmt(pct(app, 0.95))} (baseline ${fmt(pct(base, 0.95))}) → p95 ratio ${(pct(app, 0.95) / pct(base, 0.95)).toFixed(2)}× (aim ≤ 2×); the save answered at p50 ${fmt(pct(saved, 0.5))}, p95 ${fmt(pct(saved, 0.95))}`,
    );
    console.log(
      `    through the outbox (a writer that is not the engine: a webhook): p50 ${fmt(pct(outbox, 0.5))}, p95 ${fmt(pct(outbox, 0.95))} (${(pct(outbox, 0.95) / pct(base, 0.95)).toFixed(2)}× the baseline's p95)`,
    );
    const engine = [],
      tiny = [];
    for (let i = 0; i < ROUNDS; i++) {
      const r = await page.evaluate(() => window.latencyBench.coldStart());
      engine.push(r.engine);
      tiny.push(r.tiny);
    }
    report('engine worker cold start (to its first answer) / tiny blob worker', engine, tiny, 3);
    await page.close();
  }

  // 6. Your data: backup and restore of 100,000 records (time, peak JS heap), and CSV import
  // of 10,000 rows vs a hand-written split + Dexie bulkAdd of the same rows.
  if (want('data')) {
    const page = await openBenchPage(context, '/bench/data.html');
    const cdp = await context.newCDPSession(page);
    let peak = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        try {
          peak = Math.max(peak, (await cdp.send('Runtime.getHeapUsage')).usedSize);
        } catch {
          /* page busy */
        }
        await new Promise((r) => setTimeout(r, 25));
      }
    })();
    const r = await page.evaluate(() => window.dataBench.backupRound(100_000));
    sampling = false;
    await sampler;
    const floorMs = await page.evaluate(() => window.dataBench.floorRound(100_000));
    console.log(
      `backup of 100,000 records: ${fmt(r.backupMs)} (${(r.bytes / 1e6).toFixed(1)} MB gzip); check ${fmt(r.checkMs)} + restore into an empty workspace ${fmt(r.restoreMs)} (the same rows by Dexie bulkAdd in one transaction: ${fmt(floorMs)}); ${r.restored.toLocaleString('en')} records restored; peak JS heap ${(peak / 1024 / 1024).toFixed(0)} MB (aim ≤ 200 MB)`,
    );
    results.push({ name: 'backup heap', ratio: peak / 1024 / 1024, aim: 200 });

    const chars = await page.evaluate(() => window.dataBench.prepareCsv(10_000));
    const app = [],
      base = [];
    for (let i = 0; i < ROUNDS; i++) {
      const a = await page.evaluate(() => window.dataBench.csvAppRound());
      const b = await page.evaluate(() => window.dataBench.csvBaselineRound());
      if (a.written !== 10_000 || b.written !== 10_000)
        throw new Error(`CSV import wrote ${a.written} (app) and ${b.written} (baseline) of 10,000 rows`);
      app.push(a.ms);
      base.push(b.ms);
    }
    console.log(
      `  CSV of ${(chars / 1e6).toFixed(1)} MB — app: ${app.map(fmt).join(', ')}; baseline: ${base.map(fmt).join(', ')} (each wrote 10,000 companies)`,
    );
    report(
      'CSV import, 10,000 rows (parse + map + check + one transaction / hand-written split + Dexie bulkAdd)',
      app,
      base,
      1.5,
    );
    await page.close();
  }
} finally {
  await browser.close();
  server.kill();
}

// 4. The app shell: JavaScript loaded before the editor is opened (gzip).
{
  const html = readFileSync('dist/index.html', 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const seen = new Set();
  const queue = [...initial];
  // Follow static imports of the entry chunks (lazy chunks are dynamic imports and stay out).
  while (queue.length) {
    const file = queue.shift();
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(`dist${file}`, 'utf8');
    for (const m of code.matchAll(/(?:^|[;}\n])\s*import\s*(?:[^'"()]*?from\s*)?["'](\.\/[^"']+\.js)["']/g))
      queue.push(`/assets/${m[1].slice(2)}`);
  }
  let total = 0;
  for (const file of seen) total += gzipSync(readFileSync(`dist${file}`)).length;
  const gzipOf = (pattern) =>
    readdirSync('dist/assets')
      .filter((f) => pattern.test(f))
      .reduce((sum, f) => sum + gzipSync(readFileSync(`dist/assets/${f}`)).length, 0);
  // The editor: its page, the canvas, the step forms and CodeMirror for variable fields; the code editor's
  // JavaScript support loads only with a code step.
  const editor = gzipOf(/^(WorkflowCanvas|EditorPage|steps|cm)-.*\.js$/);
  const codeEditor = gzipOf(/^code-.*\.js$/);
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log(
    `app shell JS before the editor opens: ${kb(total)} gzip in ${seen.size} files (aim ≤ 200 KB); the editor adds ${kb(editor)} gzip when opened (CodeMirror for variable fields included), the code editor ${kb(codeEditor)} more with a code step`,
  );
}

// 5. The runner (src/runner): the same triggered runs on PGlite and on a Postgres server (fsync
// on) with 1 and 3 runner processes, and the 10k loop on each store against a hand-written
// baseline on the same database. Built with its benchmark, then run in Node (test/bench/runnerBench.ts).
if (want('runner')) {
  const built = spawnSync('npx', ['vite', 'build', '--config', 'scripts/runner.vite.config.ts', '--logLevel', 'warn'], {
    stdio: 'inherit',
    env: { ...process.env, RUNNER_BENCH: '1' },
  });
  if (built.status !== 0) process.exit(built.status ?? 1);
  const bench = spawnSync(process.execPath, ['dist-runner/runner-bench.mjs'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (bench.status !== 0) {
    console.error(bench.stdout);
    process.exit(bench.status ?? 1);
  }
  for (const line of bench.stdout.split('\n').filter((l) => l.startsWith('{'))) {
    const f = JSON.parse(line);
    if (f.figure === 'runs per second')
      console.log(
        `runner, triggered three-step runs on ${f.store}: ${f.runsPerSecond.toFixed(0)} runs/s over ${f.events.toLocaleString('en')} record events written 100 per transaction, every run completed with its two writes (the browser's figure is above)`,
      );
    else
      console.log(
        `runner, 10k loop on ${f.store}: engine median ${fmt(f.appMs)}, baseline (read all, one UPDATE of all) ${fmt(f.baseMs)} → ratio ${(f.appMs / f.baseMs).toFixed(2)}× (rounds: ${f.app.map(fmt).join(', ')} / ${f.base.map(fmt).join(', ')})`,
      );
  }
}
