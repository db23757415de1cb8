import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * The runner as README starts it (its built bundle, `node dist-runner/runner.mjs`), for tests
 * in Node and in the browser suite.
 */
export const RUNNER = 'dist-runner/runner.mjs';

/** Builds the runner when no build is there (the unit tests' set-up builds it before them). */
export function ensureRunnerBuilt(): void {
  if (existsSync(RUNNER)) return;
  execFileSync('npx', ['vite', 'build', '--config', 'scripts/runner.vite.config.ts', '--logLevel', 'error'], {
    stdio: 'inherit',
  });
}

/** One runner command (install, workflows, import, export…); returns what it printed. */
export const runnerCommand = (...args: string[]) => execFileSync('node', [RUNNER, ...args], { encoding: 'utf8' });

export interface RunnerProcess {
  child: ChildProcess;
  /** The URL it serves on (`http://127.0.0.1:PORT/`). */
  base: string;
  log(): string;
  /** SIGTERM, and waits for it to exit. */
  stop(): Promise<void>;
}

/** Starts `node dist-runner/runner.mjs serve …` on a free port; resolves when it serves. */
export async function startRunnerProcess(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunnerProcess> {
  const child = spawn('node', [RUNNER, ...args, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let log = '';
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the runner did not start: ${log}`)), 20_000);
    child.once('exit', (code) => reject(new Error(`the runner exited (${code}): ${log}`)));
    child.stdout!.on('data', () => {
      const m = /Localflow runner on (http\S+\/) /.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });
  return {
    child,
    base,
    log: () => log,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Waits until the runner's page for this run says it completed. */
export async function runCompleted(base: string, runId: string): Promise<void> {
  for (let i = 0; ; i++) {
    const page = await (await fetch(`${base}runs/${runId}`)).text();
    if (page.includes('class="completed"')) return;
    if (i > 150) throw new Error(`the run did not finish: ${page}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
