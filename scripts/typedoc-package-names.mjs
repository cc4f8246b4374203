// TypeDoc plugin: name each entry point's module after the import path users write
// (`@hookwire/github/testing`) instead of its folder (`providers/github/src/testing`).
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Converter, ReflectionKind } from 'typedoc';

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const reflection of context.project.getReflectionsByKind(ReflectionKind.Module)) {
      const file = context.getSymbolFromReflection(reflection)?.declarations?.[0]?.getSourceFile().fileName;
      if (!file) continue;
      const { name } = JSON.parse(readFileSync(join(dirname(dirname(file)), 'package.json'), 'utf8'));
      const entry = basename(file, '.ts');
      reflection.name = entry === 'index' ? name : `${name}/${entry}`;
    }
  });
}
