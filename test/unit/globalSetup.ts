import { execFileSync } from 'node:child_process';

/**
 * Before any unit test file: the runner's bundle (dist-runner/runner.mjs), which the runner's
 * process tests start as README says. Built once here: test files run in parallel.
 */
export default function setup() {
  execFileSync('npx', ['vite', 'build', '--config', 'scripts/runner.vite.config.ts', '--logLevel', 'error'], {
    stdio: 'inherit',
  });
}
