#!/usr/bin/env node
// npm run typecheck: the app (tsconfig.json), then the Node side (tsconfig.node.json: config
// files, tests, benchmarks and the runner), which reads the app's declarations rather than
// checking its code again (`tsc -b`, which keeps what it checked in node_modules/.cache/tsc: a
// second run checks only what changed); beside them, whole each time, the service worker
// (tsconfig.sw.json), against whose library (WebWorker) the engine code it imports is checked
// too — `tsc -b` would not see a change in those files, which lie outside its folder.
import { spawn } from 'node:child_process';

const COMMANDS = [
  ['-b', 'tsconfig.node.json'],
  ['-p', 'tsconfig.sw.json', '--noEmit'],
];

const check = ([mode, project, ...rest]) =>
  new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['node_modules/typescript/bin/tsc', mode, project, ...rest, '--pretty'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', (error) => resolve({ project, code: 1, out: String(error), ms: Date.now() - started }));
    child.on('close', (code) => resolve({ project, code: code ?? 1, out, ms: Date.now() - started }));
  });

const results = await Promise.all(COMMANDS.map(check));
for (const r of results) {
  if (r.out.trim()) process.stdout.write(r.out.endsWith('\n') ? r.out : `${r.out}\n`);
  const what = r.project === 'tsconfig.node.json' ? 'tsconfig.json + tsconfig.node.json' : r.project;
  console.log(`${what}: ${r.code === 0 ? 'no type errors' : 'type errors'} (${(r.ms / 1000).toFixed(1)} s)`);
}
process.exit(results.every((r) => r.code === 0) ? 0 : 1);
