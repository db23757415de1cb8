#!/usr/bin/env node
// npm test: the typecheck, unit tests (Vitest, Node) then browser tests (Playwright, Debian chromium) against a fresh
// build.
// Prints one plain closing line per suite and in total, and fails when a test fails or none ran.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const out = mkdtempSync(join(tmpdir(), 'localflow-test-'));
/** The first line of a failure's message, without colour codes. */
const firstLine = (messages) =>
  (messages.find((m) => m) ?? '')
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')[0]
    .slice(0, 300);
const run = (cmd, args, env = {}) =>
  spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;
const counts = {};
/** The names of the tests that failed, repeated at the end so that a log's last lines show them. */
const failedNames = [];

// Types first: the step, trigger and field registries are mapped types, so a definition that
// lacks a part fails here (test/unit/stepDefinitions.test.ts holds the expected errors).
const typesStatus = run('npm', ['run', '--silent', 'typecheck']);
counts.types = { passed: typesStatus === 0 ? 1 : 0, failed: typesStatus === 0 ? 0 : 1 };
console.log(`typecheck: ${typesStatus === 0 ? 'passed' : 'failed'}`);

const unitJson = join(out, 'unit.json');
const unitStatus = run('npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${unitJson}`,
]);
try {
  const r = JSON.parse(readFileSync(unitJson, 'utf8'));
  counts.unit = {
    passed: r.numPassedTests,
    failed: r.numFailedTests + (unitStatus !== 0 && r.numFailedTests === 0 ? 1 : 0),
  };
  for (const file of r.testResults)
    for (const a of file.assertionResults)
      if (a.status === 'failed')
        failedNames.push(`unit ${relative(process.cwd(), file.name)} › ${a.fullName}: ${firstLine(a.failureMessages)}`);
} catch {
  counts.unit = { passed: 0, failed: 1 };
}
console.log(`unit: ${counts.unit.passed} passed, ${counts.unit.failed} failed`);

const buildStatus = run('npx', ['vite', 'build', '--logLevel', 'warn']);
if (buildStatus !== 0) {
  counts.e2e = { passed: 0, failed: 1 };
  console.log('build failed');
} else {
  const e2eJson = join(out, 'e2e.json');
  const e2eStatus = run('npx', ['playwright', 'test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson,
  });
  try {
    const r = JSON.parse(readFileSync(e2eJson, 'utf8'));
    const failed = r.stats.unexpected + r.stats.flaky;
    counts.e2e = { passed: r.stats.expected, failed: failed + (e2eStatus !== 0 && failed === 0 ? 1 : 0) };
    const walk = (suite) => {
      for (const spec of suite.specs ?? [])
        for (const test of spec.tests)
          if (test.status === 'unexpected' || test.status === 'flaky')
            failedNames.push(
              `e2e ${spec.file}:${spec.line} › ${spec.title} (${test.status}): ${firstLine(test.results.map((x) => x.error?.message ?? ''))}`,
            );
      for (const child of suite.suites ?? []) walk(child);
    };
    for (const suite of r.suites) walk(suite);
  } catch {
    counts.e2e = { passed: 0, failed: 1 };
  }
}
console.log(`e2e: ${counts.e2e.passed} passed, ${counts.e2e.failed} failed`);

if (failedNames.length) console.log(`failed:\n${failedNames.map((n) => `  ${n}`).join('\n')}`);
const passed = counts.unit.passed + counts.e2e.passed;
const failed = counts.types.failed + counts.unit.failed + counts.e2e.failed;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || counts.unit.passed === 0 || counts.e2e.passed === 0 ? 1 : 0);
