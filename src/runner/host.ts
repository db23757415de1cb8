import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { engineServices } from '../db/engineServices';
import { DEFAULT_MAX_EXTERNAL, Engine } from '../engine/engine';
import type { EngineStore } from '../engine/ports';
import { handleHookRequest, isHookUrl } from '../engine/webhookHttp';
import { createQuickJsSandbox } from './code/quickjs';
import { createThreadPool } from './code/threaded';
import type { SqlDatabase } from './sql/database';
import { availableParallelism, hostname } from 'node:os';
import { createSqlEngineStore } from './sql/engineStore';
import { releaseLeases, renewLeases, sqlMailSource } from './sql/rows';
import { seedStandardObjects } from './sql/workspace';
import { runPage, statusPage } from './statusPage';

export interface RunnerOptions {
  database: SqlDatabase;
  /** Where the HTTP port listens (default 127.0.0.1:4190; port 0 picks a free one). */
  host?: string;
  port?: number;
  /** External steps (code, HTTP, email, AI) called at once (default 4). */
  maxExternal?: number;
  /** Record events turned into runs per second at most (default: no limit; the rest wait in the outbox). */
  maxEventsPerSecond?: number;
  /**
   * How often to look for work another runner left (events it wrote, runs it handed back), in
   * ms: this runner's own writes wake it at once (default 500).
   */
  pollMs?: number;
  /** How long a run this runner advances stays its own without renewal (default 30 s; see sql/engineStore.ts). */
  leaseMs?: number;
  log?: (line: string) => void;
  /**
   * The code steps' thread (dist-runner/code-worker.mjs, built beside the runner); without it,
   * code steps run on the runner's own thread, which they hold up to their time limit.
   */
  codeWorker?: URL;
  /** Threads for code steps (default: as many as external calls at once, at most the CPUs). */
  codeThreads?: number;
}

export interface Runner {
  /** The URL the HTTP port answers on (`http://127.0.0.1:4190/`). */
  url: string;
  engine: Engine;
  store: EngineStore;
  /** Stops taking work, finishes what is in hand (committed stays committed), closes the port and the database. */
  stop(): Promise<void>;
}

/**
 * The runner: the same engine as the browser's, always on, over SQL (PGlite or a Postgres
 * server), with one HTTP port for webhook URLs, a health endpoint and a status page.
 */
export async function startRunner(options: RunnerOptions): Promise<Runner> {
  const { database } = options;
  const log = options.log ?? ((line: string) => console.log(line));
  await seedStandardObjects(database);
  const threaded = options.codeWorker
    ? createThreadPool(
        options.codeWorker,
        options.codeThreads ?? Math.min(options.maxExternal ?? DEFAULT_MAX_EXTERNAL, availableParallelism()),
      )
    : undefined;
  const sandbox = threaded ?? createQuickJsSandbox();
  // Record events this runner's engine wrote (a step's record change) wake it at once.
  let wake = () => {};
  // On PGlite this runner is the only one (one per folder): its leases have one name, so a
  // restart takes its runs up at once. On a server each runner process has its own.
  const owner =
    database.kind === 'pglite' ? 'pglite' : `${hostname()}:${process.pid}:${crypto.randomUUID().slice(0, 8)}`;
  const store = createSqlEngineStore(database, Date.now, () => wake(), { owner, leaseMs: options.leaseMs });
  const engine = new Engine(store, {
    maxExternal: options.maxExternal,
    maxEventsPerSecond: options.maxEventsPerSecond,
    services: { ...engineServices(sqlMailSource(database)), runCode: (request) => sandbox.run(request) },
    onError: (error) => log(`engine: ${error instanceof Error ? error.message : String(error)}`),
  });
  wake = () => engine.kick({ outbox: true });
  const started = Date.now();
  let stopping = false;

  const server: Server = createServer((req, res) => {
    void answer(req, res).catch((error: unknown) => {
      log(`http: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('The runner could not answer this request.');
    });
  });

  async function answer(req: IncomingMessage, res: ServerResponse) {
    const base = `http://${req.headers.host ?? 'localhost'}/`;
    const url = new URL(req.url ?? '/', base);
    if (isHookUrl(url, base)) {
      if (stopping) return send(res, json(503, { error: 'the runner is stopping; send it again later' }));
      const method = (req.method ?? 'GET').toUpperCase();
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers))
        for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, v);
      const request = new Request(url, {
        method,
        headers,
        body: method === 'GET' || method === 'HEAD' ? undefined : (Readable.toWeb(req) as ReadableStream),
        duplex: 'half',
      } as RequestInit);
      const navigate = headers.get('sec-fetch-mode') === 'navigate';
      const { response, runId } = await handleHookRequest(request, store, base, Date.now, navigate);
      if (runId) engine.kick();
      return send(res, response);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, json(405, { error: `${req.method} is not answered here` }, { allow: 'GET' }));
    if (url.pathname === '/health') {
      try {
        await database.transaction((s) => s.query('SELECT 1'));
        return send(
          res,
          json(stopping ? 503 : 200, {
            status: stopping ? 'stopping' : 'ok',
            database: database.kind,
            uptimeSeconds: Math.round((Date.now() - started) / 1000),
          }),
        );
      } catch (error) {
        return send(res, json(503, { status: 'database unreachable', error: String(error) }));
      }
    }
    if (url.pathname === '/')
      return send(res, html(200, await statusPage(database, base, url.searchParams.get('before'))));
    const run = /^\/runs\/([0-9a-f-]{36})$/.exec(url.pathname);
    if (run) {
      const page = await runPage(database, run[1]);
      return send(res, page ? html(200, page) : html(404, '<h1>No such run</h1><p><a href="/">All workflows</a></p>'));
    }
    return send(res, json(404, { error: 'not found: the runner answers /, /runs/<id>, /health and /hooks/<id>' }));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4190, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as { address: string; port: number };
  const url = `http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}/`;
  engine.start();
  // Record events written by others wake it at once (a notification from the events table);
  // the regular look also finds runs handed back and leases that ended.
  const unlisten = await database
    .listen('localflow_events', () => engine.kick({ outbox: true }))
    .catch((error: unknown) => {
      log(`Not listening for new events (${(error as Error).message}): looking every ${options.pollMs ?? 500} ms.`);
      return async () => {};
    });
  const poll = setInterval(() => engine.kick({ outbox: true }), options.pollMs ?? 500);
  // Runs in hand stay this runner's while it lives (an external call may outlast a lease).
  const renew = setInterval(
    () =>
      void database
        .transaction((s) => renewLeases(s, store.lease))
        .catch((error: unknown) => log(`leases: ${error instanceof Error ? error.message : String(error)}`)),
    Math.max(1000, store.lease.ms / 3),
  );

  return {
    url,
    engine,
    store,
    async stop() {
      if (stopping) return;
      stopping = true;
      clearInterval(poll);
      await unlisten();
      engine.stop();
      await engine.idle();
      clearInterval(renew);
      // What is left in hand (nothing, or runs waiting for their next group) goes back now.
      await database.transaction((s) => releaseLeases(s, owner)).catch(() => {});
      await threaded?.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
    },
  };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
  });
}

function html(status: number, body: string): Response {
  return new Response(body, {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
  });
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(body);
}
