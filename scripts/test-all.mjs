#!/usr/bin/env node
// Runs every test: the vitest suites of all packages (from source), then the consumer test of the
// packed packages. Ends with one summary line counting both. Under CI (CI set, not "false" or "0")
// a skipped or todo test fails the run: in CI every test runs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'hookwire-tests-'));
const report = join(dir, 'vitest.json');
const vitest = spawnSync(
  'npx',
  [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit' },
);
const ci = !['', 'false', '0'].includes(process.env.CI ?? '');
let passed = 0;
let failed = vitest.status === 0 ? 0 : 1;
let skipped = 0;
try {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  passed = results.numPassedTests;
  failed = results.numFailedTests + (vitest.status === 0 || results.numFailedTests > 0 ? 0 : 1);
  skipped = results.numPendingTests + results.numTodoTests;
  if (skipped > 0) printSkipped(results);
} catch {
  console.error('vitest wrote no report: counting the run as failed');
}
rmSync(dir, { recursive: true, force: true });

const consumer = spawnSync(process.execPath, ['scripts/consumer-test.mjs'], { encoding: 'utf8' });
process.stdout.write(consumer.stdout);
process.stderr.write(consumer.stderr);
const counts = /consumer-test: (\d+) passed, (\d+) failed/.exec(consumer.stdout);
passed += Number(counts?.[1] ?? 0);
failed += counts ? Number(counts[2]) : 1;
if (consumer.status !== 0 && counts && Number(counts[2]) === 0) failed++;

console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped or todo`);
if (ci && skipped > 0) {
  console.error(
    `CI is set: ${skipped} test(s) did not run. Make each one run (start the service, build what it needs) or fail with a clear message; do not skip.`,
  );
}
process.exit(failed === 0 && passed > 0 && !(ci && skipped > 0) ? 0 : 1);

/** Names each test that did not run, so a skip is never silent. */
function printSkipped(results) {
  console.log(`\nskipped or todo (${results.numPendingTests} skipped, ${results.numTodoTests} todo):`);
  for (const file of results.testResults ?? []) {
    for (const test of file.assertionResults ?? []) {
      if (test.status === 'pending' || test.status === 'skipped' || test.status === 'todo') {
        console.log(`  ${test.status}: ${file.name} > ${test.fullName}`);
      }
    }
  }
}
