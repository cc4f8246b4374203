#!/usr/bin/env node
// Runs the pnpm version pinned in package.json, installing it with npx when it is not on PATH,
// so a newcomer with only Node and npm can run `npm test` and `npm run demo`.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const { packageManager } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const wanted = packageManager.replace(/^pnpm@/, '');
const args = process.argv.slice(2);

const local = spawnSync('pnpm', ['--version'], { encoding: 'utf8', shell: process.platform === 'win32' });
const useLocal = local.status === 0 && local.stdout.trim() === wanted;
const [cmd, cmdArgs] = useLocal ? ['pnpm', args] : ['npx', ['--yes', `pnpm@${wanted}`, ...args]];
// Native modules (better-sqlite3) build against local Node headers where they exist, so no
// download is needed; pnpm does not read `nodedir` from ~/.npmrc.
const env = { ...process.env };
if (!env.npm_config_nodedir && existsSync('/usr/include/node/node.h')) env.npm_config_nodedir = '/usr';
const result = spawnSync(cmd, cmdArgs, { stdio: 'inherit', env, shell: process.platform === 'win32' });
process.exit(result.status ?? 1);
