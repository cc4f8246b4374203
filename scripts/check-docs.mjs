#!/usr/bin/env node
// Runs the code of the guides. Every ```ts / ```js block of docs/*.md is written to docs/.snippets/
// as a module of its own, all of them are typechecked against the built packages (dist types),
// and each is executed with Node (a block that imports `vitest` is run by vitest). A block preceded
// by a `<!-- no-run -->` line is typechecked only: keep that for code that needs a service this
// script cannot start (Next.js, Cloudflare Workers). Prints one line per snippet, then
// `docs: N passed, M failed`; exits 1 on a failure. `node scripts/check-docs.mjs receiving` checks
// the guides whose file name contains `receiving`.
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { packageDirs, root } from './workspace.mjs';

const docsDir = join(root, 'docs');
const outDir = join(docsDir, '.snippets');
const require = createRequire(import.meta.url);
const ts = require('typescript');
const RUN_TIMEOUT_MS = 60_000;
/** Guides whose blocks are excerpts of a larger program, not modules: linked, not run. */
const EXCERPTS = new Set(['scaling.md']);
const LANGUAGES = { ts: 'ts', typescript: 'ts', js: 'js', javascript: 'js', mjs: 'js' };

const filter = process.argv[2];
const guides = readdirSync(docsDir)
  .filter((name) => name.endsWith('.md') && !EXCERPTS.has(name) && (!filter || name.includes(filter)))
  .sort();

/** `{ guide, line, language, code, run, file }` for every block of every guide. */
function extract() {
  const snippets = [];
  for (const guide of guides) {
    const lines = readFileSync(join(docsDir, guide), 'utf8').split('\n');
    let previous = '';
    for (let i = 0; i < lines.length; i++) {
      const fence = lines[i].match(/^```(\w+)\s*$/);
      if (!fence) {
        if (lines[i].trim()) previous = lines[i].trim();
        continue;
      }
      const end = lines.findIndex((line, j) => j > i && line.startsWith('```'));
      if (end < 0) throw new Error(`docs/${guide}:${i + 1}: a code block is never closed.`);
      const language = LANGUAGES[fence[1]];
      if (language) {
        const code = lines.slice(i + 1, end).join('\n');
        const run = previous !== '<!-- no-run -->';
        const vitest = /from 'vitest'/.test(code);
        const stem = `${basename(guide, '.md')}-${String(i + 2).padStart(4, '0')}`;
        const file = join(outDir, `${stem}${vitest ? '.test' : ''}.${language}`);
        snippets.push({ guide, line: i + 2, language, code, run, vitest, file });
      }
      previous = '';
      i = end;
    }
  }
  return snippets;
}

/** docs/.snippets/node_modules: every workspace package, and the libraries the snippets import. */
function linkModules(snippets) {
  const modules = join(outDir, 'node_modules');
  mkdirSync(join(modules, '@hookwire'), { recursive: true });
  const dirs = packageDirs();
  for (const [name, dir] of Object.entries(dirs)) symlinkSync(dir, join(modules, '@hookwire', name), 'dir');
  const wanted = new Set();
  for (const { code } of snippets) {
    for (const [, specifier] of code.matchAll(/from '([^'.][^']*)'/g)) {
      if (specifier.startsWith('node:') || specifier.startsWith('@hookwire/')) continue;
      const name = specifier.startsWith('@')
        ? specifier.split('/').slice(0, 2).join('/')
        : specifier.split('/')[0];
      wanted.add(name);
      wanted.add(`@types/${name.replace(/^@(.+)\/(.+)$/, '$1__$2')}`);
    }
  }
  // A library the root does not install is taken from the first workspace package that does.
  const places = [root, ...Object.values(dirs), join(root, 'apps', 'demo'), join(root, 'bench')];
  for (const name of wanted) {
    if (existsSync(join(root, 'node_modules', name))) continue;
    const found = places.map((dir) => join(dir, 'node_modules', name)).find((path) => existsSync(path));
    if (!found) continue; // an @types package that does not exist, or a typo tsc will name
    mkdirSync(dirname(join(modules, name)), { recursive: true });
    symlinkSync(found, join(modules, name), 'dir');
  }
}

function writeProject(snippets) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'package.json'), `${JSON.stringify({ private: true, type: 'module' })}\n`);
  const compilerOptions = {
    target: 'ES2022',
    lib: ['ES2023'],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    types: ['node'],
    strict: true,
    allowJs: true,
    checkJs: true,
    skipLibCheck: true,
    noEmit: true,
    esModuleInterop: true,
  };
  const files = snippets.map((snippet) => basename(snippet.file));
  writeFileSync(join(outDir, 'tsconfig.json'), `${JSON.stringify({ compilerOptions, files }, null, 2)}\n`);
  writeFileSync(
    join(outDir, 'vitest.config.mjs'),
    "export default { test: { include: ['*.test.ts', '*.test.js'], testTimeout: 30000 } };\n",
  );
  // `export {}` keeps a snippet without imports a module, so snippets never share a global scope.
  for (const snippet of snippets) writeFileSync(snippet.file, `${snippet.code}\nexport {};\n`);
  linkModules(snippets);
}

function exec(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => {
      output += `\n(timed out after ${RUN_TIMEOUT_MS / 1000} s)`;
      child.kill('SIGKILL');
    }, RUN_TIMEOUT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** tsc errors by snippet file. */
async function typecheck() {
  const tsc = join(dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');
  const { output } = await exec(process.execPath, [
    tsc,
    '-p',
    join(outDir, 'tsconfig.json'),
    '--pretty',
    'false',
  ]);
  const errors = new Map();
  let current;
  for (const line of output.split('\n')) {
    const match = line.match(/^(.+?)\((\d+),(\d+)\): error (.*)$/);
    if (match) {
      current = join(root, match[1]);
      if (!current.startsWith(outDir)) current = join(outDir, match[1]);
      const list = errors.get(current) ?? [];
      list.push({ line: Number(match[2]), message: match[4] });
      errors.set(current, list);
    } else if (current && line.startsWith(' ')) {
      errors.get(current).at(-1).message += `\n${line}`;
    } else if (line.trim()) {
      errors.set('(tsc)', [...(errors.get('(tsc)') ?? []), { line: 0, message: line }]);
    }
  }
  return errors;
}

async function execute(snippet) {
  const work = join(outDir, 'work', basename(snippet.file).replace(/\.\w+$/, ''));
  mkdirSync(work, { recursive: true });
  if (snippet.vitest) {
    const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
    return exec(
      process.execPath,
      [
        vitest,
        'run',
        '--root',
        outDir,
        '--config',
        join(outDir, 'vitest.config.mjs'),
        basename(snippet.file),
      ],
      { cwd: outDir },
    );
  }
  let file = snippet.file;
  if (snippet.language === 'ts') {
    const { outputText } = ts.transpileModule(snippet.code, {
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        verbatimModuleSyntax: false,
      },
    });
    file = snippet.file.replace(/\.ts$/, '.run.mjs');
    writeFileSync(file, outputText);
  }
  return exec(process.execPath, [file], { cwd: work });
}

/** Relative links of every guide that lead nowhere: `[docs/x.md, target]`. */
function brokenLinks() {
  const broken = [];
  for (const guide of guides) {
    const text = readFileSync(join(docsDir, guide), 'utf8').replace(/```[\s\S]*?```/g, '');
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/i.test(target) || target.startsWith('#')) continue;
      if (!existsSync(join(docsDir, target.split('#')[0]))) broken.push([`docs/${guide}`, target]);
    }
  }
  return broken;
}

const started = Date.now();
const snippets = extract();
writeProject(snippets);
const errors = await typecheck();
let passed = 0;
let failed = 0;
const report = (ok, snippet, mode, detail) => {
  const where = `docs/${snippet.guide}:${snippet.line}`;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${where} (${mode})`);
  if (!ok) console.log(detail.replace(/^/gm, '     '));
  if (ok) passed++;
  else failed++;
};
for (const snippet of snippets) {
  const typeErrors = errors.get(snippet.file);
  if (typeErrors) {
    const detail = typeErrors
      .map((error) => `line ${snippet.line + error.line - 1}: ${error.message}`)
      .join('\n');
    report(false, snippet, 'typecheck', detail);
    continue;
  }
  if (!snippet.run) {
    report(true, snippet, 'typecheck');
    continue;
  }
  const { code, output } = await execute(snippet);
  report(
    code === 0,
    snippet,
    snippet.vitest ? 'typecheck, vitest' : 'typecheck, run',
    output.trim().slice(-4000),
  );
}
for (const [guide, target] of brokenLinks()) {
  console.log(`FAIL ${guide} (link): ${target} does not exist`);
  failed++;
}
for (const error of errors.get('(tsc)') ?? []) console.log(`tsc: ${error.message}`);
if (errors.has('(tsc)')) failed++;
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`${snippets.length} snippets in ${guides.length} guides, ${seconds} s`);
console.log(`docs: ${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
