#!/usr/bin/env node
// What a release would do, without doing it:
//  1. `changeset status`: the pending changesets parse and name workspace packages;
//  2. `changeset version` on a throwaway copy of the working tree: prints each package's new
//     version and the changelog entry it gets (the repository is not touched);
//  3. `pnpm publish -r --dry-run`: each package's tarball holds README.md, LICENSE and
//     package.json, its built dist/ and top-level Markdown only: no tests, no sources.
// Run `pnpm build` first. Ends with `release-check: N passed, M failed`.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { packageDirs, root } from './workspace.mjs';

const changeset = join(root, 'node_modules', '.bin', 'changeset');
const dirs = packageDirs();
let passed = 0;
let failed = 0;
const step = (ok, line) => {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? '✓' : '✗'} ${line}`);
};

// 1. changeset status
const status = spawnSync(changeset, ['status'], { cwd: root, encoding: 'utf8' });
process.stdout.write(status.stdout);
process.stderr.write(status.stderr);
step(status.status === 0, `changeset status${status.status === 0 ? '' : ` exited ${status.status}`}`);

// 2. changeset version on a copy of the tracked and untracked (not ignored) files
const copy = mkdtempSync(join(tmpdir(), 'hookwire-release-'));
try {
  const listed = spawnSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    if (!existsSync(join(root, file))) continue; // deleted in the working tree
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(join(root, file), join(copy, file));
  }
  const before = versions(copy);
  const version = spawnSync(changeset, ['version'], { cwd: copy, encoding: 'utf8' });
  if (version.status !== 0) process.stderr.write(version.stdout + version.stderr);
  const after = versions(copy);
  const bumped = Object.keys(after).filter((name) => after[name].version !== before[name]?.version);
  const leftover = spawnSync('sh', ['-c', 'ls .changeset/*.md 2>/dev/null | grep -v README.md | wc -l'], {
    cwd: copy,
    encoding: 'utf8',
  }).stdout.trim();
  console.log(`\nchangeset version would release ${bumped.length} package(s):`);
  for (const name of bumped.sort()) {
    console.log(`\n${name}: ${before[name]?.version} → ${after[name].version}`);
    const changelog = join(copy, after[name].dir, 'CHANGELOG.md');
    if (existsSync(changelog)) console.log(indent(firstEntry(readFileSync(changelog, 'utf8'))));
  }
  step(
    version.status === 0 && bumped.length > 0 && leftover === '0',
    `changeset version on a copy: ${bumped.length} package(s) bumped, ${leftover} changeset(s) left unconsumed`,
  );
} finally {
  rmSync(copy, { recursive: true, force: true });
}

// 3. pnpm publish -r --dry-run
const publish = spawnSync('pnpm', ['publish', '-r', '--dry-run', '--no-git-checks', '--json'], {
  cwd: root,
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
let tarballs = [];
try {
  tarballs = JSON.parse(publish.stdout);
} catch {
  process.stderr.write(publish.stderr);
}
console.log(`\npnpm publish -r --dry-run: ${tarballs.length} package(s)`);
const published = Object.entries(dirs).filter(
  ([, dir]) => !JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).private,
);
for (const [short] of published) {
  const name = `@hookwire/${short}`;
  const tarball = tarballs.find((entry) => entry.name === name);
  if (!tarball) {
    step(false, `${name}: not in the publish dry run`);
    continue;
  }
  const paths = tarball.files.map((file) => file.path);
  const problems = [];
  for (const required of ['README.md', 'LICENSE', 'package.json']) {
    if (!paths.includes(required)) problems.push(`no ${required}`);
  }
  if (!paths.some((path) => path.startsWith('dist/'))) problems.push('no dist/ (run `pnpm build`)');
  const tests = paths.filter((path) =>
    /(^|\/)(test|tests|__tests__|fixtures)\/|\.(test|spec)\.[cm]?[jt]sx?$/.test(path),
  );
  if (tests.length > 0) problems.push(`test files: ${tests.slice(0, 3).join(', ')}`);
  const stray = paths.filter(
    (path) =>
      !path.startsWith('dist/') && !/^[^/]+\.md$/.test(path) && !['LICENSE', 'package.json'].includes(path),
  );
  if (stray.length > 0) problems.push(`files outside dist/: ${stray.slice(0, 5).join(', ')}`);
  const kib = (tarball.size / 1024).toFixed(1);
  step(
    problems.length === 0,
    `${name}@${tarball.version}: ${paths.length} files, ${kib} KiB${problems.length ? ` — ${problems.join('; ')}` : ''}`,
  );
}
if (publish.status !== 0) step(false, `pnpm publish --dry-run exited ${publish.status}`);

console.log(`\nrelease-check: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

/** Name → { version, dir } of every workspace package in `base`. */
function versions(base) {
  const found = {};
  for (const dir of Object.values(dirs)) {
    const rel = relative(root, dir);
    const file = join(base, rel, 'package.json');
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, 'utf8'));
    found[manifest.name] = { version: manifest.version, dir: rel };
  }
  return found;
}

/** The newest version's section of a CHANGELOG.md. */
function firstEntry(text) {
  const start = text.indexOf('\n## ');
  if (start === -1) return text.trim();
  const next = text.indexOf('\n## ', start + 4);
  return text.slice(start + 1, next === -1 ? undefined : next).trim();
}

function indent(text) {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
