import { readFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
};

export interface Asset {
  body: Uint8Array;
  type: string;
}

/** The built app's files, read once each and kept in memory (the bundle is small). */
export class AssetFolder {
  private readonly cache = new Map<string, Promise<Asset | undefined>>();
  readonly dir: string;
  constructor(dir: string) {
    this.dir = resolve(dir);
  }

  /** A file under `assets/` by name; `undefined` for anything else, including `..` tricks. */
  asset(name: string): Promise<Asset | undefined> {
    if (!/^[A-Za-z0-9_.-]+$/.test(name) || name.startsWith('.')) return Promise.resolve(undefined);
    return this.read(join('assets', name));
  }

  async indexHtml(): Promise<string | undefined> {
    const asset = await this.read('index.html');
    return asset && new TextDecoder().decode(asset.body);
  }

  private read(relative: string): Promise<Asset | undefined> {
    let found = this.cache.get(relative);
    if (!found) {
      const path = resolve(this.dir, relative);
      found = path.startsWith(this.dir + sep)
        ? readFile(path).then(
            (body) => ({
              body: new Uint8Array(body),
              type: TYPES[extname(path)] ?? 'application/octet-stream',
            }),
            () => undefined,
          )
        : Promise.resolve(undefined);
      // A missing file is not cached: a build that finishes later is picked up.
      found.then((asset) => asset ?? this.cache.delete(relative));
      this.cache.set(relative, found);
    }
    return found;
  }
}
