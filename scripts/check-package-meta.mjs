#!/usr/bin/env node
// Every workspace package.json has `homepage` and `bugs`, and every published (not private)
// package has a README.md and a LICENSE identical to the root one in its folder (npm and pnpm pack
// a package folder's LICENSE whatever `files` says). Fails listing what is missing, so a package
// added later is caught. `--fix` adds the fields (a small in-place edit: the file's formatting is
// kept) and copies LICENSE.
//
//   node scripts/check-package-meta.mjs [--fix]
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { root } from './workspace.mjs';

const REPOSITORY = 'https://github.com/hookwire/hookwire';
const fix = process.argv.includes('--fix');
const license = readFileSync(join(root, 'LICENSE'), 'utf8');

/** Every folder with a package.json under the workspace globs (node_modules excluded). */
function workspaceFolders() {
  const globs = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8')
    .split('\n')
    .map((line) => /^\s+-\s+['"]?([^'"#\s]+)/.exec(line)?.[1])
    .filter(Boolean);
  const folders = [root];
  for (const glob of globs) {
    const parts = glob.split('/');
    if (parts.at(-1) === '*') {
      const parent = join(root, ...parts.slice(0, -1));
      if (!existsSync(parent)) continue;
      for (const entry of readdirSync(parent, { withFileTypes: true })) {
        if (entry.isDirectory() && existsSync(join(parent, entry.name, 'package.json')))
          folders.push(join(parent, entry.name));
      }
    } else if (existsSync(join(root, glob, 'package.json'))) folders.push(join(root, glob));
  }
  return folders;
}

function addFields(file, text, dir) {
  const homepage = `${REPOSITORY}${dir ? `/tree/main/${dir}` : ''}#readme`;
  const lines = text.split('\n');
  const anchor = ['"license"', '"description"', '"version"', '"name"']
    .map((key) => lines.findIndex((line) => line.trimStart().startsWith(key)))
    .find((index) => index >= 0);
  const indent = /^\s*/.exec(lines[anchor])[0];
  const fields = [];
  if (!/"homepage"\s*:/.test(text)) fields.push(`${indent}"homepage": "${homepage}",`);
  if (!/"bugs"\s*:/.test(text)) fields.push(`${indent}"bugs": { "url": "${REPOSITORY}/issues" },`);
  if (!lines[anchor].trimEnd().endsWith(',')) throw new Error(`${file}: cannot place homepage and bugs`);
  lines.splice(anchor + 1, 0, ...fields);
  writeFileSync(file, lines.join('\n'));
}

const problems = [];
for (const folder of workspaceFolders()) {
  const dir = relative(root, folder);
  const file = join(folder, 'package.json');
  let text = readFileSync(file, 'utf8');
  let manifest = JSON.parse(text);
  const name = manifest.name ?? dir;
  if ((!manifest.homepage || !manifest.bugs) && fix) {
    addFields(file, text, dir);
    text = readFileSync(file, 'utf8');
    manifest = JSON.parse(text);
  }
  if (!manifest.homepage) problems.push(`${name} (${dir || '.'}/package.json) has no "homepage"`);
  if (!manifest.bugs) problems.push(`${name} (${dir || '.'}/package.json) has no "bugs"`);
  if (manifest.private || folder === root) continue;
  if (manifest.license !== 'MIT') problems.push(`${name}: "license" is ${manifest.license}, expected MIT`);
  if (!existsSync(join(folder, 'README.md'))) problems.push(`${name}: no README.md in ${dir}`);
  const own = join(folder, 'LICENSE');
  if (fix && (!existsSync(own) || readFileSync(own, 'utf8') !== license))
    copyFileSync(join(root, 'LICENSE'), own);
  if (!existsSync(own)) problems.push(`${name}: no LICENSE in ${dir} (copy the root LICENSE)`);
  else if (readFileSync(own, 'utf8') !== license)
    problems.push(`${name}: ${dir}/LICENSE differs from the root LICENSE`);
}
if (problems.length > 0) {
  for (const problem of problems) console.error(`✗ ${problem}`);
  console.error(
    `package metadata: ${problems.length} problem(s). Run \`node scripts/check-package-meta.mjs --fix\`.`,
  );
  process.exit(1);
}
console.log(
  'package metadata: every package has homepage and bugs; every published one README.md and LICENSE',
);
