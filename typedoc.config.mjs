// The API reference (`pnpm docs:api` → docs/api/): every public entry point of every package under
// packages/, found from each package.json's `exports` (./dist/testing.js → src/testing.ts).
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { packageDirs, root } from './scripts/workspace.mjs';

const entryPoints = [];
for (const dir of Object.values(packageDirs())) {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  if (manifest.private) continue;
  for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
    const file = typeof target === 'string' ? target : target?.import?.default;
    const source = file?.match(/^\.\/dist\/(.+)\.js$/)?.[1];
    if (source && existsSync(join(dir, 'src', `${source}.ts`)))
      entryPoints.push(relative(root, join(dir, 'src', `${source}.ts`)));
    else if (subpath !== './package.json')
      throw new Error(`typedoc: no source for ${manifest.name} ${subpath}`);
  }
}

/** @type {Partial<import('typedoc').TypeDocOptions>} */
export default {
  name: 'Hookwire',
  entryPoints,
  entryPointStrategy: 'resolve',
  tsconfig: 'tsconfig.typedoc.json',
  out: 'docs/api',
  readme: 'none',
  gitRevision: 'main',
  sourceLinkTemplate: 'https://github.com/hookwire/hookwire/blob/{gitRevision}/{path}#L{line}',
  plugin: ['./scripts/typedoc-package-names.mjs'],
  excludePrivate: true,
  excludeInternal: true,
  // Types are checked by `pnpm typecheck`; here only the declarations are read.
  skipErrorChecking: true,
  validation: { notExported: false, invalidLink: true, notDocumented: false },
  treatWarningsAsErrors: true,
  logLevel: 'Warn',
};
