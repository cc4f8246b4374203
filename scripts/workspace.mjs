// The workspace's packages by name: `@hookwire/github` → `packages/providers/github`. Folders are
// grouped by kind (adapters, providers, sending); package names do not depend on the folder.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));

/** Folders under `packages/` that hold packages of one kind rather than a package themselves. */
export const GROUPS = ['adapters', 'providers', 'sending'];

/** `{ 'github': '/abs/packages/providers/github', … }`, keyed by the name after `@hookwire/`. */
export function packageDirs() {
  const dirs = {};
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name === 'node_modules') continue;
      const folder = join(dir, entry.name);
      const manifest = join(folder, 'package.json');
      if (existsSync(manifest)) {
        const { name } = JSON.parse(readFileSync(manifest, 'utf8'));
        dirs[name.replace(/^@hookwire\//, '')] = folder;
      } else if (GROUPS.includes(entry.name)) visit(folder);
    }
  };
  visit(join(root, 'packages'));
  return dirs;
}
