import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';

const folder = new URL('./.readme-example/', import.meta.url);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The ```ts block that follows `<!-- runnable: name -->` in the README. */
function runnable(name: string): string {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const start = readme.indexOf(`<!-- runnable: ${name} -->`);
  if (start < 0) throw new Error(`No runnable block "${name}" in the README.`);
  const match = /```ts\n([\s\S]*?)```/.exec(readme.slice(start));
  return match![1]!;
}

describe('README: the delivery-features example runs as written', () => {
  it('delivers the ordered subscription in order and signs the ed25519 one with v1a', async () => {
    mkdirSync(folder, { recursive: true });
    const file = new URL('delivery-features.ts', folder);
    writeFileSync(file, `${runnable('delivery-features')}\nexport {};\n`);
    const printed: unknown[][] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...args) => void printed.push(args));
    try {
      await import(file.href);
    } finally {
      log.mockRestore();
    }
    expect(printed[0]![1]).toMatch(/^whpk_/);
    expect(printed[1]![0]).toEqual(Array.from({ length: 6 }, (_, i) => `/ledger entry_${i + 1} v1`));
    expect(printed[2]![0]).toEqual(['v1a']);
  }, 15_000);
});
